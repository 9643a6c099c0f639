"""Source text pages: the raw text cut at every coded span, and what each span is evidence of.

Offsets are code points into the raw text, so the cutting happens here in Python; the
page's script only wraps the pieces between two cuts in a <mark>, which makes the mark's
text exactly the span, whatever UTF-16 does to indices in the browser.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise

from markupsafe import Markup, escape

from endofwar.outputs.site.dataset import Dataset
from endofwar.outputs.site.wording import fuzzy_date, label


TOC_FROM_CHARS = 5000  # a text longer than this (about two screens) gets a table of contents by paragraph
TOC_WORDS = 9          # words of a paragraph's opening shown in the table of contents


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The [start, end) of every paragraph: a line with text on it (the raw files put each
    paragraph on one line; blank lines only separate them)."""
    out, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def segments(text: str, spans, paragraph_starts=()) -> Markup:
    """The text as adjacent <span data-o=OFFSET> pieces, cut at every span's start and end; the
    piece that opens paragraph N (paragraph_starts, in order) is also cut there and marked
    id="para-N" data-para="N", for the table of contents to link to."""
    numbers = {start: n for n, start in enumerate(paragraph_starts, 1)}
    cuts = sorted({0, len(text), *numbers, *(o for span in spans for o in span if 0 <= o <= len(text))})
    piece = lambda a: (Markup('<span data-o="{}" id="para-{}" data-para="{}">').format(a, numbers[a], numbers[a])
                       if a in numbers else Markup('<span data-o="{}">').format(a))
    return Markup("").join(piece(a) + escape(text[a:b]) + Markup("</span>") for a, b in pairwise(cuts))


def contents(text: str, notes: list[dict]) -> list[dict]:
    """The table of contents of a long text: each paragraph's number, offset, opening words and
    how many coded rows start in it; empty for a text short enough to read without one."""
    if len(text) <= TOC_FROM_CHARS:
        return []
    starts = sorted(n["start"] for n in notes)
    out = []
    for number, (start, end) in enumerate(paragraphs(text), 1):
        words = text[start:end].split()
        opening = " ".join(words[:TOC_WORDS]) + (" …" if len(words) > TOC_WORDS else "")
        out.append({"number": number, "start": start, "opening": opening,
                    "rows": bisect_left(starts, end) - bisect_left(starts, start)})
    return out


def _note(row: dict, what: str, detail: str, href: str | None = None, link_text: str = "") -> dict:
    return {"start": row["char_start"], "end": row["char_end"], "what": what, "detail": detail,
            "href": href, "link_text": link_text}


def notes(data: Dataset, source_id: str) -> list[dict]:
    """One note per published row whose evidence lies in this source, in text order."""
    mine = lambda name: [r for r in data.rows(name) if r["source_id"] == source_id]
    experts, institutions = data.by_id("experts", "expert_id"), data.by_id("institutions", "institution_id")
    events = data.by_id("events", "event_id")
    out = []
    for q in mine("quotes"):
        speaker = data.party(q["speaker_expert_id"], q["speaker_institution_id"])
        detail = f"attribution: “{q['attribution_text']}”" if q["attribution_text"] else "no attribution in the text"
        out.append(_note(q, f"Quote {q['quote_id']} ({q['quote_kind']})", detail,
                         speaker.href if speaker else None, speaker.name if speaker else ""))
    for p in mine("preconditions"):
        demander = data.party(p["demander_expert_id"], p["demander_institution_id"])
        detail = f"{demander.name} demands “{p['required_action']}” {label(p['sequencing'])} {label(p['gated_step'])}"
        out.append(_note(p, f"Precondition {p['precondition_id']}", detail,
                         f"preconditions.html#p-{p['precondition_id']}", "in the matrix"))
    for m in mine("event_sources"):
        event = events[m["event_id"]]
        date = fuzzy_date(event["date_start"], event["date_end"], event["date_precision"])
        out.append(_note(m, "Event", f"{event['title']} ({date})", f"timeline.html#e-{m['event_id']}", "on the timeline"))
    for a in mine("event_actors"):
        actor = data.party(a["actor_expert_id"], a["actor_institution_id"])
        out.append(_note(a, "Event actor", f"{actor.name}, {label(a['role'])}: {events[a['event_id']]['title']}",
                         actor.href, actor.name))
    for a in mine("affiliations"):
        institution = institutions[a["institution_id"]]["name"]
        title = f"{a['title']}, " if a["title"] else ""
        out.append(_note(a, "Affiliation", f"{experts[a['expert_id']]['name']}: {title}{institution} ({a['status']})",
                         f"experts/{a['expert_id']}.html", experts[a["expert_id"]]["name"]))
    concepts = data.by_id("concepts", "concept_id")
    for c in mine("claims"):
        actor = data.party(c["actor_expert_id"], c["actor_institution_id"])
        speaks_for = data.party(None, c["speaks_for_institution_id"])
        who = actor.name + (f" (for {speaks_for.name})" if speaks_for else "")
        out.append(_note(c, f"Claim {c['claim_id']} ({c['agreement']})",
                         f"{who} {c['agreement']}s: {concepts[c['concept_id']]['label']}",
                         f"positions.html#c-{c['claim_id']}", "on the positions page"))
    for k in mine("concepts"):
        out.append(_note(k, "Concept example", f"{k['label']}: {k['definition']}",
                         f"positions.html#k-{k['concept_id']}", "the concept"))
    for m in mine("mentions"):
        entity = data.party(m["expert_id"], m["institution_id"])
        out.append(_note(m, "First mention", entity.name, entity.href, entity.name))
    return sorted(out, key=lambda n: (n["start"], n["end"], n["what"], n["detail"]))
