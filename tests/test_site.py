"""The generated site, driven in a real headless browser through playwright (which browser:
tests/site_browser.py; Debian's chromium on this project's machines).

Pages load from file:// with no console error, no failed request and no request to any
other site; the timeline draws every event; clicking a quote highlights exactly its
characters in the source; the quote filters filter. Screenshots of the landing page and
the timeline go to docs/img/ for the README. A missing browser fails, never skips.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_browser import browser_path

import endofwar
from endofwar.errors import EndofwarError
from endofwar.outputs.site import build_site
from endofwar.paths import project_root

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        yield browser
        browser.close()


class Tab:
    """A browser page that records every console error, failed request and request off file://."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
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
    assert len(pages) == 6 + len(endofwar.load("experts")) + len(endofwar.load("institutions")) + len(endofwar.load("sources"))
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
        assert page.locator("#counts tr", has=page.locator(f"code:text-is('{name}')")).locator("td").last.inner_text() == str(rows)
    assert page.locator("#downloads a[href='data/tables/quotes.parquet']").count() == 1
    docs = project_root() / "docs" / "img"
    docs.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(docs / "landing.png"))


def test_timeline_draws_every_event_with_its_precision(site, tab):
    events = endofwar.load("events")
    page = tab.open(site / "timeline.html")
    marks = page.locator("#timeline a.event-mark")
    assert marks.count() == len(events)
    for event in events.itertuples():
        mark = page.locator(f"#timeline a.event-mark[data-event-id='{event.event_id}']")
        shape = "circle" if event.date_precision == "day" else "rect"
        assert mark.locator(shape).count() == 1, f"{event.event_id} ({event.date_precision}) should be a {shape}"
        assert mark.get_attribute("data-event-type") == event.event_type
    assert page.locator(".legend .swatch").count() == events["event_type"].nunique()
    chart = page.locator(".chart").bounding_box()
    page.screenshot(path=str(project_root() / "docs" / "img" / "timeline.png"),
                    clip={"x": 0, "y": 0, "width": 1280, "height": chart["y"] + chart["height"] + 16}, full_page=True)
    first = endofwar.load("event_sources").iloc[0]
    page.locator(f"#timeline a.event-mark[data-event-id='{first.event_id}']").click()
    page.wait_for_selector("mark#highlight")
    assert page.locator("mark#highlight").text_content() in set(
        endofwar.load("event_sources").query("event_id == @first.event_id")["evidence"])


def test_clicking_a_quote_highlights_exactly_its_characters(site, tab):
    quotes = endofwar.load("quotes")
    page = tab.open(site / "quotes.html")
    for quote in quotes.itertuples():
        page.locator(f"li.quote[data-quote-id='{quote.quote_id}'] a.quote-link").click()
        page.wait_for_selector("mark#highlight")
        assert page.url.split("/")[-2:] == ["sources", f"{quote.source_id}.html#chars={quote.char_start}-{quote.char_end}"]
        assert page.locator("mark#highlight").text_content() == quote.text, quote.quote_id
        info = page.locator("#highlight-notes").inner_text()
        assert f"Quote {quote.quote_id}" in info
        if isinstance(quote.attribution_text, str):
            assert quote.attribution_text in info, f"{quote.quote_id}: attribution not shown"
        tab.open(site / "quotes.html")


def _shown(page) -> list[str]:
    return page.locator("#quote-list li.quote:visible").evaluate_all("els => els.map(e => e.dataset.quoteId)")


def test_quote_filters_change_what_is_shown(site, tab):
    quotes = endofwar.load("quotes")
    affiliations = endofwar.load("affiliations")
    page = tab.open(site / "quotes.html")
    assert len(_shown(page)) == len(quotes)

    page.select_option("select[name=kind]", "term")
    assert sorted(_shown(page)) == sorted(quotes.query("quote_kind == 'term'")["quote_id"])
    assert page.locator("#quote-count").inner_text() == f"{(quotes['quote_kind'] == 'term').sum()} of {len(quotes)} quotes"
    page.locator("button[type=reset]").click()
    page.wait_for_function(f"document.querySelector('#quote-count').textContent.startsWith('{len(quotes)} of')")

    speaker = Counter(quotes["speaker_expert_id"].dropna()).most_common(1)[0][0]
    page.select_option("select[name=speaker]", f"expert/{speaker}")
    assert sorted(_shown(page)) == sorted(quotes.query("speaker_expert_id == @speaker")["quote_id"])
    page.select_option("select[name=speaker]", "")

    institution = Counter(affiliations["institution_id"]).most_common(1)[0][0]
    people = set(affiliations.query("institution_id == @institution")["expert_id"])
    expected = quotes[quotes["speaker_expert_id"].isin(people) | (quotes["speaker_institution_id"] == institution)]
    page.select_option("select[name=institution]", institution)
    assert sorted(_shown(page)) == sorted(expected["quote_id"])
    page.select_option("select[name=institution]", "")

    source = quotes["source_id"].iloc[-1]
    page.select_option("select[name=source]", source)
    page.select_option("select[name=kind]", "statement")
    assert sorted(_shown(page)) == sorted(quotes.query("source_id == @source and quote_kind == 'statement'")["quote_id"])
    assert "source=" in page.url and "kind=statement" in page.url  # a filtered view can be linked to

    tab.open(site / "quotes.html", f"#speaker=expert/{speaker}")
    assert sorted(_shown(page)) == sorted(quotes.query("speaker_expert_id == @speaker")["quote_id"])


def test_precondition_matrix_counts_and_links_every_row(site, tab):
    preconditions = endofwar.load("preconditions")
    page = tab.open(site / "preconditions.html")
    cells = page.locator("table.matrix tbody td.hit a")
    assert sum(int(t) for t in cells.all_inner_texts()) == len(preconditions)
    for i in range(cells.count()):
        anchor = cells.nth(i).get_attribute("href")
        assert page.locator(f"{anchor} tbody tr").count() == int(cells.nth(i).inner_text())
    assert page.locator("tr[id^='p-']").count() == len(preconditions)


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



def test_highlight_counts_code_points_beyond_the_basic_plane(tmp_path, tab):
    """Offsets are code points (Python); a UTF-16 slice in the browser would be off by one per astral character."""
    from endofwar.outputs.site import _environment, evidence

    text = "Headline 𝐍𝐊 🇰🇷\nKim said “no 𝕕𝕖𝕒𝕝 <b>& é\u0301” today.\n"
    start, end = text.index("no "), text.index("” today")
    source = dict.fromkeys(["subtitle", "author", "published_text", "series", "note"]) | {
        "source_id": "astral", "title": "Astral", "outlet": "Test", "date": "2021", "published_precision": "year",
        "published_basis": "explicit", "url": "https://example.org", "char_count": len(text), "sha256": "0", "rights": "test"}
    note = {"start": start, "end": end, "what": "Quote q1", "detail": "attribution: “Kim said”", "href": None, "link_text": ""}
    html = _environment().get_template("source.html").render(
        base="../", version="0", package={"title": "t", "licenses": [{"name": "CC-BY-4.0"}]}, source=source,
        segments=evidence.segments(text, [(start, end)]), length=len(text), notes=[note])
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "astral.html").write_text(html, encoding="utf-8")
    shutil.copytree(Path(evidence.__file__).parent / "static", tmp_path / "static")
    page = tab.open(tmp_path / "sources" / "astral.html", f"#chars={start}-{end}")
    assert page.locator("#source-text").text_content() == text
    assert page.locator("mark#highlight").text_content() == text[start:end]
    assert "Kim said" in page.locator("#highlight-notes").inner_text()
