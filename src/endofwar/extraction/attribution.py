"""Who said it: every quotation gets the attribution frame that scores best, and every frame
whose content is the writer's paraphrase becomes reported speech (docs/codebook.md).

Three steps, each in its own place:
  candidates   frames.py reads each cue's source and content; here every quotation collects
               the frames that could hold it (the frame whose content contains it, a frame
               that introduces it from the sentence before, the quotation it continues) plus
               the option of no speaker;
  scoring      ranking.py scores each candidate from its features (shape, cue, distance,
               source kind, punctuation); the best one wins;
  resolution   the winner's source phrase becomes a person or institution (speakers.py), its
               shape and the quotation's wording give the kind (statement, partial, term, title,
               document), and a continuation points at the quote it continues.
Reported speech (kind ``indirect``) is the content of a speech or cognition frame that is not
itself a quotation; a content broken by its attribution gives two quotes, the second continuing
the first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from . import lexicon
from .entities import Entities
from .cues import find_cues
from .frames import Frame, find_frames, frames_for
from .quotes import Quote
from .ranking import REPORTED_THRESHOLD, Candidate, best, reported_score
from .speakers import Speakers
from .text import WS, Layout, Sentence
from .tokens import Tokens

@dataclass
class _Spans:
    """The top-level quotations' spans (marks included), for 'is this position quoted?'."""

    text: str
    starts: list[int]
    ends: list[int]

    def inside(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]

    def ending_before(self, pos: int) -> tuple[int, int] | None:
        """The quotation whose closing mark comes last before ``pos`` with only spaces between."""
        k = bisect_right(self.starts, pos) - 1
        if k >= 0 and self.ends[k] <= pos and not self.text[self.ends[k]:pos].strip(WS):
            return self.starts[k], self.ends[k]
        return None


def _quote_spans(text: str, quotes: list[Quote]) -> _Spans:
    spans = sorted((q.open_mark, (q.close_mark + 1) if q.close_mark is not None else q.end)
                   for q in quotes if not q.nested)
    return _Spans(text, [a for a, _ in spans], [b for _, b in spans])


@dataclass
class Candidates:
    """What the scoring step chooses from: every frame of the text, and for each top-level
    quotation (by index) the ways it could be attributed."""

    frames: list[Frame]
    per_quote: dict[int, list[Candidate]]
    quoted: _Spans


def candidates(text: str, layout: Layout, quotes: list[Quote]) -> Candidates:
    """The candidate step: frames, and each quotation's candidates (training reads these too)."""
    spans = _quote_spans(text, quotes)
    frames = find_frames(text, layout, spans)
    by_sentence: dict[int, list[Frame]] = {}
    for f in frames:
        by_sentence.setdefault(f.sentence.start, []).append(f)
    per_quote = {i: _candidates(text, layout, quotes, i, by_sentence, frames)
                 for i, q in enumerate(quotes) if not q.nested}
    return Candidates(frames, per_quote, spans)


def attribute(text: str, layout: Layout, quotes: list[Quote], ents: Entities) -> list[Quote]:
    """Speakers, kinds and continuations of ``quotes`` (changed in place), and the reported
    speech of the text as new quotes of kind ``indirect``; returns all quotes in text order."""
    cands = candidates(text, layout, quotes)
    speakers = Speakers(text, layout, ents, cands.quoted.inside)
    for i, q in enumerate(quotes):
        if q.nested:
            continue
        win = _namer(cands.per_quote[i], text, q) or best(cands.per_quote[i], text, q)
        _resolve(text, layout, quotes, i, win, speakers)
        speakers.note(q)
    for i, q in enumerate(quotes):
        if q.nested:
            _nested(text, quotes, i, speakers)
    reported = _reported(text, cands.frames, speakers)
    return sorted(quotes + reported, key=lambda q: (q.start, q.end))


