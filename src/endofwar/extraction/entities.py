"""People, institutions and states named in a text, with their roles as the text states them.

No NER model: names are found from capitalisation, the gazetteer (registry + general
knowledge), organisation head words ("Institute", "Foundation", "Department") and the
contexts newswire puts around a person's name (titles, appositives, cue verbs, bylines).
Short names ("Einhorn", "Moon") are resolved to the nearest full name they abbreviate.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon
from .cues import SPEECH_FORMS
from .gazetteer import Gazetteer, Known, norm_key
from .text import HSPACE, Layout, slugify

_H = re.escape(HSPACE)
# Plain alphanumeric tokens, for gazetteer n-grams.
_DOT_TITLES = frozenset("Mr Mrs Ms Dr Gen Sen Rep Lt Col Prof Adm St Gov Capt Maj Sgt Rev Fr Jr Sr".split())
_CUE_WORDS = "|".join(sorted(SPEECH_FORMS, key=len, reverse=True))
_CUE_AFTER = re.compile(
    r"(?:[’']s)?(?:,[" + _H + r"]+(?:a|an|the|who|whose|former|currently|now|then|also)\b|[" + _H
    + r"]+(?:also[" + _H + r"]+|has[" + _H + r"]+|had[" + _H + r"]+)?(?:" + _CUE_WORDS
    + r"|pointed|took|served|serves|wrote|of[" + _H + r"]+the)\b)"
)
_CUE_BEFORE = re.compile(r"(?:\b(?:" + _CUE_WORDS + r"|according[" + _H + r"]+to|By|by)[" + _H + r"]+)$")
_BYLINE = re.compile(r"(?:^|[\s\u00a0]|\d)(?:By|BY|by)[" + _H + r"]+$")
_ADMIN_AFTER = re.compile(r"[" + _H + r"]+(?:administration|government)\b")
_ABBR_AFTER = re.compile(r"[" + _H + r"]*\(([A-Z][A-Z&.-]{1,9})\)")
_APPOS = re.compile(
    r"(?:[’']s)?,[" + _H + r"]+(?P<body>[^,;()“”\"\n]+?)(?=,|;|\)|\.(?:[\s\u00a0]|$)|\n|$|“|\")"
)
_APPOS_HEAD = re.compile(
    r"(?:who[" + _H + r"]+(?:also[" + _H + r"]+|previously[" + _H + r"]+|once[" + _H + r"]+|formerly[" + _H
    + r"]+|currently[" + _H + r"]+|now[" + _H + r"]+)?(?P<verb>has[" + _H + r"]+served|had[" + _H
    + r"]+served|served|serves|is|was|worked|works|has[" + _H + r"]+worked|had[" + _H + r"]+worked|held|holds)"
    r"(?:[" + _H + r"]+as)?[" + _H + r"]+)?(?P<former>(?:former|ex-|then-|previously|formerly)[" + _H
    + r"]*)?(?P<article>(?:a|an|the)[" + _H + r"]+)?(?P<former2>(?:former|ex-|then-)[" + _H + r"]*)?"
)
_SERVED = re.compile(
    r"[" + _H + r"]+(?:also[" + _H + r"]+|previously[" + _H + r"]+|formerly[" + _H + r"]+|once[" + _H
    + r"]+)?(?P<verb>has[" + _H + r"]+served|had[" + _H + r"]+served|served|serves|worked|works)[" + _H
    + r"]+as[" + _H + r"]+(?P<body>[^,;()“”\"\n]+?)(?=,|;|\)|\.(?:[\s\u00a0]|$)|\n|$)"
)
_OF_ORG = re.compile(r"[" + _H + r"]+(?:of|from)[" + _H + r"]+(?:the[" + _H + r"]+)?")
_PREP_SPLIT = re.compile(r"[" + _H + r"]+(?:at|of|with|for|in|from)[" + _H + r"]+(?:the[" + _H + r"]+)?")
_BAD_APPOS_START = frozenset(
    """but and or which that who whom whose he she it they we i said says added told including
    despite according as while when where if because although though so also not his her their its
    this these those there here then""".split()
)
_TITLE_NOUNS = tuple(
    sorted(set(lexicon.ANALYST_TITLES + lexicon.OFFICIAL_TITLES + lexicon.POLITICIAN_TITLES
               + lexicon.JOURNALIST_TITLES + ("leader", "president", "chairman", "chief", "head", "member",
                                              "spokesperson", "spokesman", "spokeswoman", "adviser", "advisor")))
)
_RELATIONS = frozenset("sister brother wife husband son daughter father mother".split())
_TITLES = lexicon.TITLE_WORDS | lexicon.EXTRA_TITLE_WORDS


@dataclass(eq=False)
class Role:
    title: str | None
    institution: "Entity | None"
    status: str  # current | former
    start: int
    end: int


@dataclass(eq=False)
class Entity(Known):
    """A person or institution of this text: what the gazetteer knows, plus its mentions and roles here."""

    mentions: list["Mention"] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    byline: bool = False


@dataclass(eq=False, slots=True)
class Mention:
    start: int
    end: int
    entity: Entity
    how: str  # name | short | metonym | org | gazetteer | admin | abbr


def _text_order(m: Mention) -> tuple[int, int]:
    """Mentions in text order, the longer first where two start together."""
    return (m.start, -m.end)


class Entities:
    """The entities of one text, and lookups the attribution step needs."""

    def __init__(self, mentions: list[Mention], entities: list[Entity], pronouns: list[tuple[int, int, str]]):
        self.entities = entities
        self.pronouns = pronouns
        self._pron_starts = [p[0] for p in pronouns]
        self.mentions = sorted(mentions, key=_text_order)
        self._starts = [m.start for m in self.mentions]
        self._first_ending: dict[int, Mention] = {}  # end offset -> the first mention ending there
        for m in self.mentions:
            self._first_ending.setdefault(m.end, m)

    def add(self, kind: str, name: str, start: int, end: int) -> Entity:
        """A speaker the attribution grammar names that the name rules missed ("Reid said",
        a surname never written in full): a new entity of this text, or the one of that name.
        The mention is inserted in place: the lookups stay sorted without a re-sort."""
        ent = next((e for e in self.entities if e.kind == kind and e.name == name), None)
        if ent is None:
            ent = Entity(kind, name, slugify(name))
            self.entities.append(ent)
        m = Mention(start, end, ent, "source")
        ent.mentions.append(m)
        ent.mentions.sort(key=lambda x: x.start)
        i = bisect_right(self.mentions, _text_order(m), key=_text_order)
        self.mentions.insert(i, m)
        self._starts.insert(i, start)
        first = self._first_ending.get(end)
        if first is None or start < first.start:
            self._first_ending[end] = m
        return ent

    @property
    def persons(self) -> list[Entity]:
        return [e for e in self.entities if e.kind == "person"]

    @property
    def institutions(self) -> list[Entity]:
        return [e for e in self.entities if e.kind == "institution"]

    def starting_at(self, pos: int) -> Mention | None:
        i = bisect_left(self._starts, pos)
        if i < len(self.mentions) and self.mentions[i].start == pos:
            return self.mentions[i]
        return None

    def ending_at(self, pos: int) -> Mention | None:
        """The mention ending at ``pos`` that starts first (the longest)."""
        return self._first_ending.get(pos)

    def within(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def before(self, pos: int, lo: int, kind: str | None = None, exclude: list[tuple[int, int]] | None = None) -> Mention | None:
        """The last mention ending at or before ``pos`` and starting at or after ``lo``."""
        i = bisect_right(self._starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= lo:
            m = self.mentions[i]
            if m.end <= pos and (kind is None or m.entity.kind == kind):
                if not exclude or not any(a <= m.start < b for a, b in exclude):
                    return m
            i -= 1
        return None


_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_W = (r"[" + _UPPER + r"](?:\.(?:[A-Z]\.)+|[\w-]*(?:[’'][A-Z][\w-]*)?(?:(?<=s)[’'](?=[ \u00a0][A-Z])|(?<=People)[’']s"
      r"(?=[ \u00a0][A-Z]))?)")
_SEP = r"[ \t\u00a0\u202f\u2009]{1,3}"
_CONN = r"(?:(?:of|for|on|and|the|de|du|van|von|der|al|bin|la|le|del|da|dos|&)" + _SEP + r"){1,2}"
# A run of capitalised words on one line, with name connectors inside ("Council on Foreign Relations").
_CAPSEQ = re.compile(r"(?:" + _W + r")(?:" + _SEP + r"(?:" + _CONN + r")?(?:" + _W + r"))*")
# Words inside a run: split at hyphens before a capital ("US-Vietnam"), not before lower case ("Jae-in").
_SUBWORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:[’'][^\W_]+)*(?:-(?![" + _UPPER + r"])[^\W_]+)*")


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def _collapse(s: str) -> str:
    return _SPACES.sub(" ", s).strip()


def _is_cap(w: str) -> bool:
    return w[:1].isupper()


def _seq_gazetteer(text: str, words: list[tuple[int, int]], gaz: Gazetteer, out: list) -> None:
    """Longest gazetteer matches among the words of one capitalised run."""
    n = len(words)
    first = gaz.first_words
    maxn = gaz.max_tokens
    i = 0
    while i < n:
        s, e = words[i]
        if text[s:e] not in first:
            i += 1
            continue
        hit = None
        for j in range(min(n, i + maxn) - 1, i - 1, -1):
            k, meto = gaz.lookup(text[s:words[j][1]])
            if k is not None:
                hit = (j, k, meto)
                break
        if hit is None:
            i += 1
            continue
        j, k, meto = hit
        out.append((s, words[j][1], k, meto))
        i = j + 1


def _org_head(w: str) -> str | None:
    return lexicon.ORG_HEADS.get(w) or lexicon.EXTRA_ORG_HEADS.get(w)


def _find_orgs(text: str, words: list[tuple[int, int]], seq: list[int]) -> list[tuple[int, int]]:
    """(first word index, last word index) of organisation names inside a sequence.

    The sequence is cut into chunks at connectors; an organisation starts with the first
    chunk that holds a head word and runs on through connector-joined chunks (not across
    'and' right after a head word, so two organisations joined by 'and' stay apart)."""
    ws = [text[words[k][0]:words[k][1]] for k in seq]
    chunks: list[tuple[int, int, str | None]] = []  # (i, j) positions in seq; connector before
    i = 0
    conn = None
    while i < len(seq):
        if not _is_cap(ws[i]):
            conn = ws[i]
            i += 1
            continue
        j = i
        while j + 1 < len(seq) and _is_cap(ws[j + 1]):
            j += 1
        chunks.append((i, j, conn))
        conn = None
        i = j + 1
    out = []
    c = 0
    while c < len(chunks):
        i, j, _ = chunks[c]
        heads = [q for q in range(i, j + 1) if _org_head(ws[q])]
        if not heads:
            c += 1
            continue
        if all(ws[q] in lexicon.SITE_LABEL_WORDS for q in range(i, j + 1)) and c + 1 == len(chunks):
            c += 1  # "World News", "Press Release": a page's section label
            continue
        start = i
        if (c > 0 and chunks[c][2] == "and" and chunks[c - 1][2] is None and _org_head(ws[heads[-1]]) == "government_body"
                and not any(_org_head(ws[q]) for q in range(chunks[c - 1][0], chunks[c - 1][1] + 1))
                and not any(ws[q] in lexicon.NOT_NAME_WORDS for q in range(chunks[c - 1][0], chunks[c - 1][1] + 1))):
            start = chunks[c - 1][0]  # "Foreign Affairs and Unification Committee", "Asian and Oceanian Affairs Bureau"
        # drop leading sentence words ("The", "Essentially") from the organisation name
        while start < heads[0] and ws[start] in ("The", "A", "An", "In", "At", "For", "From", "By", "With",
                                                 "On", "Of", "To", "And", "But", "As"):
            start += 1
        end = j
        d = c + 1
        while d < len(chunks):
            i2, j2, conn2 = chunks[d]
            if conn2 is None or conn2 in ("the",):
                break
            if conn2 == "and" and _org_head(ws[end]):
                break
            if ws[i2] in lexicon.DATE_WORDS:
                break  # "the UN General Assembly on Saturday"
            # a chunk with its own head after 'and'/'of' is a second organisation
            if conn2 == "and" and any(_org_head(ws[q]) for q in range(i2, j2 + 1)):
                break
            # "of the X": allow only when the next chunk starts right after "of the"
            end = j2
            d += 1
        # a person's title after the head ends the name: "Central Committee Deputy Director Kim Yo-jong"
        for q in range(heads[0] + 1, end + 1):
            if ws[q] in lexicon.TITLES_AFTER_ORG and _org_head(ws[q - 1]) and _is_cap(ws[q]):
                end = q - 1
                break
        # connectors like "of the" inside: "Institute of the Americas"; keep simple
        out.append((seq[start], seq[end]))
        c = d
    return out


_TITLE_JUST_BEFORE = re.compile(r"\b([A-Z][a-z]+)\.?[" + HSPACE + r"]+$")
_NAME_LEAD = re.compile(r"(?:[A-Z][\w.’'-]*|\(|\)|\s)*")


def _antecedent(text: str, layout: Layout, before: list[Mention], s: int) -> Mention:
    """The person a lone family name at ``s`` stands for, when earlier mentions of one or more
    people with that family name precede it. With one person, the last mention. With several
    ("Kim Yo-jong, sister of North Korean leader Kim Jong-un, ... Kim said"), the lone name
    continues the person the text is about: a full name inside a quotation does not introduce the
    lone name outside it, and the most recent mention that is the subject of its sentence (only
    capitalised title words before it) wins over a name inside another's description."""
    if len({id(m.entity) for m in before}) < 2:
        return before[-1]
    quoted = [(a, b) for a, b in layout._protected]

    def inside(pos: int) -> bool:
        return any(a <= pos < b for a, b in quoted)

    pool = before
    if not inside(s):
        pool = [m for m in before if not inside(m.start)] or before
    # "Rep. Kim" after "Reps. Ro Khanna, … and Andy Kim" and "Leader Kim Jong-Un": the Kim
    # written with that title shortly before his full name
    t = _TITLE_JUST_BEFORE.search(text, max(0, s - 24), s)
    words = lexicon.ROLE_HEADS.get(t.group(1).lower()) if t else None
    if words:
        rx = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")s?\b\.?", re.I)
        titled = []
        for m in pool:
            lo = max(layout.para_at(m.start).start, m.start - 100)  # "Reps." may end a sentence
            if rx.search(text, lo, m.start):
                titled.append(m)
        if len({id(m.entity) for m in titled}) == 1:
            return titled[-1]
    for m in reversed(pool):
        sent = layout.sentence_at(m.start)
        lo = sent.start if sent is not None else 0
        if lo <= m.start and _NAME_LEAD.fullmatch(text, lo, m.start):
            return m
    return pool[-1]


