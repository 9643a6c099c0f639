-- Views over the published tables, defined by endofwar.connect() and `endofwar export-duckdb`.
-- The base tables (sources, experts, institutions, mentions, affiliations, quotes,
-- preconditions, events, event_sources, event_actors) are defined before this file runs.

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

-- Each precondition with the names of the parties.
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
ORDER BY p.source_id, p.char_start;

-- Who demands what before which step: one row per demander, issue area and gated step.
CREATE OR REPLACE VIEW precondition_matrix AS
SELECT demander,
       issue_area,
       gated_step,
       count(*) AS preconditions,
       count(DISTINCT source_id) AS sources,
       string_agg(DISTINCT modality, ', ') AS modalities,
       string_agg(required_action, ' | ' ORDER BY source_id, char_start) AS required_actions,
       string_agg(precondition_id, ', ' ORDER BY source_id, char_start) AS precondition_ids
FROM precondition_details
GROUP BY demander, issue_area, gated_step
ORDER BY demander, gated_step, issue_area;