def _candidates(text: str, layout: Layout, quotes: list[Quote], i: int,
                by_sentence: dict[int, list[Frame]], frames: list[Frame]) -> list[Candidate]:
    """Every way quote i could be attributed."""
    q = quotes[i]
    out = [Candidate("none")]
    sent = layout.sentence_at(q.open_mark)
    own = by_sentence.get(sent.start, []) if sent is not None else []
    for f in own:
        for k, (s, e) in enumerate(f.content):
            if s <= q.open_mark + 1 and q.end <= e + 1 or (s <= q.start < e):
                inner = any(f.cue.end <= g.cue.start < q.open_mark for g in own)
                out.append(Candidate(f.shape, frame=f, part=k, inner=inner))
                break
    if not any(c.frame is not None for c in out):
        # "X said:" ending the sentence (or paragraph) before the quotation; or a sentence of
        # reported speech right before a quotation that opens its own sentence
        intro = _introducing(text, layout, q, frames)
        if intro is not None:
            out.append(Candidate("intro", frame=intro))
        elif sent is not None and not text[sent.start:q.open_mark].strip(WS):
            before = _reported_just_before(text, layout, sent, frames)
            prev = _previous_top(quotes, i)
            if before is not None and not (prev is not None and before.sentence.start <= quotes[prev].open_mark
                                           < before.sentence.end):
                out.append(Candidate("after_reported", frame=before))  # (a quotation there: continued)
    if q.continued_from is not None:
        out.append(Candidate("continued", previous=q.continued_from))
    prev = _previous_top(quotes, i)
    if prev is not None:
        pq = quotes[prev]
        gap = text[(pq.close_mark + 1) if pq.close_mark is not None else pq.end:q.open_mark]
        if pq.para == q.para:
            out.append(Candidate("same_paragraph", previous=prev, gap=gap))
        elif _starts_paragraph(text, layout, q) and layout.prev_nonblank(q.para) is not None \
                and layout.prev_nonblank(q.para).index == pq.para:
            out.append(Candidate("next_paragraph", previous=prev, gap=gap))
    return out


def _previous_top(quotes: list[Quote], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if not quotes[j].nested:
            return j
    return None


def _starts_paragraph(text: str, layout: Layout, q: Quote) -> bool:
    p = layout.paras[q.para]
    return not text[p.start:q.open_mark].strip(WS)


def _introducing(text: str, layout: Layout, q: Quote, frames: list[Frame]) -> Frame | None:
    """The frame of the sentence just before the quotation when it ends in its cue or a colon."""
    prev = None
    for f in frames:
        if f.sentence.end <= q.open_mark:
            prev = f
        else:
            break
    if prev is None:
        return None
    between = text[prev.sentence.end:q.open_mark]
    if between.count("\n") > 3 or between.strip(WS):
        return None
    tail = text[prev.cue.end:prev.sentence.end].strip(WS)
    if prev.shape == "intro" or tail.endswith(":"):
        return prev
    return None


def _cue_span(f: Frame) -> tuple[int, int] | None:
    """The cue verb's span; a colon that introduces a quotation is no verb ("Trump: “…”")."""
    return None if f.cue.cls == "colon" else (f.cue.start, f.cue.end)


def _reported_just_before(text: str, layout: Layout, sent, frames: list[Frame]) -> Frame | None:
    """The last attribution of the sentence before ``sent`` (within a paragraph break), when
    its source is named or a pronoun: "Moon said that he hoped …. “A cooperative initiative …”"."""
    prev = None
    for f in frames:
        if f.sentence.end <= sent.start:
            prev = f
        else:
            break
    if prev is None or prev.source is None or prev.source_kind not in ("name", "pronoun"):
        return None
    if text[prev.sentence.end:sent.start].count("\n") > 2:
        return None
    return prev


def _resolve(text: str, layout: Layout, quotes: list[Quote], i: int, win: Candidate, speakers: "Speakers") -> None:
    q = quotes[i]
    q.how = win.how
    if win.frame is not None:
        f = win.frame
        q.speaker = speakers.of_frame(f)
        q.attribution = f.attribution
        q.cue = _cue_span(f)
        q.speaker_affiliation = speakers.affiliation(q.speaker) if q.speaker is not None else None
    elif win.previous is not None:
        pq = quotes[win.previous]
        q.speaker = pq.speaker
        q.continues = pq
        q.speaker_affiliation = pq.speaker_affiliation
    q.kind = _kind(text, layout, q, win)
    if q.kind in ("statement", "partial") and q.attribution is None and q.speaker is None:
        q.kind = "term"  # words nobody in the text is said to have written or said
    if q.kind in ("term", "title") and q.speaker is None:
        q.attribution = q.cue = None
        q.continues = None


def _nested(text: str, quotes: list[Quote], i: int, speakers: Speakers) -> None:
    """A quotation inside another is the enclosing speaker's wording, unless a speech act of
    the enclosing quotation's own sentence gives it to someone else ("“The U.S. insists on
    ‘denuclearization first’ …,” said Ri": the United States'); a term when short."""
    q = quotes[i]
    parent = next((quotes[j] for j in range(i - 1, -1, -1)
                   if not quotes[j].nested and quotes[j].start <= q.start and q.end <= quotes[j].end), None)
    q.how = "nested"
    inner = _inner_frame(text, parent, q) if parent is not None else None
    if inner is not None:
        q.speaker = speakers.of_frame(inner, quoted=True)
        q.attribution, q.cue = inner.attribution, _cue_span(inner)
    elif parent is not None and parent.speaker is not None and parent.kind in ("statement", "partial"):
        q.speaker = parent.speaker
        q.attribution, q.cue = parent.attribution, parent.cue
    words = len(text[q.start:q.end].split())
    q.kind = "term" if words <= 6 or q.speaker is None else "partial"
    if q.speaker is None:
        q.attribution = q.cue = None


_INNER_SENTENCE_END = re.compile(r"[.!?][”’\"']?\s+(?=[A-Z“‘\"'])")


def _inner_frame(text: str, parent: Quote, q: Quote) -> Frame | None:
    """The frame, inside the enclosing quotation, whose content holds the nested quotation."""
    lo = parent.start
    for m in _INNER_SENTENCE_END.finditer(text, parent.start, q.open_mark):
        lo = m.end()
    tk = Tokens(text, lo, parent.end).locate()
    sent = Sentence(lo, parent.end, parent.para)
    found = None
    for c in find_cues(tk, 0, len(tk), lambda pos: pos >= q.open_mark):
        for f in frames_for(tk, c, 0, len(tk), sent, []):
            if f.source is not None and any(a <= q.start < b for a, b in f.content):
                found = f
    return found


_TITLE_BEFORE = re.compile(
    r"\b(?:titled|entitled|headlined|(?:first|second|third|fourth|fifth|last|final|next|previous|latest|\w+th)"
    r"\s+(?:part|installment|instalment|article|piece|chapter|episode)|book|novel|film|article|report|op-ed|"
    r"essay|column|paper|study|series|documentary|memoir|poem|song|album)\s*,?\s*$", re.I)
_TERM_BEFORE = re.compile(
    r"(?:\b(?:so-called|so\s+called|dubbed|termed|known\s+as|labell?ed(?:\s+as)?|branded(?:\s+as)?|nicknamed|"
    r"coined|referred\s+to\s+as|the\s+(?:term|word|words|phrase|expression|label|slogan|concept|notion)"
    r"(?:\s+of)?)\s*(?:(?:a|an|the)\s+)?[,:]?\s*)$", re.I)
_ABBR_AFTER = re.compile(r"\s*\([A-Z][A-Za-z/&.-]{0,12}\)")
_DOC_NOUN_WORDS = lexicon.DOCUMENT_NOUNS  # a quick look before the regex: a document noun is in the lead
_PUNCT_AS_SPACE = str.maketrans(dict.fromkeys(",;:.()“”\"", " "))  # "In the joint declaration, …"
_DOC_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(lexicon.DOCUMENT_NOUNS, key=len, reverse=True)) + r")\b[^.“”\"]{0,80}?"
    r"\b(?:reads?|stat(?:es|ed)|says|said|declar(?:es|ed)|stipulat(?:es|ed)|calls?\s+for|called\s+for|"
    r"commit(?:s|ted)?\s+to|pledg(?:es|ed)\s+to|agre(?:es|ed)\s+to|vow(?:s|ed)\s+to)\s*[:,]?\s*(?:that\s+)?$", re.I)


