"""Who said it, and what kind of quotation it is (rules of docs/codebook.md).

Newswire attribution follows a handful of shapes, tried in this order for each quote:
  after the quote   "…," said Robert Einhorn, a senior fellow …  /  "…," Einhorn said
                    "…," he said  /  "…," according to X
  before the quote  X said: "…"  /  X took note that "…"  /  X said the … "…" (partial)
                    Washington’s repeated overtures … "…" (the possessor of a speech noun)
                    In Washington, there is also the view that … "…"
                    Washington and Pyongyang committed to "…" (a document's wording)
  continued         the second half of a split quote, or a quote paragraph with no
                    attribution right after the same speaker's quote, continues that
                    speaker's previous statement or partial (``continues``); a paragraph
                    ending "X said:" introduces the next paragraph's quote.
Kinds: statement (a complete sentence: capital start, closing punctuation or the comma
before an attribution), partial (a fragment of someone's speech inside the writer's
sentence), term (an expression marked as such: "so-called", "(POWs)", scare quotes in a
headline, a short phrase a party's demand is named by), title (of a work: "in the first
part “…”", or in a closing series note), document (the wording of a declaration,
agreement or statement: "pledged to “…”"). A statement or partial always has a speaker;
with none found it is drafted as a term, so that a draft always validates.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from . import lexicon
from .entities import Entities, Entity, Mention, _state_entity
from .quotes import Quote
from .text import HSPACE, WS, Layout

_H = re.escape(HSPACE)
_S = r"[" + _H + r"]"
_CUE_ALTS = sorted(list(lexicon.CUE_VERBS) + [p.replace(" ", _S + "+") for p in lexicon.CUE_PHRASES],
                   key=len, reverse=True)
_CUE = r"(?:" + "|".join(_CUE_ALTS) + r")"
_ADV = (r"(?:(?:also|further|then|later|again|previously|once|publicly|recently|earlier|separately|similarly|"
        r"likewise|simply|flatly|bluntly|firmly|repeatedly|habitually)" + _S + r"+)")
_CUE_AT = re.compile(r"[,;:]?" + _S + r"*(?P<cue>" + _CUE + r")\b" + _S + r"*")
_SUBJ_CUE_AFTER = re.compile(
    r"(?P<appos>(?:[’']s)?," + _S + r"*[^,“”\"\n]{1,220}?,)?" + _S + r"+" + _ADV + r"*(?P<cue>" + _CUE + r")\b"
)
_DOC_VERBS = r"(?:committed|commits|commit|pledged|pledges|pledge|agreed|agrees|agree|vowed|vows|vow|promised|promises|" \
             r"promise|resolved|undertook|undertake|undertakes)"
_WORD_RE = re.compile(r"[A-Za-z]+")
_CUE_SINGLE = frozenset(lexicon.CUE_VERBS) | frozenset(re.findall(r"[a-z]+", _DOC_VERBS)) \
    | lexicon.ATTRIBUTION_ING_CUES | lexicon.ATTRIBUTION_SPEECH_ACTS
# "to declare", "to say": an infinitive reports no speech act of the clause's subject
_INFINITIVE_BEFORE = re.compile(r"\bto" + _S + r"+$")
_CUE_PHRASE_RX: dict[str, list[re.Pattern]] = {}
for _ph in lexicon.CUE_PHRASES:
    _first, _rest = _ph.split(" ", 1)
    _CUE_PHRASE_RX.setdefault(_first, []).append(
        re.compile("".join(_S + "+" + re.escape(w) for w in _rest.split()) + r"\b"))


class _Cue:
    """A cue found by the word scanner, with the match-like methods _before uses."""

    __slots__ = ("s", "e", "t")

    def __init__(self, s: int, e: int, t: str):
        self.s, self.e, self.t = s, e, t

    def group(self, _name=None) -> str:
        return self.t

    def start(self, _name=None) -> int:
        return self.s

    def end(self, _name=None) -> int:
        return self.e

    def span(self, _name=None) -> tuple[int, int]:
        return self.s, self.e


def _find_cues(text: str, lo: int, hi: int) -> list[_Cue]:
    """Cue verbs and phrases in text[lo:hi]: a word scan with set lookups (a regex
    alternation of a few hundred verbs costs more per character)."""
    out = []
    skip = -1
    for m in _WORD_RE.finditer(text, lo, hi):
        if m.start() < skip:
            continue  # inside a phrase already taken ("took note")
        w = m.group()
        rxs = _CUE_PHRASE_RX.get(w)
        if rxs:
            for rx in rxs:
                pm = rx.match(text, m.end(), hi)
                if pm:
                    out.append(_Cue(m.start(), pm.end(), text[m.start():pm.end()]))
                    skip = pm.end()
                    break
            else:
                if w in _CUE_SINGLE:
                    out.append(_Cue(m.start(), m.end(), w))
            continue
        if w in _CUE_SINGLE:
            out.append(_Cue(m.start(), m.end(), w))
    return out
_DOC_CUE = re.compile(_DOC_VERBS + r"$")
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|it)" + _S + r"+(?:also" + _S + r"+)?$")
_POSSESSIVE_BEFORE = re.compile(
    r"[’']s" + _S + r"+(?:(?:repeated|latest|recent|new|public|initial|earlier|official|renewed|main|key|central|"
    r"\w+(?:ed|al|ive|ous|ing))" + _S + r"+)?$")
_DOC_VERB_TO = re.compile(r"\b" + _DOC_VERBS + _S + r"+to\b|\b(?:stipulates|stipulated|reads|read|states|stated|"
                          r"declares|declared)(?:" + _S + r"+that)?" + _S + r"*[:,]?" + _S + r"*$")
_DOC_NOUN = re.compile(r"\b(?:" + "|".join(sorted(lexicon.DOCUMENT_NOUNS, key=len, reverse=True)) + r")\b", re.I)
_TITLE_BEFORE = re.compile(
    r"\b(?:titled|entitled|headlined|(?:first|second|third|fourth|fifth|last|final|next|previous|latest|\w+th)"
    + _S + r"+(?:part|installment|instalment|article|piece|chapter|episode)|book|novel|film|article|report|op-ed|essay|column|"
    r"paper|study|series|documentary|memoir|poem|song)" + _S + r"*,?" + _S + r"*$",
    re.I,
)
_TERM_BEFORE = re.compile(
    r"(?:\b(?:so-called|so" + _S + r"+called|called|dubbed|termed|known" + _S + r"+as|counted" + _S + r"+as|labell?ed(?:"
    + _S + r"+as)?|branded(?:" + _S + r"+as)?|nicknamed|coined|referred" + _S + r"+to" + _S + r"+as|the" + _S
    + r"+(?:term|word|words|phrase|expression|label|slogan|concept|notion)(?:" + _S + r"+of)?)" + _S
    + r"*(?:(?:a|an|the)" + _S + r"+)?[,:]?" + _S + r"*)$",
    re.I,
)
_TERM_HINTS = ("called", "dubbed", "termed", "known", "counted", "label", "brand", "nicknamed", "coined",
               "referred", "term", "word", "phrase", "expression", "slogan", "concept", "notion")
_TITLE_HINTS = ("titled", "headlined", "part", "install", "article", "piece", "chapter", "episode", "book",
                "novel", "film", "report", "op-ed", "essay", "column", "paper", "study", "series",
                "documentary", "memoir", "poem", "song")
_ABBR_AFTER = re.compile(_S + r"*\((?P<abbr>[A-Z][A-Za-z/&.-]{0,12})\)")
_SPEECH_NOUN_AFTER = re.compile(
    r"(?:[’']s)" + _S + r"+(?:[\w-]+" + _S + r"+){0,3}?(?P<noun>" + "|".join(
        sorted(lexicon.SPEECH_NOUNS, key=len, reverse=True)) + r")\b"
)
_VIEW_IN = re.compile(
    r"(?:In|in|Among|among|Within|within)" + _S + r"+(?:the" + _S + r"+)?(?P<x>[^,]{1,60}?)," + _S + r"+(?:[^,.;]{0,40}?\b)?"
    r"(?:view|belief|sense|assessment|consensus|perception|feeling|expectation|thinking|worry|concern|fear|hope|"
    r"argument|conviction)" + _S + r"+(?:is" + _S + r"+)?that\b"
)
_PRONOUN_AT = re.compile(
    r"(?P<p>he|she|He|She|it|It|they|They|(?:the|The)" + _S + r"+(?P<noun>ministry|government|administration|"
    r"department|agency|office|foundation|institute|council|embassy|army|military|regime|country|company|"
    r"committee|commission|party|bank|organisation|organization|group))\b")
_HALF_SUBJECT = re.compile(r"\b[Tt]he" + _S + r"+(?P<half>North|South)\b(?![’'-]|" + _S + r"+[A-Z])(?=[^,;]*$)")
_AUTHORED = "|".join(sorted((re.escape(w) for w in lexicon.AUTHORED_NOUNS), key=len, reverse=True))
# "the essay", "This op-ed", "her column": a writing named as the subject or after the cue
_WRITING_AT = re.compile(r"(?:[Tt]he|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Ii]ts)" + _S + r"+(?:[a-z-]+" + _S + r"+)?(?:"
                         + _AUTHORED + r")\b(?![’'-])")
# "It was submitted by", "an essay written by", "the op-ed by": where the author is named
_AUTHOR_BY = re.compile(r"\b(?:(?:" + "|".join(sorted(lexicon.AUTHORING_VERBS)) + r")|(?:" + _AUTHORED + r"))"
                        + _S + r"+by" + _S + r"+")
_READ_AT = re.compile(r"[,;:]?" + _S + r"*(?P<cue>read|reads|reasoned|continued|concluded)" + _S + r"+")
_HEAD_TITLES = frozenset(("president", "leader", "chairman", "premier"))
_HEAD_TYPE = "head_of_state_or_government"
_RELATIVE_BEFORE = re.compile(r"(?:\b(?:in|with|by|during|through|under)" + _S + r"+which|\bwhere|\bwhen)" + _S + r"+$")
_PARTICIPLE_CUE_AFTER = re.compile(
    r"(?P<appos>)" + _S + r"+[a-z]+ing" + _S + r"+[^,;:“”\"\n]{1,60}?" + _S + r"+" + _ADV + r"*(?P<cue>" + _CUE + r")\b")
_CAPS_LEAD = re.compile(r"(?:[A-Z][\w.’'-]*" + _S + r"+)*")
_GOV_WORDS = frozenset(("government", "administration"))
_WHICH_CALLED = re.compile(
    r"\b(?:which|that|whom)" + _S + r"+(?P<x>[^,;:.“”\"]{1,50}?)" + _S + r"+(?:(?:has|had|have)" + _S + r"+)?"
    r"(?P<cue>called|dubbed|termed|described" + _S + r"+as)" + _S + r"+(?:(?:a|an|the)" + _S + r"+)?$")
_EXPERT_HEADS = frozenset(("expert", "analyst", "scholar", "researcher", "specialist", "observer"))
_ANON_WORD = re.compile(r"\b(?:" + "|".join(sorted(lexicon.ANONYMOUS_SOURCES)) + r")\b")
_WHO_HIS = re.compile(r"," + _S + r"*who" + _S + r"+[^,;:.“”\"]{1,60}?\b(?:his|her)" + _S + r"*$")
_THE_AT = re.compile(r"(?:the|The)" + _S + r"+")
_THAT_AFTER = re.compile(_S + r"+that\b")
_TO_AFTER = re.compile(_S + r"+to\b")
_CLAUSE_SEP = re.compile(
    r"[;—–]|:(?=" + _S + r"+[A-Z])|" + _S + r"-" + _S + r"|\b(?:in|by|under|through|with|for|of)" + _S + r"+which\b|\b(?:which|whereby|where|that)\b")
_JOINT = re.compile(_S + r"+(?:and|&)" + _S + r"+$")
_BOTH = re.compile(r"\b(?:both|the two)" + _S + r"+(?:sides|countries|parties|governments|leaders|states|Koreas)\b", re.I)


_DEMONYM_RX = re.compile(r"\b(?:" + "|".join(re.escape(d) for d in sorted(
    list(lexicon.DEMONYMS) + list(lexicon.CAPITALS), key=len, reverse=True)) + r")\b")
_SPOKES = frozenset(("spokesman", "spokeswoman", "spokesperson"))
_ANON_AFTER = re.compile(r"(?:[’']s)?" + _S + r"+(?:[a-z-]+" + _S + r"+){0,2}?(?:" + "|".join(
    sorted(lexicon.ANONYMOUS_SOURCES)) + r")\b")
_RUN_WORD = re.compile(r"[" + _H + r"]*(?P<w>[A-Za-z][\w’'.-]*)")
_POSS_AT = re.compile(r"[’']s\b")
_ARTICLES = frozenset(("the", "a", "an"))


def _title_run(ctx: "_Ctx", pos: int, hi: int):
    """A person named at ``pos`` behind titles, or a title standing alone for one.

    "Foreign Minister Kang Kyung-wha", "Rep. Kim", "the president", "The US president",
    "South Korea’s foreign minister": returns the person's Mention (titles skipped), or
    ("role", start, end, entity) when the title is not followed by a name and the article
    names a holder of that title, or None."""
    text, ents = ctx.text, ctx.ents
    k = pos
    head = None
    anon = False
    gov = False
    quals: list[str] = []
    qual_ms: list[Mention] = []
    n = 0
    while k < hi and n < 8:
        while k < hi and text[k] in HSPACE:
            k += 1
        m = ents.starting_at(k)
        if m is not None:
            if m.entity.kind == "person":
                return m
            # a qualifier: "North Korean", "the US", "South Korea’s"
            if head is not None or anon:
                break
            quals.append(text[m.start:m.end])
            qual_ms.append(m)
            k = m.end
            pm = _POSS_AT.match(text, k, hi)
            if pm:
                k = pm.end()
            n += 1
            continue
        if head is not None and text[k:k + 1] == ",":
            k2 = _skip_space(text, k + 1, hi)
            m2 = ents.starting_at(k2)
            if m2 is not None and m2.entity.kind == "person":
                return m2  # "presidential office spokesman, Kim Eui-kyeom said"
            break
        w = _RUN_WORD.match(text, k, hi)
        if w is None:
            break
        word = w.group("w")
        low = word.lower().rstrip(".")
        if n == 0 and low in _ARTICLES:
            pass
        elif low in lexicon.ROLE_HEADS:
            head = low
        elif low in lexicon.ANONYMOUS_SOURCES:
            anon = True
        elif low in _GOV_WORDS and not anon and head is None:
            gov = True  # a senior government official
        elif low in ("to", "of", "for", "at") and n > 0:
            # "Ambassador to Seoul", "Chancellor X of the Y": an institution inside the title
            k2 = _skip_space(text, w.end(), hi)
            t2 = _THE_AT.match(text, k2, hi)
            m2 = ents.starting_at(t2.end() if t2 else k2)
            if m2 is None or m2.entity.kind != "institution":
                break
            quals.append(text[m2.start:m2.end])
            qual_ms.append(m2)
            k = m2.end
            n += 1
            continue
        elif word in lexicon.TITLE_WORDS or low in lexicon.ROLE_MODIFIERS or word in lexicon.DEMONYMS \
                or (word.rstrip(".") + ".") in lexicon.TITLE_WORDS:
            pass
        else:
            break
        k = w.end()
        n += 1
    if head is None and not anon:
        return None
    ent = ctx.role_holder(head, pos, quals) if head is not None else None
    if ent is None and (anon or head in _SPOKES):
        # anonymous officials: "a Cheong Wa Dae official told reporters", "the ministry’s
        # spokesman said" → the institution named; "the official" → the one named before
        inst = [m for m in qual_ms if m.entity.kind == "institution"]
        if inst:
            ent = ctx.ent(inst[-1])
        elif text[pos:pos + 3].lower() == "the":
            ent = ctx.anon_before(pos)
        elif gov and anon:
            ent = ctx.state_before(pos)
    if ent is None:
        return None
    end = k
    while end > pos and text[end - 1] in WS:
        end -= 1
    return ("role", pos, end, ent)


_CAP_WORD = re.compile(r"[A-Z][\w’'-]+")


def _surname_at(ctx: "_Ctx", pos: int, hi: int):
    """A capitalised word the entity step left unlinked that is the family name of a person
    the article names ("“…,” Bicker notes." after "Laura Bicker"): ("role", …) for that person."""
    w = _CAP_WORD.match(ctx.text, pos, hi)
    if w is None or w.group() in lexicon.NOT_NAME_WORDS:
        return None
    key = w.group().replace("-", "").lower()
    best, best_pos = None, -1
    for p in ctx.ents.entities:
        if p.kind != "person":
            continue
        parts = [t.replace("-", "").lower() for t in p.name.split()]
        if len(parts) < 2 or key not in (parts[0], parts[-1]):
            continue
        for x in p.mentions:
            if best_pos < x.start < pos:
                best, best_pos = p, x.start
    if best is None:
        return None
    return ("role", w.start(), w.end(), best)


def _titled_surname(surface: str) -> tuple[str, str] | None:
    """("congresswoman", "Kim") for a mention "Congresswoman Kim": a title and one name."""
    parts = surface.split()
    if len(parts) != 2:
        return None
    head = parts[0].lower().rstrip(".")
    if head not in lexicon.ROLE_HEADS:
        return None
    return head, parts[1]


def _mention_at(ents: Entities, text: str, pos: int, hi: int, ctx: "_Ctx | None" = None):
    """A mention (or a pronoun) starting at ``pos`` (after an optional 'the')."""
    if ctx is not None:
        r = _title_run(ctx, pos, hi)
        if r is not None:
            return r
    m = ents.starting_at(pos)
    if m is not None:
        return m
    t = _THE_AT.match(text, pos, hi)
    if t:
        m = ents.starting_at(t.end())
        if m is not None and m.entity.kind == "institution":
            return m
    p = _PRONOUN_AT.match(text, pos, hi)
    if p:
        return ("pronoun", p.start(), p.end(), "it" if p.group("noun") else p.group("p").lower())
    return None


def _in_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    for a, b in spans:
        if a <= pos < b:
            return True
    return False


class _Ctx:
    def __init__(self, text: str, layout: Layout, quotes: list[Quote], ents: Entities):
        self.text = text
        self.layout = layout
        self.quotes = quotes
        self.ents = ents
        self.qspans = [(q.open_mark, (q.close_mark + 1) if q.close_mark is not None else q.end)
                       for q in quotes if not q.nested]
        self.parent: dict[int, int] = {}
        self._canon: dict[int, Entity] = {}
        self._role_ev: dict[str, list] = {}
        last_top = None
        for i, q in enumerate(quotes):
            if q.nested:
                if last_top is not None:
                    self.parent[i] = last_top
            else:
                last_top = i

    def resolve_pronoun(self, start: int, pron: str) -> Entity | None:
        if pron == "they":
            return None  # several parties, no single speaker
        kind = "person" if pron in ("he", "she") else "institution"
        p = self.layout.para_at(start)
        lo = p.start
        prev = p
        for _ in range(3):  # look back up to three paragraphs
            pp = self.layout.prev_nonblank(prev.index)
            if pp is None:
                break
            lo = pp.start
            prev = pp
        if kind == "person":
            # "…, according to the official who spoke on the customary condition of anonymity. …
            # “…,” he said.": with no one named since, "he" is the anonymous official just quoted
            last = None
            for q in self.quotes:
                if q.attribution is not None and q.speaker is not None and lo <= q.attribution[1] <= start:
                    last = q
            if last is not None and last.speaker.kind == "institution" and _ANON_WORD.search(
                    self.text, last.attribution[0], last.attribution[1]) and not any(
                    m.entity.kind == "person" and not _in_any(m.start, self.qspans)
                    for m in self.ents.within(last.attribution[1], start)):
                return last.speaker
        if kind == "person" and _RELATIVE_BEFORE.search(self.text, max(lo, start - 20), start):
            # "a press statement by … Kim Yo-jong, in which she explained that": a relative clause's
            # pronoun is the person just named in its sentence
            sent = self.layout.sentence_at(start)
            s_lo = max(lo, sent.start if sent is not None else lo)
            for m in reversed(self.ents.within(s_lo, start)):
                if m.entity.kind == "person" and m.end <= start and not _in_any(m.start, self.qspans) \
                        and not _POSS_AT.match(self.text, m.end):
                    return self.ent(m)
        if kind == "person":
            # the subject of a recent sentence first: "Kim Eui-kyeom claimed … after President
            # Moon Jae-in visited Pyongyang … “…,” he said." → Kim Eui-kyeom
            for m in reversed(self.ents.within(lo, start)):
                if m.entity.kind != "person" or _in_any(m.start, self.qspans) or m.end > start:
                    continue
                poss = bool(_POSS_AT.match(self.text, m.end))  # only as the sentence's first words
                if not poss and any(q.attribution is not None and q.attribution[0] <= m.start < q.attribution[1]
                       for q in self.quotes):
                    return self.ent(m)  # a speaker named in an attribution ("writes … Laura Bicker")
                sent = self.layout.sentence_at(m.start)
                if sent is None:
                    break
                s0 = _skip_space(self.text, sent.start, m.start)
                cm = self.text.rfind(",", s0, m.start)
                if cm != -1 and _LEAD_ADVERBIAL.match(self.text, s0, cm):
                    s0 = _skip_space(self.text, cm + 1, m.start)  # "Earlier on Tuesday, U.S. President …"
                if s0 == m.start:
                    return self.ent(m)
                r = _title_run(self, s0, m.end)
                if isinstance(r, Mention) and r.start == m.start and not poss:
                    return self.ent(m)
        fallback = None
        for m in reversed(self.ents.within(lo, start)):
            if m.entity.kind != kind or _in_any(m.start, self.qspans) or m.end > start:
                continue
            if fallback is None:
                fallback = m
            if _POSS_AT.match(self.text, m.end) or (kind == "person" and self._in_other_role(m.entity, m)):
                continue  # "Mike Pompeo’s visit", "the sister of leader Kim Jong-un": not the antecedent
            return self.ent(m)
        return self.ent(fallback) if fallback is not None else None

    def speaker_of(self, mm) -> tuple[Entity | None, int, int]:
        if isinstance(mm, Mention):
            return self.ent(mm), mm.start, mm.end
        if mm[0] == "role":
            return mm[3], mm[1], mm[2]
        _, s, e, pron = mm
        return self.resolve_pronoun(s, pron), s, e

    def ent(self, m: Mention) -> Entity:
        """The entity a mention names; a bare surname the gazetteer gave to a person this
        article never names in full goes to the person of the article who has that family
        name, mentioned last before it ("Kim" after "Kim Yo-jong")."""
        e = m.entity
        if e.kind != "person":
            return e
        surface = self.text[m.start:m.end].strip()
        titled = _titled_surname(surface)
        if titled is None and (" " in surface or m.how not in ("gazetteer", "short")):
            return e
        cached = self._canon.get(m.start)
        if cached is not None:
            return cached
        best, best_pos = e, -1
        own_full = titled is None and any(" " in self.text[x.start:x.end].strip() for x in e.mentions)
        if titled is not None:
            # "said Congresswoman Kim" taken for a name: the article's Kim with that office
            head, surface = titled
            words = lexicon.ROLE_HEADS.get(head, (head,))
            for p in self.ents.entities:
                if p is e or p.kind != "person":
                    continue
                parts = [t.replace("-", "").lower() for t in p.name.split()]
                if len(parts) < 2 or surface.replace("-", "").lower() not in (parts[0], parts[-1]):
                    continue
                if any(any(w in (r.title or "").lower() for w in words) for r in p.roles):
                    best = p
                    break
            self._canon[m.start] = best
            return best
        if not own_full:
            key = surface.strip().replace("-", "").lower()
            for p in self.ents.entities:
                if p is e or p.kind != "person":
                    continue
                parts = [t.replace("-", "").lower() for t in p.name.split()]
                if not parts or key not in (parts[0], parts[-1]):
                    continue
                for x in p.mentions:
                    if x.start < m.start and " " in self.text[x.start:x.end].strip() and x.start > best_pos \
                            and not self._in_other_role(p, x):
                        best, best_pos = p, x.start
        self._canon[m.start] = best
        return best

    def anon_before(self, pos: int) -> Entity | None:
        """The institution of the anonymous official named last before ``pos``."""
        for m in reversed(self.ents.within(max(0, pos - 4000), pos)):
            if m.entity.kind != "institution":
                continue
            if _ANON_AFTER.match(self.text, m.end):
                return self.ent(m)
        return None

    def state_before(self, pos: int) -> Entity | None:
        """"Japan is wary of this move. A senior government official distanced himself …":
        an anonymous government official speaks for the state the paragraph names last before
        him (outside quotations), when it names one."""
        para = self.layout.para_at(pos)
        for m in reversed(self.ents.within(para.start, pos)):
            if m.entity.kind == "institution" and m.entity.type == "state" and not _in_any(m.start, self.qspans) \
                    and not _POSS_AT.match(self.text, m.end):
                return self.ent(m)
        return None

    def _in_other_role(self, p: Entity, x: Mention) -> bool:
        """A mention inside another person's role ("the sister of leader Kim Jong-un")."""
        for o in self.ents.entities:
            if o is p or o.kind != "person":
                continue
            for r in o.roles:
                if r.start <= x.start and x.end <= r.end:
                    return True
        return False

    def _holders(self, head: str) -> list[tuple[Entity, list[str], list[int]]]:
        """Persons with evidence of the title ``head``: a role that says it, or the title
        written right before a mention; with their mention offsets. Mentions inside quotations
        do not count: "the President" is the writer's referent, not a speaker's ("President
        Trump and I", quoted)."""
        words = lexicon.ROLE_HEADS.get(head, (head,))
        rx = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")s?\.?[" + _H + r"]+$")
        out = []
        for p in self.ents.entities:
            mentions = [x for x in p.mentions if not _in_any(x.start, self.qspans)]
            if p.kind != "person" or not mentions:
                continue
            evid = []
            for r in p.roles:
                tw = re.findall(r"[a-z-]+", (r.title or "").lower())
                if len(tw) <= 6 and any(w in tw for w in words) and not _in_any(r.start, self.qspans):
                    evid.append(self.text[r.start:r.end])
            for x in mentions:
                if rx.search(self.text[max(0, x.start - 40):x.start].lower()):
                    evid.append(self.text[max(0, x.start - 40):x.end])
            if evid:
                out.append((p, evid, sorted(x.start for x in mentions)))
        return out

    def role_holder(self, head: str, pos: int, quals: list[str]) -> Entity | None:
        """The person the article names with the title ``head`` ("the minister"), the one
        mentioned last before ``pos``; a qualifier ("US", "North Korea’s") must agree
        with the role's wording when any candidate's does."""
        holders = self._role_ev.get(head)
        if holders is None:
            holders = self._role_ev[head] = self._holders(head)
        cands = []
        for p, evid, starts in holders:
            k = bisect_left(starts, pos)
            # the last mention before pos; else (a headline names the title first) the first after
            last = starts[k - 1] if k > 0 else -1 - starts[0]
            cands.append((p, last, evid))
        if not cands:
            return self._head_of_state(head, pos, quals) or self._sole_person(head) or self._analyst(head) \
                or self._named_next(head, pos)
        if quals:
            qk = [q.lower().replace("’s", "").replace("'s", "") for q in quals]
            agree = [c for c in cands if any(any(q in ev.lower() for q in qk) for ev in c[2])]
            if agree:
                cands = agree
            else:  # "The US president" is not the one the article calls "South Korean president"
                cands = [c for c in cands if not any(_DEMONYM_RX.search(ev) for ev in c[2])]
                if not cands:
                    return self._head_of_state(head, pos, quals)
        cands.sort(key=lambda c: c[1])
        return cands[-1][0]

    def _head_of_state(self, head: str, pos: int, quals: list[str]) -> Entity | None:
        """"The US president said:" when the text never writes the title with a name: the
        person of the text the registry knows as that state's head of state or government,
        when exactly one is mentioned (outside quotations) before ``pos``."""
        if head not in _HEAD_TITLES or not quals:
            return None
        countries = set()
        for qual in quals:
            q = qual.replace("’s", "").replace("'s", "").strip()
            if q.lower().startswith("the "):
                q = q[4:]
            state = lexicon.DEMONYMS.get(q, q)
            for e in self.ents.entities:
                if e.kind == "institution" and e.type == "state" and e.country and (e.name == state or q in e.aliases):
                    countries.add(e.country)
        if len(countries) != 1:
            return None
        country = next(iter(countries))
        found = {id(p): p for p in self.ents.entities
                 if p.kind == "person" and p.type == _HEAD_TYPE and p.country == country
                 and any(x.start < pos and not _in_any(x.start, self.qspans) for x in p.mentions)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _sole_person(self, head: str) -> Entity | None:
        """"The nominee to become … minister stated …" when no one in the text is written with
        that title: the one person the text names outside quotations (a headline's or lead's
        title for the article's only named protagonist). Spokespeople and anonymous sources are
        left to their institution; a person with a different title written is not taken."""
        if head in _SPOKES or head in lexicon.ANONYMOUS_SOURCES:
            return None
        found = [p for p in self.ents.entities if p.kind == "person"
                 and any(not _in_any(x.start, self.qspans) for x in p.mentions)]
        if len(found) != 1 or found[0].byline:
            return None
        p = found[0]
        if any(r.title for r in p.roles):
            return None
        return p

    def _analyst(self, head: str) -> Entity | None:
        """"…, a Chinese expert said" when nobody is written as an expert, and the text describes
        one person only with an analyst's title ("Lü Chao, a research fellow on North Korea at the
        Liaoning Academy of Social Sciences"): that person."""
        if head not in _EXPERT_HEADS:
            return None
        found = []
        for p in self.ents.entities:
            if p.kind != "person":
                continue
            for r in p.roles:
                tw = (r.title or "").lower()
                if any(re.search(r"\b" + re.escape(w) + r"\b", tw) for w in lexicon.ANALYST_TITLES
                       if w not in ("president", "director", "chair", "head of", "founder", "vice president")):
                    found.append(p)
                    break
        return found[0] if len(found) == 1 else None

    def _named_next(self, head: str, pos: int) -> Entity | None:
        """A lead that gives only a title ("…, the deputy head of the U.N. Command … said on
        Friday") and a next paragraph that opens with a person named in full as its subject
        ("Canadian Lieutenant-General Wayne Eyre said …"): that person."""
        if head in _SPOKES or head in lexicon.ANONYMOUS_SOURCES:
            return None
        para = self.layout.para_at(pos)
        nxt = self.layout.next_nonblank(para.index)
        if nxt is None or _in_any(pos, self.qspans):
            return None
        st = _skip_space(self.text, nxt.start, nxt.end)
        for m in self.ents.within(st, min(nxt.end, st + 120)):
            if m.entity.kind != "person":
                continue
            if _CAPS_LEAD.fullmatch(self.text, st, m.start) and _CUE_AT.match(self.text, m.end, nxt.end) \
                    and not _in_any(m.start, self.qspans):
                return self.ent(m)
            break
        return None

    def outside(self, pos: int, allow: tuple[int, int] | None) -> bool:
        if allow is not None and allow[0] <= pos < allow[1]:
            return True
        return not _in_any(pos, self.qspans)


def attribute(text: str, layout: Layout, quotes: list[Quote], ents: Entities) -> None:
    ctx = _Ctx(text, layout, quotes, ents)
    for i, q in enumerate(quotes):
        if q.nested:
            _attribute_nested(ctx, i, q)
        else:
            _attribute_one(ctx, i, q)
        q.kind = _kind(ctx, i, q)
        if q.kind in ("term", "title") and ("continued" in q.notes or "introduced" in q.notes
                                            or "marked" in q.notes):
            q.speaker = None  # a term gets a speaker only from its own sentence
        if q.kind in ("statement", "partial") and q.speaker is None:
            q.kind = "term"  # exactly one speaker is required for these kinds
        if q.kind in ("term", "title") and q.speaker is None:
            q.attribution = q.cue = None  # nobody in the text is given these words
            q.continues = None  # nor do they continue anybody's quote
        if q.speaker is not None and q.speaker_affiliation is None:
            q.speaker_affiliation = _affiliation_text(ctx, q.speaker)


def _sentence_bounds(ctx: _Ctx, q: Quote) -> tuple[int, int]:
    s = ctx.layout.sentence_at(q.open_mark)
    if s is None or not (s.start <= q.open_mark < s.end + 1):
        p = ctx.layout.para_at(q.open_mark)
        return p.start, p.end
    return s.start, s.end


def _previous_chain(ctx: _Ctx, i: int, lo_para: int) -> int | None:
    """The last non-nested statement/partial with a speaker before quote i, in paragraphs
    from ``lo_para`` on (the target a continuation points to)."""
    for j in range(i - 1, -1, -1):
        pq = ctx.quotes[j]
        if pq.para < lo_para:
            return None
        if pq.nested or pq.speaker is None:
            continue
        if pq.kind in ("statement", "partial"):
            return j
    return None


def _attribute_one(ctx: _Ctx, i: int, q: Quote) -> None:
    text = ctx.text
    para = ctx.layout.paras[q.para]
    s_lo, s_hi = _sentence_bounds(ctx, q)
    nxt_open = para.end
    for j in range(i + 1, len(ctx.quotes)):
        if not ctx.quotes[j].nested:
            if ctx.quotes[j].para == q.para:
                nxt_open = ctx.quotes[j].open_mark
            break
    if q.close_mark is not None:
        a_lo = q.close_mark + 1
        a_hi = min(max(s_hi, a_lo), nxt_open, para.end)
        if _after(ctx, q, a_lo, a_hi):
            if q.cue is not None and text[q.cue[0]:q.cue[1]].lower().startswith("according") \
                    and q.speaker is not None and q.speaker.type == "media":
                # "He said that … more “cunning”, according to the Yonhap news agency": a news
                # outlet is the channel; the speaker is the one the sentence has speaking
                tmp = Quote(q.start, q.end, q.open_mark, q.close_mark, q.single, q.para)
                if _before(ctx, tmp, max(s_lo, para.start), q.open_mark, None) and tmp.speaker is not None \
                        and tmp.cue is not None and "document" not in tmp.notes:
                    q.speaker, q.attribution, q.cue = tmp.speaker, tmp.attribution, tmp.cue
                    q.speaker_affiliation = None
            return
    # a paragraph of a quote that runs over several paragraphs, with no attribution of its own
    if q.continued_from is not None:
        prev = ctx.quotes[q.continued_from]
        if prev.speaker is not None:
            q.speaker = prev.speaker
            q.continues = prev.continues if prev.continues is not None else q.continued_from
            q.notes.append("continued")
            return
    if _what_calls(ctx, q, max(s_lo, para.start)):
        return
    # "the summit, which Mr Trump has called a “‘getting to know you’ meeting plus”": a named
    # speaker's description of what the relative clause is about, his partial quote
    wc = _WHICH_CALLED.search(text, max(s_lo, para.start, q.open_mark - 100), q.open_mark)
    if wc is not None:
        ms = [m for m in ctx.ents.within(wc.start("x"), wc.end("x")) if not _in_any(m.start, ctx.qspans)]
        if ms and ms[0].start == _skip_space(text, wc.start("x"), wc.end("x")) or (
                ms and _title_run(ctx, wc.start("x"), wc.end("x")) is ms[0]):
            q.speaker = ctx.ent(ms[0])
            q.cue = (wc.start("cue"), wc.end("cue"))
            q.attribution = (wc.start("x"), wc.end("cue"))
            q.notes.append("described")
            return
    # "“…” due to …, South Korean President Moon Jae-in said Monday.": the sentence's last clause
    if _final_clause(ctx, q, s_hi, para):
        return
    # “I think,” he said, “that it will fail.”: the second half of an interrupted sentence
    prev_top = next((j for j in range(i - 1, -1, -1) if not ctx.quotes[j].nested), None)
    if prev_top is not None:
        pq = ctx.quotes[prev_top]
        if (pq.para == q.para and pq.speaker is not None and pq.cue is not None and pq.close_mark is not None
                and pq.close_mark < pq.cue[0] and pq.cue[1] <= q.open_mark
                and not re.search(r"[.!?]", text[pq.close_mark + 1:q.open_mark])
                and pq.attribution is not None
                and not text[max(pq.attribution[1], pq.cue[1]):q.open_mark].strip(WS + ",:;—–-")):
            q.speaker = pq.speaker
            q.continues = prev_top
            q.notes.append("continued")
            return
    # "… talks with Donald Trump, who had previously given his “blessing” to …": the words
    # the relative clause gives to its person ("his"/"her" is the person "who" stands for)
    rw = _WHO_HIS.search(text, max(s_lo, para.start, q.open_mark - 120), q.open_mark)
    if rw is not None:
        m = ctx.ents.ending_at(rw.start())
        if m is not None and m.entity.kind == "person" and not _in_any(m.start, ctx.qspans):
            q.speaker = ctx.ent(m)
            q.attribution = (m.start, rw.end())
            q.notes.append("relative")
            return
    if _before(ctx, q, max(s_lo, para.start), q.open_mark, None):
        return
    # the second half of a quote split around its attribution (same paragraph)
    for j in range(i - 1, -1, -1):
        pq = ctx.quotes[j]
        if pq.para != q.para:
            break
        if pq.nested or pq.speaker is None:
            continue
        if pq.speaker.kind == "person" or pq.kind == "statement":
            q.speaker = pq.speaker
            q.continues = _chain_target(ctx, j)
            q.notes.append("continued")
            return
        break
    # a later quote of the same sentence carries the attribution: "“A” and “B,” X said"
    for j in range(i + 1, len(ctx.quotes)):
        nq = ctx.quotes[j]
        if nq.nested:
            continue
        if nq.para != q.para or nq.open_mark > s_hi:
            break
        if nq.close_mark is not None:
            tmp = Quote(nq.start, nq.end, nq.open_mark, nq.close_mark, nq.single, nq.para)
            if _after(ctx, tmp, nq.close_mark + 1, min(s_hi, para.end)):
                q.speaker, q.attribution, q.cue = tmp.speaker, tmp.attribution, tmp.cue
                q.notes.append("shared")
                return
        break
    lead = text[para.start:q.open_mark].strip(WS)
    if lead:
        # "That was when Moon proposed that …. “A cooperative initiative …”": a quote opening
        # a sentence after a sentence that reports the speaker's speech
        if s_lo >= para.start and not text[s_lo:q.open_mark].strip(WS):
            prev_s = [st for st in ctx.layout.sentences if st.para == q.para and st.end <= s_lo]
            if prev_s:
                _introduced_by(ctx, i, q, prev_s[-1].start, prev_s[-1].end)
        return
    prevp = ctx.layout.prev_nonblank(q.para)
    if prevp is None:
        return
    if _title_case_heading(text, q, para):
        return  # “The Possibility Is There” as a subheading: nobody's words
    # a quote paragraph right after the same speaker's quote continues it
    j = _previous_chain(ctx, i, prevp.index)
    if j is not None and ctx.quotes[j].para == prevp.index:
        q.speaker = ctx.quotes[j].speaker
        q.continues = _chain_target(ctx, j)
        q.notes.append("continued")
        return
    # "Mark Tokola … took note that" / "X said:" ending the previous paragraph
    tail = text[prevp.start:prevp.end].rstrip(WS)
    if re.search(r"(?:\b" + _CUE + r"(?:" + _S + r"+that)?" + _S + r"*:?|:)$", tail):
        sents = [s for s in ctx.layout.sentences if s.para == prevp.index]
        if sents:
            sp = _subject(ctx, sents[-1].start, sents[-1].end)
            if sp is not None:
                q.speaker = sp
                q.notes.append("introduced")
                return
    # "On Tuesday, Moon said that he hoped …" closing the paragraph before a quote paragraph
    sents = [s for s in ctx.layout.sentences if s.para == prevp.index]
    if sents:
        _introduced_by(ctx, i, q, sents[-1].start, sents[-1].end)
    if q.speaker is None and q.close_mark is not None and not text[q.close_mark + 1:para.end].strip(WS) \
            and not any(pq.speaker is not None for pq in ctx.quotes[:i]):
        # a lead quote, the paragraph alone, and the next paragraph opens "President Moon
        # Jae-in said, “…”": the words are the speaker's the article first names
        nxt = ctx.layout.next_nonblank(q.para)
        if nxt is not None:
            st = _skip_space(text, nxt.start, nxt.end)
            for m in ctx.ents.within(st, min(nxt.end, st + 120)):
                if m.entity.kind == "person" and _CAPS_LEAD.fullmatch(text, st, m.start) \
                        and _CUE_AT.match(text, m.end, nxt.end):
                    q.speaker = ctx.ent(m)
                    q.notes.append("lead")
                break


_SMALL_WORDS = frozenset("a an the of to in on for and or but is are at by with from as".split())


def _title_case_heading(text: str, q: Quote, para) -> bool:
    """A paragraph that is only a short quote in title case, without final punctuation."""
    if text[para.start:q.open_mark].strip(WS) or (q.close_mark is not None
                                                   and text[q.close_mark + 1:para.end].strip(WS)):
        return False
    content = text[q.start:q.end].strip(WS)
    words = content.split()
    if not words or len(words) > 8 or content[-1:] in ".,;:!?…":
        return False
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words) and \
        sum(1 for w in words if w[:1].isupper()) >= 2


