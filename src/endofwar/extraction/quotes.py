"""Find quotations: pair quotation marks into spans, robust to the mess real news text has.

Why a pairing pass rather than one regex: texts mix curly and straight double quotes, use
’ both as apostrophe ("Seoul’s", "the US’ policy") and as closing single quote, nest
single quotes inside double ones, leave an odd number of marks, and carry quotes over
paragraph breaks. Each mark is classified from its neighbours (opening or closing
context) and paired per paragraph with a small state machine.

The span convention matches the gold coding (docs/codebook.md): a quote is the text
strictly between its marks; a single-quoted span nested in a double-quoted quote is its
own quote (flagged ``nested``), and the enclosing quote's text includes it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .text import WS, Layout, positions

OPEN_DOUBLE = "“„‟«"
CLOSE_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
DOUBLE_MARKS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE
OPEN_SINGLE = "‘‛‹"
CLOSE_SINGLE = "’›"
STRAIGHT_SINGLE = "'"

_OPEN_BEFORE = set(WS) | set("([{<—–-/:;,") | set(OPEN_DOUBLE) | set(OPEN_SINGLE) | {'"', "'"}
_CLOSE_AFTER = set(WS) | set(".,;:!?)]}>—–-…/") | set(CLOSE_DOUBLE) | set(CLOSE_SINGLE) | {'"', "'"}


@dataclass(slots=True, eq=False)
class Quote:
    """One quotation: ``start``/``end`` delimit the text between the marks (for reported
    speech, kind ``indirect``, the content clause; its marks are its own bounds)."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None if the quote runs on to the next paragraph
    single: bool  # delimited by single marks
    para: int
    continued_from: int | None = None  # index (in find_quotes' list) of the quotation this paragraph carries on
    kind: str = "statement"
    speaker: object = None  # an Entity (see entities.py) or None
    attribution: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    continues: "Quote | None" = None  # the earlier quote of the same speaker this one continues
    speaker_affiliation: str | None = None
    how: str | None = None  # the candidate that attributed it (ranking.py)
    cut: bool = False  # the text ends inside the quotation (an excerpt cut off)
    nested: bool = False  # a single-quoted span inside a double-quoted quote


def _opening_ctx(text: str, i: int, lo: int, hi: int, width: int = 1) -> bool:
    prev_ok = i == lo or text[i - 1] in _OPEN_BEFORE
    nxt_ok = i + width < hi and text[i + width] not in WS
    return prev_ok and nxt_ok


def _closing_ctx(text: str, i: int, lo: int, hi: int, width: int = 1) -> bool:
    prev_ok = i > lo and text[i - 1] not in WS
    nxt_ok = i + width >= hi or text[i + width] in _CLOSE_AFTER
    return prev_ok and nxt_ok


def _double_apostrophes(text: str) -> list[int]:
    """Offsets of '' standing for a double quotation mark (as some wire archives write them)."""
    out = []
    i = text.find("''")
    while i != -1:
        out.append(i)
        i = text.find("''", i + 2)
    return out


def _double_quotes(text: str, layout: Layout) -> list[Quote]:
    quotes: list[Quote] = []
    paras = layout.paras
    pairs = _double_apostrophes(text)
    width = dict.fromkeys(pairs, 2)
    marks = sorted(positions(text, DOUBLE_MARKS) + pairs)
    mi = 0
    for p in paras:
        if p.blank:
            continue
        lo, hi = p.start, p.end
        open_at: int | None = None
        open_w = 1
        while mi < len(marks) and marks[mi] < lo:
            mi += 1
        while mi < len(marks) and marks[mi] < hi:
            i = marks[mi]
            mi += 1
            c = text[i]
            w = width.get(i, 1)
            is_open = _opening_ctx(text, i, lo, hi, w)
            is_close = _closing_ctx(text, i, lo, hi, w)
            if c in OPEN_DOUBLE:
                role = "close" if (open_at is not None and is_close and not is_open) else "open"
            elif c in CLOSE_DOUBLE:
                role = "open" if (open_at is None and is_open and not is_close) else "close"
            else:  # straight mark: decide from context, then from state
                if is_open and not is_close:
                    role = "open"
                elif is_close and not is_open:
                    role = "close"
                else:
                    role = "close" if open_at is not None else "open"
            if role == "open":
                # a new opening mark while one is open: the earlier one was stray
                open_at, open_w = i, w
            elif open_at is not None:
                if i > open_at + open_w:
                    quotes.append(Quote(open_at + open_w, i, open_at, i + w - 1, False, p.index))
                open_at = None
            # a closing mark with nothing open is stray: ignored
        if open_at is not None:
            # Unclosed at the end of the paragraph: a multi-paragraph quote if the next
            # paragraph opens with a quotation mark, otherwise a stray mark.
            nxt = layout.next_nonblank(p.index)
            if nxt is None:
                # the text ends inside the quote: a quotation cut off where the excerpt ends
                end = hi
                while end > open_at + open_w and text[end - 1] in WS:
                    end -= 1
                if end > open_at + open_w and _opening_ctx(text, open_at, lo, hi, open_w):
                    quotes.append(Quote(open_at + open_w, end, open_at, None, False, p.index, cut=True))
            else:
                j = nxt.start
                while j < nxt.end and text[j] in WS:
                    j += 1
                if j < nxt.end and text[j] in OPEN_DOUBLE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE[:1] \
                        and (text[j] != "'" or text.startswith("''", j)):
                    end = hi
                    while end > open_at + open_w and text[end - 1] in WS:
                        end -= 1
                    if end > open_at + open_w:
                        quotes.append(Quote(open_at + open_w, end, open_at, None, False, p.index))
    for k, q in enumerate(quotes):
        if k and quotes[k - 1].close_mark is None and q.continued_from is None:
            nxt = layout.next_nonblank(quotes[k - 1].para)
            if nxt is not None and nxt.index == q.para:
                q.continued_from = k - 1
    return quotes


