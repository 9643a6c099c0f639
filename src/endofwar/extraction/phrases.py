"""The noun phrase that names a source, found next to its cue without a parser.

News writes a source in few shapes: a name with its titles ("White House press secretary Josh
Earnest", "Rep. Gwen Moore (D-Wis.)"), a pronoun ("he"), a described person or body ("a
spokesman for the campaign", "the official"), each optionally followed by an appositive set off
by commas ("Robert Einhorn, a senior fellow at Brookings, said"). A phrase is read leftwards
from a cue that follows its subject, or rightwards from an inverted cue ("said Josh Earnest").
Token spans are end exclusive.
"""

from __future__ import annotations

from . import lexicon
from .tokens import Tokens

MAX_WORDS = 12
_CLOSERS = frozenset("”’\"'»") | {"''"}
_OPENERS = frozenset("“‘\"'«") | {"''"}
_PUNCT_STOP = frozenset(",;:!?()[]—–") | _CLOSERS | _OPENERS


def is_word(w: str) -> bool:
    return w[:1].isalnum()


def _np_word(tk: Tokens, k: int) -> bool:
    """A token that can be part of a source's noun phrase."""
    w = tk.words[k]
    if not is_word(w):
        return w in ("-", "&") or (w == "." and k > 0 and tk.lows[k - 1] in lexicon.DOTTED_TITLES)
    low = tk.lows[k]
    if low == "to" and k > 0 and tk.lows[k - 1] in lexicon.TITLES_WITH_TO:
        return True  # "Ambassador to Seoul Xing Haiming"
    if low in lexicon.NP_BARRIERS and not (w[0].isupper() and low in _MODALS):
        return low in lexicon.NP_JOINERS
    return True


# capitalised, these are names as often as verbs ("Will Doyle", "May Boeve")
_MODALS = frozenset("will may can might must shall could would should".split())


def left_np(tk: Tokens, end: int, lo: int) -> tuple[int, int] | None:
    """The noun phrase ending at token ``end`` (exclusive), reading left no further than ``lo``."""
    k = end - 1
    if k < lo:
        return None
    if tk.lows[k] in lexicon.SUBJECT_PRONOUNS or tk.lows[k] in lexicon.RELATIVE_PRONOUNS:
        return (k, end)  # "he said", "officials … who called it"
    if tk.words[k] == ")":  # "Sen. Claire McCaskill (D-Mo.)"
        o = k - 1
        while o >= lo and o > k - 8 and tk.words[o] != "(":
            o -= 1
        if o < lo or tk.words[o] != "(":
            return None
        k = o - 1
    if k < lo or not _np_word(tk, k) or tk.lows[k] in lexicon.NP_JOINERS or tk.lows[k] in lexicon.DETERMINERS:
        return None
    start = k + 1
    n = 0
    while k >= lo and n < MAX_WORDS and _np_word(tk, k):
        low = tk.lows[k]
        if low in lexicon.NP_JOINERS and not (k > lo and is_word(tk.words[k - 1])):
            break
        start = k
        n += 1
        if low in lexicon.DETERMINERS and low != "one":
            # a determiner opens the phrase, unless a joiner links it to more of the phrase ("Aum
            # of the US Institute of Peace", "An official at the U.S. State Department") or an
            # article stands before it ("The two leaders")
            if not (k - 2 >= lo and tk.lows[k - 1] in lexicon.NP_JOINERS and _np_word(tk, k - 2)
                    and tk.lows[k - 2] not in lexicon.DETERMINERS) and not (
                    k - 1 >= lo and tk.lows[k - 1] in _ARTICLES):
                break
        if low in lexicon.SUBJECT_PRONOUNS:
            break
        k -= 1
    while start < end and tk.lows[start] in lexicon.NP_JOINERS:
        start += 1
    if start >= end:
        return None
    if start - 2 >= lo and tk.lows[start - 1] == "and" and tk.is_cap(start) and tk.is_cap(start - 2):
        first = left_np(tk, start - 1, lo)  # "President Donald Trump and Chairman Kim Jong-un vowed"
        if first is not None:
            return (first[0], end)
    return (start, end)


_ARTICLES = frozenset("the a an".split())


