"""The source documents: raw/sources.yaml plus the immutable texts it describes."""

from __future__ import annotations

import gc
import hashlib
import os
import stat
from contextlib import contextmanager
from datetime import date
from functools import cache, cached_property
from pathlib import Path

from endofwar.errors import EndofwarError
from endofwar.inputs.entries import check_entry
from endofwar.paths import code_version
from endofwar.schemas import Table, catalogue
from endofwar.yamlio import Item, decode_text, load_yaml_list, read_cache, read_text, write_cache

SOURCES_FILE = "raw/sources.yaml"
PARSED_CACHE = ".cache/sources-yaml"         # sources.yaml parsed item by item
INDEX = ".cache/sources-index.pickle"        # checked entries and raw files, see load_sources
INDEX_KIND = "sources index"
CLOCK = ".cache/clock"                       # touched to read the filesystem's clock


class Source:
    """One described source: its metadata row and its text. The text is read from `path` when
    first used, since a build whose caches are warm needs few of them."""

    def __init__(self, meta: dict, text: str | None = None, path: str | None = None):
        self.meta, self.path = meta, path
        if text is not None:
            self.text = text

    @cached_property
    def text(self) -> str:
        return read_text(Path(self.path), self.meta["raw_path"])

    @property
    def source_id(self) -> str:
        return self.meta["source_id"]


def _lstat(path: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _raw_file(root: str, raw_path: str, inside_raw, item: Item) -> tuple[str, os.stat_result]:
    """Resolve raw_path, refusing anything that leaves raw/ (.., absolute paths, symlinks); returns
    the path and its lstat. inside_raw(directory) tells, once per directory, whether it resolves
    into raw/. Plain strings: pathlib costs more than the checks at 10,000 sources."""
    path = f"{root}/{os.path.normpath(raw_path)}"
    outside = raw_path.startswith("/") or ".." in raw_path.split("/")
    st = None if outside else _lstat(path)
    if outside or (st and stat.S_ISLNK(st.st_mode)):
        problem = f"raw_path '{raw_path}' leaves raw/", "copy the text into raw/ as a regular file and give its path as raw/<source_id>.txt"
    elif not inside_raw(path.rpartition("/")[0]):
        problem = f"raw_path '{raw_path}' is not inside raw/", None
    elif st is None or not stat.S_ISREG(st.st_mode):
        problem = f"raw file '{raw_path}' does not exist", "add the text file or fix the path"
    else:
        return path, st
    message, fix = problem
    raise EndofwarError(message, file=SOURCES_FILE, line=item.value.line_of("raw_path"), field="raw_path", fix=fix)


def _read_raw(path: str, meta: dict, item: Item) -> str:
    """Read a raw text, checking the bytes against the recorded sha256 and the text's shape."""
    raw_path, data = meta["raw_path"], Path(path).read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != meta["sha256"]:
        raise EndofwarError(
            f"{raw_path} has sha256 {actual}, but {SOURCES_FILE} records {meta['sha256']}",
            file=SOURCES_FILE, line=item.value.line_of("sha256"), field="sha256",
            fix="raw texts are immutable: restore the original file; for a genuinely new text, add a new source",
        )
    text = decode_text(data, raw_path)
    problems = [
        (not text.strip(), "is empty", "a source needs its text"),
        (text.startswith("\ufeff"), "starts with a byte-order mark (U+FEFF)", "save it as UTF-8 without BOM"),
        ("\r" in text, "has CR (Windows or old Mac) line endings", "convert it to LF line endings before describing it"),
    ]
    for bad, what, fix in problems:
        if bad:
            raise EndofwarError(f"raw file {what}", file=raw_path, fix=fix)
    return text


def _row(entry: dict, names: list, shared: dict) -> tuple:
    """The entry's values in field order, equal strings and dates made one object (via shared):
    sources share outlets, rights, notes and dates, and the index then pickles several times faster."""
    return tuple(shared.setdefault(v, v) if isinstance(v, (str, date)) else v for v in map(entry.get, names))


def _fs_clock(probe: Path) -> int:
    """The filesystem's time now, as the change time of a file touched now."""
    probe.parent.mkdir(parents=True, exist_ok=True)
    probe.touch()
    return probe.stat().st_ctime_ns


def _checks_key(table: Table) -> bytes:
    """What check_entry's verdict on an entry depends on besides the entry: the table and the code."""
    return hashlib.sha256(repr(table).encode() + code_version().encode()).digest()


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector: loading 10,000 sources makes some 100,000 objects that
    all stay alive, and it would walk them (and all else alive) over and over for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_gc_paused()
def load_sources(root: Path) -> list[Source]:
    """Every source described in raw/sources.yaml, with its checked text, in file order.

    Like git's index, .cache/sources-index.pickle remembers each entry that passed check_entry
    (by the digest of its YAML text, with its row) and, per raw file, the stat and sha256 it had
    when it last passed every check: a file whose stat and recorded sha256 are unchanged is not
    read again, and an unchanged entry is not even unpickled. As in git, a file changed no earlier
    than the index was written is "racy" (it may have changed again within the same timestamp
    tick) and is always read."""
    path = root / SOURCES_FILE
    if not path.exists():
        raise EndofwarError("file not found", file=SOURCES_FILE, fix="describe the raw texts in raw/sources.yaml")
    items = load_yaml_list(path, SOURCES_FILE, "sources", root / PARSED_CACHE)
    table = catalogue(root).table("sources")
    names = [f.name for f in table.fields]
    index = read_cache(root / INDEX, INDEX_KIND)
    checks_key = _checks_key(table)
    rows = index["rows"] if index.get("checks_key") == checks_key else {}
    stamps, written = index.get("stamps", {}), index.get("clock", 0)
    now_rows, now_stamps = {}, {}
    raw_dir = (root / "raw").resolve()

    @cache
    def inside_raw(directory: str) -> bool:
        real = Path(os.path.realpath(directory))
        return real == raw_dir or raw_dir in real.parents

    clock = _fs_clock(root / CLOCK)
    base, seen, shared, out = str(root), {}, {}, []
    for item in items:
        row = rows.get(item.digest)
        if row is None:
            check_entry(item.value, table, file=SOURCES_FILE, what="source", computed=("char_count",))
            row = _row(item.value, names, shared)
        if item.digest:
            now_rows[item.digest] = row
        meta = dict(zip(names, row))
        sid = meta["source_id"]
        if sid in seen:
            raise EndofwarError(
                f"source_id '{sid}' is already used on line {seen[sid].value.line_of('source_id')}", file=SOURCES_FILE,
                line=item.value.line_of("source_id"), field="source_id", fix="give every source its own id",
            )
        seen[sid] = item
        file, st = _raw_file(base, meta["raw_path"], inside_raw, item)
        stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, meta["sha256"])
        known = stamps.get(meta["raw_path"])
        if known and known[:-1] == stamp and st.st_ctime_ns < written:
            text, meta["char_count"] = None, known[-1]
        else:
            text = _read_raw(file, meta, item)
            meta["char_count"] = len(text)
        now_stamps[meta["raw_path"]] = (*stamp, meta["char_count"])
        out.append(Source(meta, text, file))
    now = {"checks_key": checks_key, "rows": now_rows, "stamps": now_stamps}
    if any(index.get(key) != value for key, value in now.items()):
        write_cache(root / INDEX, INDEX_KIND, {**now, "clock": clock})
    return out