def family_names(name: str) -> list[str]:
    """The family names of a full name, as the text may write it alone ("Moon", "Einhorn")."""
    parts = name.split()
    if len(parts) < 2:
        return []
    if "-" in parts[-1] and parts[-1].split("-", 1)[1][:1].islower():
        return [parts[0]]  # East Asian order: family name first (Moon Jae-in)
    fam = [parts[-1]]
    if parts[-1] in ("Jr.", "Jr", "Sr.", "Sr", "II", "III") and len(parts) > 2:
        fam = [parts[-2]]
    elif len(parts) == 2 and parts[0] not in lexicon.GIVEN_NAMES:
        fam.append(parts[0])  # "Park Jin": family name first or last, the text decides
    return fam


def find_entities(text: str, layout: Layout, gaz: Gazetteer) -> Entities:
    # candidate spans: (start, end, priority, payload)
    cands: list[tuple[int, int, int, tuple]] = []
    singles: list[tuple[int, int, str]] = []  # (start, end, word) single capitalised words
    gm: list[tuple[int, int, Known, bool]] = []
    not_name = lexicon.NOT_NAME_WORDS
    cache = gaz.seq_cache
    if len(cache) > 50_000:
        cache.clear()
    for sm in _CAPSEQ.finditer(text):
        s0 = sm.start()
        if s0 and (text[s0 - 1] in "’'-" or text[s0 - 1].isalnum()) and not _TITLE_PREFIX.search(
                text, max(0, s0 - 6), s0):
            continue  # inside a word ("inter-Korean", "iPhone"), but "then-U.S. President ..." is not
        seg = sm.group()
        plan = cache.get(seg)
        if plan is None:
            plan = cache[seg] = _plan(seg, gaz)
        if plan is _SKIP:
            continue
        ghits, orgs, runs = plan
        for rs, re_, k, meto in ghits:
            gm.append((s0 + rs, s0 + re_, k, meto))
        for rs, re_, oname in orgs:
            if _ORG_AS_TITLE.match(text, s0 + re_):
                continue  # "the SK-Korea Foundation chair": part of a title, not the organisation
            cands.append((s0 + rs, s0 + re_, 2, ("org", oname)))
        for names, title_in_seq, strong in runs:
            _person_run(text, s0, seg, names, title_in_seq, strong, cands, singles)
    for key in gaz.special_keys:
        i = text.find(key)
        while i != -1:
            j = i + len(key)
            if (i == 0 or not text[i - 1].isalnum()) and (j >= len(text) or not text[j].isalnum()):
                k, meto = gaz.lookup(key)
                if k is not None:
                    gm.append((i, j, k, meto))
            i = text.find(key, i + 1)
    if "(" in text or "Photo" in text or "•" in text:
        _credits(text, gaz, cands, gm)
    for bm in _CAPS_CREDIT.finditer(text):
        s, e = bm.span(1)
        if gaz.lookup(bm.group(1))[0] is None:  # "[YONHAP]" is the agency; "[PARK SANG-MOON]" a photographer
            cands.append((s, e, 5, ("person", _title_case(bm.group(1)), False)))
    the_required = gaz.the_required
    for s, e, k, meto in gm:
        if k.type == "state" and _EVENT_AFTER.match(text, e):
            continue  # a place naming an event ("the Singapore summit"), not the state acting
        if k.type == "state" and text[max(0, s - 4):s] in (" in ", " at ", " to ") and text[e:e + 2] not in ("’s", "'s") and (
                _VENUE_BEFORE.search(text, max(0, s - 60), s) or _BYLINE_PLACE.search(text, max(0, s - 120), s)):
            continue  # a venue ("summit held in Singapore", "a visit to Australia", a byline's "in Tokyo")
        if k.type == "government_body" and k.name in lexicon.BUILDINGS and _LOCATIVE_BEFORE.search(
                text, max(0, s - 12), s):
            continue  # "at the White House": a place
        if the_required and norm_key(text[s:e]) in the_required and not _THE_BEFORE.search(text, max(0, s - 4), s):
            continue  # "the South" names a state; "South" alone does not
        cands.append((s, e, 3, ("known", k, meto)))
    # "the Biden administration": a name followed by lower-case "administration"
    for s, e, w, _ in singles:
        m = _ADMIN_AFTER.match(text, e)
        if m:
            cands.append((s, m.end(), 4, ("admin", text[s:m.end()])))
    full_names: dict[str, str] = {}  # family name -> full name of the people named in full here
    for c in list(cands):
        if c[3][0] == "person" or (c[3][0] == "known" and c[3][1].kind == "person"):
            m = _ADMIN_AFTER.match(text, c[1])
            if m:  # "the Yoon Suk-yeol administration": the government, not the person
                cands.append((c[0], m.end(), 4, ("admin", text[c[0]:m.end()])))
            full = c[3][1] if c[3][0] == "person" else c[3][1].name
            for fam in family_names(full):
                full_names.setdefault(fam, full)
    # choose non-overlapping spans: longest first, then priority
    cands.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    chosen: list[tuple[int, int, int, tuple]] = []
    occ = bytearray(len(text) + 1)
    for c in cands:
        if occ.find(1, c[0], c[1]) != -1:
            continue
        chosen.append(c)
        occ[c[0]:c[1]] = b"\x01" * (c[1] - c[0])
    chosen.sort(key=lambda c: c[0])

    ents: dict[str, Entity] = {}
    mentions: list[Mention] = []
    order: list[Entity] = []

    fast: dict = {}

    def entity_for(kind: str, name: str, known: Known | None = None) -> Entity:
        fk = (kind, name, id(known))
        ent = fast.get(fk)
        if ent is not None:
            return ent
        ent = _entity_for(kind, name, known)
        fast[fk] = ent
        return ent

    def _entity_for(kind: str, name: str, known: Known | None = None) -> Entity:
        if known is not None:
            key = f"{known.kind}:{known.id}"
            ent = ents.get(key)
            if ent is None:
                ent = Entity(known.kind, known.name, known.id, known.type, known.country, known.abbreviation,
                             known.registry, parent_id=known.parent_id)
                ents[key] = ent
                order.append(ent)
            return ent
        key = f"{kind}:{norm_key(name).lower()}"
        ent = ents.get(key)
        if ent is None:
            k2 = gaz.by_name.get(norm_key(name).lower())
            if k2 is not None and k2.kind == kind:
                return _entity_for(kind, name, k2)
            ent = Entity(kind, norm_key(name), slugify(name))
            ents[key] = ent
            order.append(ent)
        return ent

    for s, e, _, payload in chosen:
        tag = payload[0]
        if tag == "known":
            k, meto = payload[1], payload[2]
            ent = entity_for(k.kind, k.name, k)
            mentions.append(Mention(s, e, ent, "metonym" if meto else "gazetteer"))
        elif tag == "org":
            name = payload[1]
            ent = entity_for("institution", name)
            if ent.type is None:
                ent.type = _institution_type(name)
                ent.country = ent.country or _country_prefix(name, gaz)
            mentions.append(Mention(s, e, ent, "org"))
        elif tag == "media":
            ent = entity_for("institution", payload[1])
            if ent.type is None:
                ent.type = "media"
            mentions.append(Mention(s, e, ent, "org"))
        elif tag == "admin":
            name = norm_key(payload[1])
            head = name.rsplit(" ", 1)[0]
            k, _ = gaz.lookup(name)
            if k is None:  # "the Moon administration", "the Joe Biden administration", "the Moon Jae-in government"
                person = head if " " in head else full_names.get(head)
                if person is None:
                    pk = _registry_short(text, s, head, gaz)
                    person = pk.name if pk is not None else None
                if person is not None:
                    for form in [person] + family_names(person):
                        k = gaz.lookup(form + " administration")[0] or gaz.lookup(form + " government")[0]
                        if k is not None:
                            break
            if k is not None and k.kind == "institution":
                ent = entity_for("institution", k.name, k)
                mentions.append(Mention(s, e, ent, "admin"))
                continue
            ent = entity_for("institution", name)
            if ent.type is None:
                ent.type = "government"
            mentions.append(Mention(s, e, ent, "admin"))
        elif tag == "person":
            ent = entity_for("person", payload[1])
            mentions.append(Mention(s, e, ent, "name"))
            if payload[2]:
                ent.byline = True
    # abbreviations in parentheses right after an organisation: "(USIP)"
    abbrs: dict[str, Entity] = {}
    for m in mentions:
        if m.entity.kind == "institution" and m.how in ("org", "gazetteer"):
            a = _ABBR_AFTER.match(text, m.end)
            if a:
                abbrs[a.group(1)] = m.entity
                if not m.entity.abbreviation:
                    m.entity.abbreviation = a.group(1)
    # short names: single capitalised words that abbreviate a full person name
    persons_by_family: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.entity.kind == "person" and m.how in ("name", "gazetteer"):
            fams = family_names(m.entity.name)
            if m.how == "gazetteer":  # a registry person named in full: its one-word names too
                fams = fams + [w for w, ks in gaz.person_short.items() if any(k.id == m.entity.id for k in ks)]
            for fam in dict.fromkeys(fams):
                persons_by_family.setdefault(fam, []).append(m)
    occupied_sorted = sorted((m.start, m.end) for m in mentions)
    occ_starts = [a for a, _ in occupied_sorted]
    for s, e, w, cut in singles:
        i = bisect_right(occ_starts, s) - 1
        if i >= 0 and occupied_sorted[i][0] <= s < occupied_sorted[i][1]:
            continue
        if w in abbrs:
            mentions.append(Mention(s, e, abbrs[w], "abbr"))
            continue
        full = persons_by_family.get(w)
        if not full:
            k = _registry_short(text, s, w, gaz) if not cut else None
            if k is not None:  # "President Trump", "Why Trump should ...": one registry person
                ent = entity_for("person", k.name, k)
                mentions.append(Mention(s, e, ent, "gazetteer"))
                persons_by_family.setdefault(w, []).append(mentions[-1])
                continue
            if _DOTTED_TITLE_BEFORE.search(text, max(0, s - 8), s) and w not in lexicon.NOT_NAME_WORDS:
                ent = entity_for("person", w)  # "Ms. Kim": a person known by one name
                mentions.append(Mention(s, e, ent, "name"))
                persons_by_family.setdefault(w, []).append(mentions[-1])
            continue
        before = [m for m in full if m.start < s]
        target = (_antecedent(text, layout, before, s) if before else full[0]).entity
        mentions.append(Mention(s, e, target, "short"))
        if w not in target.aliases:
            target.aliases.append(w)
    seen_surface = set()
    for m in mentions:
        m.entity.mentions.append(m)
        if m.how in ("gazetteer", "metonym", "org"):
            raw = text[m.start:m.end]
            key = (id(m.entity), raw)
            if key in seen_surface:
                continue
            seen_surface.add(key)
            surface = norm_key(raw)
            if surface != m.entity.name and surface not in m.entity.aliases:
                m.entity.aliases.append(surface)
    for ent in order:
        ent.mentions.sort(key=lambda m: m.start)
    result = Entities(mentions, [e for e in order if e.mentions], [])
    _find_roles(text, layout, result)
    for ent in result.entities:
        if ent.kind == "person" and not ent.registry:
            ent.type = _person_type(ent)
            if ent.country is None:
                ent.country = _person_country(ent)
    return result


