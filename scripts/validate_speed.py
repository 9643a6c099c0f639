"""Validation speed at scale: `endofwar validate` against `frictionless validate` on one package.

    python scripts/validate_speed.py [--rows 1000000] [--out DIR]

The package is the repository's own, with the quotes table replicated to --rows rows (each
copy with new quote ids, so keys stay unique and every span still matches raw/). A few
violations are planted in quotes.csv. Then, on the same package:

- endofwar's package validation (layers 1-3, `validate_package`), in this process, including
  the imports it triggers (pandera, frictionless for odd cells);
- its layer 1 alone (`fastcheck.check_package`), the twin of Frictionless;
- the real `frictionless validate datapackage.json --json`, as a separate process.

Prints rows/s for both, the speed-up, and whether both found the same violations. Frictionless
takes minutes at a million rows.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from endofwar.checks import frictionless_sql as fastcheck  # noqa: E402
from endofwar.checks.validate import validate_package  # noqa: E402

# (row as a fraction of the table, field, value): a wrong type, a value outside the vocabulary,
# a repeated primary key, a dangling foreign key, a pattern mismatch that also dangles.
PLANTED = [
    (0.0, "char_start", "twelve"),
    (0.25, "quote_kind", "speech"),
    (0.5, "quote_id", None),  # None: the quote id of the row before
    (0.75, "speaker_expert_id", "nobody-at-all"),
    (1.0, "source_id", "Not A Source"),
]


def make_package(out: Path, rows: int) -> int:
    """The repository's package with `rows` quotes; returns the number of data rows in all tables."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from endofwar.build.assemble import assemble
    from endofwar.build.publish import write_package
    from endofwar.schemas import catalogue

    tables = assemble(ROOT)
    quotes = tables["quotes"]
    big = pa.concat_tables([quotes] * -(-rows // quotes.num_rows)).slice(0, rows)
    copy = pa.array([i // quotes.num_rows for i in range(rows)])
    suffix = pc.if_else(pc.equal(copy, 0), "", pc.binary_join_element_wise("-x", copy.cast(pa.string()), ""))
    for name in ("quote_id", "continues_quote_id"):
        i = big.schema.get_field_index(name)
        big = big.set_column(i, big.schema.field(i), pc.binary_join_element_wise(big.column(name), suffix, ""))
    tables["quotes"] = big
    write_package(tables, out, catalogue(ROOT))
    return sum(t.num_rows for t in tables.values())


def plant_violations(out: Path) -> None:
    """Edit quotes.csv in place (its recorded hash and size now differ too, as after any edit)."""
    path = out / "tables" / "quotes.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = next(csv.reader([lines[0]]))
    last = len(lines) - 2  # the text ends with a newline
    for where, field, value in PLANTED:
        i = max(1, min(last, round(1 + where * (last - 1))))
        cells = next(csv.reader([lines[i]]))
        assert len(cells) == len(header), "a record spans lines: plant by parsing the whole file instead"
        cells[header.index(field)] = value if value is not None else next(csv.reader([lines[i - 1]]))[header.index(field)]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(cells)
        lines[i] = buffer.getvalue()
    path.write_text("\n".join(lines), encoding="utf-8", newline="")


def timed(run):
    start = time.perf_counter()
    result = run()
    return result, time.perf_counter() - start


def run_frictionless(out: Path) -> tuple[list, dict]:
    """The real validator's violations, and its own seconds per file format (from its report)."""
    exe = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(exe), "validate", "datapackage.json", "--json"], cwd=out, capture_output=True, text=True)
    report = json.loads(result.stdout)
    seconds = {}
    for task in report["tasks"]:
        kind = Path(task["place"]).suffix.lstrip(".")
        seconds[kind] = seconds.get(kind, 0) + task["stats"]["seconds"]
    return fastcheck.report_violations(report), seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="rows of the quotes table (default 1,000,000)")
    ap.add_argument("--out", type=Path, default=None, help="where to write the package (default: a temporary directory)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        total = make_package(out, args.rows)
        plant_violations(out)
        print(f"package: {out} ({args.rows:,} quotes, {total:,} rows in all; each table as CSV and Parquet)")

        errors, ours = timed(lambda: validate_package(out, raw_root=ROOT))
        print(f"endofwar validate_package (layers 1-3): {ours:.1f} s, {len(errors)} problem(s)")
        fast, layer1 = timed(lambda: fastcheck.check_package(out))
        print(f"endofwar layer 1 alone (fastcheck):     {layer1:.1f} s, {len(fast)} violation(s)")
        (real, by_format), theirs = timed(lambda: run_frictionless(out))
        print(f"frictionless validate (CLI):            {theirs:.1f} s, {len(real)} violation(s)")

    fast_set, real_set = {(v.key, v.note) for v in fast}, {(v.key, v.note) for v in real}
    for key, note in sorted(real_set - fast_set, key=str):
        print(f"  only frictionless: {key} {note}")
    for key, note in sorted(fast_set - real_set, key=str):
        print(f"  only endofwar:     {key} {note}")
    same = "yes" if fast_set == real_set else "NO"
    frictionless_split = ", ".join(f"{kind} files {s:.0f} s" for kind, s in sorted(by_format.items()))
    print(f"""
Validation speed (`python scripts/validate_speed.py --rows {args.rows}`), {total:,} rows
({args.rows:,} of them quotes; every table as CSV and as Parquet), {len(real_set)} violations to find:
  endofwar validate, layers 1-3   {ours:8.1f} s  {total / ours:>10,.0f} rows/s
  endofwar layer 1 alone          {layer1:8.1f} s  {total / layer1:>10,.0f} rows/s
  frictionless validate           {theirs:8.1f} s  {total / theirs:>10,.0f} rows/s  ({frictionless_split})
  speed-up {theirs / ours:.0f}x (layer 1 alone: {theirs / layer1:.0f}x); same violations as frictionless: {same}""")
    return 0 if same == "yes" else 1


if __name__ == "__main__":
    raise SystemExit(main())
