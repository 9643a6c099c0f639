"""Every validation layer of the design, run on a package directory; all are fatal.

1. Frictionless: what `frictionless validate` reports on datapackage.json, found by vectorised
   DuckDB queries (endofwar.checks.frictionless_sql); the real validator on request.
2. Pandera: strictly typed frames, vocabularies, keys, foreign keys, cross-field rules;
   the Parquet files hold exactly the CSV rows and match their recorded sha256.
3. Provenance: raw texts match their sha256; every span's text is what the row says.
Layer 4 (a fresh build equals the published files) needs the build: endofwar.build.reproducibility.
"""

from __future__ import annotations

import json
from pathlib import Path

from endofwar.errors import EndofwarError
from endofwar.inputs.event_dates import READING, DateProblem, Reading, from_readings
from endofwar.package import DESCRIPTOR
from endofwar.package import descriptor as expected_descriptor
from endofwar.schemas import catalogue


def _at(display_root: str) -> str:
    """Prefix for file names in messages: nothing for the repository itself."""
    return "" if display_root in ("", ".") else display_root.rstrip("/") + "/"


def frictionless_errors(package_dir: Path, display_root: str, descriptor: dict | None = None, *,
                        real: bool = False) -> list[EndofwarError]:
    """Layer 1: the checks of `frictionless validate`, as vectorised queries (endofwar.checks.frictionless_sql).

    With real=True the real Frictionless validator runs instead: the same report, some hundred
    times slower at a million rows, kept to check the fast one against.
    """
    from endofwar.checks import frictionless_sql as fastcheck

    if real:
        violations = fastcheck.frictionless_violations(package_dir)
    else:
        violations = fastcheck.check_package(package_dir, descriptor)
    return [
        EndofwarError(
            f"frictionless {v.type}: {v.message}", file=f"{_at(display_root)}{v.file}", row=v.row, field=v.field,
            fix="rebuild with `endofwar build` instead of editing the published files",
        )
        for v in violations
    ]


def _read_descriptor(package_dir: Path, display_root: str) -> dict:
    path = package_dir / DESCRIPTOR
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EndofwarError("missing", file=f"{_at(display_root)}{DESCRIPTOR}", fix="run `endofwar build`") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EndofwarError(f"not valid JSON: {exc}", file=f"{_at(display_root)}{DESCRIPTOR}", fix="run `endofwar build`") from None


def _descriptor_errors(descriptor: dict, package_dir: Path, root: Path, display_root: str) -> list[EndofwarError]:
    """The descriptor must be exactly what the catalogue generates for these files."""
    import pyarrow.parquet as pq

    try:
        sources = pq.read_table(package_dir / "tables" / "sources.parquet")
        expected = expected_descriptor(catalogue(root), package_dir, sources)
    except Exception as exc:  # a missing or unreadable file is reported by the table checks
        return [EndofwarError(f"cannot regenerate the descriptor: {exc}", file=f"{_at(display_root)}{DESCRIPTOR}")]
    descriptor, expected = _without_hashes(descriptor), _without_hashes(expected)
    if descriptor == expected:
        return []
    for key in sorted(set(descriptor) | set(expected)):
        if descriptor.get(key) != expected.get(key):
            detail = key
            if key == "resources":
                names = [r.get("name") for r, e in zip(descriptor.get(key, []), expected[key]) if r != e]
                detail = f"resources {names or '(count)'}"
            return [EndofwarError(
                f"differs from what the schemas and files give, at {detail}", file=f"{_at(display_root)}{DESCRIPTOR}",
                field=key, fix="do not edit datapackage.json by hand: edit schemas/catalogue.yaml and run `endofwar build`",
            )]
    return []


def _without_hashes(descriptor: dict) -> dict:
    """The descriptor minus sizes and hashes, which the file checks compare on their own."""
    resources = [
        {k: v for k, v in r.items() if k not in ("bytes", "hash", "endofwar:sha256")} if isinstance(r, dict) else r
        for r in descriptor.get("resources", [])
    ]
    return {**descriptor, "resources": resources}