_LOWER_TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(
    sorted((t for t in _TITLES if t[:1].islower() and t not in _RELATIONS), key=len, reverse=True))
    + r")[" + _H + r"]+$")
_DEMONYMS_LONGEST = sorted(lexicon.DEMONYMS.items(), key=lambda kv: -len(kv[0]))
_VENUE_BEFORE = re.compile(
    r"(?:\b(?:held|hold|holds|summit|meeting|meetings|talks|conference|met|meet|meets|ceremony|session|signed|"
    r"gathered|gathering)\b[^.,;:\n“”\"]{0,40}\b(?:in|at)|\b(?:visit|visits|trip|trips|travel|travels|travelled|traveled|"
    r"fly|flew|flies|flown|went|go|goes|return|returned|arrive|arrived|arrives|came|come|headed|heading)[" + _H
    + r"]+to)[" + _H + r"]+$")
_BYLINE_PLACE = re.compile(r"(?:^|\n)[-–•*\s]*(?:By|BY)\b[^\n]*\bin[" + _H + r"]+$")
_EVENT_AFTER = re.compile(
    r"[" + _H + r"]+(?:(?:Joint|Peace|Summit|Declaration|Agreement|Accords?|Treaty|Communiqu\w*|Statement|Deal|"
    r"Nuclear)\b|"
    r"(?:summit|talks|declaration|agreement|accord|treaty|statement|meeting|process|conference|war|war’s)\b)")