def _kind(text: str, layout: Layout, q: Quote, win: Candidate) -> str:
    """statement, partial, term, title or document, from the quotation's wording, the words
    that lead into it, and the candidate that attributes it."""
    content = text[q.start:q.end].strip(WS + "…'‘’\"“”(")
    words = content.split()
    upper = bool(content) and (content[0].isupper() or content[0].isdigit())
    ends_sentence = content[-1:] in ".?!,…" if content else False
    para = layout.paras[q.para]
    sent = layout.sentence_at(q.open_mark)
    lead = text[max(para.start, sent.start if sent else para.start):q.open_mark]
    tail = lead[-60:]
    if upper and (para.trailer or (win.frame is None and _TITLE_BEFORE.search(tail))):
        return "title"
    after = text[(q.close_mark + 1) if q.close_mark is not None else q.end:]
    if len(words) <= 6 and _ABBR_AFTER.match(after[:16]):
        return "term"  # "prisoners of war" (POWs): the writer marks a term
    if len(words) <= 6 and _TERM_BEFORE.search(tail):
        return "term"
    if _DOC_NOUN_WORDS.intersection(lead[-140:].lower().translate(_PUNCT_AS_SPACE).split()) and _DOC_BEFORE.search(lead[-140:]) and (
            win.frame is None or win.frame.source_kind not in ("name", "pronoun")
                                             or q.speaker is None or q.speaker.kind != "person"):
        return "document"
    if win.how in ("continued", "same_paragraph", "next_paragraph"):
        return "statement" if (upper or len(words) >= 4) else "partial"
    if q.cut and upper and q.speaker is not None:
        return "statement"
    if para.heading and win.frame is None:
        return "term"
    attributed = q.speaker is not None or q.attribution is not None
    whole = not lead.strip(WS) and not text[(q.close_mark + 1) if q.close_mark is not None else q.end:para.end].strip(WS + ".,")
    if upper and (len(words) >= 4 or ends_sentence) and (attributed or whole):
        starts_clause = not lead.strip(WS) or lead.rstrip(WS)[-1:] in ":,—–-" or win.how in ("intro", "content_sv",
                                                                                           "content_vs")
        if starts_clause or ends_sentence:
            return "statement"
    if attributed and len(words) >= 5 and content[-1:] in ".!?" and lead.rstrip(WS).lower().endswith("that"):
        return "statement"  # that “the new administration will preserve their broad framework.”
    if attributed:
        naming = win.frame is not None and win.frame.cue.lemma in _NAMING_CUES
        return "term" if naming and len(words) <= 6 else "partial"
    return "term"


