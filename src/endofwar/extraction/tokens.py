"""Words and punctuation with their offsets: what the attribution grammar reads.

No tagger: a word's class comes from closed word lists (determiners, pronouns, function words,
titles, cue verbs) and its shape (capitalised, lower-case, a number). That is enough for the
grammar of attribution in news, which turns on a handful of closed-class words and on names.
"""

from __future__ import annotations

import re

# a word: letters or digits with inner apostrophes, hyphens or periods ("U.S.", "don’t",
# "Holtz-Eakin"); or one punctuation character. "Rep." keeps its period apart: the grammar
# reads the abbreviation from the word before it.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:[’'\-.][^\W_]+)*|''|[^\w\s]")


class Tokens:
    """Parallel lists: start and end offset, the word as written, and its lower-case form."""

    __slots__ = ("text", "starts", "ends", "words", "lows")

    def __init__(self, text: str, start: int = 0, end: int | None = None):
        """The tokens of text[start:end] (one sentence, as the grammar reads them), with offsets
        into the whole text."""
        self.text = text
        spans = [m.span() for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        self.words = [text[a:b] for a, b in spans]
        self.lows = [w.lower() for w in self.words]

    def __len__(self) -> int:
        return len(self.words)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Character span of tokens i..j-1."""
        return self.starts[i], self.ends[j - 1]

    def is_cap(self, i: int) -> bool:
        w = self.words[i]
        return w[:1].isupper()