_LOCATIVE_BEFORE = re.compile(r"\b(?:at|in|inside|outside|to|from|near|into)[" + _H + r"]+the[" + _H + r"]+$")
_THE_BEFORE = re.compile(r"\b[Tt]he[" + _H + r"]+$")
_ORG_AS_TITLE = re.compile(
    r"[" + _H + r"]+(?:chair|professor|professorship|fellow|fellowship|scholar|prize|award|lecture|lectureship)\b")
_PRONOUN = re.compile(r"\b(?:he|she|He|She|it|It|they|They)\b")


_SKIP = object()


def _plan(seg: str, gaz: Gazetteer):
    """The context-free reading of one run of capitalised words, cached per string:
    gazetteer names, organisation names and candidate person names (relative offsets)."""
    simple = " " not in seg and "-" not in seg and "\u00a0" not in seg and "\t" not in seg
    if simple and seg in lexicon.NOT_NAME_WORDS and (seg not in gaz.exact or seg in gaz.the_required):
        return _SKIP  # "Reuters" and "Yonhap" are no names, but the registry may know the agency
    words = [w.span() for w in _SUBWORD.finditer(seg)]
    if not words:
        return _SKIP
    ghits: list = []
    _seq_gazetteer(seg, words, gaz, ghits)
    if not ghits and len(words) > 1 and seg[:words[0][1]] in _DEMONYM_FIRST:
        dm = _DEMONYM_TITLE.match(seg)
        if dm:  # "Australian Prime Minister ...": the state, named by its demonym
            k, _ = gaz.lookup(lexicon.DEMONYMS.get(dm.group(1)) or "")
            if k is not None and k.type == "state":
                ghits.append((dm.start(1), dm.end(1), k, False))
    seq = list(range(len(words)))
    orgs = [(words[a][0], words[b][1], _collapse(seg[words[a][0]:words[b][1]]))
            for a, b in _find_orgs(seg, words, seq) if a != b]
    taken = [(a, b) for a, b, _ in orgs] + [(a, b) for a, b, _, _ in ghits]
    runs = []
    run: list[int] = []
    for k in seq + [None]:
        if k is not None and _is_cap(seg[words[k][0]:words[k][1]]) and not any(
                a <= words[k][0] < b for a, b in taken):
            run.append(k)
            continue
        if run:
            r = _split_run(seg, words, run)
            if r is not None:
                runs.append(r)
        run = []
    if not ghits and not orgs and not runs:
        return _SKIP
    return ghits, orgs, runs


