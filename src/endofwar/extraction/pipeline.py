"""Run the extraction steps over one text and report plain, offset-checked records.

Order matters: quotation marks first (sentence splitting must not cut inside a quote),
then layout, entities, attribution, dates and precondition candidates. `extract` never
raises: each step is guarded, and every reported span is checked against the text
(`text[char_start:char_end]` equals the reported text) before it leaves.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from . import lexicon
from .attribution import attribute
from .claims import ClaimDraft, concepts_from, find_claims
from .cues import FORMS
from .dates import DateRef, find_dates
from .entities import Entities, Entity, find_entities
from .gazetteer import Gazetteer, gazetteer_for
from .preconditions import find_candidates
from .quotes import Quote, find_quotes
from .text import Layout

log = logging.getLogger(__name__)


@dataclass
class Analysis:
    text: str
    layout: Layout
    gazetteer: Gazetteer
    quotes: list[Quote]
    entities: Entities
    dates: list[DateRef]
    candidates: list[tuple[int, int, list[str]]]
    published: date | None
    claims: list[ClaimDraft]
    voice: dict | None  # the speaker whose statement the whole text is: {"expert_id", "institution_id"}


def prepare(text: str, registry: dict | None = None) -> tuple[Gazetteer, Layout, list[Quote], Entities]:
    """The steps attribution reads: layout, quotation marks (no sentence ends inside a
    quotation), then people and institutions."""
    gaz = gazetteer_for(registry)
    layout = Layout(text)
    quotes = find_quotes(text, layout)
    if quotes:
        layout.protect([(q.open_mark, (q.close_mark + 1) if q.close_mark is not None else q.end)
                        for q in quotes if not q.nested])
    ents = find_entities(text, layout, gaz)
    return gaz, layout, quotes, ents


def analyse(text: str, published: date | None = None, registry: dict | None = None, concepts: list | None = None,
            voice: dict | None = None) -> Analysis:
    """All steps, unguarded (tests call this to see real exceptions). ``concepts``: the entries of
    annotations/concepts.yaml, for drafting claims; ``voice``: the speaker of a text that is one
    speaker's statement ({"expert_id": ..., "institution_id": ...}), the actor of its own sentences."""
    gaz, layout, quotes, ents = prepare(text, registry)
    quotes = attribute(text, layout, quotes, ents)
    if voice:
        quotes = _without_the_voice_now(text, quotes)
    dates = find_dates(text, layout, published)
    cands = find_candidates(text, layout)
    claims = find_claims(text, layout, quotes, concepts_from(concepts), voice=bool(voice),
                         cue_lemma=lambda q: _lemma(text, q))
    return Analysis(text, layout, gaz, quotes, ents, dates, cands, published, claims, voice or None)


def _without_the_voice_now(text: str, quotes: list[Quote]) -> list[Quote]:
    """A statement's own sentences are not quotes (codebook, "Statements"): "I hope that …", "my
    delegation believes …" are its voice speaking now, so they are no reported speech (nor is a
    continuation of one); "I announced that …", "we have made clear that …" report its earlier
    words and stay."""
    dropped: set[int] = set()
    for q in quotes:
        if _voice_now(text, q) or (q.continues is not None and id(q.continues) in dropped):
            dropped.add(id(q))
    return [q for q in quotes if id(q) not in dropped]


def _voice_now(text: str, q: Quote) -> bool:
    """Reported speech whose source opens in the first person and whose cue is in the present."""
    if q.kind != "indirect" or q.attribution is None or q.cue is None or q.attribution[0] >= q.cue[0]:
        return False
    source = text[q.attribution[0]:q.cue[0]].split()
    verb = text[q.cue[0]:q.cue[1]].split()
    return bool(source and verb) and source[0].lower() in lexicon.FIRST_PERSON and \
        FORMS.get(verb[0].lower(), ("", "", ""))[2] in ("base", "third")


def _lemma(text: str, q: Quote) -> str | None:
    """The lemma of a quote's cue verb ("rejected" -> "reject")."""
    if q.cue is None:
        return None
    words = text[q.cue[0]:q.cue[1]].lower().split()
    return FORMS[words[0]][0] if words and words[0] in FORMS else None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _span(text: str, s: int, e: int) -> dict:
    return {"text": text[s:e], "char_start": s, "char_end": e}


