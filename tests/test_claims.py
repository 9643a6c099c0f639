"""Claims coded in an annotation file come out of the build as a typed table, through the views
and as a network, as the README shows a user."""

from __future__ import annotations

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner

import endofwar
from endofwar.build.publish import build
from endofwar.cli import main

KH = "annotations/korea-herald-end-of-war-rainbow.yaml"

# Three claims of the Korea Herald text, coded by docs/codebook.md ("Hard cases: claims").
CLAIMS = """
claims:
  - claim_id: kh-c01
    actor_expert_id: bruce-klingner
    concept_id: declaration-advances-denuclearisation
    agreement: disagree
    quote_id: kh-q10
    evidence: An end-of-war declaration would not achieve progress toward denuclearization
  - claim_id: kh-c02
    actor_expert_id: kim-yo-jong
    speaks_for_institution_id: north-korea
    concept_id: end-hostile-policy-first
    agreement: agree
    date_start: 2021-09-01
    date_end: 2021-09-30
    date_precision: month
    date_text: during his UN speech in September
    date_basis: inferred
    event_id: north-korea-statements-on-preconditions-2021
    precondition_id: kh-p05
    evidence: Kim Yo-jong said the withdrawal of the US’ “inveterate hostile policy”
  - claim_id: kh-c03
    actor_institution_id: biden-administration
    concept_id: declaration-should-be-made
    agreement: agree
    precondition_id: kh-p04
    evidence: would be receptive to an end-of-war declaration if it is part of a package that also advances the process of denuclearization
"""


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    """The dataset's inputs with only these three claims: the coded ones are taken out of every
    annotation file, so that the views' counts are those of the three."""
    from conftest import copy_inputs

    root = copy_inputs(tmp_path_factory.mktemp("claims") / "repo")
    for path in (root / "annotations").glob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(doc, dict) and doc.pop("claims", None) is not None:
            path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    path = root / KH
    path.write_text(path.read_text(encoding="utf-8") + CLAIMS, encoding="utf-8")
    build(root)
    return root


def test_claims_load_typed_with_their_offsets(coded):
    claims = endofwar.load("claims", coded).set_index("claim_id")
    assert list(claims.index) == ["kh-c01", "kh-c02", "kh-c03"]
    assert str(claims["date_start"].dtype) == "date32[day][pyarrow]" and str(claims["char_start"].dtype) == "Int64"
    text = (coded / "raw" / "korea-herald-end-of-war-rainbow.txt").read_text(encoding="utf-8")
    for claim in claims.itertuples():
        assert text[claim.char_start:claim.char_end] == claim.evidence
    assert claims.loc["kh-c02", "speaks_for_institution_id"] == "north-korea"


def test_views_name_the_parties_and_count_statements(coded):
    con = endofwar.connect(coded)
    details = {r[0]: r[1:] for r in con.sql(
        "select claim_id, actor_name, actor_kind, speaks_for, concept, quote_text, required_action from claim_details").fetchall()}
    assert details["kh-c01"][:2] == ("Bruce Klingner", "person") and details["kh-c01"][4].startswith("An end-of-war declaration")
    assert details["kh-c02"][2] == "North Korea" and details["kh-c02"][5] == 'withdraw the "inveterate hostile policy"'
    assert details["kh-c03"][1] == "institution"
    matrix = con.sql("select actor_id, concept_id, agree, disagree, agree_statements from actor_concept_matrix order by all").fetchall()
    assert matrix == [("biden-administration", "declaration-should-be-made", 1, 0, 1),
                      ("bruce-klingner", "declaration-advances-denuclearisation", 0, 1, 0),
                      ("kim-yo-jong", "end-hostile-policy-first", 1, 0, 1)]


def test_network_of_the_coded_claims_opens_in_networkx(coded, tmp_path):
    out = tmp_path / "affiliation.graphml"
    result = CliRunner().invoke(main, ["network", "--kind", "affiliation", "--level", "institutions", str(out), "--root", str(coded)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    # Kim Yo-jong speaks for North Korea; Klingner is placed by his current affiliation in the
    # same source (a senior research fellow at the Heritage Foundation).
    assert set(graph.edges) == {("institution/heritage-foundation", "concept/declaration-advances-denuclearisation"),
                                ("institution/north-korea", "concept/end-hostile-policy-first"),
                                ("institution/biden-administration", "concept/declaration-should-be-made")}
    assert graph.nodes["institution/north-korea"]["label"] == "North Korea"