def _hash_error(path: Path, recorded: str | None, display: str, key: str):
    from endofwar.paths import sha256_of

    if recorded != sha256_of(path):
        return EndofwarError(
            f"sha256 differs from the one recorded in {DESCRIPTOR}", file=display, field=key,
            fix="the file was edited, replaced or damaged after the build: run `endofwar build`",
        )
    return None


def package_tables(package_dir: Path, root: Path, display_root: str, descriptor: dict | None = None):
    """Layer 2 inputs: each CSV parsed strictly, checked against its Parquet twin and hashes."""
    import pyarrow.parquet as pq

    from endofwar.checks.frames import read_csv_strict

    cat = catalogue(root)
    descriptor = descriptor if descriptor is not None else _read_descriptor(package_dir, display_root)
    recorded = {r["name"]: r for r in descriptor.get("resources", [])}
    errors, arrows = [], {}
    for name, table in cat.tables.items():
        csv_path, parquet_path = package_dir / "tables" / f"{name}.csv", package_dir / "tables" / f"{name}.parquet"
        csv_display, parquet_display = f"{_at(display_root)}tables/{name}.csv", f"{_at(display_root)}tables/{name}.parquet"
        for path, display in ((csv_path, csv_display), (parquet_path, parquet_display)):
            if not path.exists():
                raise EndofwarError("missing", file=display, fix="run `endofwar build`")
        arrow, type_errors = read_csv_strict(csv_path, table, csv_display)
        errors += type_errors
        csv_hash = str(recorded.get(name, {}).get("hash", "")).removeprefix("sha256:")
        for error in (
            _hash_error(csv_path, csv_hash, csv_display, "hash"),
            _hash_error(parquet_path, recorded.get(f"{name}-parquet", {}).get("endofwar:sha256"), parquet_display, "endofwar:sha256"),
        ):
            if error:
                errors.append(error)
        try:
            parquet = pq.read_table(parquet_path)
        except Exception as exc:
            errors.append(EndofwarError(f"cannot be read as Parquet: {exc}", file=parquet_display, fix="run `endofwar build`"))
        else:
            if not parquet.schema.equals(table.arrow_schema(), check_metadata=True):
                errors.append(EndofwarError("column types differ from the schema", file=parquet_display, fix="run `endofwar build`"))
            elif not type_errors and not parquet.equals(arrow.replace_schema_metadata(parquet.schema.metadata)):
                errors.append(EndofwarError(f"rows differ from {name}.csv", file=parquet_display, fix="run `endofwar build`"))
        arrows[name] = arrow
    return arrows, errors + _descriptor_errors(descriptor, package_dir, root, display_root)


def provenance_errors(arrows: dict, raw_root: Path, display_root: str, *, cross_source: bool = True) -> list[EndofwarError]:
    """Layer 3: raw bytes match their sha256; every span's text equals the raw text there; with
    cross_source, every event is mentioned and its date_text is in a source that mentions it."""
    errors, texts = _raw_texts(arrows["sources"], raw_root, display_root)
    errors += text_errors(arrows, texts, catalogue(raw_root), display_root)
    if cross_source:
        errors += event_evidence_errors(arrows["events"], arrows["event_sources"], texts.get, f"{_at(display_root)}tables/events.csv")
        errors += event_date_errors(arrows, display_root)
    return errors


def text_errors(arrows: dict, texts: dict, cat, display_root: str = "") -> list[EndofwarError]:
    """Every span's text, every wording that must be words of its source (attribution_text, a
    reading's date_text) and every quote's cut-off flag, against the texts (source_id -> text)
    they come from: the part of layer 3 that needs the texts but not where they are stored (raw
    files here; a corpus build checks its shards' texts on the workers that read them)."""
    errors = []
    for name, table in cat.tables.items():
        for rule in table.checks:
            if "span" in rule:
                errors += _span_errors(arrows[name], rule["span"], texts, f"{_at(display_root)}tables/{name}.csv")
    errors += _wording_errors(arrows, texts, cat, display_root)
    return errors + _truncation_errors(arrows["quotes"], texts, f"{_at(display_root)}tables/quotes.csv")