def _introduced_by(ctx: _Ctx, i: int, q: Quote, lo: int, hi: int) -> bool:
    """The speaker of a reported-speech sentence with no quote (``lo``..``hi``) for the quote
    that follows it with no attribution of its own; it continues that speaker's last quote
    when no other speaker's quote stands between."""
    if hi - lo < 8 or any(lo <= a < hi for a, _ in ctx.qspans):
        return False
    tmp = Quote(q.start, q.end, q.open_mark, q.close_mark, q.single, q.para)
    if not _before(ctx, tmp, lo, hi, None) or tmp.speaker is None or tmp.cue is None \
            or "document" in tmp.notes:
        return False
    q.speaker = tmp.speaker
    q.notes.append("introduced")
    j = _previous_chain(ctx, i, 0)
    if j is not None and ctx.quotes[j].speaker is q.speaker:
        q.continues = _chain_target(ctx, j)
    return True


_WHAT_CALLS = re.compile(
    r"\bwhat" + _S + r"+(?P<x>[^,;:.“”\"]{1,60}?)" + _S + r"+(?:calls|called|call|terms|termed|dubs|dubbed|"
    r"describes" + _S + r"+as|described" + _S + r"+as|refers" + _S + r"+to" + _S + r"+as|sees" + _S + r"+as|"
    r"(?:means|meant)" + _S + r"+by)"
    r"(?P<rest>[^,;:.“”\"]{0,40})$")


