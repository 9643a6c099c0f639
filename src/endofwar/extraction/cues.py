"""Cues: the words that attribute speech to a source ("said", "told", "according to", "pointed out").

The lemmas and their classes live in lexicon.py; this module inflects them once and finds
them in a text's tokens. A cue inside a quotation is the quoted speaker's word, not the
writer's attribution, so callers pass the quotation spans to skip.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicon
from .tokens import Tokens


def inflect(lemma: str) -> tuple[str, str, str, str]:
    """(3rd person singular, past, past participle, -ing) of a regular or listed verb."""
    if lemma in lexicon.CUE_IRREGULAR:
        return lexicon.CUE_IRREGULAR[lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma in lexicon.CUE_DOUBLING or _short_cvc(lemma):
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    elif lemma.endswith("e"):
        past, ing = lemma + "d", (lemma + "ing" if lemma.endswith("ee") else lemma[:-1] + "ing")
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    return third, past, past, ing


def _short_cvc(lemma: str) -> bool:
    """A short verb ending consonant-vowel-consonant doubles its last letter ("slam", "snap", "beg")."""
    v = "aeiou"
    return len(lemma) <= 4 and len(lemma) >= 3 and lemma[-1] not in v + "wxy" and lemma[-2] in v \
        and lemma[-3] not in v


def _forms() -> dict[str, tuple[str, str, str]]:
    """Every written form -> (lemma, class, form kind: base, third, past, ing)."""
    out: dict[str, tuple[str, str, str]] = {}
    for cls, lemmas in lexicon.CUE_LEMMAS.items():
        for lemma in lemmas:
            third, past, part, ing = inflect(lemma)
            for form, kind in ((lemma, "base"), (third, "third"), (past, "past"), (part, "past"), (ing, "ing")):
                out.setdefault(form, (lemma, cls, kind))
    return out


FORMS = _forms()
ALL_FORMS = frozenset(FORMS)
SPEECH_FORMS = frozenset(form for form, (_, cls, _) in FORMS.items() if cls == "speech")
# first word of a particle cue -> [(the words after it, the phrase's lemma, class)]
_PARTICLES: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
for _phrase, _cls in lexicon.CUE_PARTICLES.items():
    _verb, *_rest = _phrase.split()
    for _form in (_verb, *inflect(_verb)):
        _PARTICLES.setdefault(_form, []).append((tuple(_rest), _phrase, _cls))


@dataclass(slots=True)
class Cue:
    """A cue at tokens [i, j): its lemma ("say", "point out", "according to"), class and form."""

    i: int
    j: int
    lemma: str
    cls: str
    form: str
    start: int
    end: int


def cue_at(tk: Tokens, i: int) -> Cue | None:
    """The cue starting at token i, the longest that matches."""
    low = tk.lows[i]
    if low == "according" and i + 1 < len(tk) and tk.lows[i + 1] == "to":
        return Cue(i, i + 2, "according to", "according", "according", tk.starts[i], tk.ends[i + 1])
    for rest, phrase, cls in _PARTICLES.get(low, ()):
        k = i + 1
        if tuple(tk.lows[k:k + len(rest)]) == rest:
            kind = FORMS.get(low, (None, None, "base"))[2]
            return Cue(i, k + len(rest), phrase, cls, kind, tk.starts[i], tk.ends[k + len(rest) - 1])
    hit = FORMS.get(low)
    if hit is None:
        return None
    return Cue(i, i + 1, hit[0], hit[1], hit[2], tk.starts[i], tk.ends[i])


FIRST_WORDS = ALL_FORMS | frozenset(_PARTICLES) | {"according"}


def find_cues(tk: Tokens, lo: int, hi: int, inside_quote) -> list[Cue]:
    """Cues among tokens [lo, hi) that stand outside quotations (``inside_quote(offset)``), in
    order. One pass over the tokens, looking only at the cue words the set intersection found."""
    lows = tk.lows
    firsts = FIRST_WORDS.intersection(lows[lo:hi])
    kept: list[Cue] = []
    end = -1
    if not firsts:
        return kept
    for k in range(lo, hi):
        if k < end or lows[k] not in firsts:
            continue  # (a cue inside a longer one already taken, "took note", is part of it)
        if k > lo and tk.is_cap(k) and (tk.is_cap(k - 1) or (k + 1 < hi and tk.is_cap(k + 1))):
            continue  # a capitalised cue word inside a run of capitalised words is part of a name:
            # "United States", "Foreign Affairs Report"
        c = cue_at(tk, k)
        if c is not None and c.j <= hi and not inside_quote(c.start):
            kept.append(c)
            end = c.j
    return kept
