"""Paragraphs, sentences, headings and slugs: the text layout every other step reads.

Offsets are always into the original string; nothing here normalises the text itself,
because every reported span must satisfy ``text[start:end] == reported text``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

# Horizontal whitespace, including the non-breaking and thin spaces news sites leave in.
HSPACE = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
WS = HSPACE + "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_RULE_LINE = re.compile(r"^[\s\u00a0]*[-–—_*=~#]{3,}[\s\u00a0]*$")
_RULE_HINT = re.compile(r"[-–—_*=~#]{3}")
# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen sen rep st jr sr lt col capt gov adm sgt maj cmdr vs etc inc ltd co corp no
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m fig approx dept est
    mt ft rev hon pres amb messrs cf al""".split()
)


class Para(NamedTuple):
    """A paragraph: one line of the raw text (news files put one paragraph per line)."""

    index: int
    start: int
    end: int
    heading: bool
    trailer: bool
    blank: bool


class Sentence(NamedTuple):
    start: int
    end: int
    para: int


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with whitespace (NBSP included)."""
    while start < end and text[start] in WS:
        start += 1
    while end > start and text[end - 1] in WS:
        end -= 1
    return start, end


def _is_heading(line: str) -> bool:
    s = line.strip(WS)
    if not s or len(s) > 110:
        return False
    if s[-1] in ".:;,”\"’'»)]" or s.endswith("..."):
        return False
    words = s.split()
    if len(words) > 16:
        return False
    if s[-1] in "?!" and len(words) > 12:
        return False
    return True


_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def paragraphs(text: str) -> list[Para]:
    """Split at line breaks; mark headings (short lines without closing punctuation) and the
    trailer (everything after a rule line such as ``-----``)."""
    spans = []
    pos = 0
    for line in text.splitlines(True):
        body = line.rstrip(_LINE_BREAKS)
        spans.append((pos, pos + len(body)))
        pos += len(line)
    if not spans or pos > spans[-1][1]:
        spans.append((pos, pos))
    paras: list[Para] = []
    trailer = False
    for idx, (start, end) in enumerate(spans):
        line = text[start:end]
        if not line.strip(WS):
            paras.append(Para(idx, start, end, False, trailer, True))
            continue
        if end - start < 80 and _RULE_LINE.match(line):
            trailer = True
        paras.append(Para(idx, start, end, _is_heading(line), trailer, False))
    return paras


_TERMINATORS = ".!?…"
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«([" 


def positions(text: str, chars: str) -> list[int]:
    """Sorted offsets of every occurrence of any of `chars` (str.find beats a regex here)."""
    out = []
    for ch in chars:
        i = text.find(ch)
        while i != -1:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


class Layout:
    """Paragraphs and sentences of a text, with fast offset -> paragraph/sentence lookup."""

    def __init__(self, text: str, protected: list[tuple[int, int]] | None = None):
        self.text = text
        self.paras = paragraphs(text)
        self._para_starts = [p.start for p in self.paras]
        self._protected = protected or []
        self._sentences: list[Sentence] | None = None

    def protect(self, protected: list[tuple[int, int]]) -> None:
        """Split sentences so that none ends strictly inside a protected span (a quote)."""
        self._protected = protected
        self._sentences = None

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            self._sentences = self._split_sentences(self._protected)
            self._sent_starts = [s.start for s in self._sentences]
        return self._sentences

    def para_at(self, pos: int) -> Para:
        i = bisect_right(self._para_starts, pos) - 1
        return self.paras[max(i, 0)]

    def sentence_at(self, pos: int) -> Sentence | None:
        if not self.sentences:
            return None
        i = bisect_right(self._sent_starts, pos) - 1
        if i < 0:
            return self.sentences[0]
        return self.sentences[i]

    def prev_nonblank(self, index: int) -> Para | None:
        for j in range(index - 1, -1, -1):
            if not self.paras[j].blank:
                return self.paras[j]
        return None

    def next_nonblank(self, index: int) -> Para | None:
        for j in range(index + 1, len(self.paras)):
            if not self.paras[j].blank:
                return self.paras[j]
        return None

    def _split_sentences(self, protected: list[tuple[int, int]]) -> list[Sentence]:
        """Sentence spans inside each paragraph. A boundary strictly inside a protected span
        (a quotation) is ignored, so a multi-sentence quote stays inside one sentence."""
        text = self.text
        prot = sorted(protected)
        pstarts = [a for a, _ in prot]
        terms = positions(text, _TERMINATORS)
        sents: list[Sentence] = []
        ti = 0
        nterm = len(terms)
        for p in self.paras:
            if p.blank:
                continue
            seg_start = p.start
            while ti < nterm and terms[ti] < p.start:
                ti += 1
            last_end = p.start
            while ti < nterm and terms[ti] < p.end:
                dot = terms[ti]
                ti += 1
                if dot < last_end:
                    continue
                j = dot
                while j < p.end and text[j] in _TERMINATORS:
                    j += 1
                last_end = j
                while j < p.end and text[j] in _CLOSERS:
                    j += 1
                cut = j
                k = j
                while k < p.end and text[k] in WS:
                    k += 1
                if k == j or k >= p.end:
                    continue
                nxt = text[k]
                if not (nxt in _OPENERS or nxt.isdigit() or ("A" <= nxt <= "Z")):
                    continue
                last_end = cut
                # Abbreviation or initial before the period?
                if text[dot] == ".":
                    w = dot
                    while w > p.start and (text[w - 1].isalnum() or text[w - 1] == "."):
                        w -= 1
                    word = text[w:dot].lower()
                    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                        continue
                if prot:
                    q = bisect_right(pstarts, cut) - 1
                    if q >= 0 and prot[q][0] < cut < prot[q][1]:
                        continue
                s, e = strip_span(text, seg_start, cut)
                if e > s:
                    sents.append(Sentence(s, e, p.index))
                seg_start = cut
            s, e = strip_span(text, seg_start, p.end)
            if e > s:
                sents.append(Sentence(s, e, p.index))
        return sents


@lru_cache(maxsize=20_000)
def slugify(name: str) -> str:
    """A readable id: ascii lower-case words joined by hyphens (pattern of the catalogue)."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "").replace("'", "").replace("&", " and ")
    s = re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-").lower()
    return s or "x"


def occurrence_of(text: str, needle: str, start: int) -> int:
    """1-based rank of the occurrence of ``needle`` starting at ``start`` among all its
    occurrences in ``text`` (overlapping occurrences counted, as a find-loop does)."""
    n = 0
    i = text.find(needle)
    while i != -1 and i <= start:
        n += 1
        if i == start:
            return n
        i = text.find(needle, i + 1)
    return n
