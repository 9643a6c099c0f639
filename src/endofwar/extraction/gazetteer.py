"""The gazetteer: surface forms of known states, institutions and people.

Built once from general knowledge (pycountry's country names, capitals used as metonyms,
a few well-known institutions) and, when given, from annotations/registry.yaml, whose
names and aliases take precedence. Lookups are dictionary hits on token n-grams, so the
cost per document does not grow with the size of the registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon
from .text import slugify


@dataclass(eq=False, slots=True)
class Known:
    """A gazetteer entity (not yet a mention in a text)."""

    kind: str  # person | institution
    name: str
    id: str
    type: str | None = None
    country: str | None = None
    abbreviation: str | None = None
    registry: bool = False
    aliases: list[str] = field(default_factory=list)
    parent_id: str | None = None


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


_PLAIN = re.compile(r"[A-Za-z0-9 .-]*")


def norm_key(s: str) -> str:
    """Lookup key: collapsed whitespace, straight apostrophes, no trailing period."""
    if _PLAIN.fullmatch(s) and "  " not in s:
        if s.endswith(".") and s.count(".") == 1:
            return s[:-1]
        return s.strip()
    s = _SPACES.sub(" ", s.replace("’", "'").replace("‘", "'")).strip()
    if s.endswith(".") and s.count(".") == 1:
        s = s[:-1]
    return s


@lru_cache(maxsize=1)
def _builtin() -> tuple[dict[str, Known], dict[str, Known]]:
    """(surface -> entity, capital surface -> state) from general knowledge."""
    states: dict[str, Known] = {}
    by_name: dict[str, Known] = {}
    try:
        import pycountry

        countries = list(pycountry.countries)
    except Exception:  # pragma: no cover - pycountry is a dependency, but never fail
        countries = []
    preferred = set(lexicon.STATE_ALIASES)
    for c in countries:
        common = getattr(c, "common_name", None)
        name = c.name
        short = common or name
        if "," in short:  # "Korea, Republic of" style: skip unless a common name exists
            continue
        for pref in preferred:
            if pref == short or short in lexicon.STATE_ALIASES.get(pref, []):
                short = pref
        k = Known("institution", short, slugify(short), "state", c.alpha_3)
        by_name[short] = k
        for s in {name, short, getattr(c, "official_name", None) or short}:
            if "," not in s:
                states.setdefault(norm_key(s), k)
    for pref, aliases in lexicon.STATE_ALIASES.items():
        k = by_name.get(pref)
        if k is None:
            continue
        for a in [pref, *aliases]:
            states[norm_key(a)] = k
            if a not in k.aliases and a != k.name:
                k.aliases.append(a)
    # "the South"/"the North" are too ambiguous without context: keep only in aliases list.
    for a in ("the States", "the South", "the North"):
        states.pop(norm_key(a), None)
    capitals: dict[str, Known] = {}
    for cap, state in lexicon.CAPITALS.items():
        if state and state in by_name:
            capitals[norm_key(cap)] = by_name[state]
    for name, (itype, country, aliases) in lexicon.KNOWN_INSTITUTIONS.items():
        k = Known("institution", name, slugify(name), itype, country, None, aliases=list(aliases))
        for a in [name, *aliases]:
            states.setdefault(norm_key(a), k)
        if aliases and aliases[0].isupper():
            k.abbreviation = aliases[0]
    return states, capitals


@lru_cache(maxsize=1)
def _builtin_index() -> dict[str, list[Known]]:
    """Built-in entities by lower-case name/alias and by 'country:XXX' (states)."""
    base, capitals = _builtin()
    idx: dict[str, list[Known]] = {}
    for k in {id(k): k for k in list(base.values()) + list(capitals.values())}.values():
        keys = {norm_key(a).lower() for a in [k.name, *k.aliases]}
        if k.type == "state" and k.country:
            keys.add("country:" + k.country)
        for key in keys:
            idx.setdefault(key, []).append(k)
    return idx


_CACHE: list = []


def gazetteer_for(registry: dict | None) -> "Gazetteer":
    """A Gazetteer for this registry, reused while the same registry object is passed."""
    if registry is None or not isinstance(registry, dict):
        registry = None
    fp = None
    if registry is not None:
        try:
            fp = tuple((key, len(registry.get(key) or []), repr((registry.get(key) or [None])[-1])[:200])
                       for key in ("experts", "institutions", "events"))
        except Exception:
            fp = None
    for rid, rfp, gaz in _CACHE:
        if rid == id(registry) and rfp == fp and (registry is None or fp is not None):
            return gaz
    gaz = Gazetteer(registry)
    _CACHE[:] = [(id(registry), fp, gaz)] + _CACHE[:3]
    return gaz


class Gazetteer:
    """Surface form -> Known, with token n-gram lookup."""

    def __init__(self, registry: dict | None = None):
        base, capitals = _builtin()
        self.exact: dict[str, Known] = dict(base)
        self.capitals: dict[str, Known] = dict(capitals)
        self.lower: dict[str, Known] = {}
        self.by_id: dict[str, Known] = {}
        self.by_name: dict[str, Known] = {}
        for k in list(base.values()) + list(capitals.values()):
            self.by_id.setdefault(k.id, k)
            self.by_name.setdefault(k.name.lower(), k)
        self.events: list[dict] = []
        self.the_required: set[str] = set()
        self._builtin_index = _builtin_index()
        self._replace: dict[int, Known] = {}
        # registry people by a one-word name ("Kim", "Moon"): used only as short names, never
        # as a match on their own (see entities.find_entities); by family name; and by the
        # folded spelling of their full names (case, hyphens and spaces ignored: "Kim Jong Un"
        # / "Kim Jong-un", "DONALD TRUMP"); institutions by a folded spelling too ("U.N.
        # Command" / "United Nations Command", "U.S. State Department" / "US State Department")
        self.person_short: dict[str, list[Known]] = {}
        self.family: dict[str, list[Known]] = {}
        self.fold_person: dict[str, Known] = {}
        self.fold_inst: dict[str, Known] = {}
        self.fold_first: set[str] = set()
        if registry:
            try:
                self._load_registry(registry)
            except Exception:  # a malformed registry must not break extraction
                pass
            if self._replace:
                r = self._replace
                self.exact = {key: (v if v.registry else r.get(id(v), v)) for key, v in self.exact.items()}
                self.capitals = {key: r.get(id(v), v) for key, v in self.capitals.items()}
        # first words of keys (as the entity scanner splits words), and a regex for keys
        # that a run of capitalised words cannot contain ("Biden administration")
        self.first_words: set[str] = set()
        self.max_tokens = 1
        for key in self.fold_first:
            self.first_words.add(key)
        self.seq_cache: dict = {}
        special = set()
        for key, k in list(self.exact.items()) + list(self.capitals.items()):
            ws = _SUBWORD.findall(key)
            if not ws:
                continue
            self.first_words.add(ws[0])
            if "." in key:
                self.first_words.add(_SUBWORD.findall(key + ".")[0])
            self.max_tokens = max(self.max_tokens, len(ws) + 1)
            if k.registry and (any(w[:1].islower() and w not in lexicon.NAME_CONNECTORS for w in ws)
                               or not ws[0][:1].isupper()):
                # a run of capitalised words cannot hold it ("Biden administration"): find it directly
                special.add(key)
        self.special_keys = sorted(special, key=len, reverse=True)

    def _load_registry(self, registry: dict) -> None:
        for e in registry.get("experts") or []:
            if not isinstance(e, dict) or not e.get("name"):
                continue
            k = Known("person", str(e["name"]), str(e.get("expert_id") or slugify(str(e["name"]))),
                      e.get("person_type"), e.get("country"), registry=True,
                      aliases=[str(a) for a in (e.get("aliases") or [])])
            full = []
            for a in [k.name, *k.aliases]:
                toks = _key_tokens(norm_key(a))
                if len(toks) == 1 and toks[0] == norm_key(a):
                    self.person_short.setdefault(toks[0], []).append(k)
                else:
                    full.append(a)
                    if len(toks) >= 2:
                        self.fold_person.setdefault(fold(a), k)
                        first = _SUBWORD.findall(norm_key(a))[:1]
                        if first:
                            self.fold_first.update({first[0], first[0].upper()})
            fam = family_name(k.name)
            if fam:
                self.family.setdefault(fam, []).append(k)
            self.by_id[k.id] = k
            self.by_name[k.name.lower()] = k
            self._add(k, full)
        for e in registry.get("institutions") or []:
            if not isinstance(e, dict) or not e.get("name"):
                continue
            k = Known("institution", str(e["name"]),
                      str(e.get("institution_id") or slugify(str(e["name"]))),
                      e.get("institution_type"), e.get("country"), e.get("abbreviation"), registry=True,
                      aliases=[str(a) for a in (e.get("aliases") or [])], parent_id=e.get("parent_id"))
            surfaces = [k.name, *k.aliases] + ([k.abbreviation] if k.abbreviation else [])
            for a in surfaces:
                if a and len(_key_tokens(str(a))) >= 2:
                    self.fold_inst.setdefault(fold(str(a)), k)
            names = {norm_key(s).lower() for s in surfaces}
            # built-in entries of the same state/institution now point to the registry entity
            olds = [o for n in names for o in self._builtin_index.get(n, ())]
            if k.type == "state" and k.country:
                olds += self._builtin_index.get("country:" + str(k.country), [])
            for old in olds:
                self._replace.setdefault(id(old), k)
            self._add(k, surfaces)
        for e in registry.get("events") or []:
            if isinstance(e, dict) and e.get("event_id"):
                self.events.append(e)

    def _add(self, k: Known, surfaces: list[str]) -> None:
        self.by_id[k.id] = k
        self.by_name[k.name.lower()] = k
        for s in surfaces:
            if not s:
                continue
            key = norm_key(str(s))
            if key.lower().startswith("the ") and len(key) > 4:
                key = key[4:]
                if " " not in key:
                    self.the_required.add(key)  # "the North": only with its article
            if not key:
                continue
            if key in self.capitals and k.kind == "institution":
                self.capitals[key] = k
                continue
            self.exact[key] = k
            if any(t[:1].islower() for t in _key_tokens(key)):
                self.lower[key.lower()] = k

    def lookup(self, surface: str) -> tuple[Known | None, bool]:
        """(entity, is_metonym) for an exact surface form."""
        key = norm_key(surface)
        k = self.exact.get(key)
        if k is not None:
            return k, False
        k = self.capitals.get(key)
        if k is not None:
            return k, True
        k = self.lower.get(key.lower())
        if k is not None:
            return k, False
        if " " in key or "\u00a0" in key:
            f = fold(key)
            k = self.fold_person.get(f)
            if k is not None:
                return k, False
            if not key.isupper():  # "UNITED NATIONS" is a dateline, not the body acting
                k = self.fold_inst.get(f)
                if k is not None:
                    return k, False
                toks = key.split()
                if len(toks) >= 3 and toks[-1][:1].isupper() and "-" not in toks[-1]:
                    # a middle name or initial the registry does not write ("Wayne D. Eyre")
                    k = self.fold_person.get(fold(toks[0] + " " + toks[-1]))
                    if k is not None:
                        return k, False
        return None, False


_TOK = re.compile(r"[^\W_]+")
_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_SUBWORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:[’'][^\W_]+)*(?:-(?![" + _UPPER + r"])[^\W_]+)*")


def _key_tokens(key: str) -> list[str]:
    return _TOK.findall(key)


_FOLD_DROP = re.compile(r"[\s\u00a0\u202f\u2009.\-‐’']+")
_UN_PREFIX = re.compile(r"^u\.?\s?n\.?\s+(?=[a-z])")


def fold(name: str) -> str:
    """A spelling-blind key: lower case, without spaces, hyphens, dots and apostrophes, and a
    leading "UN"/"U.N." written out ("U.N. Command" = "United Nations Command")."""
    low = name.lower().strip()
    if low.startswith("the "):
        low = low[4:]
    low = _UN_PREFIX.sub("united nations ", low)
    return _FOLD_DROP.sub("", low)


def family_name(name: str) -> str | None:
    """The family name of a full name: the first word of an East Asian name written with its
    hyphenated given name ("Moon Jae-in"), else the last word ("Donald Trump")."""
    parts = name.split()
    if len(parts) < 2:
        return None
    if "-" in parts[-1] and parts[-1].split("-", 1)[1][:1].islower():
        return parts[0]
    if parts[-1].rstrip(".") in ("Jr", "Sr", "II", "III") and len(parts) > 2:
        return parts[-2]
    return parts[-1]
