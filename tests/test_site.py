"""The generated site, driven in a real headless browser through playwright (which browser:
tests/site_browser.py; Debian's chromium on this project's machines).

Pages load from file:// with no console error, no failed request and no request to any
other site; the timeline draws every event, in periods, and its filters filter; clicking a
quote highlights exactly its characters in the source; the quote browser filters and pages;
the precondition filters narrow the matrix and its rows together; the sources list says what
each text is. Screenshots of the landing page and the timeline go to docs/img/ for the
README. A missing browser fails, never skips.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest
from site_browser import LAUNCH_ARGS, browser_path

import endofwar
from endofwar.errors import EndofwarError
from endofwar.outputs.site import build_site
from endofwar.paths import project_root


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(out)
    return out


@pytest.fixture(scope="module")
def browser():
    try:
        executable = browser_path()
    except LookupError as problem:
        pytest.fail(str(problem), pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield browser
        browser.close()


class Tab:
    """A browser page that records every console error, failed request and request off file://."""

    def __init__(self, browser, viewport: dict | None = None):
        self.context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed request: {r.url} ({r.failure})"))
        self.page.on("request", lambda r: r.url.startswith("file://") or self.problems.append(f"request off file://: {r.url}"))

    def open(self, path: Path, fragment: str = ""):
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_load_state("load")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser):
    tab = Tab(browser)
    yield tab
    tab.close()
    assert not tab.problems, "\n".join(tab.problems)


def test_browser_is_installed():
    browser_path()   # a LookupError says what to install


def test_every_page_loads_without_errors_or_outside_requests(site, tab):
    pages = sorted(site.rglob("*.html"))
    # index, timeline, positions, preconditions, quotes, directory, dictionary, datasheet; a page per person, institution, source
    assert len(pages) == 8 + len(endofwar.load("experts")) + len(endofwar.load("institutions")) + len(endofwar.load("sources"))
    for path in pages:
        tab.open(path)
        assert tab.page.title(), path
    assert not tab.problems, "\n".join(tab.problems)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.add(attrs.get("id"))
        for key in ("href", "src"):
            if attrs.get(key):
                self.hrefs.append(attrs[key])


def test_every_internal_link_and_anchor_exists(site):
    parsed = {}
    for path in site.rglob("*.html"):
        parsed[path] = _Links()
        parsed[path].feed(path.read_text(encoding="utf-8"))
    for path, links in parsed.items():
        for href in links.hrefs:
            if re.match(r"^(https?|mailto):", href):
                continue
            parts = urlsplit(href)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), f"{path.relative_to(site)} links to missing {href}"
            if parts.fragment and "=" not in parts.fragment and target.suffix == ".html":
                assert parts.fragment in parsed[target].ids, f"{path.relative_to(site)} links to missing anchor {href}"


def test_the_build_is_deterministic_and_only_replaces_its_own_folder(site, tmp_path):
    again = tmp_path / "again"
    build_site(again)
    build_site(again)  # a second build over its own output replaces it
    ours = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert ours == theirs
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "notes.txt").write_text("mine")
    with pytest.raises(EndofwarError, match="not a site built by endofwar"):
        build_site(tmp_path / "precious")
    assert (tmp_path / "precious" / "notes.txt").read_text() == "mine"


def test_downloads_are_the_published_files(site):
    root = project_root()
    assert (site / "data" / "datapackage.json").read_bytes() == (root / "datapackage.json").read_bytes()
    for table in (root / "tables").glob("*.*"):
        assert (site / "data" / "tables" / table.name).read_bytes() == table.read_bytes()


def test_landing_page_cites_counts_and_links_downloads(site, tab):
    page = tab.open(site / "index.html")
    citation = page.locator("#citation-text").inner_text()
    assert endofwar.__version__ in citation and "endofwar contributors" in citation
    page.get_by_role("button", name="Copy citation").click()
    page.wait_for_function("document.querySelector('#cite .copy-status').textContent !== ''")
    assert page.locator("#cite .copy-status").first.inner_text() == "Copied."
    for name in ("quotes", "events", "preconditions"):
        rows = len(endofwar.load(name))
        assert page.locator("#downloads tr", has=page.locator(f"code:text-is('{name}')")).locator("td.num").inner_text() == str(rows)
    assert page.locator("#downloads a[href='data/tables/quotes.parquet']").count() == 1
    docs = project_root() / "docs" / "img"
    docs.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(docs / "landing.png"))


