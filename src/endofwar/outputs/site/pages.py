"""Every page of the site: which template, at which path, with which rows.

Each function turns the tables into the few lists a template loops over; the templates
only lay them out. Links are relative to the site root; templates prefix `base`.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from markupsafe import Markup, escape

from endofwar.outputs.site import evidence, timeline
from endofwar.outputs.site.dataset import Dataset, evidence_href
from endofwar.outputs.site.wording import citation_text, fuzzy_date, label, size
from endofwar.package import source_label


UNDATED = "undated"
# The sources list counts these tables' rows per source (all tables' totals are under Download).
PER_SOURCE = {"quotes": "quotes", "preconditions": "preconditions", "event_sources": "events"}
QUOTES_PER_PAGE = 50  # the quote browser shows the matching quotes a page at a time


def _source_date(source: dict) -> str:
    return fuzzy_date(source["published_start"], source["published_end"], source["published_precision"])


def _voice(data: Dataset, source: dict) -> str:
    """Whose words the whole text is ('Moon Jae-in for South Korea'); empty for an article."""
    parties = (data.party(source["speaker_expert_id"], None), data.party(None, source["speaker_institution_id"]))
    return " for ".join(p.name for p in parties if p)


def source_line(data: Dataset, source_id: str) -> str:
    """Outlet and date, and the speaker of a speech: the 21 statements share their outlet."""
    source = data.by_id("sources", "source_id")[source_id]
    voice = _voice(data, source)
    return f"{source['outlet']}, {_source_date(source) or UNDATED}" + (f", {voice}" if voice else "")


def source_year(data: Dataset, source_id: str) -> str:
    """The year a source was published in (its earliest bound), or 'undated': what the year filters match."""
    start = data.by_id("sources", "source_id")[source_id]["published_start"]
    return str(start.year) if start else UNDATED


def _source_filters(data: Dataset, rows: list[dict]) -> dict:
    """Source, outlet kind and year choices: only values some row has (undated last)."""
    used = {r["source_id"] for r in rows}
    sources = [s for s in data.rows("sources") if s["source_id"] in used]
    years = sorted({source_year(data, s["source_id"]) for s in sources}, key=lambda y: (y == UNDATED, y))
    return {
        "sources": sorted(((s["source_id"], source_label(s["outlet"], s["title"]) if not _voice(data, s)
                            else source_line(data, s["source_id"])) for s in sources),
                          key=lambda p: (p[1].casefold(), p[0])),
        "outlet_kinds": [k for k in data.catalogue.vocabularies["outlet_kind"] if any(s["outlet_kind"] == k for s in sources)],
        "years": years,
    }


def _institutions_of_quote(data: Dataset, q: dict) -> list[str]:
    """The speaker's institutions: the quote's institution, or the person's affiliations (any source)."""
    if q["speaker_institution_id"]:
        return [q["speaker_institution_id"]]
    return sorted({a["institution_id"] for a in data.rows("affiliations") if a["expert_id"] == q["speaker_expert_id"]})


def quotes(data: Dataset) -> list[dict]:
    """Each quote with its speaker, the speaker's affiliation as its source states it, and its evidence link."""
    details = {d["quote_id"]: d for d in data.quote_details}
    out = []
    for q in data.rows("quotes"):
        speaker = data.party(q["speaker_expert_id"], q["speaker_institution_id"])
        out.append({
            "id": q["quote_id"], "text": q["text"], "kind": q["quote_kind"], "cue_verb": q["cue_verb"],
            "attribution": q["attribution_text"], "affiliation": details[q["quote_id"]]["speaker_affiliation"],
            "continues": q["continues_quote_id"], "source_id": q["source_id"], "source": source_line(data, q["source_id"]),
            "outlet_kind": data.by_id("sources", "source_id")[q["source_id"]]["outlet_kind"],
            "year": source_year(data, q["source_id"]),
            "speaker": f"{speaker.kind}/{speaker.id}" if speaker else "",
            "speaker_name": speaker.name if speaker else "", "speaker_href": speaker.href if speaker else "",
            "institutions": _institutions_of_quote(data, q),
            "href": evidence_href(q["source_id"], q["char_start"], q["char_end"]),
        })
    return out


