"""The curated dataset's own commands, timed beside a release's: clean build, validate, site.

    .venv/bin/python scripts/dataset_speed.py [--baseline 0.3.0] [--runs 3]

Each side is a fresh copy of its inputs (this tree's, or the release's from git history, no
checkout) run by its own toolkit (this tree's src/, or the release's) in a new process, as a
user runs the command; the two sides alternate run by run so that both meet the same load (this
machine's speed varies by up to 2x between hours). A clean build starts with no .cache/ and no
published tables; validate and site run on the build just made. Prints, per command, each side's
fastest and slowest run and the ratio of their medians (the README's Scale section).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from extract_speed import release_tree  # noqa: E402  (scripts/ is on the path when run as a script)

INPUTS = ("raw", "annotations", "schemas", "sql", "evaluation", "docs", "CHANGELOG.md", "CITATION.cff", "README.md")
COMMANDS = {"clean build": ["build"], "validate": ["validate"], "site": ["site", "{root}/site"]}
RUN = "import sys; sys.path.insert(0, sys.argv.pop(1)); from endofwar.cli import main; main()"


def fresh_copy(tree: Path, into: Path) -> Path:
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    for name in INPUTS:
        if (tree / name).is_dir():
            shutil.copytree(tree / name, into / name)
        elif (tree / name).exists():
            shutil.copy2(tree / name, into / name)
    return into


def timed(src: Path, args: list[str], root: Path) -> float:
    start = time.perf_counter()
    words = [a.format(root=root) for a in args]
    done = subprocess.run([sys.executable, "-c", RUN, str(src), *words, "--root", str(root)],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {root}:\n{done.stderr}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", default="0.3.0", help="release to time beside this tree (default 0.3.0)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        sides = {"this tree": ROOT, args.baseline: release_tree(args.baseline, Path(tmp) / "release",
                                                                          ("src", *INPUTS))}
        times = {(side, cmd): [] for side in sides for cmd in COMMANDS}
        for _ in range(args.runs):
            for side, tree in sides.items():
                work = fresh_copy(tree, Path(tmp) / "work")
                for cmd, words in COMMANDS.items():
                    times[side, cmd].append(timed(tree / "src", words, work))
    base = args.baseline
    for cmd in COMMANDS:
        ours, theirs = times["this tree", cmd], times[base, cmd]
        print(f"{cmd}: this tree {min(ours):.2f}-{max(ours):.2f} s, {base} {min(theirs):.2f}-{max(theirs):.2f} s, "
              f"ratio of medians {statistics.median(ours) / statistics.median(theirs):.2f} ({args.runs} runs each)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
