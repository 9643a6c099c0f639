"""How fast the site's heaviest pages load from disk, as a reader opens them in a browser.

    .venv/bin/python scripts/site_speed.py [--loads 5]

Builds the site into a temporary folder, then opens, in the browser the site tests use
(tests/site_browser.py), the longest source's page at its last coded span (a UN statement of
26,000 characters: the whole text is laid out and scrolled to the span) and the positions page
(the claims matrix and the congruence network), on a desktop and a phone viewport. Prints the
median and range of the browser's load event (milliseconds from the request) over --loads loads.
The targets (issues 22 and 23): under a second from disk.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import endofwar  # noqa: E402
from endofwar.outputs.site import build_site  # noqa: E402
from endofwar.schemas import catalogue  # noqa: E402
from site_browser import LAUNCH_ARGS, browser_path  # noqa: E402

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def longest_source_page(site: Path) -> str:
    """The address of the longest source's page, opened at the last span coded in it."""
    sources = endofwar.load("sources", ROOT)
    source_id = sources.loc[sources["char_count"].idxmax(), "source_id"]
    span_tables = [name for name, table in catalogue().tables.items() if any("span" in c for c in table.checks)]
    spans = [(r.char_start, r.char_end) for name in span_tables for r in endofwar.load(name, ROOT).itertuples()
             if r.source_id == source_id]
    start, end = max(spans)
    return (site / "sources" / f"{source_id}.html").as_uri() + f"#chars={start}-{end}"


def load_times(browser, url: str, viewport: dict, loads: int) -> list[float]:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    times = []
    for _ in range(loads):
        page.goto("about:blank")  # a new document each time (the same address with a fragment would not reload)
        page.goto(url)
        page.wait_for_load_state("load")
        times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
    context.close()
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loads", type=int, default=5)
    args = ap.parse_args(argv)
    try:
        executable = browser_path()
    except LookupError as problem:
        raise SystemExit(f"site_speed: {problem}") from None
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site, ROOT)
        pages = {"longest source, at its last span": longest_source_page(site),
                 "positions": (site / "positions.html").as_uri()}
        print(f"| page | viewport | load event, ms (median of {args.loads}) | range |\n|---|---|---:|---|")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
            for name, url in pages.items():
                for viewport, size in VIEWPORTS.items():
                    times = load_times(browser, url, size, args.loads)
                    print(f"| {name} | {viewport} | {statistics.median(times):.0f} | {min(times):.0f}-{max(times):.0f} |")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
