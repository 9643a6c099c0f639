"""`endofwar network`: the claims as a discourse network, as Leifeld's Discourse Network Analyzer
defines them, built with networkx (an optional extra, imported only here).

- affiliation: a two-mode network of actors and concepts; an edge per actor and concept, with
  the claims that agree and disagree and its weight (all claims).
- congruence: actors tied by the concepts on which they both agree or both disagree; the weight
  counts those (concept, agreement) pairs.
- conflict: actors tied by the concepts on which one agrees and the other disagrees; the weight
  counts those pairs, each way.

At the institutions level each person becomes the institution the claim says they speak for,
else the institution a current affiliation gives nearest the claim's date (that of the claim's
own source first); a person with neither stays a person, and the summary says how many.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from endofwar.errors import EndofwarError

KINDS = ("affiliation", "congruence", "conflict")
LEVELS = ("persons", "institutions")
FORMATS = ("graphml", "gexf", "csv")
PERSON, INSTITUTION, CONCEPT = "expert", "institution", "concept"  # node id prefixes, as the site's addresses
EDGE_FIELDS = {"affiliation": ("weight", "agree", "disagree", "statements"),
               "congruence": ("weight", "concepts"), "conflict": ("weight", "concepts")}


@dataclass(frozen=True)
class Claim:
    """What the networks read of one claim: its actor as a node id ('expert/<id>' or
    'institution/<id>'), concept, agreement, and the statement it belongs to."""

    claim_id: str
    actor: str
    concept: str
    agreement: str
    statement: str  # the event_id when the claim was made at one, else the claim's own id


@dataclass
class Network:
    graph: object  # a networkx.Graph
    claims: int
    kept_persons: int  # claims by persons the institutions level could not map


def _read(root: Path, name: str, columns: list[str]):
    """A published table (or its partitions) as one Arrow table, only these columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from endofwar.outputs.db import _parquet

    return pa.concat_tables([pq.read_table(path, columns=columns) for path in _parquet(root, name)])


def _rows(root: Path, name: str, columns: list[str]) -> list[dict]:
    return _read(root, name, columns).to_pylist()


def _midpoint(start: dt.date | None, end: dt.date | None) -> dt.date | None:
    return start + (end - start) / 2 if start and end else None