def quote_filters(data: Dataset, quotes: list[dict]) -> dict:
    """The choices of the quote browser's filters: only values some quote has, sorted by name."""
    speakers = {q["speaker"]: q["speaker_name"] for q in quotes if q["speaker"]}
    by_name = lambda pairs: sorted(pairs, key=lambda p: (p[1].casefold(), p[0]))
    names = {i["institution_id"]: i["name"] for i in data.rows("institutions")}
    return {
        "people": by_name((k, v) for k, v in speakers.items() if k.startswith("expert/")),
        "speaking_institutions": by_name((k, v) for k, v in speakers.items() if k.startswith("institution/")),
        "institutions": by_name((i, names[i]) for i in {i for q in quotes for i in q["institutions"]}),
        "kinds": [k for k in data.catalogue.vocabularies["quote_kind"] if any(q["kind"] == k for q in quotes)],
        **_source_filters(data, quotes),
    }


def preconditions(data: Dataset) -> list[dict]:
    out = []
    for p in data.rows("preconditions"):
        out.append({
            **p, "demander": data.party(p["demander_expert_id"], p["demander_institution_id"]),
            "addressee": data.party(None, p["addressee_institution_id"]),
            "reported_by": data.party(p["reported_by_expert_id"], p["reported_by_institution_id"]),
            "source": source_line(data, p["source_id"]),
            "outlet_kind": data.by_id("sources", "source_id")[p["source_id"]]["outlet_kind"],
            "year": source_year(data, p["source_id"]),
            "href": evidence_href(p["source_id"], p["char_start"], p["char_end"]),
        })
    return out


def events(data: Dataset) -> list[dict]:
    """Events in date order, each with its actors and every mention, linked to the evidence."""
    out = []
    for e in sorted(data.rows("events"), key=lambda e: (e["date_start"], e["date_end"], e["event_id"])):
        actors = [(data.party(a["actor_expert_id"], a["actor_institution_id"]), a["role"])
                  for a in data.rows("event_actors") if a["event_id"] == e["event_id"]]
        mentions = [{"source": source_line(data, m["source_id"]), "evidence": m["evidence"],
                     "href": evidence_href(m["source_id"], m["char_start"], m["char_end"])}
                    for m in data.rows("event_sources") if m["event_id"] == e["event_id"]]
        out.append({**e, "date": fuzzy_date(e["date_start"], e["date_end"], e["date_precision"]),
                    "actors": sorted(set(actors), key=lambda a: (a[0].name, a[1], a[0].id)), "mentions": mentions})
    return out


def landing(data: Dataset, cff: str, files: dict[str, int]) -> dict:
    """What the dataset is, how to cite it, what to download, and the sources with rows coded in each."""
    counts, per_source = [], {}
    for name, table in data.catalogue.tables.items():
        rows = data.rows(name)
        if name in PER_SOURCE:
            per_source[name] = Counter(r["source_id"] for r in rows)
        counts.append({"name": name, "title": table.title, "description": table.description, "rows": len(rows),
                       "csv": (f"data/tables/{name}.csv", size(files[f"data/tables/{name}.csv"])),
                       "parquet": (f"data/tables/{name}.parquet", size(files[f"data/tables/{name}.parquet"]))})
    return {"citation": citation_text(cff), "cff": cff, "counts": counts,
            "per_source_tables": [(name, PER_SOURCE[name]) for name in per_source],
            "sources": [{**source_facts(data, s), "rows": [per_source[name][s["source_id"]] for name in per_source]}
                        for s in sorted(data.rows("sources"), key=_by_date)],
            "totals": [sum(c.values()) for c in per_source.values()],
            "package_size": size(files["data/datapackage.json"]), "croissant_size": size(files["data/croissant.json"])}


def _by_date(source: dict) -> tuple:
    """Sources in publication order; undated ones last, by outlet."""
    start = source["published_start"]
    return (start is None, start or "", source["outlet"].casefold(), source["source_id"])


