"""The scale benchmark of issue 5: every figure the README reports, measured on this machine.

    .venv/bin/python scripts/scale.py [--sizes 100,1000,10000] [--workdir DIR] [--skip-validation]

Prints, then repeats as a Markdown table for the README:
  extraction documents/s (one core, 10 KB documents of real prose: scripts/extract_speed.py);
  clean build time of synthetic corpora (`endofwar synth N`, then `endofwar build`, validation
  included, no cache) and the ratio time(10,000) / time(1,000);
  incremental rebuild after editing one article of the largest corpus, by `endofwar build` and
  under a running `endofwar watch` (from the edit to the published files);
  peak memory (largest process) of the largest build;
  validation of a 1,000,000-row table against `frictionless validate` (scripts/validate_speed.py);
  cold start of `endofwar --help` and the first result of `endofwar sql`.
Every step runs the installed `endofwar` command in a subprocess, as a user would, with Python
caching the toolkit's bytecode as it does by default (a machine that sets PYTHONDONTWRITEBYTECODE,
as this one does, makes every command compile the toolkit's modules again: about 0.2 s more).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENDOFWAR = str(BIN / "endofwar")


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
INCREMENTAL_RUNS = 5


def _timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB, largest process) of a command, which must succeed."""
    wrapped = ["/usr/bin/time", "-f", "%M", *cmd] if Path("/usr/bin/time").exists() else cmd
    start = time.perf_counter()
    done = subprocess.run(wrapped, cwd=cwd, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stdout}\n{done.stderr}")
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    return elapsed, int(last) if last.isdigit() else 0


def _best(cmd: list[str], runs: int = 5, cwd: Path | None = None) -> float:
    return min(_timed(cmd, cwd)[0] for _ in range(runs))


def extraction_rate() -> str:
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "extract_speed.py")], capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def build_corpus(n: int, workdir: Path) -> tuple[Path, float, int]:
    """Generate n synthetic articles and build them from scratch; (corpus, seconds, peak KB)."""
    corpus = workdir / f"synth-{n}"
    shutil.rmtree(corpus, ignore_errors=True)
    subprocess.run([ENDOFWAR, "synth", str(n), str(corpus), "--seed", "1"], check=True, capture_output=True, env=ENV)
    seconds, peak = _timed([ENDOFWAR, "build", "--root", str(corpus)])
    return corpus, seconds, peak


def edit_one_article(corpus: Path) -> None:
    """Change one sentence of one article, and its recorded sha256, as a maintainer would."""
    raw = sorted((corpus / "raw").glob("*.txt"))[len(list((corpus / "raw").glob("*.txt"))) // 2]
    old = raw.read_bytes()
    new = old.replace(b" ", b"  ", 1)
    raw.write_bytes(new)
    sources = corpus / "raw" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace(hashlib.sha256(old).hexdigest(), hashlib.sha256(new).hexdigest()), encoding="utf-8")


def _incremental(corpus: Path) -> float:
    """Seconds to rebuild after one more edit of one article."""
    edit_one_article(corpus)
    return _timed([ENDOFWAR, "build", "--root", str(corpus)])[0]


def _watched(corpus: Path) -> list[float]:
    """Seconds from each of INCREMENTAL_RUNS edits to the rebuilt package, under `endofwar watch`
    (started once, its start-up build not counted)."""
    watcher = subprocess.Popen([ENDOFWAR, "watch", "--root", str(corpus)], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=ENV)
    try:
        _built_line(watcher)
        runs = []
        for _ in range(INCREMENTAL_RUNS):
            edit_one_article(corpus)
            start = time.perf_counter()
            _built_line(watcher)
            runs.append(time.perf_counter() - start)
        return sorted(runs)
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=60)


def _built_line(watcher: subprocess.Popen) -> None:
    """Wait for the watcher's next successful build (a failed one prints to stderr only)."""
    line = watcher.stdout.readline()
    if not line.startswith("built "):
        sys.exit(f"`endofwar watch` stopped: {line!r}")


def _share(runs: list[float], clean: float) -> str:
    """The median of sorted runs, as seconds and as a share of the clean build."""
    seconds = statistics.median(runs)
    return f"{seconds:.2f} s ({100 * seconds / clean:.1f}% of the clean build; runs {runs[0]:.2f}-{runs[-1]:.2f} s)"


def validation_summary() -> list[str]:
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate_speed.py")], capture_output=True, text=True)
    if out.returncode != 0:
        return [f"validation benchmark failed: {out.stderr.strip().splitlines()[-1:]}"]
    return out.stdout.strip().splitlines()[-6:]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,10000", help="corpus sizes to build (default 100,1000,10000)")
    ap.add_argument("--workdir", type=Path, default=None, help="where corpora are written (default: a temporary folder)")
    ap.add_argument("--skip-validation", action="store_true", help="skip the 1,000,000-row validation comparison (minutes)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="endofwar-bench-"))
    rows = [("cores", str(os.cpu_count()))]

    rows.append(("extraction, one core", extraction_rate()))
    times, corpus, peak = {}, None, 0
    for n in sizes:
        corpus, times[n], peak = build_corpus(n, workdir)
        rows.append((f"build, {n:,} articles, clean", f"{times[n]:.1f} s"))
        print(rows[-1], flush=True)
    if 1000 in times and 10000 in times:
        rows.append(("time(10,000) / time(1,000)", f"{times[10000] / times[1000]:.1f}"))
    rows.append((f"peak memory, {sizes[-1]:,}-article build", f"{peak / 1024:.0f} MB"))
    rows.append((f"incremental rebuild, one article edited of {sizes[-1]:,} (median of {INCREMENTAL_RUNS})",
                 _share(sorted(_incremental(corpus) for _ in range(INCREMENTAL_RUNS)), times[sizes[-1]])))
    print(rows[-1], flush=True)
    rows.append((f"the same under `endofwar watch`, edit to published (median of {INCREMENTAL_RUNS})",
                 _share(_watched(corpus), times[sizes[-1]])))
    print(rows[-1], flush=True)
    if not args.skip_validation:
        rows.append(("validation, 1,000,000 rows", " / ".join(validation_summary())))
    rows.append(("`endofwar --help`, cold start", f"{_best([ENDOFWAR, '--help']):.2f} s"))
    rows.append(("first `endofwar sql` result", f"{_best([ENDOFWAR, 'sql', 'select count(*) from quotes'], cwd=ROOT):.2f} s"))

    print("\n| measure | this machine |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {re.sub(r'[|]', '/', value)} |")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
