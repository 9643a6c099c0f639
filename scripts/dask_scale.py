"""The corpus build on Dask at 100,000 articles (issue 17): wall time, peak memory of every
process, speed-up from one worker to two, scheduler overhead per task.

    .venv/bin/python scripts/dask_scale.py [--articles 100000] [--per-shard 1000] [--workdir DIR] [--wait SECONDS]

A real cluster on this machine, as on a cluster of machines: `dask scheduler` and `dask worker`
processes (one thread each, no nanny, so each worker is one process whose memory is measured),
and the build as a user runs it, `endofwar build --corpus ... --scheduler tcp://...`, in a
process of its own (the driver). Peak memory is each process's high-water mark (VmHWM), read
from /proc before it stops; the workers' CPU time over the wall time tells whether they had
their cores (other work on a shared machine takes them). The one-worker and two-worker builds
must publish the same bytes.
Prints the figures, then a Markdown table for docs/scale.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from endofwar.build.cluster import LocalProcesses

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
DRIVER = """
import json, sys, time
from pathlib import Path
from endofwar.build.corpus import build_corpus
timings = {}
start = time.perf_counter()
counts = build_corpus([sys.argv[1]], Path(sys.argv[2]), Path(sys.argv[3]), scheduler=sys.argv[4], timings=timings)
timings["total"] = time.perf_counter() - start
print(json.dumps({"counts": counts, "timings": timings}))
"""


def cpu_seconds(pid: int) -> float:
    """A running process's CPU time so far (user + system), from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_mb(pid: int) -> float:
    """A running process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Cluster(LocalProcesses):
    """The cluster of the measured build, and what it measures besides."""

    def overhead_ms(self, tasks: int = 2000) -> float:
        """Scheduler round trip per task: trivial tasks submitted and gathered in one map."""
        from dask.distributed import Client

        with Client(self.address) as client:
            start = time.perf_counter()
            client.gather(client.map(abs, range(tasks), pure=False))
            return 1000 * (time.perf_counter() - start) / tasks

    def cpu(self) -> float:
        """The workers' CPU seconds so far, together."""
        return sum(cpu_seconds(w.pid) for w in self.workers)

    def peaks(self) -> dict:
        peaks = {f"worker {i + 1}": peak_mb(w.pid) for i, w in enumerate(self.workers)}
        return {**peaks, "scheduler": peak_mb(self.scheduler.pid)}


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def machine_speedup(n: int = 30_000_000) -> float:
    """What two processes get from this machine's two cores right now: pure-Python work run twice
    in one process, then once in each of two. A shared virtual machine whose neighbours are busy
    gives well under 2: the build cannot do better than this control."""
    import multiprocessing

    start = time.perf_counter()
    _spin(n), _spin(n)
    serial = time.perf_counter() - start
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_spin, [1, 1])  # started and warm before timing
        start = time.perf_counter()
        pool.map(_spin, [n, n])
        return serial / (time.perf_counter() - start)


def quiet_machine(wait: float, enough: float = 1.7) -> float:
    """The control, measured again every 30 s for up to `wait` seconds until it reaches `enough`:
    a speed-up measured while other work holds a core says nothing about the build."""
    deadline = time.monotonic() + wait
    while True:
        speedup = machine_speedup()
        if speedup >= enough or time.monotonic() >= deadline:
            return speedup
        print(f"control {speedup:.2f}x: waiting for a quieter machine", flush=True)
        time.sleep(30)