def _what_calls(ctx: _Ctx, q: Quote, lo: int) -> bool:
    """"Pyongyang wants the U.S. to drop what it calls America’s “hostile policy”": the
    wording is the term of the one who calls it so (a pronoun: the sentence's subject)."""
    text = ctx.text
    w = _WHAT_CALLS.search(text, max(lo, q.open_mark - 120), q.open_mark)
    if w is None or len(w.group("rest").split()) > 4:
        return False
    ms = [m for m in ctx.ents.within(w.start("x"), w.end("x")) if not _in_any(m.start, ctx.qspans)]
    spk = ctx.ent(ms[0]) if ms else None
    if spk is None and _PRONOUN_AT.match(text, w.start("x"), w.end("x")):
        sub = [m for m in ctx.ents.within(lo, w.start()) if not _in_any(m.start, ctx.qspans)]
        spk = ctx.ent(sub[0]) if sub else None
    if spk is None:
        return False
    q.speaker = spk
    q.attribution = (w.start(), w.end("x"))
    q.notes.append("calls")
    return True


_LEAD_ADVERBIAL = re.compile(r"(?:[A-Z][a-z]*)(?:" + _S + r"+[\w.’'-]+){0,5}" + _S + r"*$")
_CALLED_SPEECH = re.compile(_S + r"+(?:for\b|(?:it|them|him|her|this|that)" + _S + r"+[a-z“\"‘])")
_SUBJ_QUOTE = re.compile(r"(?P<tail>(?:" + _S + r"+(?:government|administration|side|military|regime|leadership))?)"
                         + _S + r"*$")
