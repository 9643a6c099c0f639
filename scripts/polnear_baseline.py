"""A released extractor on PolNeAR, scored by this tree's scorer: the "before" of the benchmark.

    python scripts/polnear_baseline.py PolNeAR/data [--baseline 0.3.0] [--split dev]

The release's src/ is taken from git history (as scripts/extract_speed.py does) and run in its
own process over the split's texts; its drafts are scored here exactly as `endofwar evaluate
--polnear` scores this tree's, so the two tables compare like with like. Releases before 1.0.0
draft no reported speech: their reported-speech rows read zero.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from extract_speed import release_src  # noqa: E402  (scripts/ is on the path when run as a script)

from endofwar.extraction.polnear import evaluate_polnear, format_polnear, read_split  # noqa: E402

WORKER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from endofwar.extraction import extract
texts = json.load(open(sys.argv[2], encoding="utf-8"))
json.dump([extract(t) for t in texts], sys.stdout)
"""


def drafts(src: Path, texts: list[str], tmp: Path) -> list[dict]:
    """The release's extract() of every text, run with the release's own code."""
    path = tmp / "texts.json"
    path.write_text(json.dumps(texts), encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", WORKER, str(src), str(path)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("polnear", type=Path, help="PolNeAR's data folder (holding train/ and dev/)")
    ap.add_argument("--baseline", default="0.3.0", help="release to score (default 0.3.0)")
    ap.add_argument("--split", default="dev", choices=("train", "dev"))
    args = ap.parse_args(argv)
    texts = [a.text for a in read_split(args.polnear, args.split)]
    with tempfile.TemporaryDirectory() as tmp:
        recs = drafts(release_src(args.baseline, Path(tmp)), texts, Path(tmp))
    by_text = dict(zip(texts, recs))
    report = evaluate_polnear(args.polnear, args.split, extractor=by_text.__getitem__)
    print(f"Extractor of {args.baseline}, scored by this tree's scorer:\n")
    print(format_polnear(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