def run(corpus: Path, out: Path, workers: int, workdir: Path) -> dict:
    """One build on a fresh cluster of `workers` workers: times, peaks, published descriptor."""
    shutil.rmtree(out, ignore_errors=True)
    cluster = Cluster(workdir / f"cluster-{workers}", workers, env=ENV)
    try:
        overhead = cluster.overhead_ms()
        command = ["/usr/bin/time", "-f", "%M", sys.executable, "-c", DRIVER,
                   str(corpus / "corpus" / "*.parquet"), str(out), str(corpus), cluster.address]
        start, cpu = time.perf_counter(), cluster.cpu()
        done = subprocess.run(command, capture_output=True, text=True, env=ENV)
        wall = time.perf_counter() - start
        on_cpu = (cluster.cpu() - cpu) / (wall * workers)  # 1.0: every worker had a core all along
    finally:
        peaks = cluster.peaks()
        cluster.stop()
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stdout}\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    peaks["driver"] = int(done.stderr.strip().splitlines()[-1]) / 1024
    return {**result, "wall": wall, "peaks": peaks, "overhead_ms": overhead, "on_cpu": on_cpu,
            "descriptor": (out / "datapackage.json").read_bytes()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--per-shard", type=int, default=1000)
    ap.add_argument("--workdir", type=Path, default=None, help="where the corpus and builds go (default: a temporary folder)")
    ap.add_argument("--wait", type=float, default=0, help="seconds to wait, before each run, for the control to reach 1.7x")
    args = ap.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="endofwar-dask-"))
    workdir.mkdir(parents=True, exist_ok=True)
    corpus = workdir / "synth"
    start = time.perf_counter()
    subprocess.run([str(BIN / "endofwar"), "synth", str(args.articles), str(corpus), "--seed", "1",
                    "--shards", "parquet", "--per-shard", str(args.per_shard)], check=True, capture_output=True, env=ENV)
    print(f"synth: {args.articles:,} articles in {time.perf_counter() - start:.1f} s", flush=True)
    runs, control = {}, []
    for workers in (2, 1):
        control.append(quiet_machine(args.wait))
        print(f"control: two processes get {control[-1]:.2f}x from the two cores; load average {os.getloadavg()[0]:.1f}", flush=True)
        runs[workers] = run(corpus, workdir / f"out-{workers}", workers, workdir)
        r = runs[workers]
        print(f"{workers} worker(s): {r['wall']:.1f} s wall, rounds {json.dumps({k: round(v, 1) for k, v in r['timings'].items()})}, "
              f"peaks MB {json.dumps({k: round(v) for k, v in r['peaks'].items()})}, overhead {r['overhead_ms']:.2f} ms/task, "
              f"workers on CPU {r['on_cpu']:.0%} of the time", flush=True)
    same = runs[1]["descriptor"] == runs[2]["descriptor"]
    shards = -(-args.articles // args.per_shard)
    one, two = runs[1], runs[2]
    rows = [
        ("articles, shards", f"{args.articles:,} in {shards} Parquet shards of {args.per_shard:,}"),
        ("rows published", f"{sum(two['counts'].values()):,}"),
        ("build and validation, 2 workers (wall, driver command)", f"{two['wall']:.1f} s"),
        ("build and validation, 1 worker", f"{one['wall']:.1f} s"),
        ("speed-up 1 -> 2 workers", f"{one['wall'] / two['wall']:.2f}x"),
        ("control: pure-Python speed-up of 2 processes, before each run", " / ".join(f"{c:.2f}x" for c in control)),
        ("workers' CPU time / (workers x wall): 2 workers / 1 worker", f"{two['on_cpu']:.0%} / {one['on_cpu']:.0%}"),
        ("rounds, 2 workers: shards / tables / checks", " / ".join(f"{two['timings'][k]:.1f} s" for k in ("shards", "tables", "checks"))),
        ("rounds, 1 worker: shards / tables / checks", " / ".join(f"{one['timings'][k]:.1f} s" for k in ("shards", "tables", "checks"))),
        ("per-shard cost, one worker (shard round / shards)", f"{one['timings']['shards'] / shards:.2f} s"),
        ("scheduler overhead per task (2,000 trivial tasks)", f"{two['overhead_ms']:.2f} ms"),
        ("peak memory, 2 workers: " + ", ".join(two["peaks"]), ", ".join(f"{v:.0f} MB" for v in two["peaks"].values())),
        ("peak memory, 1 worker: " + ", ".join(one["peaks"]), ", ".join(f"{v:.0f} MB" for v in one["peaks"].values())),
        ("same published bytes with 1 and 2 workers", "yes" if same else "NO"),
    ]
    print("\n| measure | this machine |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
