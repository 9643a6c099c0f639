"""The codebook's rules that read a row against rows of other tables of the same source.

A claim resting on a quote has the quote's speaker as its actor; one resting on a precondition
has its demander as actor (or as the institution the actor speaks for); a claim or precondition
made at a statement event names an event its source mentions; a dated claim says how it was
dated. A precondition names the step it demands, and an official voicing a state's demand is
coded as that state. Every rule reads rows of one source only, so the checks run on the rows of
the sources an incremental build recomputed as well as on whole tables.
"""

from __future__ import annotations

import re

from endofwar.errors import EndofwarError

OFFICIALS = ("official", "head_of_state_or_government")  # person_type values that speak for a state
UNNAMED = re.compile(r"\b(?:not specified|unspecified|not named|unnamed)\b", re.IGNORECASE)
PLACEHOLDER = re.compile(  # "conditions", "the right conditions", "North Korea's demands": a condition, no step
    r"(?:(?:the|its|their|his|her|some|certain|right|[A-Z][\w-]*|[\w-]+['’]s)\s+)*(?:pre)?(?:conditions?|demands?|terms|requirements)",
    re.IGNORECASE,
)


def coding_errors(arrows: dict, display: dict) -> list[EndofwarError]:
    """The rules above on typed tables (table name -> Arrow table); display: table name -> the
    file name errors give (rows are numbered as in that CSV: header row 1)."""
    mentioned = set(_values(arrows["event_sources"], ["event_id", "source_id"]))
    return (_claim_errors(arrows, mentioned, display["claims"])
            + _precondition_errors(arrows, mentioned, display["preconditions"]))


def _values(table, fields: list[str]) -> list[tuple]:
    return list(zip(*(table.column(f).to_pylist() for f in fields))) if table.num_rows else []


def _rows(table, fields: list[str]) -> list[dict]:
    return table.select(fields).to_pylist()


def _referenced(table, key: str, ids: list, fields: list[str]) -> dict:
    """The rows of `table` whose `key` is one of ids, as key -> {field: value}."""
    import pyarrow as pa
    import pyarrow.compute as pc

    wanted = pa.array(sorted({i for i in ids if i is not None}), pa.string())
    found = table.filter(pc.is_in(table.column(key), value_set=wanted)) if len(wanted) else table.slice(0, 0)
    return {row[key]: row for row in _rows(found, [key, *fields])}


def _party(expert, institution) -> str:
    return f"person '{expert}'" if expert else f"institution '{institution}'" if institution else "nobody"


def _claim_errors(arrows: dict, mentioned: set, display: str) -> list[EndofwarError]:
    claims = _rows(arrows["claims"], ["claim_id", "source_id", "actor_expert_id", "actor_institution_id",
                                      "speaks_for_institution_id", "date_start", "date_end", "date_text", "date_basis",
                                      "event_id", "quote_id", "precondition_id"])
    quotes = _referenced(arrows["quotes"], "quote_id", [c["quote_id"] for c in claims],
                         ["source_id", "speaker_expert_id", "speaker_institution_id"])
    preconditions = _referenced(arrows["preconditions"], "precondition_id", [c["precondition_id"] for c in claims],
                                ["source_id", "demander_expert_id", "demander_institution_id"])
    errors = []
    for i, claim in enumerate(claims):
        def error(message, field, fix, row=i + 2):
            errors.append(EndofwarError(message, file=display, row=row, field=field, fix=fix))

        actor = (claim["actor_expert_id"], claim["actor_institution_id"])
        quote = quotes.get(claim["quote_id"])
        if quote and quote["source_id"] != claim["source_id"]:
            error(f"quote {claim['quote_id']} is in {quote['source_id']}, not in the claim's source", "quote_id",
                  "a claim rests on a quote of its own source")
        elif quote and (quote["speaker_expert_id"], quote["speaker_institution_id"]) != actor:
            speaker = _party(quote["speaker_expert_id"], quote["speaker_institution_id"])
            error(f"the claim rests on quote {claim['quote_id']}, whose speaker is {speaker}, but its actor is {_party(*actor)}",
                  "actor_expert_id,actor_institution_id",
                  f"make the quote's speaker the actor ({speaker}); a person speaking for a body keeps the body in speaks_for_institution_id")
        demand = preconditions.get(claim["precondition_id"])
        if demand and demand["source_id"] != claim["source_id"]:
            error(f"precondition {claim['precondition_id']} is in {demand['source_id']}, not in the claim's source",
                  "precondition_id", "a claim rests on a precondition of its own source")
        elif demand and not _demanded_by(demand, actor, claim["speaks_for_institution_id"]):
            demander = _party(demand["demander_expert_id"], demand["demander_institution_id"])
            error(f"the claim rests on precondition {claim['precondition_id']}, demanded by {demander}, but its actor is "
                  f"{_party(*actor)}" + (f" speaking for '{claim['speaks_for_institution_id']}'" if claim["speaks_for_institution_id"] else ""),
                  "actor_expert_id,actor_institution_id,speaks_for_institution_id",
                  f"make the demander the actor, or the institution the actor speaks for ({demander})")
        if claim["event_id"] and (claim["event_id"], claim["source_id"]) not in mentioned:
            error(f"event '{claim['event_id']}' is not mentioned in {claim['source_id']}", "event_id",
                  "add an event_sources row for it in this source's annotation file, or leave event_id empty")
        dated = claim["date_start"] is not None or claim["date_end"] is not None
        if dated and not claim["date_basis"]:
            error("a dated claim needs its date_basis", "date_basis", "add date_basis: explicit, relative or inferred")
        for field in ("date_text", "date_basis"):
            if not dated and claim[field]:
                error(f"{field} is set but the claim has no date", field, "add date_start, date_end and date_precision, or remove it")
    return errors


