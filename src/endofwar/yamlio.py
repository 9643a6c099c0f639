"""Safe YAML loading that remembers the line of every mapping and key, for error messages,
and the pickle caches under .cache/ that spare re-parsing and re-reading unchanged inputs."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from functools import cache, cached_property
from pathlib import Path

import yaml

from endofwar.errors import EndofwarError
from endofwar.paths import code_version


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
    mapping.line = node.start_mark.line + 1 + loader.first_line
    mapping.file = loader.display
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1 + loader.first_line
        if key in mapping:
            raise EndofwarError(
                f"duplicate key '{key}'", file=loader.display, line=line,
                field=str(key), fix="remove one of the two entries",
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def decode_text(data: bytes, display: str) -> str:
    """Decode UTF-8 bytes, naming the file and byte offset when they are not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EndofwarError(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})",
            file=display, line=line, fix="save the file as UTF-8",
        ) from None


def read_text(path: Path, display: str) -> str:
    """Read a UTF-8 text file, naming the file and byte offset when it is not UTF-8."""
    return decode_text(path.read_bytes(), display)


def _parse(text: str, display: str, first_line: int = 0):
    """Parse YAML text that starts on line first_line + 1 of the file `display`."""
    loader = _LineLoader(text)
    loader.display, loader.first_line = display, first_line
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise EndofwarError(
            f"invalid YAML: {exc.problem or exc.context}",
            file=display, line=mark.line + 1 + first_line if mark else None, fix="fix the YAML syntax",
        ) from None
    except yaml.YAMLError as exc:
        raise EndofwarError(f"invalid YAML: {exc}", file=display) from None
    finally:
        loader.dispose()


def load_yaml(path: Path, display: str | None = None):
    """Parse a YAML file safely; syntax errors name the file and line."""
    display = display or str(path)
    return _parse(read_text(path, display), display)


def read_cache(path: Path, kind: str) -> dict:
    """The dict write_cache stored as `kind`; {} when missing, corrupt or of another kind."""
    try:
        stored_kind, data = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - any unreadable cache is an empty one
        return {}
    return data if stored_kind == kind and isinstance(data, dict) else {}


def write_cache(path: Path, kind: str, data: dict) -> None:
    """Replace the cache file atomically, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps((kind, data), protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, path)


_PIECES = "pieces.pickle"
_PIECES_KIND = "yaml pieces"
_OTHER_BREAKS = "\r\x85\u2028\u2029"  # YAML line breaks besides \n, which would throw the piece lines off
_ANCHOR = re.compile(r"(?<![\w-])&([\w-]+)")  # every anchor, and some text that only looks like one


@cache
def _loader_version() -> bytes:
    """What a parse depends on besides the text: the toolkit's code and PyYAML."""
    return f"{code_version()} {yaml.__version__} {_SAFE_BASE.__name__}".encode()


def _shift(node, delta: int, seen: set) -> None:
    """Move every line in node, parsed where its text used to be in the file, by delta."""
    if not isinstance(node, (dict, list)) or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, Located):
        node.line += delta
        node.key_lines = {k: line + delta for k, line in node.key_lines.items()}
    for child in node.values() if isinstance(node, dict) else node:
        _shift(child, delta, seen)


class Item:
    """An item of a long YAML list: the digest of its text (None when the file was parsed whole)
    and its value, unpickled from the cache only when first asked for."""

    def __init__(self, digest: bytes | None, value=None, blob: bytes = b"", delta: int = 0):
        self.digest, self._blob, self._delta = digest, blob, delta
        if not blob:
            self.value = value

    @cached_property
    def value(self):
        value = pickle.loads(self._blob)
        _shift(value, self._delta, set())
        return value


