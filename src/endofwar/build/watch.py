"""Rebuild whenever the inputs change, in a process that stays running.

A one-off `endofwar build` after a one-article edit spends most of its time starting Python,
importing Arrow, pandas and DuckDB, and spawning a worker to import the extractor. A watching
process pays for that once: each rebuild after an edit is the incremental build alone. The
inputs are raw/ (texts and sources.yaml), annotations/ and schemas/; a failed build reports
its errors, leaves the published files untouched, and the next change builds again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from endofwar.errors import EndofwarError

INPUTS = ("raw", "annotations", "schemas")
WAKE_MS = 200  # the watcher wakes this often without changes (it starts the first build on its first wake-up)


@dataclass
class Outcome:
    """One build: the rows per table it published, or the error that stopped it; and its seconds."""

    counts: dict | None
    error: EndofwarError | None
    seconds: float


def watched_paths(root: Path) -> list[Path]:
    """The input folders a build reads (those that exist)."""
    paths = [root / name for name in INPUTS if (root / name).is_dir()]
    if not paths:
        raise EndofwarError("nothing to watch: no raw/, annotations/ or schemas/ folder", file=str(root),
                            fix="run it from the dataset root or pass --root")
    return paths


def builds(root: Path, *, allow_drop: bool = False) -> Iterator[Outcome]:
    """Build now, then again after each change to the inputs (changes made during a build
    trigger the next one), until Ctrl-C (KeyboardInterrupt). The toolkit's code is the one
    loaded at the start: restart the watcher after changing endofwar itself."""
    from watchfiles import watch

    import endofwar.extraction  # noqa: F401 - imported once: drafts are then made here (see drafting_worker)

    built = False
    for changes in watch(*watched_paths(root), rust_timeout=WAKE_MS, yield_on_timeout=True):
        if changes or not built:  # the first build waits for the watcher's first wake-up: no edit made during it is missed
            built = True
            yield _build(root, allow_drop)


def _build(root: Path, allow_drop: bool) -> Outcome:
    from endofwar.build.publish import build
    from endofwar.lock import writing

    start = time.perf_counter()
    try:
        with writing(root):  # per build: an `endofwar build` run meanwhile waits for this one, not for the watcher
            counts = build(root, allow_drop=allow_drop, progress=True)
    except EndofwarError as error:
        return Outcome(None, error, time.perf_counter() - start)
    return Outcome(counts, None, time.perf_counter() - start)