def _demanded_by(demand: dict, actor: tuple, speaks_for) -> bool:
    """Whether the claim's actor is the precondition's demander, or speaks for it."""
    return ((demand["demander_expert_id"], demand["demander_institution_id"]) == actor
            or (demand["demander_institution_id"] is not None and demand["demander_institution_id"] == speaks_for))


def names_no_step(required_action: str) -> bool:
    """Whether a precondition's required_action says only that a condition exists ('conditions placed
    on the declaration (not specified in the sentence)', "North Korea's demands") and names no step."""
    bare = re.sub(r"\([^)]*\)", " ", required_action).strip()
    return bool(UNNAMED.search(required_action)) or bool(PLACEHOLDER.fullmatch(" ".join(bare.split())))


def _precondition_errors(arrows: dict, mentioned: set, display: str) -> list[EndofwarError]:
    rows = _rows(arrows["preconditions"], ["precondition_id", "source_id", "demander_expert_id", "required_action", "event_id"])
    person_type = {r["expert_id"]: r["person_type"] for r in _rows(arrows["experts"], ["expert_id", "person_type"])}
    affiliations: dict = {}
    for expert, institution, source, status in _values(arrows["affiliations"], ["expert_id", "institution_id", "source_id", "status"]):
        affiliations.setdefault((expert, source), []).append((status, institution))
    errors = []
    for i, row in enumerate(rows):
        def error(message, field, fix, row_number=i + 2):
            errors.append(EndofwarError(message, file=display, row=row_number, field=field, fix=fix))

        if row["required_action"] and names_no_step(row["required_action"]):
            error(f"required_action {row['required_action']!r} names no step", "required_action",
                  "code each condition where the text names it and remove this row: a condition the text does not "
                  "name is not a precondition (docs/codebook.md, preconditions: unspecified conditions)")
        expert = row["demander_expert_id"]
        if expert and person_type.get(expert) in OFFICIALS:
            stated = affiliations.get((expert, row["source_id"]), [])
            current = [institution for status, institution in stated if status == "current"]
            if current or not stated:
                body = f"demander_institution_id: {current[0]}" if current else "demander_institution_id: the state or body they speak for"
                error(f"demander '{expert}' is an official (person_type {person_type[expert]}) with no former-only affiliation "
                      "in this source: an official voicing a demand is coded as the state or body they speak for",
                      "demander_expert_id",
                      f"write {body} instead (a former official speaking for themself has only former affiliations in the source)")
        if row["event_id"] and (row["event_id"], row["source_id"]) not in mentioned:
            error(f"event '{row['event_id']}' is not mentioned in {row['source_id']}", "event_id",
                  "add an event_sources row for it in this source's annotation file, or leave event_id empty")
    return errors