def _shown_events(page) -> list[str]:
    return page.locator("svg.timeline a.event-mark:visible").evaluate_all("els => els.map(e => e.dataset.eventId)")


def _shown_rows(page, prefix: str) -> list[str]:
    """Ids of the table rows not hidden by a filter (their <details> may be closed)."""
    return page.locator(f"tr[id^='{prefix}']").evaluate_all(
        "els => els.filter(e => !e.hidden && !e.closest('[hidden]')).map(e => e.id)")


def test_timeline_draws_every_event_once_in_the_period_it_starts_in(site, tab):
    events = endofwar.load("events")
    page = tab.open(site / "timeline.html")
    marks = page.locator("svg.timeline a.event-mark")
    assert marks.count() == len(events)
    assert page.locator("tr[id^='e-']").count() == len(events)  # every event in a table too
    assert page.locator("#event-count").inner_text() == f"{len(events)} of {len(events)} events"
    sections = page.locator("section.period")
    seen = []
    for i in range(sections.count()):
        section = sections.nth(i)
        first, last = int(section.get_attribute("data-first")), int(section.get_attribute("data-last"))
        ids = section.locator("a.event-mark").evaluate_all("els => els.map(e => e.dataset.eventId)")
        assert ids, f"{section.get_attribute('id')} is empty"
        assert section.locator("tr[id^='e-']").count() == len(ids)
        for event in events.set_index("event_id").loc[ids].itertuples():
            assert first <= event.date_start.year <= last, f"{event.Index} ({event.date_start}) in {first}-{last}"
        seen += ids
    assert sorted(seen) == sorted(events["event_id"])
    for year in events["date_start"].map(lambda d: d.year).unique():  # the debate's busy years have periods of their own
        if (events["date_start"].map(lambda d: d.year) == year).sum() >= 4 and year >= 2018:
            assert page.locator(f"section#s-{year}").count() == 1
    for event in events.itertuples():
        mark = page.locator(f"svg.timeline a.event-mark[data-event-id='{event.event_id}']")
        shape = "circle" if event.date_precision == "day" else "rect"
        assert mark.locator(shape).count() == 1, f"{event.event_id} ({event.date_precision}) should be a {shape}"
        assert mark.get_attribute("data-event-type") == event.event_type
    assert page.locator(".legend .swatch").count() == events["event_type"].nunique()
    bars = page.locator("#overview a.year-bar")
    assert sum(int(re.search(r": (\d+) event", t).group(1)) for t in bars.locator("title").all_text_contents()) == len(events)
    first_period = page.locator("section.period .chart").first.bounding_box()
    page.screenshot(path=str(project_root() / "docs" / "img" / "timeline.png"),
                    clip={"x": 0, "y": 0, "width": 1280, "height": first_period["y"] + first_period["height"] + 16}, full_page=True)
    first = endofwar.load("event_sources").iloc[0]
    page.locator(f"svg.timeline a.event-mark[data-event-id='{first.event_id}']").click()
    page.wait_for_selector("mark#highlight")
    assert page.locator("mark#highlight").text_content() in set(
        endofwar.load("event_sources").query("event_id == @first.event_id")["evidence"])


