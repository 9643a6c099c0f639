"""The positions page, driven in a real browser like the other pages (tests/test_site.py).

Every expected count is worked out here from tables/claims.parquet and the tables it references,
by the rules the page states (a claim counts in every year its dates overlap, else in its
source's; its country is that of the state it speaks for, else its actor's; congruence ties two
actors per concept and agreement they share), never read from the page or its data. The tests do
not depend on how many claims there are, only that there are some.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from test_site import Tab, browser, site, tab  # noqa: F401  (the fixtures: the built site, the browser, a tab)

import endofwar
from endofwar.outputs.network import network
from endofwar.outputs.site import build_site
from endofwar.paths import project_root


def _claims(root: Path | None = None) -> pd.DataFrame:
    """The claims as the page's filters read them: actor node, statement, years, country, outlet kind."""
    claims = endofwar.load("claims", root)
    assert len(claims), "the positions tests need claims in tables/claims.parquet"
    sources = endofwar.load("sources", root).set_index("source_id")
    person_country = endofwar.load("experts", root).set_index("expert_id")["country"]
    body_country = endofwar.load("institutions", root).set_index("institution_id")["country"]
    rows = []
    for c in claims.itertuples():
        source = sources.loc[c.source_id]
        start, end = ((c.date_start, c.date_end) if not pd.isna(c.date_start)
                      else (source.published_start, source.published_end))
        if not pd.isna(c.speaks_for_institution_id):
            country = body_country[c.speaks_for_institution_id]
        elif not pd.isna(c.actor_institution_id):
            country = body_country[c.actor_institution_id]
        else:
            country = person_country[c.actor_expert_id]
        rows.append({
            "claim_id": c.claim_id, "concept_id": c.concept_id, "agreement": c.agreement,
            "actor": f"expert/{c.actor_expert_id}" if not pd.isna(c.actor_expert_id) else f"institution/{c.actor_institution_id}",
            "statement": c.claim_id if pd.isna(c.event_id) else c.event_id,
            "years": ["undated"] if pd.isna(start) else [str(y) for y in range(start.year, end.year + 1)],
            "country": "none" if pd.isna(country) else country, "outlet": source.outlet_kind,
            "source_id": c.source_id, "char_start": c.char_start, "char_end": c.char_end, "evidence": c.evidence,
        })
    return pd.DataFrame(rows)


def _in_year(claims: pd.DataFrame, year: str) -> pd.DataFrame:
    return claims[claims["years"].map(lambda ys: year in ys)]


def _expected_matrix(claims: pd.DataFrame, statements: bool = False) -> dict:
    """(actor, concept) -> (agree, disagree): claims, or distinct statements."""
    out = {}
    for (actor, concept), group in claims.groupby(["actor", "concept_id"]):
        side = lambda a: group[group["agreement"] == a]
        out[(actor, concept)] = tuple(side(a)["statement"].nunique() if statements else len(side(a)) for a in ("agree", "disagree"))
    return out


def _matrix(page) -> dict:
    """The matrix as shown: (actor, concept) -> (agree, disagree) of every visible cell with a count."""
    cells = page.evaluate("""() => Array.from(document.querySelectorAll('table.positions tbody tr:not([hidden])')).flatMap(
        tr => Array.from(tr.querySelectorAll('td:not([hidden]) a')).map(a => [tr.dataset.actor, a.parentNode.dataset.concept,
        a.querySelector('.agree').textContent, a.querySelector('.disagree').textContent]))""")
    return {(actor, concept): (int(agree or 0), int(disagree or 0)) for actor, concept, agree, disagree in cells}


def _congruence(claims: pd.DataFrame) -> dict:
    """(actor, actor) -> weight, worked out as DNA defines it: the (concept, agreement) pairs both hold."""
    stances = claims[["actor", "concept_id", "agreement"]].drop_duplicates()
    pairs = stances.merge(stances, on=["concept_id", "agreement"])
    pairs = pairs[pairs["actor_x"] < pairs["actor_y"]]
    return dict(Counter(zip(pairs["actor_x"], pairs["actor_y"])))


