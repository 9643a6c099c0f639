"""The browser the site tests drive (through Playwright), found the way Playwright users expect.

In this order:
1. $ENDOFWAR_BROWSER, the path of a Chrome or Chromium executable (on GitHub's Ubuntu runners,
   /usr/bin/google-chrome; on macOS, "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
2. Debian's /usr/bin/chromium (`apt-get install chromium`);
3. the Chromium that Playwright manages (`.venv/bin/playwright install chromium`).

Playwright's driver (Node.js, shipped in the playwright wheel) must start too: on Debian and Ubuntu
it needs libatomic1, which a minimal system lacks. `python tests/site_browser.py` prints the
browser it finds, or one line saying what to install and exits 1: `make test` runs it first, and
installs Debian's chromium and libatomic1 when it can.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

ENV = "ENDOFWAR_BROWSER"
# How the site tests and scripts/site_speed.py launch it: headless, nothing fetched from the network.
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DEBIAN = Path("/usr/bin/chromium")
PLAYWRIGHT = "Playwright's own Chromium"
INSTALL = ("install one: `sudo apt-get install chromium libatomic1` (Debian), `.venv/bin/playwright install --with-deps chromium` "
           "(Ubuntu; on macOS without --with-deps), or set ENDOFWAR_BROWSER to a Chrome or Chromium executable "
           "(README: Run the tests)")


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


@contextmanager
def _quiet_stderr():
    """File descriptor 2 to /dev/null: a driver that cannot start says why on it, and we say it in one line."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def browser_path() -> str | None:
    """The executable to launch, or None for the Chromium Playwright manages; LookupError (one
    line saying what to do) when there is none, or when Playwright's driver cannot start."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise LookupError("the Python package playwright is missing: run `make build` (it installs requirements.lock)") from None
    explicit = os.environ.get(ENV)
    if explicit and not _executable(Path(explicit).expanduser()):
        raise LookupError(f"{ENV}={explicit} is not an executable file: point it at a Chrome or Chromium, or unset it")
    try:
        with _quiet_stderr(), sync_playwright() as p:
            if explicit:
                return str(Path(explicit).expanduser())
            if _executable(DEBIAN):
                return str(DEBIAN)
            try:
                p.chromium.launch().close()
            except Error:
                raise LookupError(f"the site tests found no browser: {INSTALL}") from None
            return None
    except LookupError:
        raise
    except Exception as error:  # the driver, a Node.js program inside the playwright wheel, did not start
        raise LookupError(f"Playwright's driver does not start ({error}): on Debian and Ubuntu it needs libatomic1 "
                          f"(`sudo apt-get install libatomic1`), and the site tests a browser: {INSTALL}") from None


if __name__ == "__main__":
    try:
        print(browser_path() or PLAYWRIGHT)
    except LookupError as problem:
        print(f"make test: {problem}", file=sys.stderr)
        sys.exit(1)
