"""Words and punctuation with their offsets: what the attribution grammar reads.

No tagger: a word's class comes from closed word lists (determiners, pronouns, function words,
titles, cue verbs) and its shape (capitalised, lower-case, a number). That is enough for the
grammar of attribution in news, which turns on a handful of closed-class words and on names.
"""

from __future__ import annotations

import re
from bisect import bisect_left

# a word: letters or digits with inner apostrophes, hyphens or periods ("U.S.", "don’t",
# "Holtz-Eakin"); or one punctuation character. "Rep." keeps its period apart: the grammar
# reads the abbreviation from the word before it.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:[’'\-.][^\W_]+)*|''|[^\w\s]")


class Tokens:
    """Parallel lists: start and end offset, the word as written, and its lower-case form."""

    __slots__ = ("text", "starts", "ends", "words", "lows")

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        for m in _TOKEN.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.words.append(m.group())
        self.lows = [w.lower() for w in self.words]

    def __len__(self) -> int:
        return len(self.words)

    def at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(self.starts, pos)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Character span of tokens i..j-1."""
        return self.starts[i], self.ends[j - 1]

    def is_cap(self, i: int) -> bool:
        w = self.words[i]
        return w[:1].isupper()
