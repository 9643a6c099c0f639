"""`endofwar network`: the three networks of a hand-made set of claims, reasoned by hand from
Leifeld's definitions, and the files that networkx, igraph and Gephi read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from endofwar.cli import main
from endofwar.outputs.network import Claim, build, write
from endofwar.paths import project_root
from endofwar.schemas import catalogue

A, B, D = "expert/a", "expert/b", "expert/d"
C = "institution/c"
K1, K2, K3 = "concept/k1", "concept/k2", "concept/k3"

# Four actors, three concepts. A makes the same claim on k1 twice at one event (e1): two claims,
# one statement. D both agrees and disagrees on k2. Only C speaks to k3.
CLAIMS = [
    Claim("c1", A, K1, "agree", "e1"),
    Claim("c2", A, K1, "agree", "e1"),
    Claim("c3", B, K1, "agree", "c3"),
    Claim("c4", C, K1, "disagree", "c4"),
    Claim("c5", A, K2, "disagree", "c5"),
    Claim("c6", B, K2, "disagree", "c6"),
    Claim("c7", C, K2, "agree", "c7"),
    Claim("c8", D, K2, "agree", "c8"),
    Claim("c9", D, K2, "disagree", "c9"),
    Claim("c10", C, K3, "agree", "c10"),
]
LABELS = {A: "Actor A", B: "Actor B", C: "Institution C", D: "Actor D", K1: "Concept 1", K2: "Concept 2", K3: "Concept 3"}


def edges(graph) -> dict:
    return {frozenset((a, b)): data for a, b, data in graph.edges(data=True)}


def comparable(edge_data: dict) -> dict:
    """Edge attributes as both files give them back: numbers as floats (GEXF's weight is a float),
    without the edge id GEXF adds."""
    return {k: {a: float(v) if isinstance(v, (int, float)) else v for a, v in d.items() if a != "id"} for k, d in edge_data.items()}


def tie(a: str, b: str) -> frozenset:
    return frozenset((a, b))


def test_affiliation_network_counts_claims_per_actor_and_concept_by_agreement():
    graph = build(CLAIMS, "affiliation", LABELS)
    # One edge per actor and concept an actor spoke to: 8 pairs; A's two claims at e1 are one statement.
    assert edges(graph) == {
        tie(A, K1): {"agree": 2, "disagree": 0, "weight": 2, "statements": 1},
        tie(B, K1): {"agree": 1, "disagree": 0, "weight": 1, "statements": 1},
        tie(C, K1): {"agree": 0, "disagree": 1, "weight": 1, "statements": 1},
        tie(A, K2): {"agree": 0, "disagree": 1, "weight": 1, "statements": 1},
        tie(B, K2): {"agree": 0, "disagree": 1, "weight": 1, "statements": 1},
        tie(C, K2): {"agree": 1, "disagree": 0, "weight": 1, "statements": 1},
        tie(D, K2): {"agree": 1, "disagree": 1, "weight": 2, "statements": 2},
        tie(C, K3): {"agree": 1, "disagree": 0, "weight": 1, "statements": 1},
    }
    assert nx.is_bipartite(graph)
    assert {n for n, d in graph.nodes(data=True) if d["bipartite"] == 1} == {K1, K2, K3}
    assert graph.nodes[A] == {"label": "Actor A", "kind": "person", "bipartite": 0, "claims": 3}
    assert graph.nodes[C]["kind"] == "institution" and graph.nodes[K3]["kind"] == "concept"


def test_congruence_ties_actors_that_share_a_stance_on_a_concept():
    graph = build(CLAIMS, "congruence", LABELS)
    # k1 agree {A, B}: A-B. k2 disagree {A, B, D}: A-B, A-D, B-D. k2 agree {C, D}: C-D.
    # k1 disagree {C} and k3 agree {C} tie no one.
    assert edges(graph) == {
        tie(A, B): {"weight": 2, "concepts": "k1;k2"},
        tie(A, D): {"weight": 1, "concepts": "k2"},
        tie(B, D): {"weight": 1, "concepts": "k2"},
        tie(C, D): {"weight": 1, "concepts": "k2"},
    }
    assert set(graph.nodes) == {A, B, C, D}  # actors only


def test_conflict_ties_actors_that_take_opposite_stances_on_a_concept():
    graph = build(CLAIMS, "conflict", LABELS)
    # k1: agree {A, B} x disagree {C}: A-C, B-C. k2: agree {C, D} x disagree {A, B, D}: C-A, C-B,
    # C-D, D-A, D-B (D against itself is no tie).
    assert edges(graph) == {
        tie(A, C): {"weight": 2, "concepts": "k1;k2"},
        tie(B, C): {"weight": 2, "concepts": "k1;k2"},
        tie(C, D): {"weight": 1, "concepts": "k2"},
        tie(A, D): {"weight": 1, "concepts": "k2"},
        tie(B, D): {"weight": 1, "concepts": "k2"},
    }


@pytest.mark.parametrize("kind", ["affiliation", "congruence", "conflict"])
def test_graphml_and_gexf_read_back_in_networkx_and_are_the_same_bytes_each_time(tmp_path, kind):
    graph = build(CLAIMS, kind, LABELS, {"level": "persons"})
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"{kind}.{fmt}"
        write(graph, path, fmt)
        back = read(path)
        assert comparable(edges(back)) == comparable(edges(graph)), fmt
        assert back.nodes[A]["label"] == "Actor A"
        first = path.read_bytes()
        write(build(CLAIMS, kind, LABELS, {"level": "persons"}), path, fmt)
        assert path.read_bytes() == first, fmt
    assert b"lastmodifieddate" not in (tmp_path / f"{kind}.gexf").read_bytes()


def test_csv_is_an_edge_list_with_labels(tmp_path):
    write(build(CLAIMS, "conflict", LABELS), tmp_path / "conflict.csv", "csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "conflict.csv").read_text(encoding="utf-8"))))
    assert rows[0].keys() == {"source", "source_label", "source_kind", "target", "target_label", "target_kind", "weight", "concepts"}
    assert {(tie(r["source"], r["target"]), r["weight"]) for r in rows} == {
        (tie(A, C), "2"), (tie(B, C), "2"), (tie(C, D), "1"), (tie(A, D), "1"), (tie(B, D), "1")}
    row = next(r for r in rows if tie(r["source"], r["target"]) == tie(A, C))
    assert {(row["source_label"], row["source_kind"]), (row["target_label"], row["target_kind"])} == {
        ("Actor A", "person"), ("Institution C", "institution")}


# ---- the command, on published tables made by hand --------------------------------------------

FILLER = {"string": "x", "integer": 0, "date": dt.date(2000, 1, 1)}  # for required fields the networks do not read


def _table(root, name: str, rows: list[dict]) -> None:
    spec = catalogue(root).table(name)
    columns = {f.name: [r.get(f.name, FILLER[f.type] if f.required else None) for r in rows] for f in spec.fields}
    pq.write_table(pa.Table.from_pydict(columns, schema=spec.arrow_schema()), root / "tables" / f"{name}.parquet")


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def published(tmp_path):
    """A dataset root with the tables the networks read: five claims, four people, and the
    affiliations that place three of them."""
    root = tmp_path / "root"
    shutil.copytree(project_root() / "schemas", root / "schemas")
    (root / "tables").mkdir()
    (root / "datapackage.json").write_text("{}", encoding="utf-8")
    sources = [("s1", "2018-06-01"), ("s2", "2018-06-01"), ("s3", "2021-09-01"), ("s4", "2021-12-01")]
    _table(root, "sources", [{"source_id": s, "published_start": _day(d), "published_end": _day(d)} for s, d in sources])
    _table(root, "experts", [{"expert_id": p, "name": p.upper()} for p in ("p1", "p2", "p3", "p4")])
    _table(root, "institutions", [{"institution_id": i, "name": i.upper()} for i in ("s-body", "t1", "t2", "t3", "i5")])
    _table(root, "concepts", [{"concept_id": "k", "label": "K"}])
    _table(root, "affiliations", [
        {"expert_id": "p2", "institution_id": "t1", "source_id": "s1", "status": "current", "char_start": 0},
        {"expert_id": "p3", "institution_id": "t2", "source_id": "s2", "status": "current", "char_start": 0},
        {"expert_id": "p3", "institution_id": "t3", "source_id": "s3", "status": "current", "char_start": 0},
        {"expert_id": "p4", "institution_id": "t1", "source_id": "s4", "status": "former", "char_start": 0},
    ])
    year = {"date_start": _day("2018-01-01"), "date_end": _day("2018-12-31")}
    _table(root, "claims", [
        # p1 speaks for s-body; p2 is placed by its own source s1; p3's claim (in s4, October 2021)
        # by the affiliation published nearest, s3 (September 2021), not s2 (2018); p4 has a former
        # affiliation only and stays a person; i5 is an institution already.
        {"claim_id": "x1", "source_id": "s1", "actor_expert_id": "p1", "speaks_for_institution_id": "s-body",
         "concept_id": "k", "agreement": "agree", **year},
        {"claim_id": "x2", "source_id": "s1", "actor_expert_id": "p2", "concept_id": "k", "agreement": "agree", **year},
        {"claim_id": "x3", "source_id": "s4", "actor_expert_id": "p3", "concept_id": "k", "agreement": "disagree",
         "date_start": _day("2021-10-01"), "date_end": _day("2021-10-31")},
        {"claim_id": "x4", "source_id": "s4", "actor_expert_id": "p4", "concept_id": "k", "agreement": "agree", **year},
        {"claim_id": "x5", "source_id": "s4", "actor_institution_id": "i5", "concept_id": "k", "agreement": "disagree"},
    ])
    return root


def _network(root, *args):
    result = CliRunner().invoke(main, ["network", *args, "--root", str(root)])
    assert result.exit_code == 0, result.output
    return result.output


def test_institutions_level_maps_each_person_by_speaks_for_then_affiliation(published, tmp_path):
    out = tmp_path / "a.graphml"
    said = _network(published, "--kind", "affiliation", "--level", "institutions", str(out))
    graph = nx.read_graphml(out)
    actors = {n for n, d in graph.nodes(data=True) if d["kind"] != "concept"}
    assert actors == {"institution/s-body", "institution/t1", "institution/t3", "expert/p4", "institution/i5"}
    assert "1 claim(s) by persons with no institution kept as persons" in said
    _network(published, "--kind", "affiliation", str(tmp_path / "p.graphml"))
    persons = nx.read_graphml(tmp_path / "p.graphml")
    assert {n for n, d in persons.nodes(data=True) if d["kind"] == "person"} == {"expert/p1", "expert/p2", "expert/p3", "expert/p4"}


def test_time_window_keeps_claims_whose_dates_overlap_it(published, tmp_path):
    out = tmp_path / "w.csv"
    said = _network(published, "--kind", "conflict", "--level", "institutions", "--from", "2018-12-31", "--to", "2021-09-30", str(out))
    # x1, x2, x4 (2018) overlap the window's first day; x3 (October 2021) and undated x5 do not.
    assert "of 3 claim(s)" in said
    assert out.read_text(encoding="utf-8").splitlines() == ["source,source_label,source_kind,target,target_label,target_kind,weight,concepts"]
    said = _network(published, "--kind", "conflict", "--level", "institutions", "--from", "2021-01-01", str(out))
    assert "of 1 claim(s)" in said


def test_bad_window_and_missing_folder_say_what_to_do(published, tmp_path):
    result = CliRunner().invoke(main, ["network", "--kind", "congruence", "--from", "2022-01-01", "--to", "2021-01-01",
                                       str(tmp_path / "n.graphml"), "--root", str(published)])
    assert result.exit_code == 1 and "--from 2022-01-01 is after --to 2021-01-01" in result.output
    result = CliRunner().invoke(main, ["network", "--kind", "congruence", str(tmp_path / "no" / "n.graphml"), "--root", str(published)])
    assert result.exit_code == 1 and "no such folder" in result.output
    assert not (tmp_path / "n.graphml").exists()
