"""The positions page: who stands where on which concept, as Leifeld's Discourse Network Analyzer
reads claims, and each state's UN General Assembly statements year by year.

The matrix counts an actor's claims on a concept, agree and disagree, per claim and per statement
(the claims of one event count once), as the `actor_concept_matrix` view does. The congruence
network is the one `endofwar network --kind congruence` computes (outputs/network.py, actors at
either level included): a static page cannot ask for it, so it is computed here once for every
choice of the page's filters that leaves a claim, and the page's script only looks it up and
draws it.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product

from endofwar.outputs import network
from endofwar.outputs.site.dataset import Dataset, Party, evidence_href
from endofwar.outputs.site.pages import UNDATED, source_facts, source_line, source_year
from endofwar.outputs.site.wording import fuzzy_date

NO_COUNTRY = "none"  # the country filter's value for a claim whose actor has no country
KEY_SEPARATOR = "|"  # joins a filter state into the key the page looks its network up by


def _years(claim: dict, source: dict) -> list[str]:
    """The years a claim counts in: every year its dates overlap (as `endofwar network --from --to`
    reads them); a claim with no date of its own takes its source's dates of publication."""
    start, end = claim["date_start"], claim["date_end"]
    if start is None:
        start, end = source["published_start"], source["published_end"]
    return [str(y) for y in range(start.year, end.year + 1)] if start else [UNDATED]


def _country(data: Dataset, claim: dict) -> str:
    """The country a claim speaks from: that of the institution the actor speaks for, else the
    actor's own (a person's or an institution's)."""
    institutions = data.by_id("institutions", "institution_id")
    if claim["speaks_for_institution_id"]:
        country = institutions[claim["speaks_for_institution_id"]]["country"]
    elif claim["actor_institution_id"]:
        country = institutions[claim["actor_institution_id"]]["country"]
    else:
        country = data.by_id("experts", "expert_id")[claim["actor_expert_id"]]["country"]
    return country or NO_COUNTRY


def country_names(data: Dataset) -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> the name of the state the registry holds for it, else the ISO name."""
    import pycountry

    states = {i["country"]: i["name"] for i in data.rows("institutions") if i["institution_type"] == "state" and i["country"]}

    def name(code: str) -> str:
        found = pycountry.countries.get(alpha_3=code)
        return states.get(code) or (found.name if found else code)

    codes = {r["country"] for table in ("experts", "institutions") for r in data.rows(table) if r["country"]}
    return {code: name(code) for code in sorted(codes)} | {NO_COUNTRY: "no country"}


def _party(data: Dataset, node: str) -> Party:
    """The party a network node id ('expert/<id>', 'institution/<id>') names."""
    kind, key = node.split("/", 1)
    return data.party(key, None) if kind == network.PERSON else data.party(None, key)


def _by_publication(data: Dataset):
    """The sort key of claims in order of publication (undated sources last), then of the text."""
    sources = data.by_id("sources", "source_id")

    def key(claim: dict) -> tuple:
        start = sources[claim["source_id"]]["published_start"]
        return (start is None, start or "", claim["source_id"], claim["char_start"], claim["claim_id"])
    return key


def claim_rows(data: Dataset) -> list[dict]:
    """Every claim in order of publication, with what the page shows of it, what its filters read,
    and its actor at each level, as the network reads it."""
    at_level = {level: {c.claim_id: c for c in network.load_claims(data.root, level)[0]} for level in network.LEVELS}
    sources, concepts = data.by_id("sources", "source_id"), data.by_id("concepts", "concept_id")
    events = data.by_id("events", "event_id")
    out = []
    for c in sorted(data.rows("claims"), key=_by_publication(data)):
        source = sources[c["source_id"]]
        out.append({
            "id": c["claim_id"], "actor": data.party(c["actor_expert_id"], c["actor_institution_id"]),
            "speaks_for": data.party(None, c["speaks_for_institution_id"]), "concept": c["concept_id"],
            "concept_label": concepts[c["concept_id"]]["label"], "agreement": c["agreement"],
            "statement": c["event_id"] or c["claim_id"], "event": events[c["event_id"]]["title"] if c["event_id"] else "",
            "date": fuzzy_date(c["date_start"], c["date_end"], c["date_precision"]),
            "years": _years(c, source), "country": _country(data, c), "outlet": source["outlet_kind"],
            "source_id": c["source_id"], "source": source_line(data, c["source_id"]), "evidence": c["evidence"],
            "href": evidence_href(c["source_id"], c["char_start"], c["char_end"]), "status": c["coding_status"],
            "claims": {level: at_level[level][c["claim_id"]] for level in network.LEVELS},
        })
    return out


def actors(data: Dataset, rows: list[dict]) -> list[dict]:
    """Every actor of a claim at either level, grouped by country (a state next to the people who
    speak for it), institutions first, then by name: the matrix's rows and the network's order."""
    names = country_names(data)
    levels = defaultdict(set)
    for r in rows:
        for level, claim in r["claims"].items():
            levels[claim.actor].add(level)
    out = []
    for node, present in levels.items():
        party = _party(data, node)
        table, key = ("experts", "expert_id") if party.kind == "expert" else ("institutions", "institution_id")
        country = data.by_id(table, key)[party.id]["country"]
        out.append({"node": node, "party": party, "country": country or "", "country_name": names[country] if country else "",
                    "levels": [level for level in network.LEVELS if level in present]})
    return sorted(out, key=lambda a: (not a["country"], a["country_name"].casefold(), a["party"].kind != "institution",
                                      a["party"].name.casefold(), a["node"]))


def _filter_states(row: dict):
    """Every state of the filters (year, country, outlet kind, concept) that keeps this claim: each
    filter either unset or set to one of the claim's values."""
    return product(["", *row["years"]], ["", row["country"]], ["", row["outlet"]], ["", row["concept"]])


