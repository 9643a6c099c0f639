"""Claims: the positions a text's attributed words take on the concepts of the debate (drafts).

A claim is drafted where a source's words mention every cue group of a concept
(annotations/concepts.yaml, `draft_cues`, written from the concept's definition): the words of a
quotation (statement or partial) or of reported speech, with that quote's speaker as the actor;
and, in a text that is one speaker's statement (a speech at the UN, a press release: the
source's voice), any sentence of its own outside quotations, with the voice as the actor. The
agreement is `disagree` when the words negate or oppose (lexicon.STANCE_AGAINST, or a cue of
opposition such as "rejected"), else `agree`. These are drafts for a coder to correct: the
concept's `includes` and `excludes` decide, not the cue words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .quotes import Quote
from .text import Layout

POSITION_KINDS = frozenset(("statement", "partial", "indirect"))


@dataclass(slots=True, eq=False)
class ClaimDraft:
    start: int  # the evidence: the quotation's or the sentence's words
    end: int
    concept_id: str
    agreement: str
    actor: object = None  # an Entity, or None when the voice is named by the caller
    quote: Quote | None = None


@dataclass(frozen=True)
class Concept:
    """A concept as the drafter reads it: its id and one regex per cue group."""

    concept_id: str
    groups: tuple[re.Pattern, ...]

    def mentioned_in(self, words: str) -> bool:
        return all(g.search(words) for g in self.groups)


def concepts_from(entries) -> list[Concept]:
    """The concepts with draft cues, from annotations/concepts.yaml's entries (others are skipped)."""
    out = []
    for entry in entries or []:
        if not isinstance(entry, dict) or not entry.get("concept_id") or not entry.get("draft_cues"):
            continue
        groups = tuple(re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(str(c).lower()) for c in group) + ")")
                       for group in entry["draft_cues"] if group)
        out.append(Concept(str(entry["concept_id"]), groups))
    return out


_AGAINST = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, lexicon.STANCE_AGAINST), key=len, reverse=True))
                      + r")(?![\w-])")


def _agreement(words: str, cue_lemma: str | None) -> str:
    if cue_lemma in lexicon.CUE_AGAINST or _AGAINST.search(words):
        return "disagree"
    return "agree"


def find_claims(text: str, layout: Layout, quotes: list[Quote], concepts: list[Concept],
                voice: bool = False, cue_lemma=lambda q: None) -> list[ClaimDraft]:
    """Drafted claims of a text: one per (position, concept) its words mention. ``voice``: the
    text is one speaker's statement, so its own sentences are positions too (actor None: the
    caller's voice). ``cue_lemma(quote)`` gives a quote's cue lemma."""
    if not concepts:
        return []
    out: list[ClaimDraft] = []
    for q in quotes:
        if q.kind not in POSITION_KINDS or q.speaker is None:
            continue
        words = text[q.start:q.end].lower()
        for c in concepts:
            if c.mentioned_in(words):
                out.append(ClaimDraft(q.start, q.end, c.concept_id, _agreement(words, cue_lemma(q)), q.speaker, q))
    if voice:
        quoted = sorted((q.open_mark, (q.close_mark + 1) if q.close_mark is not None else q.end)
                        for q in quotes if not q.nested and q.kind != "indirect")
        for s in layout.sentences:
            if any(a <= s.start < b for a, b in quoted):
                continue
            words = _own_words(text, s.start, s.end, quoted)
            for c in concepts:
                if c.mentioned_in(words):
                    out.append(ClaimDraft(s.start, s.end, c.concept_id, _agreement(words, None)))
    return sorted(out, key=lambda d: (d.start, d.concept_id))


def _own_words(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> str:
    """A sentence's words with the quotations in it blanked: the voice does not speak them ("As
    one delegate told us, “…”")."""
    chars = list(text[start:end].lower())
    for a, b in quoted:
        for k in range(max(a, start), min(b, end)):
            chars[k - start] = " "
    return "".join(chars)
