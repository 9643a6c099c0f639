"""Throughput of the extractor, side by side with a released one: documents of ~10 KB per second.

    python scripts/extract_speed.py [--docs N] [--rounds R] [--baseline 0.3.0] [--size CHARS]

The corpus is built from the texts in raw/ (each padded or cut to ~10 KB by repeating its
paragraphs, or to --size characters), so the figure reflects real news prose; --size 26000
measures documents as long as the longest UN statement (KB/s stays flat when the cost grows
linearly with length). Each round runs this tree's extractor and
the baseline release's (its src/ taken from git history, no checkout) in fresh processes, one
after the other, so that both meet the same load: this machine's speed varies by up to 2x
between hours. Prints, per extractor, the median docs/s by the wall clock and by the process's
CPU time (less sensitive to other processes on the machine), and its peak memory.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from endofwar.outputs.diff import commit_of  # noqa: E402

WORKER = """
import json, resource, sys, time
from datetime import date
sys.path.insert(0, sys.argv[1])
from endofwar.extraction import extract
docs = json.load(open(sys.argv[2], encoding="utf-8"))
n = int(sys.argv[3])
extract(docs[0], date(2021, 12, 23))  # warm-up: gazetteer, regex caches
wall, cpu = time.perf_counter(), time.process_time()
for i in range(n):
    extract(docs[i % len(docs)], date(2021, 12, 23))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"wall": n / wall, "cpu": n / cpu, "kb": sum(len(d) for d in docs) / len(docs) / 1000,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def corpus(size: int = 10_000) -> list[str]:
    docs = []
    for p in sorted((ROOT / "raw").glob("*.txt")):
        t = p.read_text(encoding="utf-8")
        paras = t.split("\n")
        out, k = [], 0
        while sum(len(x) + 1 for x in out) < size:
            out.append(paras[k % len(paras)])
            k += 1
        docs.append("\n".join(out)[:size])
    return docs


def release_tree(version: str, into: Path, paths: tuple[str, ...] = ("src",)) -> Path:
    """The given folders and files of a release, unpacked from git history into ``into``."""
    commit = commit_of(version, ROOT)
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, *paths],
                         capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(tar)) as archive:
        archive.extractall(into, filter="data")
    return into


def release_src(version: str, into: Path) -> Path:
    """The src/ folder of a release, unpacked from git history."""
    return release_tree(version, into) / "src"


def run(src: Path, docs_path: Path, n: int) -> dict:
    out = subprocess.run([sys.executable, "-c", WORKER, str(src), str(docs_path), str(n)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=600, help="documents per round (default 600)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline", default="0.3.0", help="release to measure beside this tree (default 0.3.0)")
    ap.add_argument("--size", type=int, default=10_000, help="characters per document (default 10000)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        docs_path = Path(tmp) / "docs.json"
        docs_path.write_text(json.dumps(corpus(args.size)), encoding="utf-8")
        sides = {"this tree": ROOT / "src", args.baseline: release_src(args.baseline, Path(tmp) / "baseline")}
        results: dict[str, list[dict]] = {name: [] for name in sides}
        for _ in range(args.rounds):
            for name, src in sides.items():
                results[name].append(run(src, docs_path, args.docs))
    for name, rows in results.items():
        wall = statistics.median(r["wall"] for r in rows)
        cpu = statistics.median(r["cpu"] for r in rows)
        kb = rows[0]["kb"]
        print(f"{name}: {wall:.0f} docs/s by the clock ({wall * kb:.0f} KB/s), {cpu:.0f} docs/s of CPU time, "
              f"median of {len(rows)} rounds of {args.docs} documents of {kb:.1f} KB; peak memory "
              f"{max(r['rss_mb'] for r in rows):.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