# cues that name a thing rather than report speech: "what it calls “…”", "dubbed it “…”"
_NAMING_CUES = frozenset("call dub label brand term".split())
_NAMED_OBJECT = re.compile(r"[\s\u00a0]*(?:[\w’'.-]+[\s\u00a0]+){0,3}$")


def _namer(cands: list[Candidate], text: str, q: Quote) -> Candidate | None:
    """"what it calls America's “hostile policy”", "dubbed it “…”": a naming cue right before the
    quotation gives the wording to the one who names (codebook, "Terms"), whatever frame holds
    the sentence."""
    for c in cands:
        f = c.frame
        if f is not None and f.cue.lemma in _NAMING_CUES and f.cue.end <= q.open_mark and \
                _NAMED_OBJECT.match(text, f.cue.end, q.open_mark):
            return c
    return None


def _reported(text: str, frames: list[Frame], speakers: "Speakers") -> list[Quote]:
    """The writer's paraphrase of what a source said: the content of a speech, cognition or
    'according to' frame that is not a quotation, each part a quote of kind ``indirect``."""
    out: list[Quote] = []
    taken = bytearray(len(text) + 1)  # 1 at each offset inside a content already reported
    for f in _best_readings(text, frames):
        parts = reported_parts(text, f)
        if taken[f.cue.start]:
            continue  # a cue inside another frame's content is reported by that frame
        spk = speakers.of_frame(f)
        first = None
        for s, e in parts:
            q = Quote(s, e, s, None, False, _para_of(f), kind="indirect")
            q.speaker, q.attribution, q.cue = spk, f.attribution, _cue_span(f)
            q.how = f.shape
            q.speaker_affiliation = speakers.affiliation(spk) if spk is not None else None
            q.continues = first
            first = first or q
            out.append(q)
        for a, b in f.content:
            taken[a:b] = b"\x01" * (b - a)
    return out


def _best_readings(text: str, frames: list[Frame]) -> list[Frame]:
    """For each cue, its reading whose content scores best as reported speech, if any clears
    the threshold, in text order."""
    best: dict[int, tuple[float, Frame]] = {}
    for f in frames:
        parts = reported_parts(text, f)
        if not parts:
            continue
        sc = reported_score(f, parts, text)
        if sc > REPORTED_THRESHOLD() and (f.cue.start not in best or sc > best[f.cue.start][0]):
            best[f.cue.start] = (sc, f)
    return [f for _, f in sorted(best.values(), key=lambda x: x[1].cue.start)]


def reported_parts(text: str, f: Frame) -> list[tuple[int, int]]:
    """The parts of a frame's content that could be reported speech: not a quotation."""
    if f.shape == "intro" or not f.content:
        return []
    return [p for p in f.content if not _is_quotation(p, text)]


def _para_of(f: Frame) -> int:
    return f.sentence.para


def _is_quotation(part: tuple[int, int], text: str) -> bool:
    """A content that opens with a quotation mark is direct speech, not reported; one that opens
    with the writer's words is reported speech, quotations inside it included (they are also
    their own partial rows: docs/codebook.md, "Reported speech"). A bare "that" before the mark
    is not the writer's words: "took note that “North Korea has demanded …”" is a quotation."""
    s, _ = part
    if text.startswith("that ", s):
        s += 5
    return text[s:s + 1] in "“\"‘'"