def _raw_texts(sources, raw_root: Path, display_root: str) -> tuple[list[EndofwarError], dict]:
    """The raw text of each source whose file still has its recorded sha256, by source_id."""
    from endofwar.paths import sha256_of

    errors, texts = [], {}
    display = f"{_at(display_root)}tables/sources.csv"
    for i, row in enumerate(sources.to_pylist()):
        path = raw_root / row["raw_path"]
        if not path.is_file():
            errors.append(EndofwarError(f"raw file {row['raw_path']} is missing", file=display, row=i + 2, field="raw_path"))
            continue
        if sha256_of(path) != row["sha256"]:
            errors.append(EndofwarError(
                f"{row['raw_path']} no longer matches its sha256", file=display, row=i + 2, field="sha256",
                fix="raw texts are immutable: restore the original bytes",
            ))
            continue
        texts[row["source_id"]] = path.read_bytes().decode("utf-8")
        if len(texts[row["source_id"]]) != row["char_count"]:
            errors.append(EndofwarError("char_count differs from the raw text", file=display, row=i + 2, field="char_count"))
    return errors, texts


def _span_errors(arrow, span: list, texts: dict, display: str) -> list[EndofwarError]:
    """Each row's text against its source's raw text at [start, end).

    A plain loop over the columns (under a microsecond a row): Python's slicing is the
    definition of a span, and DuckDB's substring, which walks the text from its start on
    every row, is twice as slow.
    """
    text_field = span[3]
    errors = []
    for i, (source, a, b, text) in enumerate(zip(*(arrow.column(c).to_pylist() for c in span))):
        raw = texts.get(source)
        if raw is None or a is None or b is None or text is None or raw[a:b] == text:
            continue  # an empty field is reported by the Pandera layer
        errors.append(EndofwarError(
            f"{text_field} {text!r} is not the raw text at [{a}, {b}) of {source}, which reads {raw[a:b]!r}",
            file=display, row=i + 2, field=text_field, fix="rebuild from the annotations with `endofwar build`",
        ))
    return errors


def _wording_errors(arrows: dict, texts: dict, cat, display_root: str) -> list[EndofwarError]:
    """Every value of a field marked `in_source` must be words of its row's source (substring
    search in DuckDB)."""
    import duckdb
    import pyarrow as pa

    wordings = [(name, f.name) for name, table in cat.tables.items() for f in table.fields if f.in_source]
    errors = []
    with duckdb.connect() as con:
        con.register("texts", pa.table({"source_id": pa.array(list(texts), pa.string()), "body": pa.array(list(texts.values()), pa.string())}))
        for name, field in wordings:
            rows = arrows[name]
            con.register("rows", rows.append_column("__row", pa.array(range(2, rows.num_rows + 2), pa.int64())))
            missing = con.execute(
                f'SELECT __row, "{field}", source_id FROM rows LEFT JOIN texts USING (source_id) '
                f'WHERE "{field}" <> \'\' AND NOT coalesce(contains(body, "{field}"), false) ORDER BY __row'
            ).fetchall()
            con.unregister("rows")
            errors += [
                EndofwarError(f"{field} {wording!r} does not occur in {source}",
                              file=f"{_at(display_root)}tables/{name}.csv", row=row, field=field)
                for row, wording, source in missing
            ]
    return errors


def _truncation_errors(quotes, texts: dict, display: str) -> list[EndofwarError]:
    """A quote is flagged truncated exactly when it runs to the end of its source's text (only
    space after it): the closing mark was cut off with the excerpt."""
    errors = []
    columns = ("source_id", "char_end", "truncated")
    for i, (source, end, truncated) in enumerate(zip(*(quotes.column(c).to_pylist() for c in columns))):
        raw = texts.get(source)
        if raw is None or end is None or truncated is None:
            continue  # an empty field is reported by the Pandera layer
        runs_out = not raw[end:].strip()
        if runs_out != truncated:
            errors.append(EndofwarError(
                f"the quote runs to the end of the text of {source}, cut off where the excerpt ends" if runs_out
                else f"truncated is true but the quote ends before the end of the text of {source}",
                file=display, row=i + 2, field="truncated",
                fix="set 'truncated: true'" if runs_out else "remove 'truncated: true'",
            ))
    return errors


