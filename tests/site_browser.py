"""The browser the site tests drive (through Playwright), found the way Playwright users expect.

In this order:
1. $ENDOFWAR_BROWSER, the path of a Chrome or Chromium executable (on GitHub's Ubuntu runners,
   /usr/bin/google-chrome; on macOS, "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
2. Debian's /usr/bin/chromium (`apt-get install chromium`);
3. the Chromium that Playwright manages (`.venv/bin/playwright install chromium`).

`python tests/site_browser.py` prints the browser it finds, or one line saying what to install and
exits 1: `make test` runs it first, and installs Debian's chromium when it can.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV = "ENDOFWAR_BROWSER"
DEBIAN = Path("/usr/bin/chromium")
PLAYWRIGHT = "Playwright's own Chromium"
INSTALL = ("install one: `sudo apt-get install chromium` (Debian), `.venv/bin/playwright install --with-deps chromium` "
           "(Ubuntu; on macOS without --with-deps), or set ENDOFWAR_BROWSER to a Chrome or Chromium executable "
           "(README: Run the tests)")


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def browser_path() -> str | None:
    """The executable to launch, or None for the Chromium Playwright manages; LookupError (one
    line saying what to do) when there is none."""
    explicit = os.environ.get(ENV)
    if explicit:
        if not _executable(Path(explicit).expanduser()):
            raise LookupError(f"{ENV}={explicit} is not an executable file: point it at a Chrome or Chromium, or unset it")
        return str(Path(explicit).expanduser())
    if _executable(DEBIAN):
        return str(DEBIAN)
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise LookupError("the Python package playwright is missing: run `make build` (it installs requirements.lock)") from None
    with sync_playwright() as p:
        try:
            p.chromium.launch().close()
        except Error:
            raise LookupError(f"the site tests found no browser: {INSTALL}") from None
    return None


if __name__ == "__main__":
    try:
        print(browser_path() or PLAYWRIGHT)
    except LookupError as problem:
        print(f"make test: {problem}", file=sys.stderr)
        sys.exit(1)