def _arcs(page) -> dict:
    return {(a, b): int(w) for a, b, w in page.locator("svg#congruence a.tie").evaluate_all(
        "els => els.map(e => [e.dataset.a, e.dataset.b, e.dataset.weight])")}


def _listed(page) -> list[str]:
    """Ids of the claims the list shows."""
    return page.locator("table.claims tr[id^='c-']").evaluate_all(
        "els => els.filter(e => !e.hidden).map(e => e.id.slice(2))")


def _count(page) -> str:
    return page.locator("#position-count").inner_text()


def _tie_claims(claims: pd.DataFrame, a: str, b: str) -> list[str]:
    """The claims behind a tie: either actor's, on a concept and agreement both hold."""
    stances = lambda actor: set(zip(*[claims[claims["actor"] == actor][f] for f in ("concept_id", "agreement")]))
    shared = stances(a) & stances(b)
    return sorted(c.claim_id for c in claims.itertuples() if c.actor in (a, b) and (c.concept_id, c.agreement) in shared)


def test_positions_page_is_linked_and_counts_every_claim(site, tab):
    claims = _claims()
    page = tab.open(site / "index.html")
    page.locator("header.site nav a", has_text="Positions").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/positions.html")
    assert tab.open(site / "index.html").locator(".tiles a[href='positions.html']").count() == 1
    page = tab.open(site / "positions.html")
    assert _count(page) == f"{len(claims)} of {len(claims)} claims ({claims['statement'].nunique()} statements)"
    assert _matrix(page) == _expected_matrix(claims)
    assert sorted(_listed(page)) == sorted(claims["claim_id"])
    page.select_option("select[name=count]", "statements")
    assert _matrix(page) == _expected_matrix(claims, statements=True)
    assert "count=statements" in page.url


