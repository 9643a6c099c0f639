"""Words and punctuation of a sentence with their offsets: what the attribution grammar reads.

No tagger: a word's class comes from closed word lists (determiners, pronouns, function words,
titles, cue verbs) and its shape (capitalised, lower-case, a number). That is enough for the
grammar of attribution in news, which turns on a handful of closed-class words and on names.

Tokenising is the extractor's hottest loop, so the words are found by the regex engine in one
call per sentence and a token's offset is worked out only when the grammar asks for it.
"""

from __future__ import annotations

import re

# a word: letters or digits with inner apostrophes, hyphens or periods ("U.S.", "don’t",
# "Holtz-Eakin"); or one punctuation character. "Rep." keeps its period apart: the grammar reads
# the abbreviation from the word before it. Letters are spelled out as ranges (Latin with its
# accented letters) rather than as \w: the regex engine matches ranges several times faster.
_L = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_TOKEN = re.compile(r"[" + _L + r"]+(?:[’'.\-][" + _L + r"]+)*(?:(?<=\.[A-Za-z])\.)?|''|[^\s" + _L + r"]")


class _Starts:
    """Start offsets of a sentence's tokens, found left to right on first use."""

    __slots__ = ("text", "words", "found", "pos")

    def __init__(self, text: str, words: list[str], start: int):
        self.text, self.words, self.found, self.pos = text, words, [], start

    def __getitem__(self, k: int) -> int:
        found = self.found
        if k < 0:
            k += len(self.words)
        while len(found) <= k:
            w = self.words[len(found)]
            at = self.text.find(w, self.pos)
            found.append(at)
            self.pos = at + len(w)
        return found[k]


class _Ends:
    """End offsets (exclusive): a token's start plus its length."""

    __slots__ = ("starts",)

    def __init__(self, starts: _Starts):
        self.starts = starts

    def __getitem__(self, k: int) -> int:
        return self.starts[k] + len(self.starts.words[k])


class Tokens:
    """The tokens of text[start:end]: the word as written, its lower-case form, and its start
    and end offsets into the whole text (``starts[k]``, ``ends[k]``)."""

    __slots__ = ("text", "starts", "ends", "words", "lows")

    def __init__(self, text: str, start: int, end: int):
        self.text = text
        self.words = _TOKEN.findall(text, start, end)
        self.lows = [w.lower() for w in self.words]
        self.starts = _Starts(text, self.words, start)
        self.ends = _Ends(self.starts)

    def __len__(self) -> int:
        return len(self.words)

    def is_cap(self, i: int) -> bool:
        return self.words[i][:1].isupper()
