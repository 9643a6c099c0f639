"""Attribution frames: each cue of a sentence with the source and the content its grammar gives it.

A frame is a candidate, not a decision: the quotation and reported-speech steps
(attribution.py) score the frames that could hold a quotation and keep the best. The shapes
news uses (source S, cue V, content C):

    sv          S V (that) C            Moon said the declaration would open the door ...
                                        He told reporters: “…”
    content_sv  C, S V.                 “…,” he said.  /  The talks will resume, officials said.
    content_vs  C, V S.                 “…,” said Rep. Gwen Moore (D-Wis.).
    according   According to S, C.  /  C, according to S.
    intro       S V:                    (the content is the next sentence or paragraph)

A content broken by its attribution ("“A,” he said, “B.”") has two parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon
from .cues import FIRST_WORDS, FORMS, Cue, find_cues
from .phrases import is_word, left_np, right_np, subject_before
from .text import WS, Layout, Sentence
from .tokens import Tokens

_OPEN_MARKS = frozenset("“‘\"'«") | {"''"}
_CLOSE_MARKS = frozenset("”’\"'»") | {"''"}
_END_PUNCT = ".!?;:," + WS
_ING = frozenset(form for form, (_, _, kind) in FORMS.items() if kind == "ing")
# words that make a participle an adjunct of the main clause ("… plans by saying, “…”")
_ING_OPENERS = frozenset("by after before while when in".split())
# subjects contracted with "is" or "has" ("he’s saying"), not possessors
_CONTRACTED = frozenset("he she it that who what there here".split())
# the words that can start a cue as a plain split of a sentence leaves them ("said," "said.")
_SPACED_FIRST_WORDS = frozenset(w + p for w in FIRST_WORDS for p in ("", ".", ",", ":", ";", "?", "!", "”", "’", '"', "'",
                                                                  ".”", ",”", ".’", ",’", '."', ',"', ")"))


@dataclass(slots=True)
class Frame:
    cue: Cue
    shape: str
    source: tuple[int, int] | None  # character span of the source's noun phrase
    source_kind: str  # name, group, pronoun, relative, common, none
    attribution: tuple[int, int]  # the shortest stretch from source to cue (or cue to source)
    content: list[tuple[int, int]] = field(default_factory=list)  # character spans, 0-2 parts
    sentence: Sentence | None = None


def _source_kind(tk: Tokens, i: int, j: int) -> str:
    if j - i == 1 and tk.lows[i] in lexicon.SUBJECT_PRONOUNS:
        return "pronoun"
    if j - i == 1 and tk.lows[i] in lexicon.RELATIVE_PRONOUNS:
        return "relative"
    if any(tk.lows[k] == "and" and tk.is_cap(k - 1) and tk.is_cap(k + 1) for k in range(i + 1, j - 1)):
        return "group"  # two sources joined: no single speaker (docs/codebook.md, "Documents")
    if any(tk.is_cap(k) for k in range(i, j)):
        return "name"
    return "common"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in WS:
        s += 1
    while e > s and text[e - 1] in _END_PUNCT:
        e -= 1
    return s, e


_TIME_NOUNS = frozenset("""week month year night morning afternoon evening weekend summer fall autumn winter spring
    day decade term session""".split())
_TIME_ADVERBS = frozenset("""today yesterday tonight earlier later recently again also publicly privately repeatedly
    once first""".split())
_ADJUNCT_PREPOSITIONS = frozenset("on in at during after before over".split())
# punctuation that closes a reported clause: a semicolon, an em dash, or an en dash or hyphen set
# off by a space (unspaced, "U.S.–DPRK" and "2018–2019" join words)
_CLAUSE_ENDS = frozenset(";—")
_SPACED_DASHES = frozenset("–-")


def skip_adjuncts(tk: Tokens, k: int, hi: int) -> int:
    """Step over the words of time and channel that follow a cue ("said Monday", "said last
    week", "said in a statement that", "told CNN on Sunday that") to where the content opens."""
    while k < hi:
        low, w = tk.lows[k], tk.words[k]
        if w in lexicon.DATE_WORDS or low in _TIME_ADVERBS:
            k += 1
        elif low in ("last", "this", "next", "earlier", "late") and k + 1 < hi and tk.lows[k + 1] in _TIME_NOUNS:
            k += 2
        elif low in _ADJUNCT_PREPOSITIONS:
            # a prepositional adjunct counts only when a "that" opens the content right after it
            t = k + 1
            while t < hi and t < k + 9 and tk.lows[t] != "that" and is_word(tk.words[t]):
                t += 1
            if t < hi and tk.lows[t] == "that":
                return t
            if t >= hi or (t == hi - 1 and not is_word(tk.words[t])):
                return hi  # "said on Monday.": the adjunct ends the sentence, no content
            return k
        else:
            return k
    return k


def _content_after(tk: Tokens, c: Cue, hi: int, lo_char: int, hi_char: int) -> tuple[int, int] | None:
    """The clause a cue reports when its subject stands before it: from the word after the cue
    (past the person told and the words of time and channel) to the end of the sentence or to a
    participle that starts another attribution (", adding ...")."""
    text = tk.text
    k = c.j
    if k >= hi:
        return None
    if c.lemma.split()[0] in lexicon.CUE_WITH_ADDRESSEE and tk.lows[k] != "that":
        if tk.lows[k] in lexicon.OBJECT_PRONOUNS:
            k += 1  # "told him that"
        else:
            obj = right_np(tk, k, hi)
            if obj is not None and obj[1] < hi:
                k = obj[1]  # "told reporters", "told The Star-Ledger of Newark"
    k = skip_adjuncts(tk, k, hi)
    while k < hi and tk.words[k] in (",", ":"):
        k += 1
    if k >= hi:
        return None
    if tk.lows[k] == "that" and k + 1 >= hi:
        return None  # "… said that" and the quotation in the next paragraph: an introduction
    end = hi_char
    for t in range(k + 1, hi):
        w = tk.words[t]
        if w == "," and t + 1 < hi and _opens_attribution(tk, t + 1):
            end = tk.starts[t]  # ", adding …", ", according to …"
            break
        if w == "," and t + 2 < hi and tk.words[t + 1] in _CLOSE_MARKS and _opens_attribution(tk, t + 2):
            end = tk.ends[t + 1]  # "“… be resolved,” adding …": the quotation closes first
            break
        if w in _CLAUSE_ENDS or (w in _SPACED_DASHES and text[tk.starts[t] - 1:tk.starts[t]] in (" ", "\u00a0")):
            end = tk.starts[t]
            break
    s, e = _trim(text, tk.starts[k], end)
    return (s, e) if e > s else None


def _after_comma(tk: Tokens, i: int, lo: int) -> bool:
    """Token i follows a comma, or a comma and the quotation mark it stands inside ("…,” adding")."""
    return i > lo and (tk.words[i - 1] == "," or (
        tk.words[i - 1] in _CLOSE_MARKS and i - 1 > lo and tk.words[i - 2] == ","))


def _possessed(tk: Tokens, c: Cue, lo: int) -> bool:
    """A cue word after a possessive is a noun ("North Korea’s demands", "Moon’s call to"), not a
    verb; a past form keeps the contraction reading ("Trump’s said": has said)."""
    if c.i <= lo or c.form == "past":
        return False
    w = tk.words[c.i - 1]
    if w in ("'", "’"):
        return tk.starts[c.i - 1] == tk.ends[c.i - 2] if c.i - 1 > lo else False  # "Workers’ demands"
    return w.endswith(("’s", "'s")) and len(w) > 2 and w[:-2].lower() not in _CONTRACTED


def _opens_attribution(tk: Tokens, k: int) -> bool:
    """", adding ...", ", according to ...": another attribution starts at token k."""
    low = tk.lows[k]
    return low in _ING or low == "according"


def _content_before(tk: Tokens, lo: int, end_tok: int) -> tuple[int, int] | None:
    """The content standing before ", S V" or ", V S": from the start of the sentence to the
    comma (or closing quotation mark) before the attribution."""
    if end_tok <= lo:
        return None
    s, e = _trim(tk.text, tk.starts[lo], tk.starts[end_tok])
    return (s, e) if e > s else None


def frames_for(tk: Tokens, c: Cue, lo: int, hi: int, sent: Sentence, earlier: list[Frame]) -> list[Frame]:
    """The readings of cue ``c`` in the sentence of tokens [lo, hi), most likely first; the
    scorer chooses among them. ``earlier`` holds the frames of the sentence's earlier cues."""
    before = tk.words[c.i - 1] if c.i > lo else None
    if _possessed(tk, c, lo):
        return []
    if c.form == "ing" and (_after_comma(tk, c.i, lo) or before in _ING_OPENERS):
        f = _participle(tk, c, lo, hi, sent, earlier)
        return [f] if f else []
    if c.cls == "according":
        f = _according(tk, c, lo, hi, sent, before)
        return [f] if f else []
    out: list[Frame] = []
    subj = subject_before(tk, c.i, lo)
    if subj is None and earlier and earlier[-1].source is not None and _after_conjunction(tk, c.i, lo):
        # "called the declaration “…” and said it would be …": the subject of the first verb
        prev = earlier[-1]
        after = _content_after(tk, c, hi, sent.start, sent.end)
        if after is not None:
            out.append(Frame(c, "sv", prev.source, prev.source_kind, (prev.source[0], c.end), [after], sent))
    if before is not None and (before == "," or before in _CLOSE_MARKS) and c.form != "ing":
        src = right_np(tk, c.j, hi)
        if src is not None:  # "“…,” said Rep. Gwen Moore (D-Wis.)."
            content = _content_before(tk, lo, c.i - 1)
            parts = [content] if content else []
            tail = _content_after_comma(tk, src[1], hi, quote_only=True)
            if tail:
                parts.append(tail)
            out.append(Frame(c, "content_vs", (tk.starts[src[0]], tk.ends[src[1] - 1]), _source_kind(tk, *src),
                             (c.start, tk.ends[src[1] - 1]), parts, sent))
    if subj is not None:
        out += _subject_readings(tk, c, lo, hi, sent, subj)
    far = _far_subject(tk, c, lo, hi, sent, subj)
    if far is not None:
        out.append(far)
    return out


def _subject_readings(tk: Tokens, c: Cue, lo: int, hi: int, sent: Sentence,
                      subj: tuple[int, int, int]) -> list[Frame]:
    """"X said C" and "C, X said": what a cue with its subject before it reports. When words
    stand before the subject after a comma, both readings are kept ("Regarding …, Kwon said he
    …" reports what follows; "The talks will resume, officials said." what precedes)."""
    s0, s1, _ = subj
    source = (tk.starts[s0], tk.ends[s1 - 1])
    attribution = (tk.starts[s0], c.end)
    kind = _source_kind(tk, s0, s1)
    out = []
    after = _content_after(tk, c, hi, sent.start, sent.end)
    pre = tk.words[s0 - 1] if s0 > lo else None
    content_before = pre is not None and (pre == "," or pre in _CLOSE_MARKS) and s0 - 1 > lo
    if after is not None and (tk.words[c.j] != "," or not content_before
                              or (c.j + 1 < hi and tk.words[c.j + 1] in _OPEN_MARKS)):
        out.append(Frame(c, "sv", source, kind, attribution, [after], sent))
    if content_before:
        content = _content_before(tk, lo, s0 - 1 if pre == "," else s0)
        parts = [content] if content else []
        tail = _content_after_comma(tk, c.j, hi, quote_only=tk.words[c.j:c.j + 1] != [","]
                                    or (c.j + 1 < hi and _opens_attribution(tk, c.j + 1)))
        if tail:
            parts.append(tail)
        out.append(Frame(c, "content_sv", source, kind, attribution, parts, sent))
    if not out and (c.j >= hi or tk.words[c.j] == ":" or (tk.lows[c.j] == "that" and c.j + 1 >= hi)):
        out.append(Frame(c, "intro", source, kind, attribution, [], sent))
    return out


def _far_subject(tk: Tokens, c: Cue, lo: int, hi: int, sent: Sentence,
                 subj: tuple[int, int, int] | None) -> Frame | None:
    """"C, the deputy head of the U.N. Command overseeing the armistice said on Friday": a
    subject too long for the phrase rules, read as everything between the content's comma and
    the cue, when the cue ends the clause."""
    k = c.i - 1
    while k > lo and tk.words[k] != ",":
        if tk.words[k] in _OPEN_MARKS or tk.words[k] in _CLOSE_MARKS:
            return None
        k -= 1
    if k <= lo or c.i - k - 1 < 3 or c.i - k - 1 > 16 or (subj is not None and subj[0] == k + 1):
        return None
    st = k + 1
    if not (tk.is_cap(st) or tk.lows[st] in lexicon.DETERMINERS):
        return None
    content = _content_before(tk, lo, k)
    if content is None:
        return None
    source = (tk.starts[st], tk.ends[c.i - 1])
    return Frame(c, "content_sv_far", source, _source_kind(tk, st, c.i), (source[0], c.end), [content], sent)


def _after_conjunction(tk: Tokens, i: int, lo: int) -> bool:
    k = i - 1
    while k >= lo and (tk.lows[k] in lexicon.CUE_AUXILIARIES or tk.lows[k].endswith("ly")):
        k -= 1
    return k >= lo and tk.lows[k] in ("and", "but")


def _according(tk: Tokens, c: Cue, lo: int, hi: int, sent: Sentence, before: str | None) -> Frame | None:
    """"According to S, C." and "C, according to S."."""
    src = right_np(tk, c.j, hi)
    if src is None:
        return None
    attribution = (c.start, tk.ends[src[1] - 1])
    source = (tk.starts[src[0]], tk.ends[src[1] - 1])
    if c.i == lo or before in _OPEN_MARKS:
        k = src[1]
        while k < hi and tk.words[k] != ",":
            k += 1
        content = _content_after_comma(tk, k, hi)
    else:
        content = _content_before(tk, lo, c.i)
    return Frame(c, "according", source, _source_kind(tk, *src), attribution, [content] if content else [], sent)


def _participle(tk: Tokens, c: Cue, lo: int, hi: int, sent: Sentence, earlier: list[Frame]) -> Frame | None:
    """", adding that ...", ", saying “…”": the participle's source is the main clause's
    subject (the source of the sentence's attribution before it, else its first phrase)."""
    mains = [f for f in earlier if f.source is not None and not any(_reports(g, f) and not _reports(f, g)
                                                                     for g in earlier if g is not f)]
    main = mains[-1] if mains else None
    if main is not None:  # the subject of the last attribution that no other one reports: the main clause's
        source, kind = main.source, main.source_kind
    else:
        np_ = main_subject(tk, lo, c.i - 1)
        if np_ is None:
            return None
        source, kind = (tk.starts[np_[0]], tk.ends[np_[1] - 1]), _source_kind(tk, *np_)
    content = _content_after(tk, c, hi, sent.start, sent.end)
    return Frame(c, "participle", source, kind, (source[0], c.end), [content] if content else [], sent)


def _reports(g: Frame, f: Frame) -> bool:
    """Frame g's content holds frame f's cue ("demanded that Washington declare …")."""
    return any(a <= f.cue.start < b for a, b in g.content)


def main_subject(tk: Tokens, lo: int, end: int) -> tuple[int, int] | None:
    """The subject of the main clause that ends at token ``end``: the phrase opening its last
    comma-separated segment that starts with one ("Thursday, after …, Warren appeared … and
    endorsed Clinton" -> Warren); leading adverbials and appositives are passed over."""
    starts = [lo] + [k + 1 for k in range(lo, end) if tk.words[k] == ","]
    for st in reversed(starts):
        if st >= end:
            continue
        w = tk.words[st]
        if tk.lows[st] in lexicon.SUBJECT_PRONOUNS:
            return (st, st + 1)  # "She then addressed the supporters again: “…”"
        if not (w[:1].isupper() or tk.lows[st] in lexicon.DETERMINERS):
            continue
        np_ = right_np(tk, st, end)
        if np_ is not None and np_[1] < end:
            return _before_verb(tk, *np_)
    return None


def _before_verb(tk: Tokens, s: int, e: int) -> tuple[int, int]:
    """A subject read to the right stops before a past-tense verb ("The president appealed",
    "Donald Trump issued"): a lower-case "-ed" word after a noun, not after a determiner
    ("the embattled president")."""
    for k in range(s + 1, e):
        low = tk.lows[k]
        if low.endswith("ed") and not tk.is_cap(k) and tk.lows[k - 1] not in lexicon.DETERMINERS:
            return (s, k)
    return (s, e)


def colon_frame(tk: Tokens, k: int, lo: int, hi: int, sent: Sentence) -> Frame | None:
    """"Trump: “…”", "issued the following statement:": a colon that introduces a quotation,
    with no cue word; its source is the clause's subject (the name alone before the colon)."""
    np_ = left_np(tk, k, lo) if k - lo <= 6 else None
    if np_ is None or np_[0] != lo:
        np_ = main_subject(tk, lo, k)
    if np_ is None:
        return None
    cue = Cue(k, k + 1, ":", "colon", "colon", tk.starts[k], tk.ends[k])
    source = (tk.starts[np_[0]], tk.ends[np_[1] - 1])
    content = _content_after_comma(tk, k, hi)
    return Frame(cue, "colon" if content else "intro", source, _source_kind(tk, *np_), source,
                 [content] if content else [], sent)


def _content_after_comma(tk: Tokens, k: int, hi: int, quote_only: bool = False) -> tuple[int, int] | None:
    """What follows the attribution after a comma: the rest of the sentence (only a quotation,
    with ``quote_only``: "“A,” said X, “B.”", not the speaker's appositive)."""
    while k < hi and tk.words[k] not in (",", ":"):
        if quote_only:
            return None
        k += 1
    k += 1
    if k >= hi or (quote_only and tk.words[k] not in _OPEN_MARKS):
        return None
    s, e = _trim(tk.text, tk.starts[k], tk.ends[hi - 1])
    return (s, e) if e > s else None


def find_frames(text: str, layout: Layout, quoted) -> list[Frame]:
    """Every frame of the text, sentence by sentence, in order of their cues. ``quoted`` holds
    the quotations' spans (``inside(offset)``, ``ending_before(offset)``)."""
    out = []
    prev = None
    for sent in layout.sentences:
        start = sent.start
        q = quoted.ending_before(start)
        if prev is not None and prev.para == sent.para and q is not None and q[0] == prev.start:
            # “…!” Sessions said.: the splitter ends a sentence at "!”"; the quotation is this
            # sentence's content
            start = q[0]
        prev = sent
        colon = text.find(":", start, sent.end) != -1
        if not colon and _SPACED_FIRST_WORDS.isdisjoint(text[start:sent.end].lower().split()):
            continue  # no word of the sentence can start a cue
        tk = Tokens(text, start, sent.end).locate()
        lo, hi = 0, len(tk)
        if start != sent.start:
            sent = Sentence(start, sent.end, sent.para)
        here: list[Frame] = []
        for c in find_cues(tk, lo, hi, quoted.inside):
            here += frames_for(tk, c, lo, hi, sent, here)
        if not here and colon:
            k = next((k for k in range(lo, hi) if tk.words[k] == ":" and not quoted.inside(tk.starts[k])), None)
            if k is not None and k > lo and (k + 1 >= hi or tk.words[k + 1] in _OPEN_MARKS):
                f = colon_frame(tk, k, lo, hi, sent)
                if f is not None:
                    here.append(f)
        _end_before_next_clause(text, here)
        out += here
    return out


def _end_before_next_clause(text: str, frames: list[Frame]) -> None:
    """A content ends where a later attribution of the same sentence begins: at the comma
    before its subject ("Trump says that A, he actually thinks B"), at the conjunction before a
    second verb of the same subject ("said A and indicated B"), at the comma before an
    attribution that closes the sentence ("A, Moon confirmed")."""
    for k, f in enumerate(frames):
        for g in frames[k + 1:]:
            if g.source is None or not f.content:
                continue
            cut = _cut_before(text, f, g)
            if cut is not None:
                f.content = [_trim(text, a, min(b, cut)) for a, b in f.content if a < cut]
                f.content = [(a, b) for a, b in f.content if b > a]
                break


def _cut_before(text: str, f: Frame, g: Frame) -> int | None:
    lo = f.content[-1][0]
    if g.shape in ("sv", "intro") and g.source[0] < f.cue.start:
        m = _AND_BEFORE.search(text, max(lo, g.cue.start - 40), g.cue.start)  # the same subject's second verb
        return m.start() if m is not None and m.start() > lo else None
    if g.shape in ("sv", "intro"):
        return _clause_start(text, lo, g.source[0])
    if g.shape in ("content_sv", "content_vs", "content_sv_far") and g.content and g.content[0][0] <= f.cue.start:
        return _clause_start(text, lo, g.attribution[0])  # g reports f: "Kim said A, Moon confirmed"
    return None


_AND_BEFORE = re.compile(r"(?:[,;][\s\u00a0]*)?\b(?:and|but)[\s\u00a0]+(?:[a-z]+ly[\s\u00a0]+)?$")

_CONJ_BEFORE = re.compile(r"[,;][\s\u00a0]*(?:(?:but|and|while|though|although|yet)[\s\u00a0]+)?"
                          r"(?:[a-z]+ly[\s\u00a0]+)?$")


def _clause_start(text: str, lo: int, pos: int) -> int | None:
    """Where a later attribution's clause begins, when a comma (and a conjunction) sets it off
    from a content that starts at ``lo``: "A, he actually thinks B", "A, but later said B"."""
    m = _CONJ_BEFORE.search(text, max(lo, pos - 30), pos)
    if m is None or m.start() <= lo:
        return None
    return m.start()
