-- Views over the published tables, defined by endofwar.connect() and `endofwar export-duckdb`.
-- The base tables (sources, experts, institutions, mentions, affiliations, quotes,
-- preconditions, events, event_sources, event_actors, concepts, claims) are defined before
-- this file runs.

-- Each quote with its speaker's name, the speaker's affiliation as the same source states it,
-- and the source's title, outlet, date and address.
CREATE OR REPLACE VIEW quote_details AS
WITH source_affiliation AS (
    SELECT a.source_id, a.expert_id,
           string_agg(coalesce(a.title || ', ', '') || i.name || CASE WHEN a.status = 'former' THEN ' (former)' ELSE '' END,
                      '; ' ORDER BY a.char_start) AS affiliation
    FROM affiliations a JOIN institutions i USING (institution_id)
    GROUP BY a.source_id, a.expert_id
)
SELECT q.quote_id,
       q.quote_kind,
       q.text,
       coalesce(e.name, i.name) AS speaker_name,
       CASE WHEN e.expert_id IS NOT NULL THEN 'person' WHEN i.institution_id IS NOT NULL THEN 'institution' END AS speaker_kind,
       coalesce(q.speaker_expert_id, q.speaker_institution_id) AS speaker_id,
       sa.affiliation AS speaker_affiliation,
       q.attribution_text,
       q.cue_verb,
       q.continues_quote_id,
       q.source_id,
       s.title AS source_title,
       s.outlet,
       s.published_start,
       s.published_end,
       s.published_precision,
       s.url,
       q.char_start,
       q.char_end,
       q.coding_status
FROM quotes q
JOIN sources s USING (source_id)
LEFT JOIN experts e ON e.expert_id = q.speaker_expert_id
LEFT JOIN institutions i ON i.institution_id = q.speaker_institution_id
LEFT JOIN source_affiliation sa ON sa.source_id = q.source_id AND sa.expert_id = q.speaker_expert_id
ORDER BY s.published_start, q.source_id, q.char_start;

-- One row per person: every affiliation as stated, and how often they are quoted and where.
CREATE OR REPLACE VIEW expert_directory AS
SELECT e.expert_id,
       e.name,
       e.person_type,
       e.country,
       (SELECT string_agg(DISTINCT coalesce(a.title || ', ', '') || i.name || CASE WHEN a.status = 'former' THEN ' (former)' ELSE '' END, '; ')
        FROM affiliations a JOIN institutions i USING (institution_id) WHERE a.expert_id = e.expert_id) AS affiliations,
       (SELECT count(*) FROM quotes q WHERE q.speaker_expert_id = e.expert_id) AS quote_count,
       (SELECT count(DISTINCT m.source_id) FROM mentions m WHERE m.expert_id = e.expert_id) AS source_count,
       e.coding_status
FROM experts e
ORDER BY e.name;

-- Events in date order, fuzzy dates as bounds plus precision, with actors and sources.
CREATE OR REPLACE VIEW timeline AS
SELECT ev.event_id,
       ev.date_start,
       ev.date_end,
       ev.date_precision,
       ev.date_text,
       ev.date_basis,
       ev.event_type,
       ev.title,
       ev.location,
       (SELECT string_agg(DISTINCT coalesce(e.name, i.name) || ' (' || ea.role || ')', '; ')
        FROM event_actors ea
        LEFT JOIN experts e ON e.expert_id = ea.actor_expert_id
        LEFT JOIN institutions i ON i.institution_id = ea.actor_institution_id
        WHERE ea.event_id = ev.event_id) AS actors,
       (SELECT string_agg(DISTINCT es.source_id, '; ') FROM event_sources es WHERE es.event_id = ev.event_id) AS sources,
       ev.coding_status
FROM events ev
ORDER BY ev.date_start, ev.date_end, ev.event_id;

-- Each precondition with the names of the parties and the statement event it was made at.
CREATE OR REPLACE VIEW precondition_details AS
SELECT p.precondition_id,
       coalesce(de.name, di.name) AS demander,
       ai.name AS addressee,
       p.required_action,
       p.issue_area,
       p.gated_step,
       p.sequencing,
       p.modality,
       coalesce(re.name, ri.name) AS reported_by,
       p.event_id,
       ev.title AS event_title,
       p.source_id,
       p.evidence,
       p.char_start,
       p.char_end,
       p.coding_status
