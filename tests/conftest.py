"""Shared fixtures: a throwaway copy of the repository's inputs, so tests never touch the real one."""

from __future__ import annotations

import hashlib
import queue
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest

from endofwar.paths import project_root

INPUTS = ("raw", "annotations", "schemas", "sql")
WAIT = 120  # seconds for one build on a slow CI machine: how long a test waits for a line before failing


def command(name: str) -> str:
    """An installed command of this environment (endofwar, frictionless), as a user runs it."""
    return str(Path(sys.executable).with_name(name))


def copy_inputs(dest: Path) -> Path:
    root = project_root()
    for name in INPUTS:
        if (root / name).exists():
            shutil.copytree(root / name, dest / name)
    return dest


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of raw/, annotations/, schemas/ and sql/ (no published files yet)."""
    return copy_inputs(tmp_path / "repo")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A copy of the inputs, built once per session; tests must not modify it."""
    from endofwar.build.publish import build

    root = copy_inputs(tmp_path_factory.mktemp("built") / "repo")
    build(root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every published byte: tables/*, datapackage.json and croissant.json (a corpus build has none)."""
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "tables").glob("*")}
    files["datapackage.json"] = (root / "datapackage.json").read_bytes()
    if (root / "croissant.json").exists():
        files["croissant.json"] = (root / "croissant.json").read_bytes()
    return files


def clean_build(corpus, clean):
    """The same inputs built from scratch elsewhere: no cache, nothing published before."""
    from endofwar.build.publish import build

    shutil.copytree(corpus, clean, ignore=shutil.ignore_patterns(".cache", "tables", "datapackage.json"))
    build(clean)
    return clean


def edit_text(corpus, source_id: str) -> None:
    """Edit a raw text and its recorded sha256, as a maintainer correcting a source would."""
    raw = corpus / "raw" / f"{source_id}.txt"
    text = raw.read_text(encoding="utf-8")
    edited = text.replace(" ", "  ", 1)
    raw.write_text(edited, encoding="utf-8")
    sources = corpus / "raw" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        hashlib.sha256(text.encode()).hexdigest(), hashlib.sha256(edited.encode()).hexdigest()), encoding="utf-8")


def output_lines(stream) -> queue.Queue:
    """A process's output lines, read in a thread so that waiting for one can time out."""
    lines: queue.Queue = queue.Queue()

    def read():
        for line in stream:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return lines


def next_line(lines: queue.Queue, prefix: str) -> str:
    """The next output line starting with prefix (earlier lines skipped)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        line = lines.get(timeout=max(deadline - time.monotonic(), 0.1))
        if line.startswith(prefix):
            return line
    raise AssertionError(f"no line starting with {prefix!r} within {WAIT} s")
