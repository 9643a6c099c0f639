"""The source documents: raw/sources.yaml plus the immutable texts it describes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from endofwar.entries import check_entry
from endofwar.errors import EndofwarError
from endofwar.schemas import catalogue
from endofwar.yamlio import Located, load_yaml_cached, read_text

SOURCES_FILE = "raw/sources.yaml"
PARSED_CACHE = ".cache/sources-yaml"


@dataclass(frozen=True)
class Source:
    """One described source: its metadata row and its text."""

    meta: dict
    text: str

    @property
    def source_id(self) -> str:
        return self.meta["source_id"]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _raw_file(root: Path, raw_dir: Path, raw_path: str, line: int | None, real_dir) -> Path:
    """Resolve raw_path, refusing anything that leaves raw_dir, the resolved raw/ (.., absolute
    paths, symlinks); real_dir resolves a directory once per build rather than once per file."""
    candidate = root / raw_path
    if Path(raw_path).is_absolute() or ".." in Path(raw_path).parts or candidate.is_symlink():
        raise EndofwarError(
            f"raw_path '{raw_path}' leaves raw/", file=SOURCES_FILE, line=line, field="raw_path",
            fix="copy the text into raw/ as a regular file and give its path as raw/<source_id>.txt",
        )
    resolved = real_dir(candidate.parent) / candidate.name
    if raw_dir not in resolved.parents:
        raise EndofwarError(f"raw_path '{raw_path}' is not inside raw/", file=SOURCES_FILE, line=line, field="raw_path")
    if not resolved.is_file():
        raise EndofwarError(
            f"raw file '{raw_path}' does not exist", file=SOURCES_FILE, line=line, field="raw_path",
            fix="add the text file or fix the path",
        )
    return resolved


def _read_raw(path: Path, raw_path: str, meta: Located) -> str:
    """Read a raw text, checking the bytes against the recorded sha256 and the text's shape."""
    actual = sha256_of(path)
    if actual != meta["sha256"]:
        raise EndofwarError(
            f"{raw_path} has sha256 {actual}, but {SOURCES_FILE} records {meta['sha256']}",
            file=SOURCES_FILE, line=meta.line_of("sha256"), field="sha256",
            fix="raw texts are immutable: restore the original file; for a genuinely new text, add a new source",
        )
    text = read_text(path, raw_path)
    problems = [
        (not text.strip(), "is empty", "a source needs its text"),
        (text.startswith("\ufeff"), "starts with a byte-order mark (U+FEFF)", "save it as UTF-8 without BOM"),
        ("\r" in text, "has CR (Windows or old Mac) line endings", "convert it to LF line endings before describing it"),
    ]
    for bad, what, fix in problems:
        if bad:
            raise EndofwarError(f"raw file {what}", file=raw_path, fix=fix)
    return text


def load_sources(root: Path) -> list[Source]:
    """Every source described in raw/sources.yaml, with its checked text, in file order."""
    path = root / SOURCES_FILE
    if not path.exists():
        raise EndofwarError("file not found", file=SOURCES_FILE, fix="describe the raw texts in raw/sources.yaml")
    doc = load_yaml_cached(path, SOURCES_FILE, root / PARSED_CACHE)
    if not isinstance(doc, dict) or not isinstance(doc.get("sources"), list):
        raise EndofwarError("expected a top-level 'sources:' list", file=SOURCES_FILE, line=getattr(doc, "line", None))
    table = catalogue(root).table("sources")
    raw_dir = (root / "raw").resolve()
    real_dir = cache(Path.resolve)
    seen: dict[str, int] = {}
    out = []
    for entry in doc["sources"]:
        check_entry(entry, table, file=SOURCES_FILE, what="source", computed=("char_count",))
        sid = entry["source_id"]
        if sid in seen:
            raise EndofwarError(
                f"source_id '{sid}' is already used on line {seen[sid]}", file=SOURCES_FILE,
                line=entry.line_of("source_id"), field="source_id", fix="give every source its own id",
            )
        seen[sid] = entry.line_of("source_id")
        raw = _raw_file(root, raw_dir, entry["raw_path"], entry.line_of("raw_path"), real_dir)
        text = _read_raw(raw, entry["raw_path"], entry)
        meta = {f.name: entry.get(f.name) for f in table.fields}
        meta["char_count"] = len(text)
        out.append(Source(meta=meta, text=text))
    return out