_TITLE_TAILS = frozenset("""State Defense Defence Treasury Commerce Justice Energy Agriculture Labor Labour
    Interior Health Education Transportation Veterans Homeland Foreign Affairs Staff Unification Finance Trade
    Security""".split())
_DOTTED_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gen|Adm|Lt|Col|Capt|Gov|Amb|Maj|Sgt)\.[" + _H + r"]+$")


def _split_run(seg: str, words, run):
    """(name word spans, title inside the run, strong name shape) or None."""
    ws = [seg[words[k][0]:words[k][1]] for k in run]
    i = 0
    title_before = False
    # "Secretary of State Antony Blinken": the run after "of" starts with the title's tail
    if seg[:words[run[0]][0]].endswith(("of ", "of\u00a0")):
        while i < len(ws) - 1 and ws[i] in _TITLE_TAILS:
            i += 1
            title_before = True
    # leading sentence words, titles and demonyms are not part of the name
    while i < len(ws):
        w = ws[i]
        two = " ".join(ws[i:i + 2])
        if two in lexicon.DEMONYMS:
            i += 2
            continue
        if w in _TITLES or w.rstrip(".") in _DOT_TITLES:
            title_before = True
            i += 1
            continue
        if w in lexicon.NOT_NAME_WORDS or w in lexicon.DEMONYMS or (len(w) > 1 and w.isupper()):
            title_before = False if w not in lexicon.DEMONYMS else title_before
            i += 1
            continue
        break
    j = i
    while j < len(ws) and ws[j] not in lexicon.NOT_NAME_WORDS:
        j += 1
    names = ws[i:j]
    if not names:
        return None
    spans = [words[k] for k in run[i:j]]
    if len(names) == 1:
        if len(names[0]) > 1 and names[0].isupper():
            return None
        return spans, title_before, False
    return spans, title_before, _names_shape(names)


def _names_shape(names: list[str]) -> str | None:
    """'bad' if these words cannot be a name, 'strong' if they surely are, else None."""
    if len(names) > 4:
        return "bad"
    for k, w in enumerate(names):
        if w in lexicon.NOT_NAME_WORDS or w in _TITLES or w in lexicon.DEMONYMS:
            return "bad"
        if len(w) > 1 and w.isupper():
            return "bad"
        if any(ch.isdigit() for ch in w):
            return "bad"
        if _org_head(w):
            return "bad"
    korean = len(names) in (2, 3) and "-" in names[-1] and names[-1].split("-", 1)[1][:1].islower()
    if korean or names[0] in lexicon.GIVEN_NAMES:
        return "strong"
    if _east_asian(names):
        return "east"
    return None


def _east_asian(names: list[str]) -> bool:
    """A family name from the list, then one or two capitalised syllables ("Geng Shuang",
    "Ri Yong Ho", "Kim Yongchol"): a name written family name first."""
    if not 2 <= len(names) <= 3 or names[0] not in lexicon.EAST_ASIAN_FAMILY_NAMES:
        return False
    return all(2 <= len(w) <= 9 and w[:1].isupper() and w[1:].islower() and w.isalpha() for w in names[1:])


