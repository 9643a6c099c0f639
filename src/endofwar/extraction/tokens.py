"""Words and punctuation of a sentence with their offsets: what the attribution grammar reads.

No tagger: a word's class comes from closed word lists (determiners, pronouns, function words,
titles, cue verbs) and its shape (capitalised, lower-case, a number). That is enough for the
grammar of attribution in news, which turns on a handful of closed-class words and on names.

Tokenising is the extractor's hottest loop, so the words are found by the regex engine in one
call per sentence, and their offsets only for a sentence the grammar reads.
"""

from __future__ import annotations

import re

# a word: letters or digits with inner apostrophes, hyphens or periods ("U.S.", "don’t",
# "Holtz-Eakin"); or one punctuation character. "Rep." keeps its period apart: the grammar reads
# the abbreviation from the word before it. Letters are spelled out as ranges (Latin with its
# accented letters) rather than as \w: the regex engine matches ranges several times faster.
_L = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_TOKEN = re.compile(r"[" + _L + r"]+(?:[’'.\-][" + _L + r"]+)*(?:(?<=\.[A-Za-z])\.)?|''|[^\s" + _L + r"]")


class Tokens:
    """The tokens of text[start:end]: the word as written, its lower-case form, and, once
    ``locate()`` has run, their start and end offsets into the whole text (``starts[k]``,
    ``ends[k]``). Sentences the grammar has nothing to read in are never located."""

    __slots__ = ("text", "start", "starts", "ends", "words", "lows")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start = text, start
        self.words = _TOKEN.findall(text, start, end)
        self.lows = [w.lower() for w in self.words]
        self.starts: list[int] = []
        self.ends: list[int] = []

    def locate(self) -> "Tokens":
        """Work out every token's offsets (each word is found after the one before it)."""
        find, pos = self.text.find, self.start
        starts, ends = [], []
        for w in self.words:
            pos = find(w, pos)
            starts.append(pos)
            pos += len(w)
            ends.append(pos)
        self.starts, self.ends = starts, ends
        return self

    def __len__(self) -> int:
        return len(self.words)

    def is_cap(self, i: int) -> bool:
        return self.words[i][:1].isupper()
