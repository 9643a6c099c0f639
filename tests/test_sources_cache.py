"""The caches behind load_sources: YAML parsed item by item must equal YAML parsed whole, values,
lines and errors alike, and a cached raw file must never hide an edit."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import time

import pytest

from endofwar.errors import EndofwarError
from endofwar.inputs.sources import INDEX, INDEX_KIND, PARSED_CACHE, load_sources
from endofwar.yamlio import Located, load_yaml, load_yaml_list, read_cache

SHAPES = {
    "comments and a nested list": """\
# Sources, one per item.
title: test
sources:
# the first one
- id: a
  tags: [x, y]
  parts:
  - name: p1
    at: 3
  - name: p2

  # a comment inside the item
- id: b   # trailing comment
  date: 2022-03-06
""",
    "block scalars": """\
sources:
- id: a
  note: |
    first line
    - not an item
      deeper
- id: b
  note: >-
    folded
    - still folded

- id: c
""",
    "quoted dashes": """\
sources:
- id: a
  title: "a - b"
  other: '- c'
- id: "- d"
""",
    "indented list": """\
sources:
  - id: a
    n: 1
  - id: b
    n: 2
""",
    "anchors inside items": """\
sources:
- id: a
  start: &id001 2022-03-06
  end: *id001
- id: b
  start: &id002 2022-04-17
  end: *id002
""",
    "identical items": """\
