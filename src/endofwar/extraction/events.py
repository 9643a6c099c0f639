"""Draft events around dated references, and find registry events a text mentions.

An event row needs a title, a type and a date. Where a dated reference sits next to an
event noun ("the 2018 Singapore summit", "an inter-Korean statement in 2007", "invasion
of Cambodia in 1978") the noun phrase gives the title and the noun the type. Everything
here is a draft for review; nothing is invented where the text gives no event noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon
from .dates import DateRef
from .entities import Entities, Entity
from .gazetteer import Gazetteer
from .text import HSPACE, WS, Layout, slugify

_S = r"[" + re.escape(HSPACE) + r"]"
_NOUNS = sorted(lexicon.EVENT_NOUNS, key=len, reverse=True)
_NOUN_ALT = r"(?:" + "|".join(_NOUNS) + r")"
# "the 2018 Singapore summit", "the 1991 Cambodian Peace Agreement"
_AFTER_DATE = re.compile(
    r"(?P<mods>(?:" + _S + r"+(?:[A-Z][\w’'-]*|joint|peace|inter-Korean|nuclear|missile|presidential))*)" + _S
    + r"+(?P<noun>" + _NOUN_ALT + r"|Summit|Agreement|Accord|Treaty|Declaration|Statement|Election|Armistice|War)\b")
# "an inter-Korean statement in 2007", "his UN speech in September", "invasion of Cambodia in 1978"
_BEFORE_DATE = re.compile(
    r"(?P<phrase>(?:(?:[\w’'-]+" + _S + r"+){0,3}?)(?P<noun>" + _NOUN_ALT + r")(?:" + _S
    + r"+(?:of|with|between|on|at|to)" + _S + r"+(?:the" + _S + r"+)?[A-Z][\w’'-]*(?:" + _S + r"+[A-Z][\w’'-]*)*)?)"
    + _S + r"+(?:in|on|of|since|during)" + _S + r"+$", re.I)
_BETWEEN = re.compile(r"\bbetween" + _S + r"+")
_DETERMINERS = frozenset("a an the his her its their our this that these those".split())


@dataclass
class DraftEvent:
    event_id: str
    title: str
    event_type: str
    date: DateRef
    evidence: tuple[int, int]
    actors: list[tuple[Entity, str, int, int]] = field(default_factory=list)


def find_registry_events(text: str, gaz: Gazetteer) -> list[tuple[dict, int, int]]:
    """(registry event, start, end) for each registry event whose title, date_text or
    alias occurs in the text (first occurrence)."""
    out = []
    for ev in gaz.events:
        surfaces = [ev.get("date_text"), ev.get("title"), *(ev.get("aliases") or [])]
        best = None
        for s in surfaces:
            if not isinstance(s, str) or len(s) < 4:
                continue
            i = text.find(s)
            if i != -1 and (best is None or i < best[0]):
                best = (i, i + len(s))
        if best:
            out.append((ev, best[0], best[1]))
    return out


def draft_events(text: str, layout: Layout, dates: list[DateRef], ents: Entities,
                 taken_spans: list[tuple[int, int]]) -> list[DraftEvent]:
    out: list[DraftEvent] = []
    seen: set[str] = set()
    for d in dates:
        if d.date_start is None:
            continue
        if any(a <= d.start and d.end <= b for a, b in taken_spans):
            continue  # covered by a registry event
        sent = layout.sentence_at(d.start)
        if sent is None:
            continue
        # nested explicit year inside a relative expression: the relative one carries it
        ev = _event_near(text, d, sent.start, sent.end)
        if ev is None:
            continue
        title, etype, s, e = ev
        year = str(d.date_start.year)
        eid = slugify(title if year in title else f"{title} {year}")
        if eid in seen:
            continue
        seen.add(eid)
        de = DraftEvent(eid, title, etype, d, (s, e))
        de.actors = _actors(text, ents, s, e, sent.end, etype)
        out.append(de)
    return out


def _event_near(text: str, d: DateRef, lo: int, hi: int):
    m = _AFTER_DATE.match(text, d.end, hi)
    if m:
        s = d.start
        pre = text[max(lo, s - 4):s]
        if pre.lower().endswith("the "):
            s -= 4
        title = _clean(text[d.start:m.end()])
        noun = m.group("noun").lower()
        return title, lexicon.EVENT_NOUNS.get(noun, "other"), s, m.end()
    window = text[max(lo, d.start - 90):d.start]
    m = _BEFORE_DATE.search(window)
    if m:
        base = max(lo, d.start - 90)
        ps = base + m.start("phrase")
        words = text[ps:base + m.end("phrase")].split()
        # drop leading words up to a determiner ("sent back 55 US war remains")
        for k, w in enumerate(words):
            if w.lower() in _DETERMINERS:
                words = words[k + 1:]
                break
        phrase = " ".join(words)
        if not phrase:
            return None
        noun = m.group("noun").lower()
        ps = text.find(words[0], ps) if words else ps
        return _clean(phrase), lexicon.EVENT_NOUNS.get(noun, "other"), ps, d.end
    return None


def _clean(s: str) -> str:
    s = re.sub(r"[\s\u00a0]+", " ", s).strip(WS + ",.;:")
    return s[:1].upper() + s[1:] if s else s


def _actors(text: str, ents: Entities, s: int, e: int, hi: int, etype: str):
    """Parties named with 'between X and Y' right after the event phrase."""
    out = []
    b = _BETWEEN.search(text, e, min(hi, e + 200))
    if b and b.start() - e < 40:
        ms = [m for m in ents.within(b.end(), min(hi, b.end() + 160))]
        role = "signatory" if etype == "agreement" else "participant"
        for m in ms[:2]:
            out.append((m.entity, role, m.start, m.end))
    return out