def source_facts(data: Dataset, source: dict) -> dict:
    """A source row plus how readers see it: its name (outlet when the text carries no title), its
    date, and the speaker whose words the whole text is (person and the institution they speak for)."""
    return {**source, "name": source["title"] or source["outlet"], "untitled": not source["title"],
            "date": _source_date(source), "voice": _voice(data, source),
            "speaker": data.party(source["speaker_expert_id"], None),
            "speaker_for": data.party(None, source["speaker_institution_id"])}


def matrix(data: Dataset, rows: list[dict]) -> dict:
    """Demander x gated step: counts, each cell linking to its rows."""
    steps = [s for s in data.catalogue.vocabularies["gated_step"] if any(r["gated_step"] == s for r in rows)]
    cells = defaultdict(list)
    for r in rows:
        cells[(r["demander"], r["gated_step"])].append(r)
    demanders = sorted({r["demander"] for r in rows},
                       key=lambda d: (-sum(r["demander"] == d for r in rows), d.name, d.kind, d.id))
    anchor = lambda d, s: f"cell-{d.kind}-{d.id}-{s}"
    table = [{"demander": d, "total": sum(len(cells[(d, s)]) for s in steps),
              "cells": [{"count": len(cells[(d, s)]), "anchor": anchor(d, s)} for s in steps]} for d in demanders]
    groups = [{"demander": d, "step": s, "anchor": anchor(d, s), "rows": cells[(d, s)]}
              for d in demanders for s in steps if cells[(d, s)]]
    totals = [sum(len(cells[(d, s)]) for d in demanders) for s in steps]
    filters = {
        "demanders": sorted({(f"{d.kind}/{d.id}", d.name) for d in demanders}, key=lambda p: (p[1].casefold(), p[0])),
        "addressees": sorted({(a.id, a.name) for r in rows if (a := r["addressee"])}, key=lambda p: (p[1].casefold(), p[0])),
        "steps": steps,
        "issue_areas": [a for a in data.catalogue.vocabularies["issue_area"] if any(r["issue_area"] == a for r in rows)],
        **_source_filters(data, rows),
    }
    return {"steps": steps, "table": table, "groups": groups, "totals": totals, "count": len(rows), "filters": filters}


def directory(data: Dataset, quotes: list[dict]) -> dict:
    """Everyone and every institution, with affiliations as stated and how often each is quoted."""
    institutions = data.by_id("institutions", "institution_id")
    said = Counter(q["speaker"] for q in quotes)
    experts = [{**e, "quotes": said[f"expert/{e['expert_id']}"],
                "affiliations": [{**a, "institution": data.party(None, a["institution_id"])}
                                 for a in data.rows("affiliations") if a["expert_id"] == e["expert_id"]]}
               for e in data.rows("experts")]
    return {"experts": sorted(experts, key=lambda e: (e["name"].casefold(), e["expert_id"])),
            "institutions": sorted(
                [{**i, "quotes": said[f"institution/{i['institution_id']}"],
                  "parent": data.party(None, i["parent_id"]) if i["parent_id"] in institutions else None,
                  "people": len({a["expert_id"] for a in data.rows("affiliations") if a["institution_id"] == i["institution_id"]})}
                 for i in data.rows("institutions")], key=lambda i: (i["name"].casefold(), i["institution_id"]))}


def _involving(rows: list[dict], party, roles: dict[str, str]) -> list[dict]:
    """Rows where `party` plays one of `roles` (row key -> role name), with the role."""
    out = []
    for r in rows:
        hit = [name for key, name in roles.items() if r[key] == party]
        if hit:
            out.append({**r, "role": ", ".join(hit)})
    return out


