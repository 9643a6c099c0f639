"""Words and punctuation of a sentence with their offsets: what the attribution grammar reads.

No tagger: a word's class comes from closed word lists (determiners, pronouns, function words,
titles, cue verbs) and its shape (capitalised, lower-case, a number). That is enough for the
grammar of attribution in news, which turns on a handful of closed-class words and on names.

Tokenising is the extractor's hottest loop, so one regex split of the sentence gives the words
and the gaps between them, and the offsets are the running sum of their lengths: no Python loop
per word.
"""

from __future__ import annotations

import re
from itertools import accumulate

# a word: letters or digits with inner apostrophes, hyphens or periods ("U.S.", "don’t",
# "Holtz-Eakin"); or one punctuation character. "Rep." keeps its period apart: the grammar reads
# the abbreviation from the word before it. Letters are spelled out as ranges (Latin with its
# accented letters) rather than as \w: the regex engine matches ranges several times faster.
# The group makes ``split`` keep the tokens between the gaps.
_L = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_TOKEN = re.compile(r"([" + _L + r"]+(?:[’'.\-][" + _L + r"]+)*(?:(?<=\.[A-Za-z])\.)?|''|[^\s" + _L + r"])")


class Tokens:
    """The tokens of text[start:end], read as a text of its own: the word as written, its
    lower-case form, and, once ``locate()`` has run, their start and end offsets into the whole
    text (``starts[k]``, ``ends[k]``)."""

    __slots__ = ("text", "start", "starts", "ends", "words", "lows", "_parts")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start = text, start
        self._parts = _TOKEN.split(text[start:end])  # gap, token, gap, ..., token, gap
        self.words = self._parts[1::2]
        self.lows = list(map(str.lower, self.words))
        self.starts: list[int] = []
        self.ends: list[int] = []

    def locate(self) -> "Tokens":
        """Work out every token's offsets: the running sum of the lengths of the gaps and tokens."""
        offsets = list(accumulate(map(len, self._parts), initial=self.start))
        self.starts, self.ends = offsets[1:-1:2], offsets[2::2]
        return self

    def __len__(self) -> int:
        return len(self.words)

    def is_cap(self, i: int) -> bool:
        return self.words[i][:1].isupper()
