"""Bad inputs stop the build with the file, line and field, and what to do."""

from __future__ import annotations

import pytest

from endofwar.errors import EndofwarError
from endofwar.publish import build

KH = "annotations/korea-herald-end-of-war-rainbow.yaml"


def _append(root, rel, text):
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _line_of(root, rel, needle):
    for i, line in enumerate((root / rel).read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return i
    raise AssertionError(needle)


def _quote(quote_id, evidence, extra=""):
    return f"\n  - quote_id: {quote_id}\n    evidence: \"{evidence}\"\n    quote_kind: term\n{extra}"


def _add_quote(root, quote_id, evidence, extra=""):
    path = root / KH
    text = path.read_text(encoding="utf-8").replace("\nquotes:", "\nquotes:" + _quote(quote_id, evidence, extra), 1)
    path.write_text(text, encoding="utf-8")


def test_evidence_not_in_text_names_file_line_and_field(repo):
    _add_quote(repo, "kh-bad", "a sentence nobody wrote")
    with pytest.raises(EndofwarError) as err:
        build(repo)
    line = _line_of(repo, KH, "a sentence nobody wrote")
    assert f"{KH}:{line}, field 'evidence': evidence not found" in str(err.value)


def test_evidence_with_straight_quotes_gets_a_hint(repo):
    _add_quote(repo, "kh-bad", "inveterate hostile policy\\u201d and \\u201cunequal".replace("\\u201d", "'").replace("\\u201c", "'"))
    with pytest.raises(EndofwarError, match="not found"):
        build(repo)


def test_ambiguous_evidence_asks_for_occurrence(repo):
    _add_quote(repo, "kh-bad", "Einhorn")
    with pytest.raises(EndofwarError, match=r"ambiguous: 'Einhorn' occurs \d+ times.*occurrence: N"):
        build(repo)


def test_unknown_key_is_named(repo):
    _add_quote(repo, "kh-bad", "inveterate hostile policy", "    speeker: someone\n")
    with pytest.raises(EndofwarError) as err:
        build(repo)
    assert f"{KH}:{_line_of(repo, KH, 'speeker')}, field 'speeker': unknown key" in str(err.value)


def test_enum_value_outside_vocabulary(repo):
    path = repo / KH
    path.write_text(path.read_text(encoding="utf-8").replace("quote_kind: statement", "quote_kind: speech", 1), encoding="utf-8")
    with pytest.raises(EndofwarError, match="'speech' is not in the vocabulary 'quote_kind'.*use one of: statement"):
        build(repo)


def test_dangling_speaker(repo):
    _add_quote(repo, "kh-bad", "inveterate hostile policy", "    speaker_expert_id: nobody-at-all\n")
    with pytest.raises(EndofwarError, match="'nobody-at-all' is not a known expert id"):
        build(repo)


def test_duplicate_id(repo):
    _add_quote(repo, "kh-q01", "inveterate hostile policy")
    with pytest.raises(EndofwarError, match="duplicate quotes key kh-q01"):
        build(repo)


def test_malformed_yaml_names_the_line(repo):
    _append(repo, KH, "\nquotes: [unclosed\n")
    with pytest.raises(EndofwarError, match=rf"{KH}:\d+: invalid YAML"):
        build(repo)


def test_sha256_mismatch(repo):
    raw = repo / "raw" / "lowy-honouring-the-dead.txt"
    raw.write_bytes(raw.read_bytes() + b"\n")
    with pytest.raises(EndofwarError, match=r"raw/sources.yaml:\d+, field 'sha256'.*immutable"):
        build(repo)


@pytest.mark.parametrize("raw_path", ["../outside.txt", "/etc/passwd", "raw/link.txt"])
def test_raw_path_outside_raw_is_refused(repo, raw_path):
    (repo / "outside.txt").write_text("text", encoding="utf-8")
    (repo / "raw" / "link.txt").symlink_to(repo / "outside.txt")
    path = repo / "raw" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("raw_path: raw/lowy-honouring-the-dead.txt", f"raw_path: {raw_path}", 1), encoding="utf-8")
    with pytest.raises(EndofwarError, match="raw_path"):
        build(repo)


def test_non_utf8_raw_file(repo):
    import hashlib

    raw = repo / "raw" / "lowy-honouring-the-dead.txt"
    data = raw.read_bytes().replace("’".encode(), b"\x92", 1)
    raw.write_bytes(data)
    path = repo / "raw" / "sources.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "345ff1cc3056ff6b097d8a6761297dabe438568a629ba1e3aa773797b71b9837", hashlib.sha256(data).hexdigest()
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EndofwarError, match=r"raw/lowy-honouring-the-dead.txt:\d+: not valid UTF-8"):
        build(repo)