def event_evidence_errors(events, event_sources, text_of, display: str) -> list[EndofwarError]:
    """Every event is mentioned by a source, and its date_text occurs in a source that mentions it.

    text_of(source_id) gives a source's text (None when unreadable); the search stops at the
    first source that has the words, so it reads about one text per event when all is well.
    """
    mentions: dict = {}
    for event_id, source_id in zip(event_sources.column("event_id").to_pylist(), event_sources.column("source_id").to_pylist()):
        mentions.setdefault(event_id, {})[source_id] = None
    errors = []
    for i, (event_id, date_text) in enumerate(zip(events.column("event_id").to_pylist(), events.column("date_text").to_pylist())):
        if event_id not in mentions:
            errors.append(EndofwarError(
                "event is not mentioned in any source", file=display, row=i + 2, field="event_id",
                fix="add an event_sources entry with its evidence, or remove the event",
            ))
        elif date_text and not any(date_text in (text_of(source) or "") for source in mentions[event_id]):
            errors.append(EndofwarError(
                f"date_text {date_text!r} occurs in none of the sources that mention the event",
                file=display, row=i + 2, field="date_text",
            ))
    return errors


def event_date_errors(arrows: dict, display_root: str = "") -> list[EndofwarError]:
    """Every event's date is what its sources' readings give (endofwar.inputs.event_dates), and
    every reading says what it was resolved against as the codebook asks."""
    events, event_sources = arrows["events"].to_pylist(), arrows["event_sources"].to_pylist()
    display, reading_display = f"{_at(display_root)}tables/events.csv", f"{_at(display_root)}tables/event_sources.csv"
    readings: dict = {}
    for row in event_sources:
        if all(row[f] is not None for f in READING):
            readings.setdefault(row["event_id"], []).append(Reading(
                row["source_id"], row["char_start"], row["char_end"], row["date_text"], row["date_start"],
                row["date_end"], row["date_precision"], row["date_basis"]))
    errors, dates = [], {}
    for i, event in enumerate(events):
        dates[event["event_id"]] = event
        errors += _event_date_errors(event, readings.get(event["event_id"], []), display, i + 2)
    publication = {s["source_id"]: s for s in arrows["sources"].to_pylist()}
    for i, row in enumerate(event_sources):
        errors += _reading_errors(row, publication.get(row["source_id"]), dates, reading_display, i + 2)
    return errors


_DATE_FIELDS = ("date_start", "date_end", "date_precision", "date_text", "date_basis", "date_source_id")


def _event_date_errors(event: dict, readings: list, display: str, row: int) -> list[EndofwarError]:
    """One event's published date against the one its readings give."""
    resolution = event["date_resolution"]
    if not readings:
        if resolution or event["date_source_id"]:
            return [EndofwarError("no source's reading dates the event, so there is no reading to stand", file=display,
                                  row=row, field="date_source_id,date_resolution", fix="rebuild with `endofwar build`")]
        return []
    try:
        derived = from_readings(readings, (event["date_source_id"], event["date_text"]), resolution).values()
    except DateProblem as problem:
        return [EndofwarError(problem.message, file=display, row=row, field=problem.field, fix=problem.fix)]
    differ = [f for f in _DATE_FIELDS if event[f] != derived[f]]
    if not differ:
        return []
    return [EndofwarError(
        "the date differs from the intersection of its sources' readings: "
        + ", ".join(f"{f} is {event[f]} where the readings give {derived[f]}" for f in differ),
        file=display, row=row, field=",".join(differ), fix="rebuild with `endofwar build` instead of editing the published files",
    )]


_PRECISIONS = ("day", "month", "year", "years")


def _coarseness(date: dict) -> tuple:
    """How little a date says: its precision, then (for a span of years) how many years."""
    precision = date["date_precision"]
    rank = _PRECISIONS.index(precision) if precision in _PRECISIONS else len(_PRECISIONS)
    years = date["date_end"].year - date["date_start"].year if precision == "years" and date["date_end"] else 0
    return rank, years


