"""The synthetic corpus: deterministic, its truth anchored in its text, and recoverable."""

from __future__ import annotations

import json

from endofwar.extraction import extract
from endofwar.inputs.synthetic import generate


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "raw").iterdir())}


def test_same_seed_same_bytes_other_seed_other_text(tmp_path):
    a, b, c = (generate(5, tmp_path / name, seed=s) for name, s in (("a", 1), ("b", 1), ("c", 2)))
    assert _files(a) == _files(b)
    assert (a / "truth.jsonl").read_bytes() == (b / "truth.jsonl").read_bytes()
    assert list(_files(a).values()) != list(_files(c).values())


def test_truth_offsets_point_at_the_quoted_text(tmp_path):
    root = generate(20, tmp_path / "corpus", seed=7)
    for line in (root / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        text = (root / "raw" / f"{truth['source_id']}.txt").read_text(encoding="utf-8")
        assert truth["quotes"]
        for q in truth["quotes"]:
            assert text[q["char_start"]:q["char_end"]] == q["text"]


def test_extractor_recovers_the_known_quotes_and_speakers(tmp_path):
    root = generate(30, tmp_path / "corpus", seed=11)
    expected = found = right_speaker = 0
    for line in (root / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        text = (root / "raw" / f"{truth['source_id']}.txt").read_text(encoding="utf-8")
        got = {(q["char_start"], q["char_end"]): q for q in extract(text)["quotes"]}
        for q in truth["quotes"]:
            expected += 1
            hit = got.get((q["char_start"], q["char_end"]))
            found += hit is not None
            right_speaker += hit is not None and hit["speaker"] == q["speaker"]
    assert found / expected >= 0.95
    assert right_speaker / expected >= 0.9