def _ties(rows: list[dict], members: tuple[int, ...], level: str, actor_index: dict[str, int],
          concept_index: dict[str, int]) -> list[list]:
    """The congruence network of these claims, as network.py computes it: one [actor, actor, weight,
    stances] per tie, its stances the concepts and agreements both actors hold (concept's index
    times two, plus one for disagree), so the page can list the claims the tie rests on."""
    claims = [rows[i]["claims"][level] for i in members]
    held = defaultdict(set)
    for c in claims:
        held[c.actor].add(concept_index[c.concept.split("/", 1)[1]] * 2 + (c.agreement == "disagree"))
    return [[actor_index[a], actor_index[b], edge["weight"], sorted(held[a] & held[b])]
            for (a, b), edge in sorted(network.one_mode_edges(claims, "congruence").items())]


def networks(rows: list[dict], actor_list: list[dict], concepts: list[dict]) -> dict:
    """The congruence network of every filter state that leaves a claim, at both levels: `keys` maps
    'level|year|country|outlet|concept' (unset filters empty) to an entry of `ties`; filter states
    that leave the same claims share one entry."""
    index = {a["node"]: n for n, a in enumerate(actor_list)}
    concept_index = {k["concept_id"]: n for n, k in enumerate(concepts)}
    members = defaultdict(list)
    for i, row in enumerate(rows):
        for state in _filter_states(row):
            members[state].append(i)
    keys, ties, seen = {}, [], {}
    for level in network.LEVELS:
        for state, claims in sorted(members.items()):
            group = (level, tuple(claims))
            if group not in seen:
                seen[group] = len(ties)
                ties.append(_ties(rows, group[1], level, index, concept_index))
            keys[KEY_SEPARATOR.join((level, *state))] = seen[group]
    return {"keys": keys, "ties": ties}


def _matrix(rows: list[dict], actor_list: list[dict], concepts: list[dict]) -> list[dict]:
    """The matrix unfiltered at the persons level (the page's script recounts it for any filter):
    agree and disagree claims per actor and concept, as the affiliation network counts them."""
    edges = network.affiliation_edges([r["claims"]["persons"] for r in rows])
    return [{**a, "cells": [edges.get((a["node"], f"{network.CONCEPT}/{k['concept_id']}")) for k in concepts]}
            for a in actor_list]