def test_timeline_filters_by_year_and_type(site, tab):
    events = endofwar.load("events")
    start, end = events["date_start"].map(lambda d: d.year), events["date_end"].map(lambda d: d.year)
    page = tab.open(site / "timeline.html")

    page.select_option("select[name=from]", "1952")
    page.select_option("select[name=to]", "1952")
    expected = sorted(events[(start <= 1952) & (end >= 1952)]["event_id"])  # overlapping, not only starting
    assert expected and sorted(_shown_events(page)) == expected
    assert sorted(_shown_rows(page, "e-")) == sorted(f"e-{e}" for e in expected)
    assert page.locator("#event-count").inner_text() == f"{len(expected)} of {len(events)} events"
    assert "from=1952" in page.url and "to=1952" in page.url
    assert page.locator("section#s-2018").is_hidden()  # a period with nothing left is hidden
    page.locator("#event-filters button[type=reset]").click()
    page.wait_for_function(f"document.querySelector('#event-count').textContent.startsWith('{len(events)} of')")

    year = int(start.mode()[0])
    page.select_option("select[name=from]", str(year))
    page.select_option("select[name=to]", str(year))
    kind = events[(start <= year) & (end >= year)]["event_type"].mode()[0]
    page.select_option("#event-filters select[name=type]", kind)
    expected = sorted(events[(start <= year) & (end >= year) & (events["event_type"] == kind)]["event_id"])
    assert sorted(_shown_events(page)) == expected
    charts = page.locator("section.period:not([hidden]) svg.timeline").evaluate_all(
        "svgs => svgs.map(s => Array.from(s.querySelectorAll('a.event-mark:not([hidden])'))"
        ".map(e => e.transform.baseVal.consolidate().matrix.f))")
    assert sum(map(len, charts)) == len(expected)
    for ys in charts:  # each period's chart closes up: its shown events on consecutive rows, one each
        assert sorted(ys) == [min(ys) + 26 * k for k in range(len(ys))]

    tab.open(site / "timeline.html", f"#type={kind}")  # a filtered view can be linked to
    assert sorted(_shown_events(page)) == sorted(events.query("event_type == @kind")["event_id"])

    last = events.sort_values(["date_start", "event_id"])["event_id"].iloc[-1]
    tab.open(site / "timeline.html", f"#e-{last}")  # a source page's "on the timeline" link opens the event's table
    assert page.locator(f"tr#e-{last}").is_visible()


def test_every_quote_links_to_exactly_its_characters(site, tab):
    quotes = endofwar.load("quotes")
    page = tab.open(site / "quotes.html")
    hrefs = {}
    while True:  # every page of the browser
        for card in page.locator("#quote-list li.quote:visible").all():
            hrefs[card.get_attribute("data-quote-id")] = card.locator("a.quote-link").get_attribute("href")
        following = page.locator("#quote-pages button[data-step='1']")
        if following.is_hidden() or following.is_disabled():
            break
        following.click()
    assert sorted(hrefs) == sorted(quotes["quote_id"])
    by_source = {}
    for quote in quotes.itertuples():
        assert hrefs[quote.quote_id] == f"sources/{quote.source_id}.html#chars={quote.char_start}-{quote.char_end}"
        by_source.setdefault(quote.source_id, []).append(quote)
    for source, its_quotes in by_source.items():
        page = tab.open(site / "sources" / f"{source}.html")
        for quote in its_quotes:
            page.evaluate(f"window.location.hash = 'chars={quote.char_start}-{quote.char_end}'")
            page.wait_for_function(f"document.getElementById('highlight-range').textContent === '{quote.char_start}–{quote.char_end}'")
            assert page.locator("mark#highlight").text_content() == quote.text, quote.quote_id
            info = page.locator("#highlight-notes").inner_text()
            assert f"Quote {quote.quote_id}" in info
            if isinstance(quote.attribution_text, str):
                words = " ".join(quote.attribution_text.split())   # the page shows runs of spaces as one
                assert words in " ".join(info.split()), f"{quote.quote_id}: attribution not shown"


def test_clicking_a_quote_opens_its_source_highlighted(site, tab):
    quotes = endofwar.load("quotes")
    for quote in (quotes.iloc[0], quotes.iloc[-1]):  # the last is on the last page
        page = tab.open(site / "quotes.html", f"#source={quote.source_id}")
        page.locator(f"li.quote[data-quote-id='{quote.quote_id}'] a.quote-link").click()
        page.wait_for_selector("mark#highlight")
        assert page.url.split("/")[-2:] == ["sources", f"{quote.source_id}.html#chars={quote.char_start}-{quote.char_end}"]
        assert page.locator("mark#highlight").text_content() == quote.text


def _shown(page) -> list[str]:
    return page.locator("#quote-list li.quote:visible").evaluate_all("els => els.map(e => e.dataset.quoteId)")


def _expect(page, expected, total: int):
    """The browser matches exactly `expected` (quote rows, in table order): the count says so and
    the page shows the first page of them."""
    ids = list(expected["quote_id"])
    size = int(page.locator("#quote-pages").get_attribute("data-page-size"))
    assert page.locator("#quote-count").inner_text() == f"{len(ids)} of {total} quotes"
    assert _shown(page) == ids[:size]