def _single_quotes(text: str, layout: Layout, doubles: list[Quote]) -> list[Quote]:
    """Single-quoted spans: outside double quotes (headlines, British-style text) and
    nested inside them (‘hostile policy’ inside a statement; flagged ``nested``)."""
    out: list[Quote] = []
    regions = sorted((q.open_mark, (q.close_mark if q.close_mark is not None else q.end)) for q in doubles)
    rstarts = [a for a, _ in regions]
    para_ends = [p.end for p in layout.paras]
    # pairing state per segment: a paragraph outside double quotes, or one double quote's inside
    states: dict[tuple, list] = {}
    doubled = {k for i in _double_apostrophes(text) for k in (i, i + 1)}
    for i in positions(text, OPEN_SINGLE + CLOSE_SINGLE + STRAIGHT_SINGLE):
        if i in doubled:
            continue
        pi = bisect_left(para_ends, i)
        if pi >= len(layout.paras):
            continue
        k = bisect_right(rstarts, i) - 1
        if k >= 0 and regions[k][0] < i < regions[k][1]:
            key = ("in", k)
            lo, hi = regions[k][0] + 1, regions[k][1]
        elif k >= 0 and i in regions[k]:
            continue
        else:
            p = layout.paras[pi]
            key = ("out", pi)
            lo, hi = p.start, p.end
        st = states.get(key)
        if st is None:
            st = states[key] = [None, [], pi, key[0] == "in"]
        c = text[i]
        prev = text[i - 1] if i > lo else " "
        nxt = text[i + 1] if i + 1 < hi else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # apostrophe inside a word: Seoul’s, don't
        can_open = (c in OPEN_SINGLE or c == STRAIGHT_SINGLE) and _opening_ctx(text, i, lo, hi) and (
            nxt.isalnum() or nxt in "“\"…(")
        can_close = (c in CLOSE_SINGLE or c == STRAIGHT_SINGLE) and _closing_ctx(text, i, lo, hi)
        opener, candidates = st[0], st[1]
        if opener is None:
            if can_open:
                st[0], st[1] = i, []
        elif can_close:
            candidates.append(i)
            # Looks possessive ("the Koreans’ view")? keep looking for a better closer.
            possessive = prev in "sS" and nxt in WS and i + 2 < hi and text[i + 2].isalpha() and text[i + 2].islower()
            if not possessive:
                _emit_single(out, opener, i, st[2], st[3])
                st[0], st[1] = None, []
        elif can_open and c in OPEN_SINGLE:
            if candidates:
                _emit_single(out, opener, candidates[-1], st[2], st[3])
            st[0], st[1] = i, []
    for st in states.values():
        if st[0] is not None and st[1]:
            _emit_single(out, st[0], st[1][-1], st[2], st[3])
    out.sort(key=lambda q: q.start)
    return out


def _emit_single(out: list[Quote], opener: int, closer: int, para: int, nested: bool = False) -> None:
    if closer > opener + 1:
        out.append(Quote(opener + 1, closer, opener, closer, True, para, nested=nested))


def find_quotes(text: str, layout: Layout) -> list[Quote]:
    """All top-level quotations in document order."""
    doubles = _double_quotes(text, layout)
    singles = _single_quotes(text, layout, doubles)
    if singles:
        # A single-quoted span that encloses double quotes is the primary quote
        # (British style); the doubles inside it are nested and dropped.
        keep = []
        for d in doubles:
            if any(not s.nested and s.open_mark < d.open_mark and (d.close_mark or d.end) < s.close_mark
                   for s in singles):
                continue
            keep.append(d)
        if len(keep) != len(doubles):
            # continued_from indices refer to the old list; recompute them after the drop
            remap = {id(q): k for k, q in enumerate(keep)}
            old = doubles
            for q in keep:
                if q.continued_from is not None:
                    prev = old[q.continued_from]
                    q.continued_from = remap.get(id(prev))
            doubles = keep
    merged = doubles + singles
    if singles:
        order = sorted(range(len(merged)), key=lambda k: merged[k].start)
        pos = {old: new for new, old in enumerate(order)}
        merged = [merged[k] for k in order]
        for q in merged:
            if q.continued_from is not None:
                q.continued_from = pos[q.continued_from]
    # drop whitespace-only spans; they cannot serve as evidence
    result = []
    remap2 = {}
    for k, q in enumerate(merged):
        if text[q.start:q.end].strip(WS):
            remap2[k] = len(result)
            result.append(q)
    for q in result:
        if q.continued_from is not None:
            q.continued_from = remap2.get(q.continued_from)
    return result
