"""Scoring the ways a quotation could be attributed, with weights learned from annotated news.

Each candidate (a frame of the quotation's sentence, a frame that introduces it, the quotation
it may continue, or no speaker at all) is described by a few dozen binary features: its shape,
its cue's class and lemma, the kind of its source phrase, how far the cue stands from the
quotation and what stands between. A logistic model over these features, trained by
``scripts/train_attribution.py`` on PolNeAR `train` and the project's reviewed sources (model
card: docs/attribution-model.md), gives each candidate a score; the best one wins. The weights
are a small JSON file read once; scoring is a sum of a handful of floats, so it costs nothing
next to finding the frames.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .frames import Frame
from .quotes import Quote
from .text import WS

MODEL = "attribution-model.json"
_SENTENCE_END = re.compile(r"[.!?][”’\"']?\s")


@dataclass
class Candidate:
    """One way to attribute a quotation: ``how`` names it; a frame, or the quotation it continues."""

    how: str
    frame: Frame | None = None
    part: int = 0
    previous: int | None = None
    gap: str = ""
    score: float = field(default=0.0, compare=False)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def features(c: Candidate, text: str, q: Quote) -> list[str]:
    """The names of the binary features that hold for candidate ``c`` of quotation ``q``."""
    content = text[q.start:q.end].strip(WS)
    upper = "U" if content[:1].isupper() else "l"
    nwords = len(content.split())
    size = _bucket(nwords, (3, 8))
    out = [f"how={c.how}", f"how={c.how}|q={upper}{size}"]
    if c.frame is not None:
        f = c.frame
        out += [f"cls={f.cue.cls}", f"how={c.how}|cls={f.cue.cls}", f"lemma={f.cue.lemma}",
                f"src={f.source_kind}", f"how={c.how}|src={f.source_kind}", f"form={f.cue.form}",
                f"how={c.how}|part={c.part}", f"cls={f.cue.cls}|q={upper}{size}"]
        close = (q.close_mark + 1) if q.close_mark is not None else q.end
        if f.cue.start >= close:
            gap = text[close:min(f.attribution[0], f.cue.start)]
            out.append(f"after|gap={_bucket(len(gap.strip(WS)), (0, 2, 20, 60))}")
            if _SENTENCE_END.search(gap):
                out.append("after|sentence_end")
        else:
            gap = text[f.cue.end:q.open_mark]
            out.append(f"before|gap={_bucket(len(gap.strip(WS)), (0, 2, 20, 60))}")
            stripped = gap.strip(WS)
            out.append(f"before|punct={stripped[-1:] if stripped[-1:] in ':,' else 'other'}")
    elif c.previous is not None:
        out.append(f"how={c.how}|gap={_bucket(len(c.gap.strip(WS)), (0, 2, 40, 200))}")
        if _SENTENCE_END.search(c.gap + " "):
            out.append(f"how={c.how}|gap_sentence")
    return out


def reported_features(f: Frame, parts: list[tuple[int, int]], text: str) -> list[str]:
    """The names of the binary features of a frame whose content may be reported speech."""
    s, e = parts[0]
    content = text[s:e]
    words = content.split()
    first = words[0].lower().strip("“\"'‘(") if words else ""
    opener = first if first in _OPENERS else ("Upper" if content[:1].isupper() else "other")
    out = [f"shape={f.shape}", f"cls={f.cue.cls}", f"lemma={f.cue.lemma}", f"form={f.cue.form}",
           f"src={f.source_kind}", f"shape={f.shape}|cls={f.cue.cls}", f"lemma={f.cue.lemma}|shape={f.shape}",
           f"open={opener}", f"cls={f.cue.cls}|open={opener}", f"words={_bucket(len(words), (2, 4, 8, 20, 40))}",
           f"parts={len(parts)}"]
    if any(c in content for c in "“\"”"):
        out.append("has_quote")
    return out


_OPENERS = frozenset("that to whether if how what why when where who the a an he she it they we i".split())


@lru_cache(maxsize=1)
def _packaged() -> dict:
    """The models' weights (feature name -> weight, with ``bias``), read once from the package."""
    return json.loads(resources.files("endofwar.extraction").joinpath(MODEL).read_text(encoding="utf-8"))


_trial: list[dict] = []


def _model() -> dict:
    return _trial[-1] if _trial else _packaged()


@contextmanager
def trying(model: dict):
    """Score with ``model`` instead of the packaged weights (the training script's dev runs)."""
    _trial.append(model)
    try:
        yield
    finally:
        _trial.pop()


def _linear(weights: dict[str, float], names: list[str]) -> float:
    return weights.get("bias", 0.0) + sum(weights.get(name, 0.0) for name in names)


def score(c: Candidate, text: str, q: Quote) -> float:
    return _linear(_model()["quote"], features(c, text, q))


def best(cands: list[Candidate], text: str, q: Quote) -> Candidate:
    """The highest-scoring candidate (the first listed wins a tie: none, then by position)."""
    top = None
    for c in cands:
        c.score = score(c, text, q)
        if top is None or c.score > top.score:
            top = c
    return top


def reported_score(f: Frame, parts: list[tuple[int, int]], text: str) -> float:
    """How likely a frame's content is reported speech (the log-odds of the reported model)."""
    return _linear(_model()["reported"], reported_features(f, parts, text))


def REPORTED_THRESHOLD() -> float:  # noqa: N802 - reads like the constant it is, from the model
    """The score a reported-speech reading must clear (chosen on PolNeAR dev)."""
    return _model().get("reported_threshold", 0.0)