def _in_window(claim: dict, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether the claim's dates overlap [start, end] (an undated claim is in no window)."""
    if start is None and end is None:
        return True
    if claim["date_start"] is None:
        return False
    return (end is None or claim["date_start"] <= end) and (start is None or claim["date_end"] >= start)


class _Institutions:
    """Maps a person's claim to an institution: the one the claim says they speak for, else a
    current affiliation, from the claim's own source or the source published nearest its date."""

    def __init__(self, root: Path):
        published = {s["source_id"]: _midpoint(s["published_start"], s["published_end"])
                     for s in _rows(root, "sources", ["source_id", "published_start", "published_end"])}
        self.published = published
        self.current: dict = defaultdict(dict)  # expert -> source -> first current institution
        for a in sorted(_rows(root, "affiliations", ["expert_id", "institution_id", "source_id", "status", "char_start"]),
                        key=lambda a: (a["expert_id"], a["source_id"], a["char_start"])):
            if a["status"] == "current":
                self.current[a["expert_id"]].setdefault(a["source_id"], a["institution_id"])

    def of(self, expert: str, claim: dict) -> str | None:
        if claim["speaks_for_institution_id"]:
            return claim["speaks_for_institution_id"]
        sources = self.current.get(expert, {})
        if claim["source_id"] in sources:
            return sources[claim["source_id"]]
        when = _midpoint(claim["date_start"], claim["date_end"]) or self.published.get(claim["source_id"])

        def distance(source: str):
            date = self.published.get(source)
            return (date is None or when is None, abs((date - when).days) if date and when else 0, source)

        return sources[min(sources, key=distance)] if sources else None


def load_claims(root: Path, level: str = "persons", start: dt.date | None = None,
                end: dt.date | None = None) -> tuple[list[Claim], int]:
    """The published claims in the window, with actors at the level; returns them and the number
    of claims by persons the institutions level kept as persons."""
    if level not in LEVELS:
        raise EndofwarError(f"unknown level {level!r}", fix=f"use one of: {', '.join(LEVELS)}")
    rows = [c for c in _rows(root, "claims", ["claim_id", "source_id", "actor_expert_id", "actor_institution_id",
                                               "speaks_for_institution_id", "concept_id", "agreement",
                                               "date_start", "date_end", "event_id"])
            if _in_window(c, start, end)]
    institutions = _Institutions(root) if level == "institutions" and rows else None
    claims, kept = [], 0
    for c in rows:
        actor = f"{INSTITUTION}/{c['actor_institution_id']}" if c["actor_institution_id"] else f"{PERSON}/{c['actor_expert_id']}"
        if institutions and c["actor_expert_id"]:
            body = institutions.of(c["actor_expert_id"], c)
            kept += body is None
            actor = f"{INSTITUTION}/{body}" if body else actor
        claims.append(Claim(c["claim_id"], actor, f"{CONCEPT}/{c['concept_id']}", c["agreement"], c["event_id"] or c["claim_id"]))
    return claims, kept


def affiliation_edges(claims: list[Claim]) -> dict:
    """(actor, concept) -> {'agree', 'disagree', 'weight', 'statements'}: claims per agreement,
    all claims, and distinct statements (the claims of one event count once)."""
    edges: dict = {}
    statements = defaultdict(set)
    for c in claims:
        edge = edges.setdefault((c.actor, c.concept), {"agree": 0, "disagree": 0, "weight": 0, "statements": 0})
        edge[c.agreement] += 1
        edge["weight"] += 1
        statements[(c.actor, c.concept)].add(c.statement)
    for key, edge in edges.items():
        edge["statements"] = len(statements[key])
    return edges


def one_mode_edges(claims: list[Claim], kind: str) -> dict:
    """(actor, actor) -> {'weight', 'concepts'}, the pair sorted: for congruence, the concepts on
    which both agree or both disagree (one count per agreement they share); for conflict, those on
    which one agrees and the other disagrees (one count per way round)."""
    stance = defaultdict(set)  # (concept, agreement) -> actors
    for c in claims:
        stance[(c.concept, c.agreement)].add(c.actor)
    edges: dict = {}

    def tie(a: str, b: str, concept: str) -> None:
        edge = edges.setdefault(tuple(sorted((a, b))), {"weight": 0, "concepts": set()})
        edge["weight"] += 1
        edge["concepts"].add(concept)

    concepts = sorted({concept for concept, _ in stance})
    for concept in concepts:
        agree, disagree = sorted(stance[(concept, "agree")]), sorted(stance[(concept, "disagree")])
        if kind == "congruence":
            for group in (agree, disagree):
                for i, a in enumerate(group):
                    for b in group[i + 1:]:
                        tie(a, b, concept)
        else:
            for a in agree:
                for b in disagree:
                    if a != b:
                        tie(a, b, concept)
    return {pair: {"weight": e["weight"], "concepts": ";".join(sorted(c.split("/", 1)[1] for c in e["concepts"]))}
            for pair, e in edges.items()}


def _networkx():
    try:
        import networkx
    except ImportError:
        raise EndofwarError("networkx is not installed", fix="pip install 'endofwar[network]'") from None
    return networkx


def build(claims: list[Claim], kind: str, labels: dict, attrs: dict | None = None):
    """The networkx graph of `kind`: nodes in sorted order with label and kind, edges in sorted order."""
    if kind not in KINDS:
        raise EndofwarError(f"unknown network kind {kind!r}", fix=f"use one of: {', '.join(KINDS)}")
    graph = _networkx().Graph(network=kind, **{k: v for k, v in (attrs or {}).items() if v is not None})
    actors = defaultdict(int)
    for c in claims:
        actors[c.actor] += 1
    edges = affiliation_edges(claims) if kind == "affiliation" else one_mode_edges(claims, kind)
    nodes = sorted(actors) + (sorted({c.concept for c in claims}) if kind == "affiliation" else [])
    for node in nodes:
        prefix, _ = node.split("/", 1)
        kind_of = {PERSON: "person", INSTITUTION: "institution", CONCEPT: "concept"}[prefix]
        data = {"label": labels.get(node, node.split("/", 1)[1]), "kind": kind_of}
        if kind == "affiliation":
            data["bipartite"] = 1 if prefix == CONCEPT else 0
        if prefix != CONCEPT:
            data["claims"] = actors[node]
        graph.add_node(node, **data)
    for (a, b), data in sorted(edges.items()):
        graph.add_edge(a, b, **data)
    return graph


def _labels(root: Path) -> dict:
    labels = {f"{PERSON}/{e['expert_id']}": e["name"] for e in _rows(root, "experts", ["expert_id", "name"])}
    labels.update({f"{INSTITUTION}/{i['institution_id']}": i["name"] for i in _rows(root, "institutions", ["institution_id", "name"])})
    labels.update({f"{CONCEPT}/{c['concept_id']}": c["label"] for c in _rows(root, "concepts", ["concept_id", "label"])})
    return labels


def network(root: Path, kind: str, level: str = "persons", start: dt.date | None = None,
            end: dt.date | None = None) -> Network:
    """The network of the published claims of root."""
    from endofwar import __version__

    if start and end and start > end:
        raise EndofwarError(f"--from {start} is after --to {end}", fix="give the earlier date to --from")
    claims, kept = load_claims(root, level, start, end)
    attrs = {"level": level, "from": start and start.isoformat(), "to": end and end.isoformat(),
             "claims": len(claims), "creator": f"endofwar {__version__}"}
    return Network(build(claims, kind, _labels(root), attrs), len(claims), kept)


def write(graph, path: Path, fmt: str) -> None:
    """The graph as GraphML, GEXF or a CSV edge list, written whole or not at all. The same graph
    gives the same bytes (GEXF's date of writing is left out)."""
    if fmt not in FORMATS:
        raise EndofwarError(f"unknown format {fmt!r}", fix=f"use one of: {', '.join(FORMATS)}")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as out:
            out.write(_serialised(graph, fmt))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _serialised(graph, fmt: str) -> bytes:
    import io
    import re

    nx = _networkx()
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml_xml(graph, buffer)
        return buffer.getvalue()
    if fmt == "gexf":
        lines = (re.sub(r' lastmodifieddate="[^"]*"', "", line) for line in nx.generate_gexf(graph))
        return ("\n".join(["<?xml version='1.0' encoding='utf-8'?>", *lines]) + "\n").encode("utf-8")
    return _csv(graph)


def _csv(graph) -> bytes:
    """One row per edge: both ends with their label and kind, then the edge's attributes."""
    import csv
    import io

    keys = EDGE_FIELDS[graph.graph["network"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["source", "source_label", "source_kind", "target", "target_label", "target_kind", *keys])
    for a, b, data in graph.edges(data=True):
        ends = [v for node in (a, b) for v in (node, graph.nodes[node]["label"], graph.nodes[node]["kind"])]
        writer.writerow([*ends, *(data.get(k, "") for k in keys)])
    return buffer.getvalue().encode("utf-8")