@pytest.fixture(scope="module")
def restated(tmp_path_factory) -> tuple[Path, Path, str]:
    """The published dataset with two claims of one actor, concept and agreement made at one event,
    and one claim dated two years after its source: what the per-statement counts and the year
    filter must read, and the drafted claims do not have yet. Returns the dataset, its site, and
    the dated claim's id."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    here, root = project_root(), tmp_path_factory.mktemp("restated") / "repo"
    for name in ("raw", "tables", "schemas", "sql"):
        shutil.copytree(here / name, root / name)
    for name in ("datapackage.json", "croissant.json", "CHANGELOG.md", "CITATION.cff"):
        shutil.copy2(here / name, root / name)
    path = root / "tables" / "claims.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    groups = Counter((r["actor_expert_id"], r["actor_institution_id"], r["concept_id"], r["agreement"]) for r in rows)
    same = [r for r in rows if (r["actor_expert_id"], r["actor_institution_id"], r["concept_id"], r["agreement"])
            == groups.most_common(1)[0][0]]
    assert len(same) >= 2, "no two claims of one actor, concept and agreement to join into one statement"
    same[0]["event_id"] = same[1]["event_id"] = endofwar.load("events")["event_id"].iloc[0]
    per_source = Counter(r["source_id"] for r in rows)
    dated = next(r for r in rows if r["event_id"] is None and r["date_start"] is None and per_source[r["source_id"]] > 1)
    published = endofwar.load("sources").set_index("source_id").loc[dated["source_id"], "published_start"]
    year = 2019 if pd.isna(published) else published.year
    dated.update(date_start=dt.date(year + 2, 1, 1), date_end=dt.date(year + 3, 12, 31), date_precision="years")
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    build_site(root / "site", root)
    return root, root / "site", dated["claim_id"]


def test_statements_count_an_events_claims_once_and_a_claims_date_wins(restated, tab):
    root, site, dated = restated
    claims = _claims(root)
    page = tab.open(site / "positions.html", "#count=statements")
    assert _matrix(page) == _expected_matrix(claims, statements=True) != _expected_matrix(claims)
    assert _count(page) == f"{len(claims)} of {len(claims)} claims ({claims['statement'].nunique()} statements)"
    years = claims.set_index("claim_id").loc[dated, "years"]
    assert len(years) == 2
    for year in years:
        page.select_option("select[name=year]", year)
        assert dated in _listed(page)
        assert _matrix(page) == _expected_matrix(_in_year(claims, year), statements=True)
    page.select_option("select[name=year]", str(int(years[0]) - 2))
    assert dated not in _listed(page)  # not in its source's year: its own date wins


def test_filters_change_the_counts_and_the_address(site, tab):
    claims = _claims()
    page = tab.open(site / "positions.html")
    busiest = Counter(y for ys in claims["years"] for y in ys).most_common(1)[0][0]
    page.select_option("select[name=year]", busiest)
    expected = _in_year(claims, busiest)
    assert _matrix(page) == _expected_matrix(expected)
    assert _count(page).startswith(f"{len(expected)} of {len(claims)} claims")
    assert f"year={busiest}" in page.url
    country = expected["country"].mode()[0]
    page.select_option("select[name=country]", country)
    expected = expected[expected["country"] == country]
    assert _matrix(page) == _expected_matrix(expected)
    assert sorted(_listed(page)) == sorted(expected["claim_id"])
    assert f"country={country}" in page.url and f"year={busiest}" in page.url
    page.locator("#position-filters button[type=reset]").click()
    page.wait_for_function(f"document.getElementById('position-count').textContent.startsWith('{len(claims)} of')")

    concept = claims["concept_id"].mode()[0]
    outlet = claims["outlet"].mode()[0]
    page = tab.open(site / "positions.html", f"#concept={concept}&outlet={outlet}")  # a filtered view can be linked to
    expected = claims[(claims["concept_id"] == concept) & (claims["outlet"] == outlet)]
    assert _matrix(page) == _expected_matrix(expected)
    shown_columns = page.locator("table.positions thead th[data-concept]:not([hidden])").evaluate_all(
        "els => els.map(e => e.dataset.concept)")
    assert shown_columns == [concept]


def test_the_institutions_level_is_the_network_commands(site, tab):
    """Persons become the institution they speak for, as `endofwar network --level institutions`
    maps them: the matrix is its affiliation network, the drawing its congruence network."""
    root = project_root()
    affiliation = network(root, "affiliation", "institutions").graph
    expected = {}
    for a, b, edge in affiliation.edges(data=True):
        actor, concept = (b, a) if a.startswith("concept/") else (a, b)
        expected[(actor, concept.split("/", 1)[1])] = (edge["agree"], edge["disagree"])
    page = tab.open(site / "positions.html", "#level=institutions")
    assert _matrix(page) == expected
    congruence = network(root, "congruence", "institutions").graph
    assert _arcs(page) == {tuple(sorted((a, b))): w for a, b, w in congruence.edges(data="weight")}
    spoken_for = endofwar.load("claims").dropna(subset=["speaks_for_institution_id"])
    assert {(f"institution/{c.speaks_for_institution_id}", c.concept_id) for c in spoken_for.itertuples()} <= set(_matrix(page))


def test_the_network_drawn_is_the_congruence_network(site, tab):
    claims = _claims()
    page = tab.open(site / "positions.html")
    expected = _congruence(claims)
    assert _arcs(page) == expected
    graph = network(project_root(), "congruence").graph  # and what `endofwar network --kind congruence` writes
    assert _arcs(page) == {tuple(sorted((a, b))): w for a, b, w in graph.edges(data="weight")}
    assert page.locator("#ties tr").count() == len(expected)
    year = Counter(y for ys in claims["years"] for y in ys).most_common()[-1][0]  # the filters redraw it
    page.select_option("select[name=year]", year)
    assert _arcs(page) == _congruence(_in_year(claims, year))
    actors = page.locator("svg#congruence a.actor").evaluate_all("els => els.map(e => e.dataset.actor)")
    assert sorted(actors) == sorted(set(_in_year(claims, year)["actor"]))


def test_a_cell_leads_to_its_claims_and_their_evidence(site, tab):
    claims = _claims()
    actor, concept = claims.groupby(["actor", "concept_id"]).size().idxmax()
    page = tab.open(site / "positions.html")
    page.locator(f"table.positions tr[data-actor='{actor}'] td[data-concept='{concept}'] a").click()
    page.wait_for_function("!document.getElementById('selection').hidden")
    assert "cell=" in page.url
    mine = claims[(claims["actor"] == actor) & (claims["concept_id"] == concept)]
    assert sorted(_listed(page)) == sorted(mine["claim_id"])
    box = page.locator("#claims").bounding_box()
    assert box["y"] < page.viewport_size["height"], "the claims are not scrolled into view"
    first = mine.iloc[0]
    page.locator(f"tr#c-{first.claim_id} a.evidence").click()
    page.wait_for_selector("mark#highlight")
    assert page.url.endswith(f"sources/{first.source_id}.html#chars={first.char_start}-{first.char_end}")
    assert page.locator("mark#highlight").text_content() == first.evidence
    assert f"Claim {first.claim_id}" in page.locator("#highlight-notes").inner_text()


def test_an_arc_and_a_tie_lead_to_their_claims(site, tab):
    claims = _claims()
    page = tab.open(site / "positions.html")
    # the heaviest arc whose middle point is its own (arcs cross), clicked where a reader would
    page.locator("svg#congruence").scroll_into_view_if_needed()
    point = page.evaluate("""() => {
      const ties = Array.from(document.querySelectorAll('svg#congruence a.tie'))
        .sort((s, t) => t.dataset.weight - s.dataset.weight);
      for (const tie of ties) {
        const path = tie.querySelector('path.arc'), m = path.getPointAtLength(path.getTotalLength() / 2);
        const p = new DOMPoint(m.x, m.y).matrixTransform(path.getScreenCTM());
        if (tie.contains(document.elementFromPoint(p.x, p.y))) { return [tie.dataset.a, tie.dataset.b, p.x, p.y]; }
      }
      return null; }""")
    assert point, "no arc can be clicked at its middle"
    a, b, x, y = point
    page.mouse.click(x, y)
    page.wait_for_function("!document.getElementById('selection').hidden")
    assert "tie=" in page.url
    assert sorted(_listed(page)) == _tie_claims(claims, a, b)

    page = tab.open(site / "positions.html")   # the same tie from the table beside the drawing
    page.locator(f"#ties tr[data-tie='{a}~{b}'] a").click()
    page.wait_for_function("!document.getElementById('selection').hidden")
    assert sorted(_listed(page)) == _tie_claims(claims, a, b)
    page.get_by_role("button", name="Show every claim").click()
    assert len(_listed(page)) == len(claims) and "tie=" not in page.url


def test_the_layout_is_deterministic(site, tmp_path, browser):
    """Two builds give the same bytes, and the same page draws the same picture at any width."""
    again = tmp_path / "again"
    build_site(again)
    assert (again / "positions.html").read_bytes() == (site / "positions.html").read_bytes()
    drawings = []
    for width in (1280, 390, 1280):
        tab = Tab(browser, {"width": width, "height": 900})
        drawings.append(tab.open(site / "positions.html").locator("svg#congruence").evaluate("e => e.outerHTML"))
        tab.close()
    assert drawings[0] == drawings[1] == drawings[2]
    assert "<path" in drawings[0] or not _congruence(_claims())


def test_actors_are_drawn_in_the_matrix_order(site, tab):
    page = tab.open(site / "positions.html")
    rows = page.locator("table.positions tbody tr:not([hidden])").evaluate_all("els => els.map(e => e.dataset.actor)")
    drawn = page.locator("svg#congruence a.actor").evaluate_all(
        "els => els.map(e => [e.dataset.actor, e.querySelector('circle').cy.baseVal.value])")
    assert [actor for actor, _ in drawn] == rows
    assert [y for _, y in drawn] == sorted(y for _, y in drawn)
    at = dict(drawn)
    for a, b in _arcs(page):   # every arc runs from one of its actors' dots to the other's
        numbers = [float(n) for n in re.findall(r"-?[0-9.]+", page.locator(
            f"svg#congruence a.tie[data-a='{a}'][data-b='{b}'] path.arc").get_attribute("d"))]
        assert {numbers[1], numbers[-1]} == {at[a], at[b]} and numbers[0] == numbers[-2]


def test_each_states_un_statements_year_by_year(site, tab):
    claims = _claims()
    sources = endofwar.load("sources")
    speeches = sources[(sources["genre"] == "speech") & sources["speaker_institution_id"].notna()]
    assert len(speeches), "no UN statement to show"
    page = tab.open(site / "positions.html")
    for s in speeches.itertuples():
        cell = page.locator(f"#statements tr[data-state='{s.speaker_institution_id}'] td[data-year='{s.published_start.year}']")
        assert cell.locator(f"a[href='sources/{s.source_id}.html']").count() == 1, s.source_id
        hrefs = cell.locator("a.evidence-number").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        mine = claims[claims["source_id"] == s.source_id]
        assert sorted(hrefs) == sorted(f"sources/{c.source_id}.html#chars={c.char_start}-{c.char_end}" for c in mine.itertuples())
    years = page.locator("#statements thead th").all_inner_texts()[1:]
    assert years == sorted({str(d.year) for d in speeches["published_start"]})
    busiest = claims[claims["source_id"].isin(speeches["source_id"])]["concept_id"].mode()[0]
    page.select_option("select[name=concept]", busiest)   # the filters reach the statements too
    shown = page.locator("#statements a.evidence-number:visible").count()
    assert shown == ((claims["concept_id"] == busiest) & claims["source_id"].isin(speeches["source_id"])).sum()
    page.locator("#statements a.evidence-number:visible").first.click()
    page.wait_for_selector("mark#highlight")
    assert page.locator("mark#highlight").text_content() in set(claims["evidence"])


def test_every_claim_is_highlighted_in_its_source(site, tab):
    claims = _claims()
    for source, mine in claims.groupby("source_id"):
        page = tab.open(site / "sources" / f"{source}.html")
        for c in mine.itertuples():
            page.evaluate(f"window.location.hash = 'chars={c.char_start}-{c.char_end}'")
            page.wait_for_function(f"document.getElementById('highlight-range').textContent === '{c.char_start}–{c.char_end}'")
            assert page.locator("mark#highlight").text_content() == c.evidence, c.claim_id
            assert f"Claim {c.claim_id} ({c.agreement})" in page.locator("#highlight-notes").inner_text()
    last = claims.iloc[-1]
    page.locator(f"#notes tr[data-start='{last.char_start}'][data-end='{last.char_end}'] a[href$='#c-{last.claim_id}']").first.click()
    page.wait_for_load_state("load")
    assert page.locator(f"tr#c-{last.claim_id}").is_visible()   # the claim's row on the positions page


def test_the_page_fits_a_phone_and_a_desktop(site, browser):
    """How fast it loads is measured by scripts/site_speed.py (README), not here."""
    for name, viewport in (("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})):
        tab = Tab(browser, viewport)
        page = tab.open(site / "positions.html")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], f"{name}: the page scrolls sideways"
        drawing = page.locator("svg#congruence").bounding_box()
        assert drawing["x"] >= 0 and drawing["x"] + drawing["width"] <= viewport["width"]
        label = page.locator("svg#congruence text").first.bounding_box()
        assert label["height"] >= 11, f"{name}: the network's names are {label['height']:.1f} px high"
        docs = project_root() / "docs" / "img"
        page.locator("#network").screenshot(path=str(docs / f"positions-network-{name}.png"))
        if name == "desktop":
            page.locator("#matrix").screenshot(path=str(docs / "positions.png"))
        assert not tab.problems, "\n".join(tab.problems)
        tab.close()