class _Pieces:
    """The parse of each piece of a text, memoised by the digest of the piece in one pickle, with
    the line it was parsed at; save() keeps only the pieces used since loading."""

    def __init__(self, file: Path, display: str):
        self.file, self.display = file, display
        self.old, self.new = read_cache(file, _PIECES_KIND), {}
        self.salt = hashlib.sha256(_loader_version() + display.encode()).digest()

    def item(self, first_line: int, piece: bytes, lone: bool = True) -> tuple[Item, tuple]:
        """The Item for piece, UTF-8 YAML that starts on line first_line + 1 and is one item of
        the list (lone) or the whole text, and the anchors it defines."""
        digest = hashlib.sha256(self.salt + bytes([lone]) + piece).digest()
        known = self.old.get(digest) if digest not in self.new else None  # a repeated text needs its own objects
        if known:
            self.new[digest] = known
            parsed_at, anchors, blob = known
            return Item(digest, blob=blob, delta=first_line - parsed_at), anchors
        text = piece.decode()
        value = _parse(text, self.display, first_line)
        if lone:
            value = _lone_item(text, value)
        anchors = tuple(set(_ANCHOR.findall(text)))
        self.new.setdefault(digest, (first_line, anchors, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
        return Item(digest, value), anchors

    def save(self) -> None:
        if self.new.keys() != self.old.keys():
            write_cache(self.file, _PIECES_KIND, self.new)


def _split(data: bytes, key: str) -> list[tuple[int, bytes]] | None:
    """The text cut into its header (down to the line `key:`) and one piece per item of the block
    list under that line, each with its first line (0-based); None when the text is not of that
    simple shape. Bytes: cutting and hashing 10,000 pieces is faster without decoding them."""
    head = re.search(rb"^%s:(?:[ \t]+#.*)?[ \t]*\n(?:[ \t]*(?:#.*)?\n)*( *)-(?=[ \n])" % re.escape(key.encode()), data, re.M)
    if not head:
        return None
    indent, start = head[1], head.start(1)
    cuts = [start] + [m.end() for m in re.compile(rb"\n(?=%s-[ \n])" % indent).finditer(data, start)]
    pieces, line = [(0, data[:start])], data.count(b"\n", 0, start)
    for begin, end in zip(cuts, cuts[1:] + [len(data)]):
        pieces.append((line, data[begin:end]))
        line += data.count(b"\n", begin, end)
    return pieces


def _lone_item(text: str, value):
    """The item of a piece parsed on its own, provided that is what the piece gives inside the
    file: a list of one item whose further lines are all indented deeper, blank or comments."""
    indent = text[: len(text) - len(text.lstrip(" "))]
    if not (isinstance(value, list) and len(value) == 1) or re.search(rf"\n(?!{indent} | *(?:#|\n|\Z))", text):
        raise ValueError("not a lone list item")
    return value[0]


def _items_alone(data: bytes, key: str, pieces: _Pieces) -> list[Item] | None:
    """The items of the `key:` list, each parsed on its own or taken from the cache; None unless
    that is sure to give what parsing the whole text gives."""
    cut = _split(data, key)
    if cut is None:
        return None
    (_, header), *rest = cut
    header = header.decode()
    try:
        head = _parse(header, pieces.display)
        items, anchors = zip(*(pieces.item(line, piece) for line, piece in rest))
    except Exception:  # noqa: BLE001 - the whole-text parse reports the true error
        return None
    anchors = (_ANCHOR.findall(header), *anchors)
    if not (isinstance(head, dict) and next(reversed(head), None) == key and head[key] is None):
        return None
    if sum(map(len, anchors)) != len(set().union(*anchors)):  # an anchor defined twice fails the whole text
        return None
    return list(items)


def load_yaml_list(path: Path, display: str, key: str, cache_dir: Path) -> list[Item]:
    """The items of the top-level `key:` list of a YAML file, memoised per item in cache_dir:
    after a one-item edit of a 10,000-item file only that item is parsed again, and the others
    are not even unpickled until asked for. A file of another shape, or with an item that does
    not parse on its own, is parsed (and memoised) whole, so the values and the errors are always
    those of load_yaml."""
    data = path.read_bytes()
    text = decode_text(data, display)
    pieces = _Pieces(cache_dir / _PIECES, display)
    items = None if any(brk in text for brk in _OTHER_BREAKS) else _items_alone(data, key, pieces)
    if items is None:
        pieces.new.clear()
        doc = pieces.item(0, data, lone=False)[0].value
        if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
            raise EndofwarError(f"expected a top-level '{key}:' list", file=display, line=getattr(doc, "line", None))
        items = [Item(None, entry) for entry in doc[key]]
    pieces.save()
    return items