_AND_AT = re.compile(_S + r"+(?:and|&)" + _S + r"+")
_AND_BEFORE = re.compile(r"(?:\band|&)" + _S + r"+$")
_COMMA_BEFORE = re.compile(r",[”\"’']?" + _S + r"*$")
_THE_WORD = re.compile(r"\b(?:the|The)" + _S + r"+")
_ADV_ONLY = re.compile(_S + r"*" + _ADV + r"*$")
# "The nominee to become South Korea’s next unification minister stated": the title's complement
_COMPLEMENT_ADV = re.compile(_S + r"+(?:to|of|for|at|from)" + _S + r"+[^,;:“”\"\n]{1,70}?" + _S + r"+" + _ADV + r"*$")


def _skip_space(text: str, pos: int, hi: int) -> int:
    while pos < hi and text[pos] in HSPACE:
        pos += 1
    return pos


def _title_before(ctx: _Ctx, lo: int, cue: int):
    """A title standing for a person as the subject right before a cue ("the President said",
    a headline's "South Korean president calls for")."""
    starts = [_skip_space(ctx.text, lo, cue)]
    starts += [t.start() for t in _THE_WORD.finditer(ctx.text, max(lo, cue - 90), cue)]
    for st in starts:
        r = _title_run(ctx, st, cue)
        if isinstance(r, tuple) and (_ADV_ONLY.fullmatch(ctx.text, r[2], cue)
                                     or _COMPLEMENT_ADV.fullmatch(ctx.text, r[2], cue)):
            return r
    return None