def test_quote_filters_change_what_is_shown(site, tab):
    quotes = endofwar.load("quotes")
    affiliations = endofwar.load("affiliations")
    page = tab.open(site / "quotes.html")
    _expect(page, quotes, len(quotes))

    page.select_option("select[name=kind]", "term")
    _expect(page, quotes.query("quote_kind == 'term'"), len(quotes))
    assert page.locator("#quote-count").inner_text() == f"{(quotes['quote_kind'] == 'term').sum()} of {len(quotes)} quotes"
    page.locator("button[type=reset]").click()
    page.wait_for_function(f"document.querySelector('#quote-count').textContent.startsWith('{len(quotes)} of')")

    speaker = Counter(quotes["speaker_expert_id"].dropna()).most_common(1)[0][0]
    page.select_option("select[name=speaker]", f"expert/{speaker}")
    _expect(page, quotes.query("speaker_expert_id == @speaker"), len(quotes))
    page.select_option("select[name=speaker]", "")

    institution = Counter(affiliations["institution_id"]).most_common(1)[0][0]
    people = set(affiliations.query("institution_id == @institution")["expert_id"])
    expected = quotes[quotes["speaker_expert_id"].isin(people) | (quotes["speaker_institution_id"] == institution)]
    page.select_option("select[name=institution]", institution)
    _expect(page, expected, len(quotes))
    page.select_option("select[name=institution]", "")

    source = quotes["source_id"].iloc[-1]
    page.select_option("select[name=source]", source)
    page.select_option("select[name=kind]", "statement")
    _expect(page, quotes.query("source_id == @source and quote_kind == 'statement'"), len(quotes))
    assert "source=" in page.url and "kind=statement" in page.url  # a filtered view can be linked to

    tab.open(site / "quotes.html", f"#speaker=expert/{speaker}")
    _expect(page, quotes.query("speaker_expert_id == @speaker"), len(quotes))


def _source_facts():
    sources = endofwar.load("sources").set_index("source_id")
    year = sources["published_start"].map(lambda d: "undated" if pd.isna(d) else str(d.year))
    return sources["outlet_kind"], year


def test_quote_filters_by_outlet_kind_and_year(site, tab):
    quotes = endofwar.load("quotes")
    outlet_kind, year = _source_facts()
    kind, when = quotes["source_id"].map(outlet_kind), quotes["source_id"].map(year)
    page = tab.open(site / "quotes.html", "#outlet=wire")
    _expect(page, quotes[kind == "wire"], len(quotes))
    page.select_option("select[name=outlet]", "")
    busiest = when.mode()[0]
    page.select_option("select[name=year]", busiest)
    expected = quotes[when == busiest]
    _expect(page, expected, len(quotes))
    if (when == "undated").any():
        page.select_option("select[name=year]", "undated")
        _expect(page, quotes[when == "undated"], len(quotes))


def test_quote_browser_pages(site, tab):
    quotes = endofwar.load("quotes")
    page = tab.open(site / "quotes.html")
    size = int(page.locator("#quote-pages").get_attribute("data-page-size"))
    assert len(quotes) > size, "the test needs more quotes than fit on a page"
    first = _shown(page)
    assert first == list(quotes["quote_id"][:size])
    page.locator("#quote-pages button[data-step='1']").click()
    assert _shown(page) == list(quotes["quote_id"][size:2 * size])
    assert "page=2" in page.url
    assert page.locator("#quote-page").inner_text().startswith(f"page 2 of {-(-len(quotes) // size)}")
    tab.open(site / "quotes.html", "#page=2")  # a page can be linked to
    assert _shown(page) == list(quotes["quote_id"][size:2 * size])
    page.select_option("select[name=kind]", "statement")  # a new filter starts at its first page
    statements = list(quotes.query("quote_kind == 'statement'")["quote_id"])
    assert _shown(page) == statements[:size] and "page=" not in page.url


def _check_matrix(page, expected: list[str]):
    """The shown rows are `expected`, and the matrix counts exactly them, cell by cell."""
    assert sorted(_shown_rows(page, "p-")) == sorted(f"p-{p}" for p in expected)
    cells = page.locator("table.matrix tbody td.hit a")
    assert sum(int(t) for t in cells.all_inner_texts()) == len(expected)
    for i in range(cells.count()):
        anchor = cells.nth(i).get_attribute("href")
        assert len(_shown_rows(page.locator(anchor), "p-")) == int(cells.nth(i).inner_text())
    assert page.locator("table.matrix .grand-total").inner_text() == str(len(expected))