def _reading_errors(row: dict, source: dict | None, dates: dict, display: str, number: int) -> list[EndofwarError]:
    """A reading names what it was resolved against: the publication date (a relative reading
    without anchor), which must then be printed in the text, or another event's date, which it
    cannot be more precise than; a stated date has no anchor."""
    anchor, basis = row["date_anchor_event_id"], row["date_basis"]

    def error(message, field, fix):
        return [EndofwarError(message, file=display, row=number, field=field, fix=fix)]

    if anchor is not None:
        if basis is None or basis == "explicit":
            return error("only a relative or inferred reading is resolved against another event's date",
                         "date_anchor_event_id", "remove date_anchor_event_id, or give the reading that depends on it")
        if anchor == row["event_id"]:
            return error("a reading cannot be resolved against the event's own date", "date_anchor_event_id",
                         "name the other event whose date the reading is resolved against")
        date = dates.get(anchor)
        if basis == "relative" and date is not None and _coarseness(row) < _coarseness(date):
            return error(f"the reading ({row['date_start']}..{row['date_end']}, {row['date_precision']}) is more precise than "
                         f"the date of {anchor} it is resolved against ({date['date_start']}..{date['date_end']}, "
                         f"{date['date_precision']})", "date_start,date_end",
                         "resolve it against the anchor's date as the dataset gives it, or say what else dates it (basis inferred)")
        return []
    if basis != "relative":
        return []
    if source is None or source["published_start"] is None:
        return error(f"a relative reading without date_anchor_event_id is resolved against the publication date, but "
                     f"{row['source_id']} states none", "date_anchor_event_id",
                     "name the event whose date the reading is resolved against, or leave the reading empty")
    if source["published_basis"] != "explicit":
        return error(f"the reading is resolved against the publication date of {row['source_id']}, which the text does "
                     f"not print (published_basis {source['published_basis']}: from the page's address or metadata)",
                     "date_basis", "a reading resolved against it is inferred: write 'date_basis: inferred'")
    return []


def validate_package(package_dir: Path, raw_root: Path, display_root: str = "", *,
                     frictionless: bool = False) -> list[EndofwarError]:
    """Layers 1-3 on one package directory; an empty list means valid.

    frictionless=True runs the real Frictionless validator for layer 1 instead of its fast twin.
    """
    descriptor = _read_descriptor(package_dir, display_root)
    errors = frictionless_errors(package_dir, display_root, descriptor, real=frictionless)
    try:
        arrows, table_errors = package_tables(package_dir, raw_root, display_root, descriptor)
    except EndofwarError as error:  # a table that cannot be read at all stops layers 2 and 3
        return errors + [error]
    return errors + table_errors + row_errors(arrows, raw_root, display_root)


def row_errors(arrows: dict, raw_root: Path, display_root: str = "", *, whole: dict | None = None) -> list[EndofwarError]:
    """Layers 2 and 3 on typed tables: the Pandera model and the codebook's rules across one
    source's tables (endofwar.checks.coding), then provenance.

    Given `whole` (the whole tables, of which `arrows` hold some sources' rows only, as an
    incremental build checks them), it runs the model's Arrow twin (endofwar.checks.rules: the same
    rules and errors, proven by tests/test_rules.py), with the foreign keys of the whole tables,
    and leaves out the event rules that read other sources' rows (the build checks those on the
    whole tables); and without it, the Pandera model on what `arrows` hold.
    """
    cat = catalogue(raw_root)
    display = {name: f"{_at(display_root)}tables/{name}.csv" for name in cat.tables}
    if whole is None:
        from endofwar.checks.pandera_models import pandera_errors
        errors = pandera_errors(arrows, cat.tables, display)
    else:
        from endofwar.checks.rules import arrow_errors, primary_keys
        errors = arrow_errors(arrows, cat.tables, display, primary_keys(whole, cat.tables))
    from endofwar.checks.coding import coding_errors

    errors += coding_errors(arrows, display)
    return errors + provenance_errors(arrows, raw_root, display_root, cross_source=whole is None)