def _final_clause(ctx: _Ctx, q: Quote, s_hi: int, para) -> bool:
    """The attribution that closes the quote's sentence after a comma ("…, X said Monday.",
    "…, said the president."), when words of the writer stand between quote and cue."""
    text = ctx.text
    lo = (q.close_mark + 1) if q.close_mark is not None else q.end
    hi = min(s_hi, para.end)
    if hi - lo < 4:
        return False
    commas = []
    k = text.rfind(",", lo, hi)
    while k != -1 and len(commas) < 4:
        if not _in_any(k, ctx.qspans):
            commas.append(k)
        k = text.rfind(",", lo, k)
    for k in commas:
        tmp = Quote(q.start, q.end, q.open_mark, q.close_mark, q.single, q.para)
        if _after(ctx, tmp, k, hi, final=True):
            q.speaker, q.attribution, q.cue = tmp.speaker, tmp.attribution, tmp.cue
            q.speaker_affiliation = tmp.speaker_affiliation
            q.notes.append("final")
            return True
    return False


def _chain_target(ctx: _Ctx, j: int) -> int:
    """A continuation points to the quote it continues (the codebook's 'previous row')."""
    return j


def _attribute_nested(ctx: _Ctx, i: int, q: Quote) -> None:
    """A quote nested in another: its speaker comes from a speech act or possessive in
    its own sentence inside the enclosing quote ("North Korea habitually demands … ‘…’")."""
    k = ctx.parent.get(i)
    if k is None:
        return
    parent = ctx.quotes[k]
    lo = parent.start
    # the enclosing quote's own sentence that holds the nested quote
    seg = ctx.text[lo:q.open_mark]
    for mm in re.finditer(r"(?<![A-Z])[.!?]" + _S + r"+", seg):  # not after "U.S."
        lo = parent.start + mm.end()
    _before(ctx, q, lo, q.open_mark, (parent.start, parent.end), nested=True)