def test_precondition_matrix_counts_and_links_every_row(site, tab):
    preconditions = endofwar.load("preconditions")
    page = tab.open(site / "preconditions.html")
    _check_matrix(page, list(preconditions["precondition_id"]))
    assert page.locator("tr[id^='p-']").count() == len(preconditions)


def test_precondition_filters_narrow_the_matrix_and_its_rows(site, tab):
    preconditions = endofwar.load("preconditions")
    outlet_kind, year = _source_facts()
    when = preconditions["source_id"].map(year)
    page = tab.open(site / "preconditions.html")
    busiest = when.mode()[0]
    page.select_option("#precondition-filters select[name=year]", busiest)
    _check_matrix(page, list(preconditions[when == busiest]["precondition_id"]))
    assert page.locator("#precondition-count").inner_text() == f"{(when == busiest).sum()} of {len(preconditions)} preconditions"
    step = preconditions[when == busiest]["gated_step"].mode()[0]
    page.select_option("#precondition-filters select[name=step]", step)
    _check_matrix(page, list(preconditions[(when == busiest) & (preconditions["gated_step"] == step)]["precondition_id"]))
    assert f"step={step}" in page.url
    page.locator("#precondition-filters button[type=reset]").click()
    page.wait_for_function(f"document.querySelector('#precondition-count').textContent.startsWith('{len(preconditions)} of')")
    demander = preconditions["demander_institution_id"].dropna().mode()[0]
    tab.open(site / "preconditions.html", f"#demander=institution/{demander}&outlet=wire")
    expected = preconditions[(preconditions["demander_institution_id"] == demander)
                             & (preconditions["source_id"].map(outlet_kind) == "wire")]
    _check_matrix(page, list(expected["precondition_id"]))
    assert page.locator("table.matrix tbody tr:visible").count() == (1 if len(expected) else 0)


def test_sources_list_says_what_each_text_is(site, tab):
    sources = endofwar.load("sources")
    experts = endofwar.load("experts").set_index("expert_id")["name"]
    institutions = endofwar.load("institutions").set_index("institution_id")["name"]
    page = tab.open(site / "index.html")
    rows = page.locator("#sources tbody tr")
    assert rows.count() == len(sources)
    order = rows.evaluate_all("els => els.map(e => e.dataset.sourceId)")
    dated = sources.dropna(subset=["published_start"]).sort_values(["published_start", "source_id"], kind="stable")
    assert order[: len(dated)] == [s for s in order if s in set(dated["source_id"])]  # undated last
    assert [sources.set_index("source_id").loc[s, "published_start"] for s in order[: len(dated)]] == sorted(dated["published_start"])
    for source in sources.itertuples():
        row = page.locator(f"#sources tr[data-source-id='{source.source_id}']")
        cells = row.locator("td")
        text = row.inner_text()
        assert source.outlet in cells.nth(2).inner_text()
        assert source.outlet_kind.replace("_", " ") in cells.nth(3).inner_text()
        assert cells.nth(4).inner_text().startswith(source.text_extent)
        if not pd.isna(source.title) and source.title:
            assert cells.nth(1).locator("a").inner_text() == source.title
        else:
            assert cells.nth(1).locator("a").inner_text() == source.outlet
            assert "(title not in the carried text)" in cells.nth(1).inner_text()
        if not pd.isna(source.original_outlet):
            assert f"repost of {source.original_outlet}" in cells.nth(2).inner_text()
        else:
            assert "repost" not in text
        if pd.isna(source.published_start):
            assert cells.nth(0).inner_text() == "no date stated"
        if not pd.isna(source.speaker_expert_id):  # a speech names its speaker and the state they speak for
            assert (f"— {source.genre} by {experts[source.speaker_expert_id]} for {institutions[source.speaker_institution_id]}"
                    in cells.nth(1).inner_text())
        else:
            assert "speech by" not in text
    assert (sources["title"].isna() | (sources["title"] == "")).any(), "no untitled source left to test"
    assert sources["speaker_expert_id"].notna().any() and sources["speaker_expert_id"].isna().any()
    assert sources["original_outlet"].notna().any() and sources["published_start"].isna().any()