FROM preconditions p
LEFT JOIN experts de ON de.expert_id = p.demander_expert_id
LEFT JOIN institutions di ON di.institution_id = p.demander_institution_id
LEFT JOIN institutions ai ON ai.institution_id = p.addressee_institution_id
LEFT JOIN experts re ON re.expert_id = p.reported_by_expert_id
LEFT JOIN institutions ri ON ri.institution_id = p.reported_by_institution_id
LEFT JOIN events ev ON ev.event_id = p.event_id
ORDER BY p.source_id, p.char_start;

-- Who demands what before (or together with) which step, how the text gives it: one row per
-- demander, issue area, gated step, sequencing and modality. `statements` counts a demand made
-- at one statement event once, however many sources report it.
CREATE OR REPLACE VIEW precondition_matrix AS
SELECT demander,
       issue_area,
       gated_step,
       sequencing,
       modality,
       count(*) AS preconditions,
       count(DISTINCT coalesce(event_id, precondition_id)) AS statements,
       count(DISTINCT source_id) AS sources,
       string_agg(required_action, ' | ' ORDER BY source_id, char_start) AS required_actions,
       string_agg(precondition_id, ', ' ORDER BY source_id, char_start) AS precondition_ids
FROM precondition_details
GROUP BY demander, issue_area, gated_step, sequencing, modality
ORDER BY demander, gated_step, issue_area, sequencing, modality;

-- Each claim with the names of its actor, the institution the actor speaks for, the concept,
-- the statement event, the quote or precondition it rests on, and its source.
CREATE OR REPLACE VIEW claim_details AS
SELECT c.claim_id,
       coalesce(c.actor_expert_id, c.actor_institution_id) AS actor_id,
       CASE WHEN c.actor_expert_id IS NOT NULL THEN 'person' ELSE 'institution' END AS actor_kind,
       coalesce(e.name, i.name) AS actor_name,
       c.speaks_for_institution_id,
       sf.name AS speaks_for,
       c.concept_id,
       k.label AS concept,
       k.definition AS concept_definition,
       c.agreement,
       c.date_start,
       c.date_end,
       c.date_precision,
       c.date_text,
       c.date_basis,
       c.event_id,
       ev.title AS event_title,
       c.quote_id,
       q.text AS quote_text,
       c.precondition_id,
       p.required_action,
       c.source_id,
       s.title AS source_title,
       s.outlet,
       s.outlet_kind,
       s.published_start,
       s.url,
       c.evidence,
       c.char_start,
       c.char_end,
       c.coding_status
FROM claims c
JOIN sources s ON s.source_id = c.source_id
JOIN concepts k ON k.concept_id = c.concept_id
LEFT JOIN experts e ON e.expert_id = c.actor_expert_id
LEFT JOIN institutions i ON i.institution_id = c.actor_institution_id
LEFT JOIN institutions sf ON sf.institution_id = c.speaks_for_institution_id
LEFT JOIN events ev ON ev.event_id = c.event_id
LEFT JOIN quotes q ON q.quote_id = c.quote_id
LEFT JOIN preconditions p ON p.precondition_id = c.precondition_id
ORDER BY c.date_start NULLS LAST, c.source_id, c.char_start;

-- Who stands where: one row per actor (as coded: a person or an institution) and concept, with
-- the claims that agree and disagree, and the same counted once per statement (the claims of one
-- statement event, however many sources report it).
CREATE OR REPLACE VIEW actor_concept_matrix AS
SELECT actor_id,
       actor_kind,
       actor_name,
       concept_id,
       concept,
       count(*) FILTER (WHERE agreement = 'agree') AS agree,
       count(*) FILTER (WHERE agreement = 'disagree') AS disagree,
       count(DISTINCT coalesce(event_id, claim_id)) FILTER (WHERE agreement = 'agree') AS agree_statements,
       count(DISTINCT coalesce(event_id, claim_id)) FILTER (WHERE agreement = 'disagree') AS disagree_statements,
       count(DISTINCT source_id) AS sources,
       min(date_start) AS first_date,
       max(date_end) AS last_date,
       string_agg(claim_id, ', ' ORDER BY source_id, char_start) AS claim_ids
FROM claim_details
GROUP BY actor_id, actor_kind, actor_name, concept_id, concept
ORDER BY actor_name, concept_id;
