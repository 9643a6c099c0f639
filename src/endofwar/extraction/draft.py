"""Draft an annotation file (docs/annotation-format.md) from the extraction of one text.

The draft is what a maintainer reviews instead of coding from scratch. It uses the same
keys as the reviewed files, with `coding_status: auto`; every row quotes its evidence
from the text, with `occurrence` when that evidence occurs more than once, so that the
build resolves it back to exactly the offsets the extractor found. Entities missing from
the registry are defined in the file itself (`experts:`, `institutions:`, `events:`).
"""

from __future__ import annotations

from .entities import Entity
from .events import draft_events, find_registry_events
from .pipeline import Analysis, safe_analyse
from .text import slugify


def evidence(text: str, start: int, end: int) -> dict:
    """{'evidence': text[start:end]} plus 'occurrence' when the string is not unique."""
    needle = text[start:end]
    out: dict = {"evidence": needle}
    if not needle:
        return out
    n = 0
    rank = 0
    i = text.find(needle)
    while i != -1:
        n += 1
        if i == start:
            rank = n
        if n > 1 and rank:
            break
        i = text.find(needle, i + 1)
    if n > 1:
        out["occurrence"] = rank
    return out


class _Ids:
    """Entity ids for the draft: registry ids as they are, slugs for new entities, never
    one id for two things."""

    def __init__(self, registry_ids: set[str]):
        self.used = set(registry_ids)
        self.of: dict[int, str] = {}

    def get(self, ent: Entity) -> str:
        key = id(ent)
        if key in self.of:
            return self.of[key]
        if ent.registry:
            self.of[key] = ent.id
            return ent.id
        base = slugify(ent.name)
        cand, n = base, 2
        while cand in self.used:
            cand = f"{base}-{n}"
            n += 1
        self.used.add(cand)
        self.of[key] = cand
        return cand


def draft_from_analysis(a: Analysis, source_id: str) -> dict:
    text = a.text
    gaz = a.gazetteer
    registry_ids = {k.id for k in gaz.by_id.values() if k.registry} | {str(e.get("event_id")) for e in gaz.events}
    ids = _Ids(registry_ids)
    ents = [e for e in a.entities.entities if e.mentions]
    # quotes and affiliations need ids; only entities that are used get defined
    mentions = []
    for ent in ents:
        m = ent.mentions[0]
        key = "expert_id" if ent.kind == "person" else "institution_id"
        mentions.append({key: ids.get(ent), **evidence(text, m.start, m.end)})
    affiliations = []
    seen_aff = set()
    for ent in ents:
        if ent.kind != "person":
            continue
        for r in ent.roles:
            if r.institution is None:
                continue
            k = (id(ent), id(r.institution), (r.title or "").lower(), r.status)
            if k in seen_aff:
                continue
            if r.title is None and any(x.institution is r.institution and x.title for x in ent.roles):
                continue
            seen_aff.add(k)
            affiliations.append({
                "expert_id": ids.get(ent),
                "institution_id": ids.get(r.institution),
                "title": r.title,
                "status": r.status,
                **evidence(text, r.start, r.end),
            })
    quotes = []
    drafted = [q for q in a.quotes if q.kind != "indirect" or q.speaker is not None]
    qid = {id(q): f"{source_id}-auto-{'r' if q.kind == 'indirect' else 'q'}{q.start}" for q in drafted}
    for q in drafted:
        spk = q.speaker
        kind = q.kind
        if kind in ("statement", "partial") and spk is None:
            kind = "term"  # attributed to a source the text does not name ("a longtime GOP data expert")
        row = {"quote_id": qid[id(q)], **evidence(text, q.start, q.end), "quote_kind": kind,
               "speaker_expert_id": ids.get(spk) if spk is not None and spk.kind == "person" else None,
               "speaker_institution_id": ids.get(spk) if spk is not None and spk.kind == "institution" else None,
               "attribution_text": text[q.attribution[0]:q.attribution[1]] if q.attribution else None,
               "cue_verb": text[q.cue[0]:q.cue[1]] if q.cue else None,
               "continues_quote_id": qid.get(id(q.continues)) if q.continues is not None else None,
               "truncated": q.cut}  # cut off where the excerpt ends
        quotes.append(row)
    # events: registry events the text names, then drafts around dated references
    event_sources, event_actors, new_events = [], [], []
    reg_hits = find_registry_events(text, gaz)
    for ev, s, e in reg_hits:
        event_sources.append({"event_id": str(ev["event_id"]), **evidence(text, s, e)})
    drafts = draft_events(text, a.layout, a.dates, a.entities, [(s, e) for _, s, e in reg_hits])
    for de in drafts:
        eid = de.event_id
        n = 2
        while eid in ids.used:
            eid = f"{de.event_id}-{n}"
            n += 1
        ids.used.add(eid)
        d = de.date
        new_events.append({
            "event_id": eid,
            "title": de.title,
            "event_type": de.event_type,
            "date_start": d.date_start,
            "date_end": d.date_end,
            "date_precision": d.precision,
            "date_text": text[d.start:d.end],
            "date_basis": d.basis,
            "location": None,
            "country": None,
        })
        event_sources.append({"event_id": eid, **evidence(text, de.evidence[0], de.evidence[1])})
        for ent, role, s, e in de.actors:
            key = "actor_expert_id" if ent.kind == "person" else "actor_institution_id"
            event_actors.append({"event_id": eid, key: ids.get(ent), "role": role, **evidence(text, s, e)})
    experts_new, insts_new = [], []
    for ent in ents:
        if ent.registry:
            continue
        if ent.kind == "person":
            experts_new.append({"expert_id": ids.get(ent), "name": ent.name, "person_type": ent.type or "other",
                                "country": ent.country, "aliases": sorted(set(ent.aliases) - {ent.name})})
        else:
            insts_new.append({"institution_id": ids.get(ent), "name": ent.name, "abbreviation": ent.abbreviation,
                              "institution_type": ent.type or "other", "country": ent.country,
                              "parent_id": ent.parent_id if ent.parent_id in ids.used else None,
                              "aliases": sorted(set(ent.aliases) - {ent.name})})
    return {
        "source_id": source_id,
        "coding_status": "auto",
        "mentions": mentions,
        "affiliations": affiliations,
        "quotes": quotes,
        "preconditions": [],
        "event_sources": event_sources,
        "event_actors": event_actors,
        "precondition_candidates": [evidence(text, s, e) for s, e, _ in a.candidates],
        "claims": _claim_rows(a, source_id, ids, qid),
        "experts": experts_new,
        "institutions": insts_new,
        "events": new_events,
    }


