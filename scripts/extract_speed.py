"""Throughput of the extractor: documents of ~10 KB per second on one core.

    python scripts/extract_speed.py [--docs N] [--registry annotations/registry.yaml]

The corpus is built from the texts in raw/ (each padded or cut to ~10 KB by repeating
its paragraphs), so the figure reflects real news prose. Prints docs/s and KB/s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from endofwar.extraction import extract  # noqa: E402


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=600, help="documents per round (default 600)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--registry", type=Path, default=None)
    args = ap.parse_args(argv)
    registry = None
    if args.registry:
        import yaml

        registry = yaml.safe_load(args.registry.read_text(encoding="utf-8"))
    docs = corpus()
    extract(docs[0], date(2021, 12, 23), registry)  # warm-up: gazetteer, regex caches
    rates = []
    total_chars = 0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        chars = 0
        for i in range(args.docs):
            d = docs[i % len(docs)]
            extract(d, date(2021, 12, 23), registry)
            chars += len(d)
        dt = time.perf_counter() - t0
        rates.append(args.docs / dt)
        total_chars = chars
    best = max(rates)
    med = statistics.median(rates)
    kb = total_chars / args.docs / 1000
    print(f"{med:.0f} docs/s (median of {args.rounds}; best {best:.0f}) at {kb:.1f} KB/doc = {med * kb:.0f} KB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