def entity(data: Dataset, party, all_quotes, all_preconditions, all_events) -> dict:
    """An expert's or institution's page: as stated affiliations, quotes, preconditions, events, mentions."""
    key = f"{party.kind}_id"
    affiliations = [{**a, "expert": data.party(a["expert_id"], None), "institution": data.party(None, a["institution_id"]),
                     "source": source_line(data, a["source_id"]),
                     "href": evidence_href(a["source_id"], a["char_start"], a["char_end"])}
                    for a in data.rows("affiliations") if a[key] == party.id]
    mentions = [{**m, "source": source_line(data, m["source_id"]),
                 "href": evidence_href(m["source_id"], m["char_start"], m["char_end"])}
                for m in data.rows("mentions") if m[key] == party.id]
    roles = {"demander": "demands", "addressee": "is asked", "reported_by": "reports"}
    acted = sorted({(a["event_id"], a["role"]) for a in data.rows("event_actors")
                    if data.party(a["actor_expert_id"], a["actor_institution_id"]) == party})
    page = {
        "party": party, "affiliations": affiliations, "mentions": mentions,
        "quotes": [q for q in all_quotes if q["speaker"] == f"{party.kind}/{party.id}"],
        "preconditions": _involving(all_preconditions, party, roles),
        "events": [{**e, "role": ", ".join(label(r) for ev, r in acted if ev == e["event_id"])}
                   for e in all_events if any(ev == e["event_id"] for ev, _ in acted)],
        "parent": None, "children": [], "quotes_by_people": 0,
    }
    if party.kind == "institution":
        institutions = data.by_id("institutions", "institution_id")
        page["parent"] = data.party(None, institutions[party.id]["parent_id"])
        page["children"] = [data.party(None, i) for i, row in institutions.items() if row["parent_id"] == party.id]
        page["quotes_by_people"] = sum(party.id in q["institutions"] and q["speaker"].startswith("expert/") for q in all_quotes)
    return page


def source(data: Dataset, source_row: dict) -> dict:
    """A source's page: its facts, its text cut at every coded span (and, when long, at every
    paragraph, for the table of contents), and the rows coded in it."""
    text = data.texts[source_row["source_id"]]
    notes = evidence.notes(data, source_row["source_id"])
    toc = evidence.contents(text, notes)
    return {"source": source_facts(data, source_row),
            "segments": evidence.segments(text, [(n["start"], n["end"]) for n in notes], [p["start"] for p in toc]),
            "length": len(text), "notes": notes, "toc": toc}


def check_words(check: dict) -> Markup:
    """A catalogue row check in words (the wording of docs/data-dictionary.md)."""
    code = lambda v: Markup("<code>{}</code>").format(v)
    codes = lambda vs: Markup(", ").join(code(v) for v in vs)
    if "span" in check:
        src, start, end, text = check["span"]
        return Markup("the raw text of {} at [{}, {}) equals {}").format(code(src), code(start), code(end), code(text))
    if "dates_match_precision" in check:
        start, end, precision = check["dates_match_precision"]
        return Markup("{} ≤ {}, and the bounds fit {}").format(code(start), code(end), code(precision))
    for kind, words in (("exactly_one", "exactly one"), ("at_most_one", "at most one")):
        if kind in check:
            when = [Markup("{} is {}").format(code(f), Markup(" or ").join(code(v) for v in vs))
                    for f, vs in (check.get("when") or {}).items()]
            prefix = Markup("where {}: ").format(Markup(" and ").join(when)) if when else ""
            return prefix + Markup("{} of {} is set").format(words, codes(check[kind]))
    return code(escape(str(check)))


def timeline_layout(data: Dataset, event_rows: list[dict]) -> dict:
    first_mention = {}
    for m in data.rows("event_sources"):
        first_mention.setdefault(m["event_id"], evidence_href(m["source_id"], m["char_start"], m["char_end"]))
    return timeline.layout(event_rows, first_mention, data.catalogue.vocabularies["event_type"])


def datasheet(root) -> Markup | None:
    """docs/datasheet.md as HTML (CommonMark with tables, raw HTML left as text), or None when the
    dataset has none (a synthetic corpus)."""
    path = root / "docs" / "datasheet.md"
    if not path.is_file():
        return None
    from markdown_it import MarkdownIt

    return Markup(MarkdownIt("commonmark", {"html": False}).enable("table").render(path.read_text(encoding="utf-8")))