def _after(ctx: _Ctx, q: Quote, lo: int, hi: int, final: bool = False) -> bool:
    text, ents = ctx.text, ctx.ents
    if lo >= hi:
        return False
    # "…," said Robert Einhorn, a senior fellow at the Brookings Institution.
    m = _CUE_AT.match(text, lo, hi)
    if m:
        cue_s, cue_e = m.span("cue")
        mm = _mention_at(ents, text, m.end(), hi, ctx) or _surname_at(ctx, m.end(), hi)
        if mm is not None and not m.group("cue").startswith("according"):
            spk, ms, me = ctx.speaker_of(mm)
            end = _attr_end(text, me, hi)
            q.speaker = spk
            q.cue = (cue_s, cue_e)
            q.attribution = (cue_s, end)
            ap = _appositive(text, me, end)
            if ap:
                q.speaker_affiliation = ap
            return True
    # "“…,” read the essay, … It was submitted by Kim Yong-guk": the writing's author
    rd = m or _READ_AT.match(text, lo, hi)
    if rd:
        w = _WRITING_AT.match(text, rd.end(), hi)
        if w:
            author = _author_near(ctx, w.start())
            if author is not None:
                q.speaker = author
                q.cue = rd.span("cue")
                q.attribution = (rd.start("cue"), w.end())
                q.notes.append("author")
                return True
    # "…," Einhorn, who also served as …, added.  /  "…," he said.
    j = lo
    while j < hi and text[j] in HSPACE + ",":
        j += 1
    mm = _mention_at(ents, text, j, hi, ctx)
    if mm is None:
        mm = _surname_at(ctx, j, hi)
    if mm is not None:
        me = mm.end if isinstance(mm, Mention) else mm[2]
        c = _SUBJ_CUE_AFTER.match(text, me, hi)
        if c is None and isinstance(mm, tuple) and mm[0] == "role":
            # "…, the deputy head of the U.N. Command overseeing the Korean armistice said"
            c = _PARTICIPLE_CUE_AFTER.match(text, me, hi)
        if c:
            spk, ms, _ = ctx.speaker_of(mm)
            q.speaker = spk
            q.cue = c.span("cue")
            q.attribution = (ms, c.end("cue"))
            if c.group("appos"):
                ap = text[c.start("appos"):c.end("appos")].strip(WS + ",")
                if ap.startswith(("’s,", "'s,")):
                    ap = ap[3:].strip(WS)
                q.speaker_affiliation = ap or None
            return True
    # "…," according to South Korea’s National Intelligence Service.
    acc = None if final else re.search(r"\baccording" + _S + r"+to" + _S + r"+", text[lo:hi])
    if acc:
        pos = lo + acc.end()
        mm = _mention_at(ents, text, pos, hi, ctx)
        if isinstance(mm, tuple) and mm[0] == "role":
            q.speaker = mm[3]
            q.cue = (lo + acc.start(), lo + acc.start() + len("according to"))
            q.attribution = (lo + acc.start(), mm[2])
            return True
        if isinstance(mm, Mention):
            chain = mm  # the head of a possessive chain: X’s Y
            while text[chain.end:chain.end + 2] in ("’s", "'s"):
                k = chain.end + 2
                while k < hi and text[k] in HSPACE:
                    k += 1
                nx = ents.starting_at(k)
                if nx is None:
                    break
                chain = nx
            q.speaker = ctx.ent(chain)
            q.cue = (lo + acc.start(), lo + acc.start() + len("according to"))
            q.attribution = (lo + acc.start(), _attr_end(text, chain.end, hi))
            return True
    return False


