"""Wall time of `endofwar network`, as a user runs it, on the published dataset and on copies of it
whose claims table is replaced by N synthetic claims.

    python scripts/network_speed.py [--claims 200 10000] [--runs 3]

The synthetic claims use the dataset's own people, institutions, concepts, sources and events
(seeded, so the same N gives the same claims); every other table is the published one. Each
figure is the median of --runs runs of the command in a fresh process (start-up included), for
each kind and level. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

KINDS = ("affiliation", "congruence", "conflict")
LEVELS = ("persons", "institutions")


def synthetic_claims(root: Path, n: int, seed: int = 0):
    """n claims over the published people, institutions, concepts, sources and events."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from endofwar.schemas import catalogue

    def ids(table: str, field: str) -> list[str]:
        return sorted(pq.read_table(root / "tables" / f"{table}.parquet", columns=[field]).column(field).to_pylist())

    rng = random.Random(seed)
    experts, institutions = ids("experts", "expert_id"), ids("institutions", "institution_id")
    concepts, sources, events = ids("concepts", "concept_id"), ids("sources", "source_id"), ids("events", "event_id")
    rows = []
    for i in range(n):
        person = rng.random() < 0.7
        day = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
        rows.append({
            "claim_id": f"synthetic-c{i:06d}", "source_id": rng.choice(sources),
            "actor_expert_id": rng.choice(experts) if person else None,
            "actor_institution_id": None if person else rng.choice(institutions),
            "speaks_for_institution_id": rng.choice(institutions) if person and rng.random() < 0.3 else None,
            "concept_id": rng.choice(concepts), "agreement": rng.choice(["agree", "disagree"]),
            "date_start": day, "date_end": day, "date_precision": "day", "date_basis": "explicit",
            "event_id": rng.choice(events) if rng.random() < 0.5 else None,
            "char_start": 0, "char_end": 1, "evidence": "x", "coding_status": "auto",
        })
    spec = catalogue(root).table("claims")
    return pa.Table.from_pylist(rows, schema=spec.arrow_schema())


def seconds(root: Path, kind: str, level: str, runs: int) -> float:
    command = [str(Path(sys.executable).with_name("endofwar")), "network", "--kind", kind, "--level", level,
               "--root", str(root), str(root / f"{kind}-{level}.graphml")]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    import pyarrow.parquet as pq

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, nargs="*", default=[200, 10_000], help="synthetic claim counts (default 200 10000)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    if not (ROOT / "datapackage.json").is_file():
        ap.error("nothing is published: run `endofwar build` first")
    published = pq.read_metadata(ROOT / "tables" / "claims.parquet").num_rows
    print("| claims | kind | level | seconds (median) |\n|---:|---|---|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in [None, *args.claims]:
            copy = Path(tmp) / f"copy-{n}"
            for folder in ("schemas", "tables", "sql"):
                shutil.copytree(ROOT / folder, copy / folder)
            shutil.copy(ROOT / "datapackage.json", copy / "datapackage.json")
            if n is not None:
                pq.write_table(synthetic_claims(ROOT, n), copy / "tables" / "claims.parquet")
            for kind in KINDS:
                for level in LEVELS:
                    label = f"{published} (published)" if n is None else f"{n} (synthetic)"
                    print(f"| {label} | {kind} | {level} | {seconds(copy, kind, level, args.runs):.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