def _claim_rows(a: Analysis, source_id: str, ids: "_Ids", qid: dict) -> list[dict]:
    """The drafted claims as annotation rows: the actor a drafted quote's speaker (then the claim
    rests on that quote), or the voice of the text with the institution it speaks for."""
    rows, seen = [], {}
    for c in a.claims:
        if c.actor is not None and (c.quote is None or id(c.quote) not in qid):
            continue  # its quote is not drafted (a speaker the draft cannot name)
        n = seen[c.start] = seen.get(c.start, 0) + 1
        row = {"claim_id": f"{source_id}-auto-c{c.start}-{n}"}
        if c.actor is not None:
            key = "actor_expert_id" if c.actor.kind == "person" else "actor_institution_id"
            row.update({key: ids.get(c.actor), "quote_id": qid[id(c.quote)]})
        else:
            person, state = (a.voice or {}).get("expert_id"), (a.voice or {}).get("institution_id")
            row.update({"actor_expert_id": person, "speaks_for_institution_id": state} if person
                       else {"actor_institution_id": state})
        row.update(concept_id=c.concept_id, agreement=c.agreement, **evidence(a.text, c.start, c.end))
        rows.append(row)
    return rows


def draft_annotation(text, source_id: str, registry: dict | None = None, published=None, concepts=None,
                     voice=None) -> dict:
    """An annotation-file dict (coding_status: auto) for ``text``. Never raises on text.
    ``concepts`` and ``voice`` as for ``endofwar.extraction.analyse``."""
    a = safe_analyse(text, published, registry, concepts, voice)
    if a is None:
        return {"source_id": source_id, "coding_status": "auto", "mentions": [], "affiliations": [],
                "quotes": [], "preconditions": [], "event_sources": [], "event_actors": [],
                "precondition_candidates": [], "claims": [], "experts": [], "institutions": [], "events": []}
    return draft_from_analysis(a, source_id)