def _attr_end(text: str, pos: int, hi: int) -> int:
    """End of an attribution that runs to the end of its sentence (appositive included)."""
    end = hi
    while end > pos and (text[end - 1] in WS or text[end - 1] in ".,;:"):
        end -= 1
    return max(end, pos)


def _appositive(text: str, name_end: int, end: int) -> str | None:
    rest = text[name_end:end]
    if rest.startswith(",") or rest.startswith("’s,") or rest.startswith("'s,"):
        ap = rest.split(",", 1)[1].strip(WS)
        return ap or None
    return None


def _subject(ctx: _Ctx, lo: int, hi: int) -> Entity | None:
    """The subject of a clause: its first person mention, else its first institution."""
    ms = [m for m in ctx.ents.within(lo, hi) if not _in_any(m.start, ctx.qspans)]
    for m in ms:
        if m.entity.kind == "person":
            return ctx.ent(m)
    for m in ms:
        if m.entity.kind == "institution":
            return m.entity
    p = _PRONOUN_AT.search(ctx.text, lo, hi)
    if p and p.group("p").lower() in ("he", "she"):
        return ctx.resolve_pronoun(p.start(), p.group("p").lower())
    return None


def _author_near(ctx: _Ctx, pos: int) -> Entity | None:
    """The person the text names as the author of a writing mentioned at ``pos``: "It was
    submitted by Kim Yong-guk", "an essay written by …", in the paragraphs around it (the
    nearest); None when the text names no author."""
    text = ctx.text
    para = ctx.layout.para_at(pos)
    lo, hi = para.start, para.end
    pp = ctx.layout.prev_nonblank(para.index)
    if pp is not None:
        lo = pp.start
    np_ = ctx.layout.next_nonblank(para.index)
    if np_ is not None:
        hi = np_.end
    best, best_d = None, None
    for b in _AUTHOR_BY.finditer(text, lo, hi):
        if _in_any(b.start(), ctx.qspans):
            continue
        mm = _mention_at(ctx.ents, text, b.end(), hi, ctx)
        if mm is None or (isinstance(mm, tuple) and mm[0] == "pronoun"):
            continue
        spk, _, _ = ctx.speaker_of(mm)
        if spk is None or spk.kind != "person":
            continue
        d = abs(b.start() - pos)
        if best_d is None or d < best_d:
            best, best_d = spk, d
    return best


def _role_start(ent: Entity, m: Mention) -> int:
    """Start of 'North Korean leader Kim Jong-un' when a title stands before the name."""
    for r in ent.roles:
        if r.end == m.end and r.start < m.start:
            return r.start
    return m.start


def _before(ctx: _Ctx, q: Quote, lo: int, hi: int, allow: tuple[int, int] | None, nested: bool = False) -> bool:
    text, ents = ctx.text, ctx.ents
    if lo >= hi:
        return False
    cues = [c for c in _find_cues(text, lo, hi) if ctx.outside(c.start(), allow)]
    for c in reversed(cues):
        word = c.group("cue")
        if word == "called" and not _CALLED_SPEECH.match(text, c.end(), hi + 1):
            continue  # "called" introduces a term, not speech ("called for", "called it": speech)
        if not word.endswith("ing") and _PASSIVE_BEFORE.search(text, max(lo, c.start() - 12), c.start()):
            continue
        if not word.endswith("ing") and _INFINITIVE_BEFORE.search(text, max(lo, c.start() - 4), c.start()):
            continue
        if _POSSESSIVE_BEFORE.search(text, max(lo, c.start() - 40), c.start()):
            continue  # a noun ("North Korea’s demand"), handled with the possessors below
        if word.startswith("according"):
            mm = _mention_at(ents, text, c.end() + 1, hi)
            if isinstance(mm, Mention):
                q.speaker, q.cue = ctx.ent(mm), c.span("cue")
                q.attribution = (c.start(), mm.end)
                return True
            continue
        doc = bool(_DOC_CUE.match(word))
        if doc and not _TO_AFTER.match(text, c.end()):
            continue
        clause_lo = lo
        participle = word.endswith("ing") and _COMMA_BEFORE.search(text, max(lo, c.start() - 3), c.start())
        if not participle:  # ", saying that …": the subject is the main clause's, before any "that"
            for sep in _CLAUSE_SEP.finditer(text, lo, c.start()):
                clause_lo = sep.end()
        while clause_lo < c.start() and text[clause_lo] in WS:
            clause_lo += 1
        # "…, said Chinese Ambassador to Seoul Xing Haiming, calling it “…”": the cue inverted
        if not nested and not doc and _COMMA_BEFORE.search(text, max(lo, c.start() - 3), c.start()):
            inv = _mention_at(ents, text, _skip_space(text, c.end(), hi), hi, ctx)
            if inv is not None and not (isinstance(inv, tuple) and inv[0] == "pronoun"):
                spk, ms_, me_ = ctx.speaker_of(inv)
                if spk is not None and (spk.kind == "person" or isinstance(inv, tuple)):
                    q.speaker, q.cue = spk, c.span("cue")
                    q.attribution = (c.start(), me_)
                    return True
        ms = [m for m in ents.within(clause_lo, c.start()) if ctx.outside(m.start, allow)]
        persons = [m for m in ms if m.entity.kind == "person"]
        # a possessor ("Referring to Moon's address …, Kim … noted") or a name inside another
        # person's role is not the subject, when the clause names someone else
        subj = [m for m in persons if not _POSS_AT.match(text, m.end) and not ctx._in_other_role(m.entity, m)]
        insts = [m for m in ms if m.entity.kind == "institution"]
        if subj:
            persons = subj
        elif persons and any(not _POSS_AT.match(text, m.end) for m in insts):
            persons = []  # "Moon Jae-in’s demand … officials in Pyongyang who called it"
        if not persons:
            isubj = [m for m in insts if not _POSS_AT.match(text, m.end)]
            if isubj:
                insts = isubj
        spk_m = persons[0] if persons else (insts[0] if insts else None)
        # "The essay alluded to …, urging the US to “respond positively”": the writing's author
        wr = _WRITING_AT.match(text, clause_lo, c.start())
        if wr is not None and not nested and (spk_m is None or spk_m.start >= wr.end()):
            author = _author_near(ctx, wr.start())
            if author is not None:
                q.speaker, q.cue = author, c.span("cue")
                q.attribution = (wr.start(), c.end("cue"))
                q.notes.append("author")
                return True
        if participle and not nested and spk_m is None:
            # "A senior government official distanced himself …, stating: “…”": the main
            # clause's subject is a title standing for someone
            tr = _title_run(ctx, _skip_space(text, clause_lo, c.start()), c.start())
            if isinstance(tr, tuple) and tr[0] == "role":
                q.speaker, q.cue = tr[3], c.span("cue")
                q.attribution = (tr[1], c.end("cue"))
                return True
        if not nested:
            # "The US president said:", "the President said,", "…, the official said": a title
            # right before the cue (not an appositive: "Kim Yo-jong, the sister of …, said")
            tb = _title_before(ctx, clause_lo, c.start())
            if tb is not None:
                q.speaker, q.cue = tb[3], c.span("cue")
                end = c.end("cue")
                t = _THAT_AFTER.match(text, end, hi)
                q.attribution = (tb[1], t.end() if t and t.end() <= hi else end)
                return True
        joint = False
        if spk_m is not None:
            # "Washington and Pyongyang committed": two issuers, no single speaker
            nxt = [m for m in ms if m.start > spk_m.start]
            if nxt and _JOINT.match(text[spk_m.end:nxt[0].start] + " "):
                joint = True
            else:  # "President Donald Trump and Chairman Kim Jong-un vowed"
                jm = _AND_AT.match(text, spk_m.end, c.start())
                if jm and isinstance(_title_run(ctx, jm.end(), c.start()), Mention):
                    joint = True
        both = None
        for both in _BOTH.finditer(text, clause_lo, c.start()):
            pass
        if both is not None and (not persons or both.start() >= persons[-1].end):
            joint = True  # "both sides pledged"; not "Kwon said" after "the two Koreas"
        spk = ctx.ent(spk_m) if spk_m is not None else None
        a_start = _role_start(spk, spk_m) if spk_m is not None else None
        if spk is None and not joint:
            # "…, the North highlighted …": a Korean half standing for its state, as the subject
            hs = _HALF_SUBJECT.search(text, clause_lo, c.start())
            if hs:
                spk = _state_entity(ents, hs.group("half").capitalize() + " Korea")
                a_start = hs.start()
        if spk is None and not joint:
            p = _PRONOUN_AT.search(text, clause_lo, c.start())
            while p and p.group("noun") and _POSS_AT.match(text, p.end()):
                p = _PRONOUN_AT.search(text, p.end(), c.start())  # "the ministry’s website": a possessor
            if p and (p.group("noun") or p.group("p").lower() in ("he", "she", "it", "they")):
                spk = ctx.resolve_pronoun(p.start(), "it" if p.group("noun") else p.group("p").lower())
                a_start = p.start()
                if p.group("p").lower() == "they" and not p.group("noun"):
                    joint = True  # "They also agreed to …": the parties together, no single speaker
        if joint:
            spk = None
            a_start = clause_lo
        elif spk is None:
            continue
        q.speaker = spk
        q.cue = c.span("cue")
        end = c.end("cue")
        t = (_TO_AFTER if doc else _THAT_AFTER).match(text, end, hi)
        if t and t.end() <= hi:
            end = t.end()
        q.attribution = (a_start, end)
        if doc or (joint and len(text[q.start:q.end].split()) > 6):
            q.notes.append("document")  # the wording of two issuers together is a document's
        return True
    # "Washington’s repeated overtures to … “anywhere, anytime”": the possessor speaks
    for m in reversed([m for m in ents.within(lo, hi) if ctx.outside(m.start, allow)]):
        sn = _SPEECH_NOUN_AFTER.match(text, m.end, hi)
        if sn:
            q.speaker = m.entity
            q.attribution = (m.start, sn.end())
            q.notes.append("possessor")
            return True
    if nested:
        return False
    # 'the Japanese government “definitely has no desire …': the subject owns the predicate
    sq = _SUBJ_QUOTE.search(text, max(lo, hi - 60), hi)
    if sq and text[q.start:q.start + 1].islower():
        m = ents.ending_at(sq.start("tail"))
        if m is not None and m.start >= lo and ctx.outside(m.start, allow) and not _in_any(m.start, ctx.qspans) \
                and not _AND_BEFORE.search(text, max(lo, m.start - 6), m.start):  # not "The DPRK and ROK"
            q.speaker = ctx.ent(m)
            q.attribution = (_role_start(q.speaker, m) if q.speaker.kind == "person" else m.start, sq.end("tail"))
            q.notes.append("subject")
            return True
    # "In Washington, there is also the view that …": the place's state holds the view
    for v in _VIEW_IN.finditer(text, lo, hi):
        ms = [m for m in ents.within(v.start("x"), v.end("x"))]
        if len(ms) == 1 and ms[0].entity.kind == "institution":
            q.speaker = ms[0].entity
            q.attribution = (v.start(), v.end())
            q.notes.append("view")
            return True
    return False


