"""Check YAML entries against the table field definitions, so errors point at the YAML line."""

from __future__ import annotations

import datetime as dt
import re

from endofwar.errors import EndofwarError
from endofwar.schemas import Table
from endofwar.yamlio import Located


def _type_ok(value, type_: str) -> bool:
    if type_ == "string":
        return isinstance(value, str)
    if type_ == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_ == "date":
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if type_ == "boolean":
        return isinstance(value, bool)
    return True


def check_entry(entry, table: Table, *, file: str, what: str, computed=(), extra=(), required_extra=(),
                optional=()) -> None:
    """Raise on the first problem of `entry` (a mapping from YAML) as a row of `table`.

    computed: table fields the build fills in (they may not be written by hand);
    extra: further keys allowed in the YAML (evidence, occurrence, aliases...);
    required_extra: extra keys that must be present;
    optional: required table fields the build may fill in when the entry leaves them out (an
    event's date, derived from its sources' readings). A flag (a boolean field) left out is false.
    """
    line = entry.line if isinstance(entry, Located) else None
    if not isinstance(entry, dict):
        raise EndofwarError(f"each {what} must be a mapping of field: value", file=file, line=line)

    def fail(message, key, fix):
        key_line = entry.line_of(key) if isinstance(entry, Located) else None
        raise EndofwarError(message, file=file, line=key_line, field=key, fix=fix)

    writable = [f for f in table.fields if f.name not in computed]
    allowed = {f.name for f in writable} | set(extra)
    for key in entry:
        if key not in allowed:
            fail(f"unknown key in {what}", key, f"allowed keys: {', '.join(sorted(allowed))}")
    for key in required_extra:
        if entry.get(key) in (None, ""):
            fail(f"{what} is missing '{key}'", key, f"add '{key}:'")
    for f in writable:
        value = entry.get(f.name)
        if value is None or value == "":
            if f.required and f.name not in optional and f.type != "boolean":
                fail(f"{what} is missing required field '{f.name}'", f.name, f"add '{f.name}:' ({f.description})")
            continue
        if not _type_ok(value, f.type):
            fail(f"'{value}' is not a {f.type}", f.name, _type_fix(value, f.type))
        if f.enum and value not in f.enum:
            fail(f"'{value}' is not in the vocabulary '{f.vocabulary}'", f.name, f"use one of: {', '.join(f.enum)}")
        if f.pattern and isinstance(value, str) and not re.fullmatch(f.pattern, value):
            fail(f"'{value}' does not match the pattern {f.pattern}", f.name, "lowercase slug like 'robert-einhorn'" if "a-z0-9" in f.pattern else "fix the value")
        if f.minimum is not None and isinstance(value, int) and value < f.minimum:
            fail(f"{value} is below the minimum {f.minimum}", f.name, "fix the value")


def _type_fix(value, type_: str) -> str:
    """What to write instead; a quoted date is the usual slip, since YAML then reads text."""
    if type_ == "date" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "remove the quotes around the date: YAML reads a quoted date as text"
    return f"write a {type_}" + (" as YYYY-MM-DD" if type_ == "date" else "")