def _person_run(text, s0, seg, spans, title_in_seq, shape, cands, singles) -> None:
    """Decide, from the context, whether a candidate run is a person's name."""
    s, e = s0 + spans[0][0], s0 + spans[-1][1]
    if len(spans) == 1:
        singles.append((s, e, seg[spans[0][0]:spans[0][1]], False))
        return
    title_before = title_in_seq or bool(_LOWER_TITLE_BEFORE.search(text, max(0, s - 40), s)
                                        or ("." in text[max(0, s - 3):s] and _DOTTED_TITLE_BEFORE.search(text, max(0, s - 8), s))
                                        or _envoy_before(text, s))
    if shape == "east":  # family name first; but a label alone on its line ("Moon Address") needs context
        alone = (s == 0 or text[s - 1] == "\n") and (e == len(text) or text[e] == "\n")
        shape = None if alone else "strong"
    ok = shape == "strong" or (shape is None and (title_before or _context_ok(text, s, e)))
    if shape != "bad" and ok:
        byline = bool(_BYLINE.search(text, max(0, s - 12), s))
        cands.append((s, e, 1, ("person", _collapse(text[s:e]), byline)))
        return
    # maybe the last words are a name after a sentence word ("Critics Say Kim ...")
    names = [seg[a:b] for a, b in spans]
    for t in range(1, len(names) - 1):
        sh = _names_shape(names[t:])
        sh = "strong" if sh == "east" else sh
        s2 = s0 + spans[t][0]
        if sh == "strong" or (sh is None and _context_ok(text, s2, e)):
            cands.append((s2, e, 1, ("person", _collapse(text[s2:e]), False)))
            return
    for a, b in spans:
        singles.append((s0 + a, s0 + b, seg[a:b], True))


_DEMONYM_TITLE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(d) for d, st in sorted(lexicon.DEMONYMS.items(), key=lambda kv: -len(kv[0])) if st)
    + r")[" + _H + r"]+(?=(?:" + "|".join(sorted((re.escape(t) for t in _TITLES if t[:1].isupper() and len(t) > 3),
                                                 key=len, reverse=True)) + r")\b)")
# Credits name the agency a story or photo comes from: "SEOUL, Jan. 3 (UPI) --", "(IANS)" closing
# the story, "(PHOTO: KOREA SUMMIT PRESS POOL/AFP)", "(EPA/Yonhap News)", "Photo by Yonhap", "• Kyodo"
_CREDIT_PAREN = re.compile(r"\((?:(?:PHOTO|Photo|photo):)?[" + _H + r"]*([A-Z][^()\n]{1,60}?)\)(?P<dash>[" + _H + r"]*(?:--|–|—|-(?=[" + _H + r"])))?")
_CREDIT_PART = re.compile(r"[A-Z][A-Za-z.&-]*(?:[" + _H + r"][A-Z][A-Za-z.&-]*){0,4}")
_PHOTO_BY = re.compile(r"\b(?:Photo|PHOTO|Photograph)[" + _H + r"]+(?:by|BY)[" + _H + r"]+([A-Z][A-Za-z-]+)(?=[" + _H + r"]*(?:\n|$))")
_BULLET_CREDIT = re.compile(r"(?:^|\n)[" + _H + r"]*[•·][" + _H + r"]*([A-Z][A-Za-z-]+)[" + _H + r"]*(?=\n)")


def _credits(text: str, gaz: Gazetteer, cands: list, gm: list) -> None:
    """Agencies and photographers' agencies named in credits (codebook: a photo credit naming an
    agency is a mention of that agency)."""
    def take(s: int, e: int, new_ok: bool) -> None:
        part = text[s:e]
        k, meto = gaz.lookup(part)
        if k is not None:
            if k.kind == "institution":
                gm.append((s, e, k, meto))
        elif new_ok and part not in lexicon.GIVEN_NAMES and not _DATELINE_WORD.fullmatch(part):
            cands.append((s, e, 2, ("media", norm_key(part))))

    for m in _CREDIT_PAREN.finditer(text) if "(" in text else ():
        body_s, body_e = m.span(1)
        body = m.group(1)
        closing = text[m.end():m.end() + 1] in ("", "\n") or text[m.end():m.end() + 2] == "\n\n"
        slash = "/" in body
        if not (m.group("dash") or slash or text[m.start():m.start() + 7].lower().startswith("(photo:") or (
                closing and body.isalpha() and body.isupper() and 2 <= len(body) <= 6 and body not in ("END", "MORE"))):
            continue
        pos = body_s
        for part in body.split("/"):
            ps = pos + (len(part) - len(part.lstrip()))
            pe = pos + len(part.rstrip())
            pos += len(part) + 1
            if _CREDIT_PART.fullmatch(text[ps:pe]) and not (slash and _names_shape(text[ps:pe].split()) in ("strong", "east")):
                take(ps, pe, True)
    for rx, needle in ((_PHOTO_BY, "Photo"), (_PHOTO_BY, "PHOTO"), (_BULLET_CREDIT, "•"), (_BULLET_CREDIT, "·")):
        if needle in text:
            for m in rx.finditer(text):
                take(m.start(1), m.end(1), True)


_DATELINE_WORD = re.compile(r"(?:SEOUL|WASHINGTON|TOKYO|BEIJING|PYONGYANG|LONDON|UNITED NATIONS|AP|Photo|PHOTO)")
_DEMONYM_FIRST = frozenset(d.split()[0] for d, st in lexicon.DEMONYMS.items() if st)
_CAPS_CREDIT = re.compile(r"\[([A-Z]{2,}(?:[ \u00a0][A-Z]{2,}(?:-[A-Z]{2,})?){1,2})\]")


def _title_case(name: str) -> str:
    """'PARK SANG-MOON' -> 'Park Sang-moon'."""
    return " ".join(w[:1] + w[1:].lower() for w in name.split())


_TITLE_PREFIX = re.compile(r"\b(?:then|ex|late|former)-$")
_CAP_TITLE_BEFORE = re.compile(r"(?:\b(?:" + "|".join(sorted((re.escape(t) for t in _TITLES if t[:1].isupper()),
                                                          key=len, reverse=True))
                               + r")|\b(?:Mr|Mrs|Ms|Dr)\.?)[" + _H + r"]+$")