_DOC_NOUN_LIST = tuple(sorted(lexicon.DOCUMENT_NOUNS))


def _has_doc_noun(s: str) -> bool:
    low = s.lower()
    return any(n in low for n in _DOC_NOUN_LIST) and bool(_DOC_NOUN.search(s))


def _kind(ctx: _Ctx, i: int, q: Quote) -> str:
    text = ctx.text
    content = text[q.start:q.end].strip(WS + "…'‘’\"“”(")
    words = content.split()
    nwords = len(words)
    upper = bool(content) and (content[0].isupper() or content[0].isdigit())
    ends_sentence = content[-1:] in ".?!,…" if content else False
    para = ctx.layout.paras[q.para]
    if q.nested:
        if nwords <= 6 or q.speaker is None:
            return "term"
        return "statement" if upper and ends_sentence else "partial"
    s_lo, _ = _sentence_bounds(ctx, q)
    before = text[max(para.start, s_lo):q.open_mark]
    tail = before[-60:]
    low_tail = tail.lower()
    speech_cue = q.cue is not None and "document" not in q.notes
    if upper and (para.trailer or (not speech_cue and any(h in low_tail for h in _TITLE_HINTS)
                                   and _TITLE_BEFORE.search(tail))):
        q.notes.append("marked")
        return "title"
    if q.close_mark is not None and nwords <= 6 and text[q.close_mark + 1:q.close_mark + 3].lstrip(HSPACE)[:1] == "(" \
            and _ABBR_AFTER.match(text, q.close_mark + 1):
        q.notes.append("marked")  # "prisoners of war" (POWs): the writer marks a term
        return "term"
    if "described" in q.notes and nwords >= 3:
        return "partial"  # not a label: a description the speaker gave
    if "calls" in q.notes and nwords <= 6:
        return "term"  # the one who calls it so keeps the speaker (codebook: a term's speaker)
    if nwords <= 6 and any(h in low_tail for h in _TERM_HINTS) and _TERM_BEFORE.search(tail):
        q.notes.append("marked")  # so-called "...", counted as "..."
        return "term"
    if "document" in q.notes or (not (speech_cue and q.speaker is not None and q.speaker.kind == "person")
                                 and _has_doc_noun(before) and _DOC_VERB_TO.search(before)):
        return "document"
    if "continued" in q.notes or q.continued_from is not None:
        return "statement" if (upper or nwords >= 4) else "partial"
    if "cut" in q.notes and upper and q.speaker is not None:
        return "statement"  # 'said … that “Pr' where the excerpt ends: a sentence begun, not a fragment
    if para.heading and q.cue is None:
        q.notes.append("marked")
        return "term"
    lead = text[para.start:q.open_mark].strip(WS)
    trail = text[(q.close_mark + 1) if q.close_mark is not None else q.end:para.end].strip(WS + ".,")
    whole_para = not lead and not trail
    if upper and (nwords >= 4 or ends_sentence) and (q.speaker is not None or whole_para):
        return "statement"
    if q.speaker is not None and _lower_sentence(content, words):
        return "statement"  # that “the new administration will preserve their broad framework.”
    if ("possessor" in q.notes or "relative" in q.notes) and nwords <= 3 and not ends_sentence:
        return "term"
    if q.speaker is not None:
        return "partial"
    return "term"


_SUBJECT_START = frozenset("it it’s it's we i they he she there this these that a an the our their its".split())
_FINITE = frozenset("""is are was were will would can could must should shall may might has have had does do did
    cannot won’t won't isn’t isn't""".split())


def _lower_sentence(content: str, words: list[str]) -> bool:
    """A complete sentence quoted after "that" with a lower-case start: a subject first (a
    pronoun or a determiner), a finite verb after it, sentence-final punctuation."""
    if len(words) < 5 or content[-1:] not in ".!?" or not content[:1].islower():
        return False
    if words[0].lower() not in _SUBJECT_START:
        return False
    return any(w.lower().strip(",;") in _FINITE for w in words[1:]) or words[0].lower() in ("it’s", "it's")


def _affiliation_text(ctx: _Ctx, ent: Entity) -> str | None:
    """The speaker's role as the text first states it ('a senior fellow at …')."""
    for r in ent.roles:
        for m in ent.mentions:
            if r.start <= m.start < r.end:
                before = ctx.text[r.start:m.start].strip(WS + ",")
                after = ctx.text[m.end:r.end]
                if after.startswith(("’s", "'s")):
                    after = after[2:]
                after = after.strip(WS + ",")
                out = (before + " " + after).strip() if before and after else (before or after)
                return out or None
        return ctx.text[r.start:r.end]
    return None