def to_records(a: Analysis) -> dict:
    text = a.text
    quotes = []
    for q in a.quotes:
        spk: Entity | None = q.speaker
        cont = q.continues.start if q.continues is not None else None
        rec = {
            "text": text[q.start:q.end],
            "char_start": q.start,
            "char_end": q.end,
            "quote_kind": q.kind,
            "speaker": spk.name if spk is not None else None,
            "speaker_kind": spk.kind if spk is not None else None,
            "speaker_id": spk.id if spk is not None else None,
            "attribution_text": text[q.attribution[0]:q.attribution[1]] if q.attribution else None,
            "attribution_start": q.attribution[0] if q.attribution else None,
            "attribution_end": q.attribution[1] if q.attribution else None,
            "cue_verb": text[q.cue[0]:q.cue[1]] if q.cue else None,
            "cue_start": q.cue[0] if q.cue else None,
            "cue_end": q.cue[1] if q.cue else None,
            "speaker_affiliation": q.speaker_affiliation,
            "continues": cont,
        }
        quotes.append(rec)
    persons, institutions = [], []
    for ent in a.entities.entities:
        first = ent.mentions[0]
        base = {
            "name": ent.name,
            "id": ent.id,
            "in_registry": ent.registry,
            **_span(text, first.start, first.end),
            "mentions": [{**_span(text, m.start, m.end), "how": m.how} for m in ent.mentions],
            "aliases": list(ent.aliases),
            "country": ent.country,
        }
        if ent.kind == "person":
            base["person_type"] = ent.type
            base["roles"] = [
                {
                    "title": r.title,
                    "institution": r.institution.name if r.institution is not None else None,
                    "institution_id": r.institution.id if r.institution is not None else None,
                    "status": r.status,
                    "evidence": text[r.start:r.end],
                    "char_start": r.start,
                    "char_end": r.end,
                }
                for r in ent.roles
            ]
            persons.append(base)
        else:
            base["institution_type"] = ent.type
            base["abbreviation"] = ent.abbreviation
            base["spans"] = base.pop("mentions")
            institutions.append(base)
    dates = [
        {
            "date_text": text[d.start:d.end],
            "char_start": d.start,
            "char_end": d.end,
            "date_start": _iso(d.date_start),
            "date_end": _iso(d.date_end),
            "date_precision": d.precision,
            "date_basis": d.basis,
            "anchor_text": text[d.anchor[0]:d.anchor[1]] if d.anchor else None,
        }
        for d in a.dates
    ]
    cands = [{**_span(text, s, e), "cues": cues} for s, e, cues in a.candidates]
    claims = [_claim_record(text, c, a.voice) for c in a.claims]
    return {"quotes": quotes, "persons": persons, "institutions": institutions, "dates": dates,
            "precondition_candidates": cands, "claims": claims}


def _claim_record(text: str, c: ClaimDraft, voice: dict | None) -> dict:
    """A drafted claim: its evidence, concept, agreement and actor (the quote's speaker, or the
    voice of the text with the institution it speaks for)."""
    rec = {**_span(text, c.start, c.end), "concept_id": c.concept_id, "agreement": c.agreement,
           "quote_start": c.quote.start if c.quote is not None else None}
    if c.actor is not None:
        rec.update(actor=c.actor.name, actor_kind=c.actor.kind, actor_id=c.actor.id, speaks_for_id=None)
    else:
        person = (voice or {}).get("expert_id")
        rec.update(actor=None, actor_kind="person" if person else "institution",
                   actor_id=person or (voice or {}).get("institution_id"),
                   speaks_for_id=(voice or {}).get("institution_id") if person else None)
    return rec