def _registry_short(text: str, s: int, w: str, gaz: Gazetteer) -> Known | None:
    """The registry person a lone family name or one-word alias stands for, when the text names
    nobody with that name in full: the only registry person so called, or, after a title that
    only heads of state hold ("President Moon"), the only such one."""
    if w in lexicon.NOT_NAME_WORDS or w in lexicon.GIVEN_NAMES and w not in gaz.family:
        return None
    cands = {k.id: k for k in gaz.person_short.get(w, []) + gaz.family.get(w, [])}
    if not cands:
        return None
    if len(cands) == 1:
        return next(iter(cands.values()))
    t = _CAP_TITLE_BEFORE.search(text, max(0, s - 30), s)
    if t and any(h in t.group().lower() for h in ("president", "chairman", "leader", "premier")):
        heads = [k for k in cands.values() if k.type == "head_of_state_or_government"]
        if len(heads) == 1:
            return heads[0]
    return None


_ENVOY_TO_BEFORE = re.compile(
    r"\b(?:Ambassador|Envoy|Representative|Consul)[" + _H + r"]+(?:to|for|in)[" + _H + r"]+(?:the[" + _H
    + r"]+)?[A-Z][\w.’'-]*(?:[" + _H + r"]+[A-Z][\w.’'-]*){0,2}[" + _H + r"]+$")
_PARTY_AFTER = re.compile(r"[" + _H + r"]*\((?:[DRI]-[A-Z][A-Za-z.]{1,10}(?:[" + _H + r"]?[A-Z][A-Za-z.]*)?|[A-Z]{2}-\d{1,2})\)")
_ROLE_AFTER = re.compile(
    r",[" + _H + r"]+(?:(?:the|a|an)[" + _H + r"]+)?(?:[A-Z][\w.’'-]*[" + _H + r"]+){0,3}(?:"
    + "|".join(sorted(lexicon.APPOSITIVE_ROLES, key=len, reverse=True)) + r")\b")
# a credit line's list of names: "Reporting by A and B; Editing by C and D", "By A in X and B in Y"
_NAME_ITEM = r"[A-Z][\w’'-]+(?:[" + _H + r"]+[A-Z][\w’'-]+){0,3}(?:[" + _H + r"]+(?:in|at)[" + _H + r"]+(?:the[" + _H + r"]+)?[A-Z][\w.-]+(?:[" + _H + r"]+[A-Z][\w.-]+)?)?"
_CREDIT_LIST = re.compile(
    r"\b(?:[Bb]y|BY)[" + _H + r"]+" + _NAME_ITEM + r"(?:(?:,[" + _H + r"]*|[" + _H + r"]+(?:and|&)[" + _H + r"]+)"
    + _NAME_ITEM + r")*,?[" + _H
    + r"]+(?:and|&)[" + _H + r"]+$")


def _envoy_before(text: str, s: int) -> bool:
    w = text[max(0, s - 50):s]
    return ("Ambassador" in w or "Envoy" in w or "Representative" in w or "Consul" in w) and bool(
        _ENVOY_TO_BEFORE.search(text, max(0, s - 50), s))


def _context_ok(text: str, s: int, e: int) -> bool:
    if _CUE_BEFORE.search(text, max(0, s - 30), s) or _BYLINE.search(text, max(0, s - 30), s):
        return True
    nxt = text[e:e + 3]
    if _CUE_AFTER.match(text, e) or ("(" in nxt and _PARTY_AFTER.match(text, e)) or (
            nxt[:1] == "," and _ROLE_AFTER.match(text, e)):
        return True
    if _envoy_before(text, s) or ("." in text[max(0, s - 3):s] and _DOTTED_TITLE_BEFORE.search(text, max(0, s - 8), s)):
        return True
    return bool("by" in text[max(0, s - 160):s].lower() and _CREDIT_LIST.search(text, max(0, s - 160), s))


@lru_cache(maxsize=10_000)
def _institution_type(name: str) -> str:
    ws = name.split()
    if ws and _org_head(ws[-1]) in ("military_command", "armed_forces"):
        return _org_head(ws[-1])
    if "Nations" in ws or ws[:1] == ["UN"]:
        return "intergovernmental_organisation"
    if any("Intelligence" in w for w in ws):
        return "intelligence_service"
    for w in reversed(ws):
        t = _org_head(w)
        if t:
            return t
    for w in ws:
        t = _org_head(w)
        if t:
            return t
    return "other"


def _country_prefix(name: str, gaz: Gazetteer) -> str | None:
    first = name.split("-")[0].split()[0] if name.split() else ""
    for cand in (first, " ".join(name.split()[:2])):
        k, _ = gaz.lookup(cand)
        if k is not None and k.type == "state" and k.country:
            return k.country
        st = lexicon.DEMONYMS.get(cand)
        if st:
            k, _ = gaz.lookup(st)
            if k is not None and k.country:
                return k.country
    return None


# ----------------------------------------------------------------------------- roles

_TITLE_SEQ = {t for t in _TITLES if t not in _RELATIONS}


def _find_roles(text: str, layout: Layout, ents: Entities) -> None:
    for m in ents.mentions:
        ent = m.entity
        if ent.kind != "person":
            continue
        p = layout.para_at(m.start)
        _prefix_role(text, p.start, m, ents)
        if m.how in ("name", "short", "gazetteer"):
            _appositive_role(text, p.end, m, ents)
    for ent in ents.persons:
        # keep one role per (title, institution, status), first evidence wins
        seen = set()
        uniq = []
        for r in sorted(ent.roles, key=lambda r: r.start):
            key = ((r.title or "").lower(), id(r.institution), r.status)
            if key in seen:
                continue
            seen.add(key)
            uniq.append(r)
        ent.roles = uniq


def _prefix_role(text: str, lo: int, m: Mention, ents: Entities) -> None:
    """'South Korean President Moon Jae-in', 'US President Joe Biden', 'former ... leader X'."""
    pos = m.start
    title_words: list[tuple[int, int]] = []
    inst = None
    start = pos
    status = "current"
    # walk back over title words
    cur = pos
    while True:
        j = cur
        while j > lo and text[j - 1] in HSPACE:
            j -= 1
        if j == cur or j <= lo:
            break
        k = j
        while k > lo and (text[k - 1].isalnum() or text[k - 1] in ".-"):
            k -= 1
        w = text[k:j]
        if w in _TITLE_SEQ or (w in ("State", "Defense", "Defence", "Treasury") and text[max(lo, k - 14):k].rstrip(HSPACE).endswith("of")):
            title_words.insert(0, (k, j))
            cur = k
            if w in ("State", "Defense", "Defence", "Treasury"):
                # take "of" and the word before it too
                mm = re.search(r"([A-Za-z]+)[" + _H + r"]+of[" + _H + r"]+$", text[max(lo, k - 30):k])
                if mm:
                    k2 = max(lo, k - 30) + mm.start()
                    title_words.insert(0, (k2, k))
                    cur = k2
            continue
        break
    if not title_words:
        return
    # the words before the titles: a demonym, a state/organisation (possibly possessive), "former"
    j = cur
    while j > lo and text[j - 1] in HSPACE:
        j -= 1
    pre = text[max(lo, j - 40):j]
    start = title_words[0][0]
    for dem, state in _DEMONYMS_LONGEST:
        if pre.endswith(dem) and (len(pre) == len(dem) or not pre[-len(dem) - 1].isalnum()):
            if state:
                inst = _state_entity(ents, state)
            start = j - len(dem)
            break
    if inst is None:
        jj = j
        if text[max(lo, jj - 2):jj] in ("’s", "'s"):
            jj -= 2
        mm = ents.ending_at(jj)
        if mm is not None and mm.entity.kind == "institution":
            inst = mm.entity
            start = mm.start
    k = start
    while k > lo and text[k - 1] in HSPACE:
        k -= 1
    if re.search(r"(?:\bformer|\bex-|\bthen-|\blate)[" + _H + r"]*$", text[max(lo, k - 8):start]):
        status = "former"
        start = max(lo, k - 8) + re.search(r"(?:former|ex-|then-|late)[" + _H + r"]*$", text[max(lo, k - 8):start]).start()
    title = text[title_words[0][0]:title_words[-1][1]]
    title = re.sub(r"[" + _H + r"]+", " ", title)
    if title.lower() in ("mr.", "mrs.", "ms.", "dr.", "prof.", "mr", "ms", "mrs", "dr"):
        return
    m.entity.roles.append(Role(title, inst, status, start, m.end))