def _group_stances(data: Dataset, source: dict, claims: list[tuple[int, dict]]) -> list[dict]:
    """A statement's claims by actor, concept and agreement: the voice's own first (no actor named),
    then those of anyone the statement quotes or reports."""
    voice = {data.party(source["speaker_expert_id"], None), data.party(None, source["speaker_institution_id"])} - {None}
    groups = defaultdict(list)
    for i, r in claims:
        own = r["actor"] in voice or r["speaks_for"] in voice
        groups[(not own, "" if own else r["actor"].name, r["concept_label"], r["agreement"], None if own else r["actor"])].append(
            {"index": i, "href": r["href"], "evidence": r["evidence"]})
    return [{"actor": actor, "concept_label": label, "agreement": agreement, "claims": found}
            for (_, _, label, agreement, actor), found in sorted(groups.items(), key=lambda g: g[0][:4])]


def statements(data: Dataset, rows: list[dict]) -> dict:
    """The UN General Assembly statements (speeches in a state's voice), one row per state and one
    column per year, each cell the statement and its claims."""
    speeches = [s for s in data.rows("sources") if s["genre"] == "speech" and s["speaker_institution_id"]]
    years = sorted({source_year(data, s["source_id"]) for s in speeches}, key=lambda y: (y == UNDATED, y))
    in_source = defaultdict(list)
    for i, r in enumerate(rows):
        in_source[r["source_id"]].append((i, r))
    states = sorted({s["speaker_institution_id"] for s in speeches},
                    key=lambda s: (data.party(None, s).name.casefold(), s))
    table = []
    for state in states:
        cells = []
        for year in years:
            cells.append([{**source_facts(data, s), "stances": _group_stances(data, s, in_source[s["source_id"]])}
                          for s in speeches if s["speaker_institution_id"] == state and source_year(data, s["source_id"]) == year])
        table.append({"state": data.party(None, state), "cells": cells})
    return {"years": years, "states": table, "count": len(speeches)}


def _filters(data: Dataset, rows: list[dict], names: dict[str, str]) -> dict:
    """The choices of the page's filters: only values some claim has."""
    concepts = data.by_id("concepts", "concept_id")
    used = lambda field: {r[field] for r in rows}
    return {
        "years": sorted({y for r in rows for y in r["years"]}, key=lambda y: (y == UNDATED, y)),
        "countries": sorted(((c, names[c]) for c in used("country")), key=lambda p: (p[0] == NO_COUNTRY, p[1].casefold())),
        "outlet_kinds": [k for k in data.catalogue.vocabularies["outlet_kind"] if k in used("outlet")],
        "concepts": sorted(((c, concepts[c]["label"]) for c in used("concept")), key=lambda p: (p[1].casefold(), p[0])),
    }


def _payload(rows: list[dict], actor_list: list[dict], concepts: list[dict]) -> dict:
    """What the page's script reads: actors, concepts and claims by index, and the networks."""
    index = {a["node"]: n for n, a in enumerate(actor_list)}
    concept_index = {k["concept_id"]: n for n, k in enumerate(concepts)}
    return {
        "actors": [{"id": a["node"], "name": a["party"].name, "country": a["country"]} for a in actor_list],
        "concepts": [[k["concept_id"], k["label"]] for k in concepts],
        "claims": [{"id": r["id"], "actor": [index[r["claims"][level].actor] for level in network.LEVELS],
                    "concept": concept_index[r["concept"]], "agree": r["agreement"] == "agree",
                    "statement": r["statement"], "years": r["years"], "country": r["country"], "outlet": r["outlet"]}
                   for r in rows],
        "levels": list(network.LEVELS), "separator": KEY_SEPARATOR,
        **networks(rows, actor_list, concepts),
    }


def page(data: Dataset) -> dict:
    """Everything the positions page lays out."""
    rows = claim_rows(data)
    actor_list = actors(data, rows)
    concepts = sorted(data.rows("concepts"), key=lambda k: (k["label"].casefold(), k["concept_id"]))
    concept_examples = [{**k, "source": source_line(data, k["source_id"]),
                         "href": evidence_href(k["source_id"], k["char_start"], k["char_end"]),
                         "claims": sum(r["concept"] == k["concept_id"] for r in rows)} for k in concepts]
    return {"rows": rows, "concepts": concept_examples, "matrix": _matrix(rows, actor_list, concepts),
            "filters": _filters(data, rows, country_names(data)), "statements": statements(data, rows),
            "payload": _payload(rows, actor_list, concepts)}