def test_entity_pages_show_affiliations_quotes_preconditions_events(site, tab):
    quotes, affiliations = endofwar.load("quotes"), endofwar.load("affiliations")
    expert = Counter(quotes["speaker_expert_id"].dropna()).most_common(1)[0][0]
    page = tab.open(site / "experts" / f"{expert}.html")
    assert page.locator("ol.quotes li.quote").count() == (quotes["speaker_expert_id"] == expert).sum()
    for title in affiliations.query("expert_id == @expert")["title"].dropna():
        assert page.get_by_text(title, exact=True).count() >= 1
    institution = endofwar.load("preconditions")["demander_institution_id"].dropna().mode()[0]
    page = tab.open(site / "institutions" / f"{institution}.html")
    assert page.locator("tr[id^='p-']").count() >= 1
    assert page.locator("tr[id^='e-']").count() == endofwar.load("event_actors").query(
        "actor_institution_id == @institution")["event_id"].nunique()


def test_dictionary_lists_every_table_and_field(site, tab):
    from endofwar.schemas import catalogue

    page = tab.open(site / "dictionary.html")
    for table in catalogue().tables.values():
        assert page.locator(f"#table-{table.name} tbody tr").count() == len(table.fields)


def test_source_text_is_the_raw_text(site, tab):
    for source in endofwar.load("sources").itertuples():
        page = tab.open(site / "sources" / f"{source.source_id}.html")
        raw = (project_root() / source.raw_path).read_text(encoding="utf-8")
        assert page.locator("#source-text").text_content() == raw



SPAN_TABLES = ("mentions", "affiliations", "quotes", "preconditions", "event_sources", "event_actors", "claims", "concepts")


def _longest_source():
    """The longest text (a UN General Assembly statement of 26,158 characters), its raw text, and
    the coded rows' spans in it, in text order."""
    sources = endofwar.load("sources")
    source = sources.loc[sources["char_count"].idxmax()]
    raw = (project_root() / source.raw_path).read_text(encoding="utf-8")
    spans = sorted((r.char_start, r.char_end) for name in SPAN_TABLES for r in endofwar.load(name).itertuples()
                   if r.source_id == source.source_id)
    return source, raw, spans


def test_a_long_source_has_a_table_of_contents_by_paragraph(site, tab):
    source, raw, spans = _longest_source()
    starts = [m.start() for m in re.finditer(r"^(?=[^\n]*\S)", raw, flags=re.M)]  # lines with text: paragraphs
    page = tab.open(site / "sources" / f"{source.source_id}.html")
    entries = page.locator("#toc li")
    assert entries.count() == len(starts) > 50
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(raw)]), 1):
        piece = page.locator(f"#para-{number}")
        assert int(piece.get_attribute("data-o")) == start and piece.get_attribute("data-para") == str(number)
        entry = entries.nth(number - 1)
        assert entry.locator("a").get_attribute("href") == f"#para-{number}"
        number_shown, opening = entry.locator("a span").all_inner_texts()
        assert number_shown == str(number)
        assert " ".join(raw[start:end].split()).startswith(opening.removesuffix(" …"))
        rows = sum(start <= s < end for s, _ in spans)
        assert entry.locator(".rows-in").all_inner_texts() == ([f"{rows} row{'s' if rows > 1 else ''}"] if rows else [])
    entries.nth(len(starts) - 1).locator("a").click()   # a paragraph far down the page
    box = page.locator(f"#para-{len(starts)}").bounding_box()
    assert box and 0 <= box["y"] < page.viewport_size["height"]
    assert page.locator("#source-text").text_content() == raw   # numbers and cuts leave the text as it is

    shortest = endofwar.load("sources").sort_values("char_count").iloc[0]
    page = tab.open(site / "sources" / f"{shortest.source_id}.html")
    assert page.locator("#toc").count() == 0 and page.locator("[data-para]").count() == 0


def test_a_long_source_opened_at_a_span_shows_it_highlighted(site, tab):
    """How fast it loads is measured by scripts/site_speed.py (README), not here."""
    source, raw, spans = _longest_source()
    start, end = spans[-1]   # the last coded span: near the end of 26,000 characters
    page = tab.open(site / "sources" / f"{source.source_id}.html", f"#chars={start}-{end}")
    mark = page.locator("mark#highlight")
    assert mark.text_content() == raw[start:end]
    box, info = mark.bounding_box(), page.locator("#highlight-info").bounding_box()
    assert info["y"] + info["height"] <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"], (
        "the highlighted span is not in view below the highlight's description")
    paragraph = sum(1 for m in re.finditer(r"^(?=[^\n]*\S)", raw, flags=re.M) if m.start() <= start)
    assert page.locator("#toc li.current a").get_attribute("href") == f"#para-{paragraph}"
    speaker = page.locator("dl.facts dd", has=page.locator(f"a[href='../experts/{source.speaker_expert_id}.html']"))
    assert speaker.locator(f"a[href='../institutions/{source.speaker_institution_id}.html']").count() == 1
    page.screenshot(path=str(project_root() / "docs" / "img" / "source.png"))


