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
    inner: bool = False  # another frame's cue stands between this frame's cue and the quotation
    score: float = field(default=0.0, compare=False)


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _quote_shape(text: str, q: Quote) -> str:
    """Capitalised or not, its length, and whether it ends as a sentence does ("They set
    preconditions." is speech; "Celebrity Apprentice" a title)."""
    content = text[q.start:q.end].strip(WS)
    end = "." if content[-1:] in ".!?," else ""
    return ("U" if content[:1].isupper() else "l") + _bucket(len(content.split()), (3, 8)) + end


def _candidate_key(c: Candidate, text: str, q: Quote) -> tuple:
    """What a candidate's fixed features depend on (the weights of a key are summed once)."""
    f = c.frame
    if f is None:
        return (c.how, _quote_shape(text, q))
    return (c.how, _quote_shape(text, q), f.cue.cls, f.cue.lemma, f.source_kind, f.cue.form, c.part)


def _key_features(key: tuple) -> list[str]:
    how, qshape = key[0], key[1]
    out = [f"how={how}", f"how={how}|q={qshape}"]
    if len(key) > 2:
        _, _, cls, lemma, src, form, part = key
        out += [f"cls={cls}", f"how={how}|cls={cls}", f"lemma={lemma}", f"src={src}", f"how={how}|src={src}",
                f"form={form}", f"how={how}|part={part}", f"cls={cls}|q={qshape}"]
    return out


def _position_features(c: Candidate, text: str, q: Quote) -> list[str]:
    """Where the cue stands from the quotation, and what lies between."""
    out = []
    f = c.frame
    if f is not None:
        close = (q.close_mark + 1) if q.close_mark is not None else q.end
        if f.cue.start >= close:
            gap = text[close:min(f.attribution[0], f.cue.start)]
            out.append(f"after|gap={_bucket(len(gap.strip(WS)), (0, 2, 20, 60))}")
            if _SENTENCE_END.search(gap):
                out.append("after|sentence_end")
        else:
            stripped = text[f.cue.end:q.open_mark].strip(WS)
            out.append(f"before|gap={_bucket(len(stripped), (0, 2, 20, 60))}")
            out.append(f"before|punct={stripped[-1:] if stripped[-1:] in ':,' else 'other'}")
            if c.inner:
                out.append(f"before|inner_cue|cls={f.cue.cls}")  # another cue stands between
    elif c.previous is not None:
        out.append(f"how={c.how}|gap={_bucket(len(c.gap.strip(WS)), (0, 2, 40, 200))}")
        if _SENTENCE_END.search(c.gap + " "):
            out.append(f"how={c.how}|gap_sentence")
    return out


def features(c: Candidate, text: str, q: Quote) -> list[str]:
    """The names of the binary features that hold for candidate ``c`` of quotation ``q``."""
    return _key_features(_candidate_key(c, text, q)) + _position_features(c, text, q)


def _frame_key(f: Frame, parts: list[tuple[int, int]], text: str) -> tuple:
    s, e = parts[0]
    content = text[s:e]
    words = content.split()
    first = words[0].lower().strip("“\"'‘(") if words else ""
    opener = first if first in _OPENERS else ("Upper" if content[:1].isupper() else "other")
    return (f.shape, f.cue.cls, f.cue.lemma, f.cue.form, f.source_kind, opener,
            _bucket(len(words), (2, 4, 8, 20, 40)), len(parts), any(ch in content for ch in "“\"”"))


def _frame_key_features(key: tuple) -> list[str]:
    shape, cls, lemma, form, src, opener, size, nparts, quoted = key
    out = [f"shape={shape}", f"cls={cls}", f"lemma={lemma}", f"form={form}", f"src={src}", f"shape={shape}|cls={cls}",
           f"lemma={lemma}|shape={shape}", f"open={opener}", f"cls={cls}|open={opener}", f"words={size}",
           f"parts={nparts}"]
    if quoted:
        out.append("has_quote")
    return out


def reported_features(f: Frame, parts: list[tuple[int, int]], text: str) -> list[str]:
    """The names of the binary features of a frame whose content may be reported speech."""
    return _frame_key_features(_frame_key(f, parts, text))


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
        _caches.pop((id(model), "quote"), None)
        _caches.pop((id(model), "reported"), None)


def _linear(weights: dict[str, float], names: list[str]) -> float:
    return weights.get("bias", 0.0) + sum(weights.get(name, 0.0) for name in names)


def _cached(model: dict, part: str, key: tuple, names) -> float:
    """The summed weights of a key's features, computed once per model and key."""
    cache = _caches.setdefault((id(model), part), {})
    hit = cache.get(key)
    if hit is None:
        hit = cache[key] = _linear(model[part], names(key))
    return hit


_caches: dict[tuple[int, str], dict] = {}


def score(c: Candidate, text: str, q: Quote) -> float:
    model = _model()
    weights = model["quote"]
    return _cached(model, "quote", _candidate_key(c, text, q), _key_features) + \
        sum(weights.get(name, 0.0) for name in _position_features(c, text, q))


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
    model = _model()
    return _cached(model, "reported", _frame_key(f, parts, text), _frame_key_features)


def REPORTED_THRESHOLD() -> float:  # noqa: N802 - reads like the constant it is, from the model
    """The score a reported-speech reading must clear (chosen on PolNeAR dev)."""
    return _model().get("reported_threshold", 0.0)