def right_np(tk: Tokens, start: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``start`` and ending before ``hi``: a name with its
    titles and party tag, a pronoun, or a described person ("a spokesman for the campaign")."""
    if start >= hi:
        return None
    low = tk.lows[start]
    if low in lexicon.SUBJECT_PRONOUNS:
        # "said he." inverts; "said he would" is the clause's own subject
        nxt = tk.words[start + 1] if start + 1 < len(tk) else "."
        return (start, start + 1) if start + 1 >= hi or nxt in (".", ",", ";", "!", "?") else None
    if not _np_word(tk, start) or low in lexicon.NP_JOINERS or _ends_before(tk, start):
        return None
    k = start
    n = 0
    while k < hi and n < MAX_WORDS:
        w = tk.words[k]
        if w == "(" and k + 1 < hi:  # a party tag "(D-Wis.)"
            c = k + 1
            while c < hi and c < k + 8 and tk.words[c] != ")":
                c += 1
            if c < hi and tk.words[c] == ")":
                k = c + 1
                continue
            break
        if not _np_word(tk, k):
            break
        if tk.lows[k] in lexicon.NP_JOINERS:
            # "a spokesman for the campaign": a joiner only before more of the phrase
            if k + 1 >= hi or not (tk.is_cap(k + 1) or tk.lows[k + 1] in lexicon.DETERMINERS):
                break
        elif n > 0 and ((_ends_before(tk, k) and tk.lows[k - 1] not in lexicon.DETERMINERS)
                        or tk.lows[k] in lexicon.DETERMINERS):
            break  # "said Smith Monday"; "told reporters the plan ...": a new phrase ("a Wednesday
            # editorial" keeps its day)
        k += 1
        n += 1
    while k > start and (tk.lows[k - 1] in lexicon.NP_JOINERS or tk.lows[k - 1] in lexicon.DETERMINERS):
        k -= 1
    return (start, k) if k > start else None


def _ends_before(tk: Tokens, k: int) -> bool:
    """A word that starts an adjunct after the name: a day or month ("said Smith Monday")."""
    return tk.words[k] in lexicon.DATE_WORDS or tk.lows[k] in ("today", "yesterday", "tonight", "last", "this", "next")


def skip_auxiliaries(tk: Tokens, k: int, lo: int) -> int:
    """Step left from token k over the auxiliaries, adverbs and dates that may stand between a
    subject and its cue ("has also said", "on Monday said", "on Wednesday, 29 September,
    slammed"); returns the index of the last token kept."""
    while k >= lo:
        low = tk.lows[k]
        if low == ",":
            d = k - 1
            while d >= lo and (tk.words[d] in lexicon.DATE_WORDS or tk.words[d].isdigit() or tk.words[d] == "."):
                d -= 1
            if d < k - 1 and d >= lo and tk.words[d] == ",":
                k = d - 1  # a date set off by commas
                continue
            break
        if low in lexicon.CUE_AUXILIARIES or (low.endswith("ly") and len(low) > 4 and not tk.is_cap(k)) or (
                low.endswith(("n't", "n’t")) and len(low) > 3):
            k -= 1  # "has also said", "famously responded", "wouldn't expect"
        elif tk.words[k] in lexicon.DATE_WORDS and k - 1 >= lo and tk.lows[k - 1] == "on":
            k -= 2
        else:
            break
    return k


def _possessive(tk: Tokens, k: int) -> bool:
    """An apostrophe written onto the word before it ("Workers'"), not a quotation mark."""
    return tk.words[k] in ("'", "’") and k > 0 and tk.starts[k] == tk.ends[k - 1] and tk.lows[k - 1].endswith("s")


def subject_before(tk: Tokens, cue_i: int, lo: int) -> tuple[int, int, int] | None:
    """The subject of a cue: (phrase start, phrase end, end of the subject with its appositive),
    read left from the cue; None when the cue has no subject before it (", said X")."""
    k = skip_auxiliaries(tk, cue_i - 1, lo)
    if k < lo:
        return None
    if tk.words[k] == ",":
        # "X, a senior fellow at Y, said" / "X, who served as ..., said": an appositive
        o = k - 1
        while o >= lo and o > k - 40 and tk.words[o] not in (",", ";", ":") and (
                (tk.words[o] not in _OPENERS and tk.words[o] not in _CLOSERS) or _possessive(tk, o)):
            o -= 1
        if o < lo or tk.words[o] != "," or o == k - 1:
            return None
        head = left_np(tk, o, lo)
        if head is None:
            return None
        return (head[0], head[1], k)
    np_ = left_np(tk, k + 1, lo)
    if np_ is None:
        return None
    return (np_[0], np_[1], k + 1)