def test_highlight_counts_code_points_beyond_the_basic_plane(tmp_path, tab):
    """Offsets are code points (Python); a UTF-16 slice in the browser would be off by one per astral character."""
    from endofwar.outputs.site import _environment, evidence

    text = "Headline 𝐍𝐊 🇰🇷\nKim said “no 𝕕𝕖𝕒𝕝 <b>& é\u0301” today.\n"
    start, end = text.index("no "), text.index("” today")
    source = dict.fromkeys(["subtitle", "author", "published_text", "series", "note", "original_outlet", "speaker",
                            "speaker_for"]) | {
        "source_id": "astral", "title": "Astral", "name": "Astral", "untitled": False, "outlet": "Test",
        "outlet_kind": "wire", "text_extent": "full", "date": "2021", "published_precision": "year",
        "published_basis": "explicit", "url": "https://example.org", "char_count": len(text), "sha256": "0", "rights": "test"}
    note = {"start": start, "end": end, "what": "Quote q1", "detail": "attribution: “Kim said”", "href": None, "link_text": ""}
    html = _environment().get_template("source.html").render(
        base="../", version="0", package={"title": "t", "licenses": [{"name": "CC-BY-4.0"}]}, source=source,
        segments=evidence.segments(text, [(start, end)]), length=len(text), notes=[note], toc=[])
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "astral.html").write_text(html, encoding="utf-8")
    shutil.copytree(Path(evidence.__file__).parent / "static", tmp_path / "static")
    page = tab.open(tmp_path / "sources" / "astral.html", f"#chars={start}-{end}")
    assert page.locator("#source-text").text_content() == text
    assert page.locator("mark#highlight").text_content() == text[start:end]
    assert "Kim said" in page.locator("#highlight-notes").inner_text()


def test_timeline_layout_at_a_few_hundred_events():
    """Periods keep a large debate readable: every event drawn once, each busy year on its own
    axis in months, the sparse decades gathered, and fuzzy dates still bars."""
    import datetime as dt
    import random

    from endofwar.outputs.site import timeline

    rng = random.Random(15)
    events = []
    for i in range(400):
        year = rng.choice(range(1950, 2018)) if i < 80 else rng.choice(range(2018, 2023))
        precision = rng.choice(["day", "month", "year", "years"])
        start = dt.date(year, rng.randint(1, 12), rng.randint(1, 28)) if precision in ("day", "month") else dt.date(year, 1, 1)
        if precision == "month":
            start = start.replace(day=1)
        end = {"day": start, "month": (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1),
               "year": dt.date(year, 12, 31), "years": dt.date(year + rng.randint(1, 4), 12, 31)}[precision]
        events.append({"event_id": f"e{i:03d}", "title": f"Event {i}", "event_type": rng.choice(["summit", "statement"]),
                       "date_start": start, "date_end": end, "date_precision": precision})
    chart = timeline.layout(events, {}, ["summit", "statement"])
    marks = [m for s in chart["sections"] for m in s["marks"]]
    assert sorted(m["event"]["event_id"] for m in marks) == [e["event_id"] for e in events]
    for year in range(2018, 2023):
        section = next(s for s in chart["sections"] if s["first"] <= year <= s["last"])
        assert (section["first"], section["last"], section["months"]) == (year, year, True)
    for section in chart["sections"]:
        if section["first"] < 2018:
            assert len(section["events"]) < timeline.SPLIT or section["first"] // 10 == section["last"] // 10
        assert all(timeline.PAD - 1 <= m["x"] and m["x"] + m["w"] <= timeline.WIDTH - timeline.PAD + 1 for m in section["marks"])
    assert all(m["point"] == (m["event"]["date_precision"] == "day") for m in marks)
    assert all(m["continues"] for m in marks if m["event"]["date_end"].year > m["event"]["date_start"].year
               and m["event"]["date_start"].year >= 2018)