def check_offsets(text: str, rec: dict) -> list[str]:
    """Every span in a record set, as (path, problem) messages; empty when all resolve."""
    problems = []

    def chk(path: str, s, e, expect):
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)) or text[s:e] != expect:
            problems.append(f"{path}: [{s}, {e}) does not hold {expect!r}")

    for i, q in enumerate(rec.get("quotes", [])):
        chk(f"quotes[{i}]", q["char_start"], q["char_end"], q["text"])
        if q.get("attribution_text") is not None:
            chk(f"quotes[{i}].attribution", q["attribution_start"], q["attribution_end"], q["attribution_text"])
        if q.get("cue_verb") is not None:
            chk(f"quotes[{i}].cue", q["cue_start"], q["cue_end"], q["cue_verb"])
    for i, p in enumerate(rec.get("persons", [])):
        chk(f"persons[{i}]", p["char_start"], p["char_end"], p["text"])
        for j, m in enumerate(p["mentions"]):
            chk(f"persons[{i}].mentions[{j}]", m["char_start"], m["char_end"], m["text"])
        for j, r in enumerate(p["roles"]):
            chk(f"persons[{i}].roles[{j}]", r["char_start"], r["char_end"], r["evidence"])
    for i, inst in enumerate(rec.get("institutions", [])):
        chk(f"institutions[{i}]", inst["char_start"], inst["char_end"], inst["text"])
        for j, m in enumerate(inst["spans"]):
            chk(f"institutions[{i}].spans[{j}]", m["char_start"], m["char_end"], m["text"])
    for i, d in enumerate(rec.get("dates", [])):
        chk(f"dates[{i}]", d["char_start"], d["char_end"], d["date_text"])
    for i, c in enumerate(rec.get("precondition_candidates", [])):
        chk(f"precondition_candidates[{i}]", c["char_start"], c["char_end"], c["text"])
    for i, c in enumerate(rec.get("claims", [])):
        chk(f"claims[{i}]", c["char_start"], c["char_end"], c["text"])
    return problems


def empty() -> dict:
    return {"quotes": [], "persons": [], "institutions": [], "dates": [], "precondition_candidates": [], "claims": []}


def _coerce_text(text) -> str | None:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        return bytes(text).decode("utf-8", errors="replace")
    return None


def _coerce_date(published) -> date | None:
    if isinstance(published, date):
        return published if not hasattr(published, "date") else published.date()
    if isinstance(published, str):
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


def voice_of(fields) -> dict | None:
    """The speaker whose statement the whole text is, from a source's fields (its sources.yaml
    entry or its row in the sources table), else None."""
    voice = {"expert_id": fields.get("speaker_expert_id") or None,
             "institution_id": fields.get("speaker_institution_id") or None}
    return voice if any(voice.values()) else None


def safe_analyse(text, published=None, registry=None, concepts=None, voice=None) -> Analysis | None:
    t = _coerce_text(text)
    if t is None:
        return None
    try:
        return analyse(t, _coerce_date(published), registry if isinstance(registry, dict) else None,
                       concepts if isinstance(concepts, list) else None, voice if isinstance(voice, dict) else None)
    except Exception:  # never raise on input text: log, and fall back to a bare analysis
        log.exception("extraction failed; returning an empty result")
        return None


def extract(text, published=None, registry=None, validate: bool = False, concepts=None, voice=None) -> dict:
    """Quotes (reported speech included), persons, institutions, dates, precondition candidates
    and, given the concepts, drafted claims of ``text`` (``voice``: see ``analyse``).

    Never raises. Every reported text is built as ``text[char_start:char_end]``, so the
    offsets hold by construction (the property tests check it on generated texts);
    ``validate=True`` re-checks every span and drops any that would not hold."""
    a = safe_analyse(text, published, registry, concepts, voice)
    if a is None:
        return empty()
    try:
        rec = to_records(a)
    except Exception:
        log.exception("building records failed")
        return empty()
    if validate:
        problems = check_offsets(a.text, rec)
        if problems:  # pragma: no cover - a bug; keep the promise to callers anyway
            log.error("dropping records with bad offsets: %s", problems[:5])
            rec = _drop_bad(a.text, rec)
    return rec


def _drop_bad(text: str, rec: dict) -> dict:
    out = empty()
    for key in out:
        for item in rec.get(key, []):
            if not check_offsets(text, {key: [item]}):
                out[key].append(item)
    return out