def _state_entity(ents: Entities, state_name: str) -> Entity | None:
    for e in ents.entities:
        if e.kind == "institution" and (e.name == state_name or state_name in e.aliases):
            return e
    return None


def _appositive_role(text: str, hi: int, m: Mention, ents: Entities) -> None:
    nxt = text[m.end:m.end + 14]
    if nxt[:1] in (",", "’", "'"):
        a = _APPOS.match(text, m.end, hi)
        if a:
            _parse_body(text, m, a.start("body"), a.end("body"), ents, appositive=True)
        return
    if not nxt[:1] or nxt[0] not in HSPACE:
        return
    s = _SERVED.match(text, m.end, hi) if ("serv" in nxt or "work" in nxt or "also" in nxt or "previ" in nxt
                                            or "former" in nxt or "once" in nxt) else None
    if s:
        verb = s.group("verb")
        status = "current" if verb in ("serves", "works") else "former"
        _parse_body(text, m, s.start("body"), s.end("body"), ents, appositive=False, status=status)
    o = _OF_ORG.match(text, m.end, hi) if (" of " in nxt[:4] or " from " in nxt[:6] or "\u00a0" in nxt[:2]) else None
    if o:
        mm = ents.starting_at(o.end())
        if mm is not None and mm.entity.kind == "institution" and mm.entity.type not in ("state",):
            m.entity.roles.append(Role(None, mm.entity, "current", m.start, mm.end))


def _parse_body(text, m, bs, be, ents, appositive=True, status=None) -> None:
    body = text[bs:be]
    first = body.split()[0].lower() if body.split() else ""
    if not first or first in _BAD_APPOS_START and not body.startswith(("who served", "who also", "who was",
                                                                           "who is", "who previously",
                                                                           "who formerly", "who once",
                                                                           "who has served", "who had served",
                                                                           "who currently", "who now",
                                                                           "who worked", "who works", "who held",
                                                                           "who holds")):
        return
    if len(body.split()) > 16:
        return
    h = _APPOS_HEAD.match(body) if appositive else None
    pos = bs
    st = status or "current"
    if h:
        verb = h.group("verb")
        if body.startswith("who") and not verb:
            return
        if verb:
            st = "current" if verb.split()[-1] in ("serves", "is", "works", "holds") else "former"
        if h.group("former") or h.group("former2"):
            st = "former"
        pos = bs + h.end()
    rest_s, rest_e = pos, be
    if rest_s >= rest_e:
        return
    inst = None
    title_s, title_e = rest_s, rest_e
    # "the US State Department’s special adviser ..."
    mm = ents.starting_at(rest_s)
    if mm is not None and mm.entity.kind == "institution" and text[mm.end:mm.end + 2] in ("’s", "'s"):
        inst = mm.entity
        title_s = mm.end + 2
        while title_s < rest_e and text[title_s] in HSPACE:
            title_s += 1
    else:
        # "... senior fellow at the Brookings Institution": an institution ending the body
        for pm in _PREP_SPLIT.finditer(text, rest_s, rest_e):
            im = ents.starting_at(pm.end())
            if im is not None and im.entity.kind == "institution":
                # the institution (maybe followed by "of X"/more words) must end the body
                tail = text[im.end:rest_e].strip(HSPACE)
                if not tail:
                    inst = im.entity
                    title_e = pm.start()
                    break
    title = re.sub(r"[" + _H + r"]+", " ", text[title_s:title_e]).strip()
    if not title and inst is None:
        return
    low = title.lower()
    if inst is None and not any(t in low for t in _TITLE_NOUNS):
        return  # not a role ("a country that ...")
    if title and title[:1].isupper() and inst is None and not any(t in low for t in _TITLE_NOUNS):
        return
    m.entity.roles.append(Role(title or None, inst, st, m.start, be))


def _person_type(ent: Entity) -> str:
    if ent.byline:
        return "journalist"
    roles = sorted(ent.roles, key=lambda r: (r.status != "current", r.start))
    for r in roles:
        t = (r.title or "").lower()
        words = set(re.findall(r"[a-z-]+", t))
        inst_type = r.institution.type if r.institution is not None else None
        if any(j in t for j in lexicon.JOURNALIST_TITLES):
            return "journalist"
        if ("vice" not in words and "deputy" not in words and words & {"president", "leader", "premier", "king",
                                                                     "queen", "emperor", "chancellor"}
                and inst_type in ("state", None)) or "prime minister" in t:
            return "head_of_state_or_government"
        if any(p in words for p in lexicon.POLITICIAN_TITLES):
            return "politician"
        if inst_type in ("think_tank", "media") or any(a in t for a in ("fellow", "expert", "analyst",
                                                                           "professor", "researcher",
                                                                           "scholar")):
            return "analyst"
        if any(o in t for o in lexicon.OFFICIAL_TITLES) or inst_type in (
                "government", "government_body", "intelligence_service", "military_command", "armed_forces"):
            return "official"
        if any(a in t for a in lexicon.ANALYST_TITLES):
            return "analyst"
    return "other"


def _person_country(ent: Entity) -> str | None:
    for r in ent.roles:
        if r.institution is not None and r.institution.type == "state" and r.institution.country:
            t = (r.title or "").lower()
            if r.status == "current" or "president" in t or "leader" in t or "minister" in t:
                return r.institution.country
    return None