sources:
- id: same
- id: other
- id: same
""",
    "bare dash items": "sources:\n-\n  id: a\n-\n  id: b\n",
    "no final newline": "sources:\n- id: a\n  note: |\n    text\n- id: b\n  note: |\n    text",
    # shapes that must be parsed whole
    "multi-line quote with a dash line": 'sources:\n- id: a\n  title: "x\n- y"\n- id: b\n',
    "alias to another item": "sources:\n- id: a\n  d: &x 2022-01-01\n- id: b\n  d: *x\n",
    "flow style": "sources: [{id: a}, {id: b}]\n",
    "content after the list": "sources:\n- id: a\nother: 1\n",
    "CRLF line ends": "sources:\r\n- id: a\r\n- id: b\r\n",
    # errors
    "duplicate key": "sources:\n- id: a\n- id: b\n  n: 1\n  n: 2\n",
    "syntax error": "sources:\n- id: a\n- id: b\n  title: [unclosed\n- id: c\n",
    "duplicate anchor": "sources:\n- id: a\n  d: &x 1\n- id: b\n  d: &x 2\n",
    "document end inside": "sources:\n- id: a\n...\n- id: b\n",
    "not a list": "sources:\n  id: a\n",
}
ALONE = {"comments and a nested list", "block scalars", "quoted dashes", "indented list",
         "anchors inside items", "identical items", "bare dash items", "no final newline"}


def tree(node):
    """A node with every line it carries, for comparing two parses."""
    if isinstance(node, Located):
        return ("mapping", node.file, node.line, [(k, node.line_of(k), tree(v)) for k, v in node.items()])
    if isinstance(node, list):
        return [tree(v) for v in node]
    return node


def whole(path):
    """What load_yaml_list must give: the items of a whole-file parse, or its error."""
    try:
        doc = load_yaml(path, "raw/sources.yaml")
    except EndofwarError as exc:
        return str(exc)
    if not isinstance(doc, dict) or not isinstance(doc.get("sources"), list):
        return str(EndofwarError("expected a top-level 'sources:' list", file="raw/sources.yaml", line=getattr(doc, "line", None)))
    return tree(doc["sources"])


def by_items(path, cache_dir):
    try:
        items = load_yaml_list(path, "raw/sources.yaml", "sources", cache_dir)
    except EndofwarError as exc:
        return str(exc), None
    return tree([item.value for item in items]), all(item.digest for item in items)


@pytest.mark.parametrize("name", SHAPES)
def test_items_parse_like_the_whole_file(tmp_path, name):
    path, cache_dir = tmp_path / "sources.yaml", tmp_path / "cache"
    path.write_bytes(SHAPES[name].encode())
    expected = whole(path)
    for _ in range(2):  # parsed, then from the cache
        got, alone = by_items(path, cache_dir)
        assert got == expected
        assert bool(alone) == (name in ALONE)
    path.write_bytes(b"# moved\n\n" + SHAPES[name].encode())  # cached items, two lines further down
    assert by_items(path, cache_dir)[0] == whole(path)


def test_errors_name_the_true_line(tmp_path):
    path, cache_dir = tmp_path / "sources.yaml", tmp_path / "cache"
    path.write_bytes(SHAPES["duplicate key"].encode())
    assert by_items(path, cache_dir)[0] == "raw/sources.yaml:5, field 'n': duplicate key 'n' (remove one of the two entries)"
    path.write_bytes(SHAPES["syntax error"].encode())
    assert by_items(path, cache_dir)[0].startswith("raw/sources.yaml:5: invalid YAML")


def test_one_edited_item_is_parsed_again_and_the_cache_holds_only_current_items(tmp_path, monkeypatch):
    import endofwar.yamlio as yamlio

    path, cache_dir = tmp_path / "sources.yaml", tmp_path / "cache"
    text = "sources:\n" + "".join(f"- id: s{i}\n  n: {i}\n" for i in range(50))
    path.write_text(text)
    load_yaml_list(path, "raw/sources.yaml", "sources", cache_dir)
    parsed = []
    original = yamlio._parse
    monkeypatch.setattr(yamlio, "_parse", lambda text, *a: parsed.append(text) or original(text, *a))
    path.write_text(text.replace("n: 7\n", "n: 7\n  extra: 1\n"))
    items = load_yaml_list(path, "raw/sources.yaml", "sources", cache_dir)
    assert parsed == ["sources:\n", "- id: s7\n  n: 7\n  extra: 1\n"]
    assert items[8].value.line == 19 and items[8].value.line_of("n") == 20  # moved down a line
    assert len(read_cache(cache_dir / "pieces.pickle", "yaml pieces")) == 50


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])  # the last: the pickle of 1
def test_a_damaged_cache_reads_as_empty(tmp_path, damage):
    path, cache_dir = tmp_path / "sources.yaml", tmp_path / "cache"
    path.write_bytes(SHAPES["block scalars"].encode())
    cache_dir.mkdir()
    (cache_dir / "pieces.pickle").write_bytes(damage)
    assert by_items(path, cache_dir)[0] == whole(path)


# ---- raw files --------------------------------------------------------------------------------

@pytest.fixture
def corpus(tmp_path):
    """Three synthetic sources, written a few timestamp ticks before any build reads them (the
    stat cache leaves out files changed in the tick of the build)."""
    from endofwar.inputs.synthetic import generate

    root = generate(3, tmp_path / "corpus", seed=5)
    time.sleep(0.05)
    return root


def test_an_edited_raw_file_is_caught_even_when_cached(corpus):
    first = load_sources(corpus)
    assert len(read_cache(corpus / INDEX, INDEX_KIND)["stamps"]) == 3
    raw = corpus / first[1].meta["raw_path"]
    stat, data = raw.stat(), raw.read_bytes()
    raw.write_bytes(data[:1].swapcase() + data[1:])         # same size, same inode
    os.utime(raw, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same mtime
    text = (corpus / "raw" / "sources.yaml").read_text()
    line = text[: text.index(first[1].meta["sha256"])].count("\n") + 1
    with pytest.raises(EndofwarError, match=rf"raw/sources.yaml:{line}, field 'sha256': raw/synthetic-5-000001.txt has sha256"):
        load_sources(corpus)


def test_a_changed_sha256_is_caught_even_when_the_file_is_cached(corpus):
    first = load_sources(corpus)
    sources_yaml = corpus / "raw" / "sources.yaml"
    sha = first[2].meta["sha256"]
    sources_yaml.write_text(sources_yaml.read_text().replace(sha, hashlib.sha256(b"other").hexdigest()))
    with pytest.raises(EndofwarError, match=r"field 'sha256': raw/synthetic-5-000002.txt has sha256 " + sha):
        load_sources(corpus)


def test_sources_are_the_same_with_and_without_caches(corpus):
    cold = load_sources(corpus)
    warm = load_sources(corpus)
    assert all("text" not in vars(s) for s in warm)  # read only when asked for
    assert [(s.source_id, s.meta, s.text) for s in warm] == [(s.source_id, s.meta, s.text) for s in cold]
    assert pickle.loads(pickle.dumps(warm[0])).text == cold[0].text
    shutil.rmtree(corpus / PARSED_CACHE)
    (corpus / INDEX).write_bytes(b"garbage")
    assert [s.meta for s in load_sources(corpus)] == [s.meta for s in cold]


def _dup_id(root):
    path = root / "raw" / "sources.yaml"
    path.write_text(path.read_text().replace("source_id: synthetic-5-000002", "source_id: synthetic-5-000000"))


def _lost_raw(root):
    (root / "raw" / "synthetic-5-000001.txt").unlink()


def _edited_raw(root):
    path = root / "raw" / "synthetic-5-000001.txt"
    path.write_text(path.read_text() + "more\n")


@pytest.mark.parametrize("damage", [_dup_id, _lost_raw, _edited_raw])
def test_errors_are_the_same_with_and_without_caches(corpus, damage):
    load_sources(corpus)
    damage(corpus)
    with pytest.raises(EndofwarError) as cached:
        load_sources(corpus)
    shutil.rmtree(corpus / ".cache")
    with pytest.raises(EndofwarError) as uncached:
        load_sources(corpus)
    assert str(cached.value) == str(uncached.value)
    assert cached.value.line > 1


def test_a_file_changed_as_the_index_was_written_is_always_read(corpus, monkeypatch):
    """git's racy case: such a file could have changed again within the same timestamp tick."""
    import endofwar.inputs.sources as sources

    monkeypatch.setattr(sources, "_fs_clock", lambda probe: 0)  # every file looks changed after the index
    load_sources(corpus)
    index = (corpus / INDEX).read_bytes()
    assert all("text" in vars(s) for s in load_sources(corpus))
    assert (corpus / INDEX).read_bytes() == index  # and no rewrite just for that
