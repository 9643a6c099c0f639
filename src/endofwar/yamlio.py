"""Safe YAML loading that remembers the line of every mapping and key, for error messages."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import yaml

from endofwar.errors import EndofwarError


class Located(dict):
    """A YAML mapping that knows its file, its line and the line of each of its keys."""

    file: str = ""
    line: int | None = None
    key_lines: dict

    def line_of(self, key) -> int | None:
        return self.key_lines.get(key, self.line)


_SAFE_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster


class _LineLoader(_SAFE_BASE):
    """A safe loader (no object construction) whose mappings are `Located`."""


def _construct_mapping(loader, node):
    mapping = Located()
    mapping.key_lines = {}
    mapping.line = node.start_mark.line + 1
    mapping.file = loader.display
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise EndofwarError(
                f"duplicate key '{key}'", file=loader.display, line=key_node.start_mark.line + 1,
                field=str(key), fix="remove one of the two entries",
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 text file, naming the file and byte offset when it is not UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EndofwarError(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})",
            file=display, line=line, fix="save the file as UTF-8",
        ) from None


def load_yaml(path: Path, display: str | None = None):
    """Parse a YAML file safely; syntax errors name the file and line."""
    display = display or str(path)
    text = read_text(path, display)
    loader = _LineLoader(text)
    loader.display = display
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise EndofwarError(
            f"invalid YAML: {exc.problem or exc.context}",
            file=display, line=mark.line + 1 if mark else None, fix="fix the YAML syntax",
        ) from None
    except yaml.YAMLError as exc:
        raise EndofwarError(f"invalid YAML: {exc}", file=display) from None
    finally:
        loader.dispose()


def load_yaml_cached(path: Path, display: str, cache_dir: Path):
    """load_yaml, memoised in cache_dir (one entry, keyed by the bytes and this loader): a
    10,000-source sources.yaml takes seconds to parse and milliseconds to unpickle."""
    text = read_text(path, display)
    digest = hashlib.sha256(Path(__file__).read_bytes() + b"\0" + text.encode("utf-8")).hexdigest()
    entry = cache_dir / f"{digest}.pickle"
    try:
        return pickle.loads(entry.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    doc = load_yaml(path, display)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for stale in cache_dir.glob("*.pickle"):
        stale.unlink(missing_ok=True)
    tmp = entry.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, entry)
    return doc
