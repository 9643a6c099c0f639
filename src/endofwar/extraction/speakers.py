"""From a source phrase to the person or institution it names: the resolution step of attribution.

A frame's source is a phrase of the text ("White House press secretary Josh Earnest", "he",
"the minister", "a Foreign Ministry spokesman"). It names the entity whose mention heads the
phrase (a person before an institution, never a possessor: "Sullivan’s lawyer Beth Wilkinson"
is Beth Wilkinson); a pronoun names the speaker the text is talking about; a title with no name
names the person the text gives that title; an anonymous source ("a ministry official") speaks
for the institution named with it.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from . import lexicon
from .entities import Entities, Entity, Mention, family_names
from .text import WS, Layout

_POSS = re.compile(r"[’']s?(?![\w])")
_PARTY_TAG = re.compile(r"\s*\([^()]{1,12}\)\s*$")
_CAP_WORD = re.compile(r"[A-Z][\w’'.-]*")
_TITLES = lexicon.TITLE_WORDS | lexicon.EXTRA_TITLE_WORDS
_ANON_AFTER = re.compile(r"(?:[’']s)?[\s\u00a0]+(?:[a-z-]+[\s\u00a0]+){0,2}?(?:" + "|".join(
    sorted(lexicon.ANONYMOUS_SOURCES)) + r")\b")
_LOOKBACK_PARAS = 3


class Speakers:
    def __init__(self, text: str, layout: Layout, ents: Entities, inside_quote):
        self.text, self.layout, self.ents, self.inside_quote = text, layout, ents, inside_quote
        self._said: list[tuple[int, Entity]] = []  # (end of attribution, speaker) in text order
        self._roles: list | None = None  # (start, end, person) of every role the text states

    def note(self, q) -> None:
        """Remember a quotation's speaker: a later "he said" most often means that person."""
        if q.speaker is not None and q.attribution is not None:
            self._said.append((q.attribution[1], q.speaker))

    def of_frame(self, f, quoted: bool = False) -> Entity | None:
        """The entity a frame's source names (``quoted``: the frame stands inside a quotation,
        so names inside quotations count)."""
        if f.source is None:
            return None
        s, e = f.source
        if f.source_kind == "group":
            return None
        if f.source_kind == "pronoun":
            return self.pronoun(s, self.text[s:e].lower())
        if f.source_kind == "relative":
            return self.relative(s)
        m = self.head(s, e, quoted)
        if m is not None and m.entity.kind == "person":
            return self.canonical(m)
        # "South Korean president says": a title names its holder before a state named with it
        holder = self.title_holder(s, e)
        if holder is not None:
            return holder
        if m is not None:
            return self.canonical(m)
        return self.anonymous(s, e) or self.named(s, e)

    def anonymous(self, s: int, e: int) -> Entity | None:
        """"the official", "a senior source": an anonymous source speaks for the institution
        this text last named with such a word ("a Cheong Wa Dae official told reporters")."""
        words = re.findall(r"[a-z]+", self.text[s:e].lower())
        if not any(w in lexicon.ANONYMOUS_SOURCES for w in words):
            return None
        for m in reversed(self.ents.within(0, s)):
            if m.entity.kind == "institution" and _ANON_AFTER.match(self.text, m.end):
                return m.entity
        return None

    def named(self, s: int, e: int) -> Entity | None:
        """A source phrase ending in a name the entity step did not find ("Reid", "Rep. Earl
        Blumenauer (D-Ore.)", "Republican party boss Reince Priebus"): that name, as a new
        person (an institution when it ends in an organisation's head word)."""
        phrase = self.text[s:e]
        tag = _PARTY_TAG.search(phrase)
        if tag:
            phrase = phrase[:tag.start()]
        words = list(_CAP_WORD.finditer(phrase))
        run: list[re.Match] = []
        for w in reversed(words):
            if run and phrase[w.end():run[0].start()].strip(WS):
                break  # not adjacent: the run of capitalised words ends here
            if w.group() in _TITLES or w.group().rstrip(".").lower() in lexicon.DOTTED_TITLES:
                break
            run.insert(0, w)
        while run and run[0].group() in lexicon.NOT_NAME_WORDS:
            run.pop(0)
        if not run or (len(run) == 1 and run[0].group() in lexicon.NOT_NAME_WORDS):
            return None
        if phrase[run[-1].end():].strip(WS + ",.") or all(w.group().lower() in lexicon.UNNAMED_GROUPS for w in run):
            return None  # "a longtime GOP data expert": the name must end the phrase; "Critics said"
        a, b = s + run[0].start(), s + run[-1].end()
        name = self.text[a:b]
        kind = "institution" if any(w.group() in lexicon.ORG_HEADS for w in run) else "person"
        return self.ents.add(kind, name, a, b)

    def head(self, s: int, e: int, quoted: bool = False) -> Mention | None:
        """The mention a source phrase is about: a person not written as a possessor or inside
        another person's description, else such an institution, else any mention."""
        ms = [m for m in self.ents.within(s, e) if m.end <= e and (quoted or not self.inside_quote(m.start))]
        if not ms:
            return None
        own = [m for m in ms if not _POSS.match(self.text, m.end) and not self._in_other_role(m)]
        for pool in (own, ms):
            persons = [m for m in pool if m.entity.kind == "person"]
            if persons:
                return persons[-1] if pool is own else persons[0]
            if pool:
                return pool[0]
        return None

    def canonical(self, m: Mention) -> Entity:
        """A lone family name ("Kim") names the person of this text with that family name written
        in full most recently before it, when its own entity is never written in full here."""
        ent = m.entity
        surface = self.text[m.start:m.end].strip(WS)
        if ent.kind != "person" or " " in surface:
            return ent
        if any(" " in self.text[x.start:x.end].strip(WS) and x.start < m.start for x in ent.mentions):
            return ent
        best, best_at = ent, -1
        key = surface.replace("-", "").lower()
        for p in self.ents.persons:
            if p is ent or key not in (n.replace("-", "").lower() for n in family_names(p.name)):
                continue
            for x in p.mentions:
                if best_at < x.start < m.start and " " in self.text[x.start:x.end].strip(WS):
                    best, best_at = p, x.start
        return best

    def _in_other_role(self, m: Mention) -> bool:
        """A name inside another person's description ("the sister of leader Kim Jong-un")."""
        if self._roles is None:
            self._roles = [(r.start, r.end, o) for o in self.ents.persons for r in o.roles]
        return any(a <= m.start and m.end <= b and (b - a) > (m.end - m.start) and o is not m.entity
                   for a, b, o in self._roles)

    def _window(self, pos: int) -> int:
        """Start of the stretch a pronoun may look back over: its paragraph and a few before."""
        p = self.layout.para_at(pos)
        for _ in range(_LOOKBACK_PARAS):
            pp = self.layout.prev_nonblank(p.index)
            if pp is None:
                break
            p = pp
        return p.start

    def pronoun(self, pos: int, word: str) -> Entity | None:
        """He or she: the subject its own sentence opens with; else the last speaker, unless
        another person is named since; else the last person named outside quotations (a
        possessor only when no one else is: "Yoon’s tougher line … He framed …"). It: the same
        for institutions ("Pyongyang wants … what it calls"). They: nobody single."""
        if word in ("they", "we", "i", "you"):
            return None
        lo = self._window(pos)
        kind = "institution" if word == "it" else "person"
        shown = [m for m in self.ents.within(lo, pos) if m.end <= pos and m.entity.kind == kind
                 and not self.inside_quote(m.start)]
        named = [m for m in shown if not _POSS.match(self.text, m.end)]
        sent = self.layout.sentence_at(pos)
        if sent is not None:
            opener = next((m for m in named if m.start >= sent.start), None)
            if opener is not None and not self.text[sent.start:opener.start].strip(WS):
                return self.canonical(opener)
        if kind == "person":
            k = bisect_left([a for a, _ in self._said], pos)
            if k > 0:
                at, spk = self._said[k - 1]
                if at >= lo and spk.kind == "person" and not any(m.start >= at and m.entity is not spk for m in named):
                    return spk
        for m in reversed(named):
            if not self._in_other_role(m):
                return self.canonical(m)
        return self.canonical(shown[-1]) if shown else None

    def relative(self, pos: int) -> Entity | None:
        """"X, who said ...": the person or body named right before the relative pronoun."""
        k = pos
        while k > 0 and self.text[k - 1] in WS + ",":
            k -= 1
        m = self.ents.ending_at(k)
        return self.canonical(m) if m is not None else None

    def title_holder(self, s: int, e: int) -> Entity | None:
        """"the minister", "the president": the person this text writes with that title, the one
        named last before the phrase (or first after it, when a headline comes first)."""
        words = re.findall(r"[a-z-]+", self.text[s:e].lower())
        head = next((w for w in reversed(words) if w in lexicon.ROLE_HEADS), None)
        if head is None:
            return None
        forms = lexicon.ROLE_HEADS[head]
        best, best_key = None, None
        for p in self.ents.persons:
            if not any(any(f in (r.title or "").lower() for f in forms) for r in p.roles):
                continue
            starts = [x.start for x in p.mentions if not self.inside_quote(x.start)]
            if not starts:
                continue
            before = [x for x in starts if x < s]
            key = (1, before[-1]) if before else (0, -starts[0])
            if best_key is None or key > best_key:
                best, best_key = p, key
        return best

    def affiliation(self, ent: Entity) -> str | None:
        """The speaker's role as the text first states it ('a senior fellow at …')."""
        for r in ent.roles:
            for m in ent.mentions:
                if r.start <= m.start < r.end:
                    before = self.text[r.start:m.start].strip(WS + ",")
                    after = self.text[m.end:r.end]
                    if after.startswith(("’s", "'s")):
                        after = after[2:]
                    after = after.strip(WS + ",")
                    out = (before + " " + after).strip() if before and after else (before or after)
                    return out or None
            return self.text[r.start:r.end]
        return None
