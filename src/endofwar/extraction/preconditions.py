"""Sentences that may state a precondition, for the reviewer to code.

A precondition row needs judgement (who demands what, before which step), so the
extractor only points at candidate sentences: those with a demand or condition word
("precondition", "demand", "pending", "as long as", "in return for") or a sequencing
word ("before", "first", "precede", "only after") next to a step of the peace process.
"""

from __future__ import annotations

from bisect import bisect_left

from .text import Layout

_STRONG = (
    "condition", "demand", "pending", "unless", "long as", "in return", "in exchange", "price", "come first",
    "before", "precede", "only after", "only if", "provided that", "prerequisite", "insist", "require",
)
_SEQ = ("first", "until", "after")
_STEP = (
    "declar", "denuclear", "normalis", "normaliz", "sanction", "embargo", "talks", "negotiat", "dialogue",
    "relations", "lift", "withdraw", "hostile", "concession", "peace", "end-of-war", "end the war",
    "end to the war", "end to the korean war", "ending the korean war",
)


def _hits(low: str, needles, whole_start: bool = True) -> list[tuple[int, str]]:
    """(position, needle) of needles starting a word; "condition" also inside "precondition"."""
    out = []
    for n in needles:
        i = low.find(n)
        while i != -1:
            if not whole_start or i == 0 or not low[i - 1].isalnum():
                out.append((i, n))
            elif n == "condition" and low[max(0, i - 4):i] in ("-pre", " pre") or low[max(0, i - 3):i] == "pre":
                out.append((i, n))
            i = low.find(n, i + 1)
    out.sort()
    return out


def _word(text: str, s: int, e: int) -> str:
    """The whole word(s) around a hit ("preconditions" for a hit on "condition")."""
    while s > 0 and (text[s - 1].isalnum() or text[s - 1] == "-"):
        s -= 1
    while e < len(text) and text[e].isalnum():
        e += 1
    return text[s:e]


def find_candidates(text: str, layout: Layout) -> list[tuple[int, int, list[str]]]:
    """(start, end, cue words) of candidate sentences, in text order."""
    low = text.lower()
    strong = _hits(low, _STRONG)
    seq = [(i, n) for i, n in _hits(low, _SEQ) if i + len(n) >= len(low) or not low[i + len(n)].isalnum()]
    if not (strong or seq):
        return []
    sp = [i for i, _ in strong]
    qp = [i for i, _ in seq]
    out = []
    for s in layout.sentences:
        a, b = bisect_left(sp, s.start), bisect_left(sp, s.end)
        a2, b2 = bisect_left(qp, s.start), bisect_left(qp, s.end)
        if a == b and a2 == b2:
            continue
        sl = low[s.start:s.end]
        if not any(n in sl for n in _STEP):
            continue
        p = layout.paras[s.para]
        if p.heading or p.trailer:
            continue
        cues = [_word(text, i, i + len(n)) for i, n in strong[a:b]]
        if not cues:
            cues = [_word(text, i, i + len(n)) for i, n in seq[a2:b2]]
        if cues:
            out.append((s.start, s.end, cues))
    return out
