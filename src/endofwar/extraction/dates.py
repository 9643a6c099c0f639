"""Temporal expressions, resolved to bounds plus precision (never a fake exact day).

Explicit dates ("Dec. 23, 2021", "March 2022", "1995", "the mid-1980s") keep the precision
they are written with: a month is stored as its first..last day, a year as Jan 1..Dec 31,
a decade as its span of years. Relative ones are resolved against an anchor and say so
(date_basis 'relative'): "in September" and "May 21" against the publication date (or a
dateline printed at the top of the text), "a year prior" against the date before it in
the paragraph, "one month after the 2018 Singapore summit" against the date inside it.
A shift by months or years can never be more precise than its unit; when the result
straddles units the bounds are widened to whole units. Decade parts and round numbers
follow docs/codebook.md: early = years 0-3, mid = 3-7, late = 7-9 of the decade;
"almost 70 years on" = 67.5..72.5 years before the anchor, widened, basis 'inferred'.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import lexicon
from .text import HSPACE, Layout

_S = r"[" + re.escape(HSPACE) + r"]"
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MON = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|Jan|Feb|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
_MON_FULL = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|"
             r"Sept\.|Jan\.|Feb\.|Aug\.|Oct\.|Nov\.|Dec\.)")
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_NUMW = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "a few": None,
         "few": None}
_NUM = r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"

_FULL_MDY = re.compile(r"\b" + _MON + _S + r"+" + _DAY + r",?" + _S + r"+" + _YEAR + r"\b")
_FULL_DMY = re.compile(r"\b" + _DAY + _S + r"+(?:of" + _S + r"+)?" + _MON + r",?" + _S + r"+" + _YEAR + r"\b")
_ISO = re.compile(r"\b(?P<year>1[5-9]\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b")
_MONTH_YEAR = re.compile(r"\b(?:(?:early|mid|late|mid-)" + _S + r"*)?" + _MON + r",?" + _S + r"+(?:of" + _S + r"+)?"
                         + _YEAR + r"\b")
_MD = re.compile(r"\b" + _MON + _S + r"+" + _DAY + r"\b(?!,?" + _S + r"*\d)(?!:)")
_DM = re.compile(r"\b" + _DAY + _S + r"+(?:of" + _S + r"+)?" + _MON + r"\b")
_BARE_MONTH = re.compile(
    r"\b(?P<prep>in|In|since|Since|by|By|until|Until|from|From|during|During|through|for|last|Last|this|This|next|Next|"
    r"early|late|mid-|earlier" + _S + r"+this|later" + _S + r"+this)" + _S + r"*" + _MON_FULL + r"(?![\w-])(?!" + _S
    + r"*\d)")
_DECADE = re.compile(r"\b(?:the" + _S + r"+)?(?:(?P<mod>early|mid|late)[-" + re.escape(HSPACE) + r"])?(?P<dec>1[5-9]\d0|20\d0)['’]?s\b")
_RANGE = re.compile(r"\b(?:between" + _S + r"+(?P<a1>1[5-9]\d\d|20\d\d)" + _S + r"+and" + _S + r"+(?P<a2>1[5-9]\d\d|20\d\d)|"
                    r"(?:from" + _S + r"+)?(?P<y1>1[5-9]\d\d|20\d\d)" + _S + r"*(?:-|–|—|to)" + _S
                    + r"*(?P<y2>1[5-9]\d\d|20\d\d|\d\d)(?![\d:]))\b")
_SEASON_YEAR = re.compile(r"\b(?:the" + _S + r"+)?(?P<season>spring|summer|autumn|fall|winter)" + _S + r"+(?:of" + _S
                          + r"+)?" + _YEAR + r"\b", re.I)
_BARE_YEAR = re.compile(r"(?<![\d$£€#.,:/-])" + _YEAR + r"(?![\d%]|[.,:/-]\d|" + _S + r"*(?:%|percent|per" + _S
                        + r"+cent|km|kg|tons?|troops|people|soldiers|missiles|dollars|won|yen|yuan|units|" r"members|votes|words|pages)\b)")
_REL_ANCHORED = re.compile(
    r"\b" + _NUM + _S + r"+(?P<unit>day|week|month|year|decade)s?" + _S + r"+(?P<dir>after|before|later|earlier|prior|ago)\b",
    re.I)
# "days earlier", "a few weeks later", "in the years after": no number, so the bounds it allows
_REL_VAGUE = re.compile(
    r"\b(?:(?:a" + _S + r"+few|several|some|a" + _S + r"+couple" + _S + r"+of|few)" + _S + r"+)?(?P<unit>day|week|month|year)s" + _S
    + r"+(?P<dir>after|before|later|earlier|prior)\b", re.I)
_VAGUE_REACH = {"day": (1, 13), "week": (7, 62), "month": (1, 11), "year": (1, 9)}
_YEARS_ON = re.compile(
    r"\b(?P<q>(?:almost|nearly|about|around|some|roughly|approximately|more" + _S + r"+than|over|close" + _S
    + r"+to|less" + _S + r"+than|under)" + _S + r"+)?(?P<n>\d{1,3}|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|a" + _S + r"+hundred)" + _S + r"+years" + _S + r"+(?P<dir>on|ago|later|since)\b", re.I)
_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_REL_PREV = re.compile(
    r"\b(?P<phrase>(?:the" + _S + r"+)?(?P<which>following|next|previous|preceding|same)" + _S + r"+(?P<unit>year|month|day)|"
    r"that" + _S + r"+(?P<unit2>year|month))\b", re.I)
_REL_PUB = re.compile(
    r"\b(?P<phrase>yesterday|today|tomorrow|(?P<which>last|this|next|earlier" + _S + r"+this|later" + _S
    + r"+this)" + _S + r"+(?P<unit>week|month|year))\b", re.I)
_WEEKDAY = re.compile(r"(?:\b(?P<which>on|On|last|Last|next|Next|this|This)" + _S + r"+)?\b(?P<wd>Monday|Tuesday|Wednesday|"
                      r"Thursday|Friday|Saturday|Sunday)\b(?!['’]s" + _S + r"+(?:Child|Mail))")
# "Tuesday, Sept. 22, 2020": the weekday of an explicit date, not a reference of its own
_WEEKDAY_OF_DATE = re.compile(r",?" + _S + r"*(?:" + _MON + _S + r"+\d|\d{1,2}(?:st|nd|rd|th)?" + _S + r"+"
                              + _MON.replace("?P<mon>", "?:") + r")")
# "the September Pyongyang Joint Declaration": a month naming an event
_MONTH_OF_EVENT = re.compile(r"(?:\bthe|“|\")" + _S + r"*(?P<mon>January|February|March|April|June|July|August|September|"
                             r"October|November|December)" + _S + r"+(?=[A-Z][a-z])")
# "over the summer", "last winter", "this spring": a season of a year named by its position
_SEASON = re.compile(r"\b(?P<prep>over|during|in|by|until|since|through|last|this|next|early|late)" + _S + r"+(?:the" + _S
                     + r"+)?(?P<season>spring|summer|autumn|fall|winter)\b(?!" + _S + r"+(?:of" + _S + r"+)?\d)", re.I)
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
# a sentence's tense, for a weekday or month without a year: "will meet on Tuesday"
_FUTURE = re.compile(r"(?:^|(?<=[\s(“\"]))(?:" + "|".join(re.escape(w) for w in sorted(lexicon.FUTURE_MARKERS, key=len, reverse=True))
                     + r")(?=[\s,.;:”\"]|$)")
_PAST_CUE_BEFORE = re.compile(r"\b(?:said|told|announced|reported|added|stated|noted|wrote|declared|held|met|was|were|"
                              r"took|began|opened|ended|addressed)" + _S + r"+(?:on" + _S + r"+)?$")
_SENTENCE_START = re.compile(r"[.!?]" + _S + r"+(?=[A-Z“\"])|\n")
_ANCHOR_TAIL = re.compile(
    r"(?:" + _S + r"+(?:[A-Z][\w’'-]*|summit|talks|meeting|agreement|declaration|election|visit|speech|address|accord|"
    r"treaty|war|invasion|negotiations|statement|conference|joint|peace))*")
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass(slots=True)
class DateRef:
    start: int
    end: int
    date_start: date | None
    date_end: date | None
    precision: str
    basis: str
    anchor: tuple[int, int] | None = None


def _month_bounds(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _year_bounds(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def _fit(a: date, b: date, finest: str) -> tuple[date, date, str]:
    """Smallest unit (no finer than ``finest``) holding [a, b]; bounds widened to it."""
    order = ["day", "month", "year"]
    for unit in order[order.index(finest):]:
        if unit == "day" and a == b:
            return a, b, "day"
        if unit == "month" and (a.year, a.month) == (b.year, b.month):
            s, e = _month_bounds(a.year, a.month)
            return s, e, "month"
        if unit == "year" and a.year == b.year:
            s, e = _year_bounds(a.year)
            return s, e, "year"
    return date(a.year, 1, 1), date(b.year, 12, 31), "years"


def _add_months(d: date, n: int, end_of_month: bool = False) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    if not (1 <= y <= 9999):
        raise ValueError("out of range")
    last = calendar.monthrange(y, m)[1]
    return date(y, m, last if end_of_month else min(d.day, last))


def _shift(ref: DateRef, n: int, unit: str) -> tuple[date, date, str] | None:
    if ref.date_start is None or ref.date_end is None:
        return None
    a, b = ref.date_start, ref.date_end
    try:
        if unit == "day":
            a2, b2 = a + timedelta(days=n), b + timedelta(days=n)
            finest = "day"
        elif unit == "week":
            a2, b2 = a + timedelta(days=7 * n), b + timedelta(days=7 * n)
            finest = "day"
        elif unit == "month":
            a2 = _add_months(date(a.year, a.month, 1), n)
            b2 = _add_months(date(b.year, b.month, 1), n, end_of_month=True)
            finest = "month"
        elif unit == "year":
            a2 = date(a.year + n, 1, 1)
            b2 = date(b.year + n, 12, 31)
            finest = "year"
        else:  # decade
            a2 = date(a.year + 10 * n, 1, 1)
            b2 = date(b.year + 10 * n, 12, 31)
            finest = "year"
    except (ValueError, OverflowError):
        return None
    return _fit(a2, b2, finest)


def _mon(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _sentence_start(text: str, pos: int, lo: int) -> int:
    """Start of the sentence holding pos, no earlier than lo."""
    start = lo
    for m in _SENTENCE_START.finditer(text, max(lo, pos - 300), pos):
        start = m.end()
    return start


def _future(text: str, s: int, lo: int) -> bool:
    """Whether the clause before position s speaks of the future ("planned to ... in May",
    "to be held in New York in September", "will meet Mr Kim on Tuesday"); a cue verb right
    before the date ("said Tuesday") makes it a report of the past."""
    if _PAST_CUE_BEFORE.search(text, max(lo, s - 20), s):
        return False
    a = _sentence_start(text, s, lo)
    return bool(_FUTURE.search(text, a, s))


def find_dateline(text: str, layout: Layout) -> date | None:
    """A full date printed near the top of the text (a dateline), if any."""
    seen = 0
    for p in layout.paras:
        if p.blank:
            continue
        seen += 1
        if seen > 8:
            break
        if p.end - p.start > 120:
            continue
        for rx in (_FULL_MDY, _FULL_DMY):
            m = rx.search(text, p.start, p.end)
            if m:
                d = _safe_date(int(m.group("year")), _mon(m.group("mon")), int(m.group("day")))
                if d:
                    return d
        m = _ISO.search(text, p.start, p.end)
        if m:
            d = _safe_date(int(m.group("year")), int(m.group("m")), int(m.group("day")))
            if d:
                return d
    return None


_GROUP_NEEDLES = {
    "year": ("19", "20", "18"),
    "month": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "unit": ("day", "Day", "year", "Year", "month", "Month", "week", "Week", "decade", "morrow"),
}
_GROUP_NEEDLES["season"] = ("spring", "summer", "autumn", "fall", "winter", "Spring", "Summer", "Autumn", "Fall",
                             "Winter")
_GROUP_REACH = {"year": (26, 18), "month": (26, 28), "unit": (28, 26), "season": (26, 10)}


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per pattern family, short stretches of text around its trigger strings (a year-like
    number, a month name, a time unit). Date regexes run only there: scanning the whole
    text with a dozen patterns would cost more than all other steps together."""
    n = len(text)
    out: dict[str, list[tuple[int, int]]] = {}
    for group, needles in _GROUP_NEEDLES.items():
        hits = []
        for needle in needles:
            i = text.find(needle)
            while i != -1:
                if group != "year" or (i + 4 <= n and text[i + 2:i + 4].isdigit()
                                       and (i + 4 == n or not text[i + 4].isdigit())
                                       and (i == 0 or not text[i - 1].isdigit())):
                    hits.append(i)
                i = text.find(needle, i + 1)
        if not hits:
            out[group] = []
            continue
        hits.sort()
        back, fwd = _GROUP_REACH[group]
        res: list[tuple[int, int]] = []
        for h in hits:
            lo, hi = max(0, h - back), min(n, h + fwd)
            while lo > 0 and text[lo - 1].isalnum():
                lo -= 1
            while hi < n and text[hi].isalnum():
                hi += 1
            if res and lo <= res[-1][1]:
                res[-1] = (res[-1][0], max(hi, res[-1][1]))
            else:
                res.append((lo, hi))
        out[group] = res
    return out


def find_dates(text: str, layout: Layout, published: date | None) -> list[DateRef]:
    refs: list[DateRef] = []
    occ = bytearray(len(text) + 1)
    wins = _windows(text)

    def scan(rx, group):
        for lo, hi in wins[group]:
            yield from rx.finditer(text, lo, hi)

    def free(s: int, e: int) -> bool:
        return occ.find(1, s, e) == -1

    def add(s: int, e: int, a, b, prec: str, basis: str, anchor=None, claim: bool = True) -> DateRef:
        r = DateRef(s, e, a, b, prec, basis, anchor)
        refs.append(r)
        if claim:
            occ[s:e] = b"\x01" * (e - s)
        return r

    for rx in (_FULL_MDY, _FULL_DMY):
        for m in scan(rx, "month"):
            if not free(*m.span()):
                continue
            d = _safe_date(int(m.group("year")), _mon(m.group("mon")), int(m.group("day")))
            if d:
                add(m.start(), m.end(), d, d, "day", "explicit")
    for m in scan(_ISO, "year"):
        if free(*m.span()):
            d = _safe_date(int(m.group("year")), int(m.group("m")), int(m.group("day")))
            if d:
                add(m.start(), m.end(), d, d, "day", "explicit")
    for m in scan(_MONTH_YEAR, "month"):
        if free(*m.span()):
            a, b = _month_bounds(int(m.group("year")), _mon(m.group("mon")))
            add(m.start(), m.end(), a, b, "month", "explicit")
    for m in scan(_SEASON_YEAR, "year"):
        if free(*m.span()):
            y = int(m.group("year"))
            a, b = _year_bounds(y)
            add(m.start(), m.end(), a, b, "year", "explicit")
    for m in scan(_DECADE, "year"):
        if free(*m.span()):
            dec = int(m.group("dec"))
            mod = (m.group("mod") or "").lower()
            lo, hi = {"early": (0, 3), "mid": (3, 7), "late": (7, 9)}.get(mod, (0, 9))
            add(m.start(), m.end(), date(dec + lo, 1, 1), date(dec + hi, 12, 31), "years", "explicit")
    for m in scan(_RANGE, "year"):
        if not free(*m.span()):
            continue
        y1 = int(m.group("a1") or m.group("y1"))
        y2s = m.group("a2") or m.group("y2")
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if y1 < y2 <= y1 + 200:
            add(m.start(), m.end(), date(y1, 1, 1), date(y2, 12, 31), "years", "explicit")
    for m in scan(_BARE_YEAR, "year"):
        if free(*m.span()):
            y = int(m.group("year"))
            a, b = _year_bounds(y)
            add(m.start(), m.end(), a, b, "year", "explicit")
    # a dateline may stand in for an unknown publication date
    anchor_pub = published if published is not None else find_dateline(text, layout)
    # month and day without a year: the latest such day not after the publication date
    for rx in (_MD, _DM):
        for m in scan(rx, "month"):
            if not free(*m.span()):
                continue
            mon, day = _mon(m.group("mon")), int(m.group("day"))
            if not 1 <= day <= 31:
                continue
            d = None
            para = layout.para_at(m.start())
            a0 = _sentence_start(text, m.start(), para.start)
            years = [r for r in refs if a0 <= r.start < m.start() and r.precision == "year" and r.basis == "explicit"]
            if years:  # "The 2007 joint declaration occurred on October 4": the year the sentence names
                d = _safe_date(years[-1].date_start.year, mon, day)
                if d is not None:
                    add(m.start(), m.end(), d, d, "day", "relative", (years[-1].start, years[-1].end))
                    continue
            if anchor_pub is not None:
                if _future(text, m.start(), para.start):
                    y = anchor_pub.year if (mon, day) >= (anchor_pub.month, anchor_pub.day) else anchor_pub.year + 1
                else:
                    y = anchor_pub.year if (mon, day) <= (anchor_pub.month, anchor_pub.day) else anchor_pub.year - 1
                d = _safe_date(y, mon, day)
                if d is None:
                    continue
            add(m.start(), m.end(), d, d, "day", "relative")
    for m in scan(_BARE_MONTH, "month"):
        s = m.start("mon")
        prep = m.group("prep").lower()
        if prep.split()[0] in ("last", "this", "next", "early", "late", "mid-", "earlier", "later"):
            s = m.start("prep")
        e = m.end("mon")
        if text[e - 1] == "." and m.group("mon") not in ("Sept.",):
            pass
        if not free(s, e):
            continue
        mon = _mon(m.group("mon"))
        a = b = None
        if anchor_pub is not None:
            py, pm = anchor_pub.year, anchor_pub.month
            if prep == "next":
                y = py if mon > pm else py + 1
            elif prep == "last":
                y = py if mon < pm else py - 1
            elif prep.startswith(("this", "earlier", "later")):
                y = py
            elif _future(text, s, layout.para_at(s).start):  # "talks ... planned for May"
                y = py if mon >= pm else py + 1
            else:
                y = py if mon <= pm else py - 1
            a, b = _month_bounds(y, mon)
        add(s, e, a, b, "month", "relative")
    if anchor_pub is not None:
        for m in scan(_WEEKDAY, "unit"):
            if not free(m.start("wd"), m.end("wd")) or _WEEKDAY_OF_DATE.match(text, m.end("wd")):
                continue
            wd = _WEEKDAYS.index(m.group("wd").lower())
            which = (m.group("which") or "").lower()
            if which == "last":
                d = anchor_pub - timedelta(days=(anchor_pub.weekday() - wd) % 7 or 7)
            elif which == "next":
                d = anchor_pub + timedelta(days=(wd - anchor_pub.weekday()) % 7 or 7)
            elif _future(text, m.start("wd"), layout.para_at(m.start()).start):
                d = anchor_pub + timedelta(days=(wd - anchor_pub.weekday()) % 7)  # "will meet on Tuesday"
            else:  # past-tense news: the day itself or the last one before the dateline
                d = anchor_pub - timedelta(days=(anchor_pub.weekday() - wd) % 7)
            add(m.start("wd"), m.end("wd"), d, d, "day", "relative")
        for m in scan(_MONTH_OF_EVENT, "month"):
            s, e = m.start("mon"), m.end("mon")
            if not free(s, e):
                continue
            mon = _mon(m.group("mon"))
            y = anchor_pub.year if mon <= anchor_pub.month else anchor_pub.year - 1
            a, b = _month_bounds(y, mon)
            add(s, e, a, b, "month", "relative")
        for m in scan(_SEASON, "season"):
            if not free(*m.span()):
                continue
            m0, m1 = _SEASON_MONTHS[m.group("season").lower()]
            prep = m.group("prep").lower()
            py, pm = anchor_pub.year, anchor_pub.month
            if prep == "last":
                y = py if m1 < pm else py - 1
            elif prep == "next":
                y = py if m0 > pm else py + 1
            elif prep == "this" or _future(text, m.start(), layout.para_at(m.start()).start):
                y = py if (prep == "this" or m1 >= pm) else py + 1
            else:
                y = py if m0 <= pm else py - 1
            a = date(y, m0, 1)
            b = _add_months(date(y, 1, 1), m1 - 1, end_of_month=True)
            r = _fit(a, b, "year")
            add(m.start(), m.end(), r[0], r[1], r[2], "relative")
        for m in scan(_REL_PUB, "unit"):
            if not free(*m.span()):
                continue
            ph = m.group("phrase").lower()
            pub = DateRef(0, 0, anchor_pub, anchor_pub, "day", "explicit")
            if ph in ("yesterday", "today", "tomorrow"):
                r = _shift(pub, {"yesterday": -1, "today": 0, "tomorrow": 1}[ph], "day")
            else:
                which = m.group("which").lower().split()[0]
                n = {"last": -1, "this": 0, "next": 1, "earlier": 0, "later": 0}[which]
                unit = m.group("unit").lower()
                if unit == "week":
                    wk0 = anchor_pub - timedelta(days=anchor_pub.weekday())
                    a = wk0 + timedelta(days=7 * n)
                    r = _fit(a, a + timedelta(days=6), "day")
                else:
                    r = _shift(pub, n, unit)
            if r:
                add(m.start(), m.end(), r[0], r[1], r[2], "relative")
    # "Almost 70 years on": a round number of years before the publication date
    if anchor_pub is not None:
        for m in scan(_YEARS_ON, "unit"):
            if not free(*m.span()) or m.group("dir").lower() == "later":
                continue
            nw = m.group("n").lower()
            n = int(nw) if nw.isdigit() else (100 if "hundred" in nw else _TENS.get(nw))
            if not n:
                continue
            try:
                if n % 5 == 0 and (n >= 10 or m.group("q")):
                    a = _add_months(anchor_pub, -(n * 12 + 30))
                    b = _add_months(anchor_pub, -(n * 12 - 30))
                    add(m.start(), m.end(), date(a.year, 1, 1), date(b.year, 12, 31),
                        "years" if a.year != b.year else "year", "inferred")
                else:
                    y = anchor_pub.year - n
                    add(m.start(), m.end(), date(y, 1, 1), date(y, 12, 31), "year", "relative")
            except ValueError:
                continue
    # relative to another date in the text
    refs.sort(key=lambda r: r.start)
    for m in scan(_REL_ANCHORED, "unit"):
        if not free(*m.span()):
            continue
        nw = m.group("n").lower()
        n = int(nw) if nw.isdigit() else _NUMW.get(nw)
        if n is None:
            continue
        unit = m.group("unit").lower()
        direction = m.group("dir").lower()
        para = layout.para_at(m.start())
        anchor = None
        end = m.end()
        if direction in ("after", "before"):
            # the anchor follows: "one month after the 2018 Singapore summit"
            for r in refs:
                if m.end() <= r.start <= m.end() + 40 and r.start < para.end and r.date_start is not None:
                    gap = text[m.end():r.start]
                    if "." in gap or ";" in gap or "," in gap:
                        break
                    anchor = r
                    end = _ANCHOR_TAIL.match(text, r.end, para.end).end()
                    break
            sign = 1 if direction == "after" else -1
        elif direction == "ago":
            if anchor_pub is not None:
                anchor = DateRef(0, 0, anchor_pub, anchor_pub, "day", "explicit")
            sign = -1
        else:  # later / earlier / prior: the date before it in the paragraph
            prev = [r for r in refs if para.start <= r.start < m.start() and r.date_start is not None]
            anchor = prev[-1] if prev else None
            sign = 1 if direction == "later" else -1
        if anchor is None:
            continue
        res = _shift(anchor, sign * n, unit)
        if res:
            an = (anchor.start, anchor.end) if anchor.end > anchor.start else None
            add(m.start(), end, res[0], res[1], res[2], "relative", an)
    for m in scan(_REL_VAGUE, "unit"):
        if not free(*m.span()):
            continue
        unit, direction = m.group("unit").lower(), m.group("dir").lower()
        para = layout.para_at(m.start())
        if direction in ("after", "before") and not re.match(_S + r"*[,.;]", text[m.end():m.end() + 2]):
            nxt = [r for r in refs if m.end() <= r.start <= m.end() + 40 and r.start < para.end and r.date_start]
            if not nxt or re.search(r"[.;,]", text[m.end():nxt[0].start]):
                continue
            anchor = nxt[0]
        else:  # "two years earlier"-like without a number: the date before it in the paragraph
            prev = [r for r in refs if para.start <= r.start < m.start() and r.date_start is not None]
            if not prev:
                continue
            anchor = prev[-1]
        lo, hi = _VAGUE_REACH[unit]
        sign = 1 if direction in ("after", "later") else -1
        step = "day" if unit in ("day", "week") else unit
        r_lo = _shift(anchor, sign * lo, step)
        r_hi = _shift(anchor, sign * hi, step)
        if not r_lo or not r_hi:
            continue
        a, b = (min(r_lo[0], r_hi[0]), max(r_lo[1], r_hi[1]))
        res = _fit(a, b, "day" if step == "day" else step)
        add(m.start(), m.end(), res[0], res[1], res[2], "relative", (anchor.start, anchor.end))
    for m in scan(_REL_PREV, "unit"):
        if not free(*m.span()):
            continue
        para = layout.para_at(m.start())
        prev = [r for r in refs if para.start <= r.start < m.start() and r.date_start is not None]
        if not prev:
            continue
        which = (m.group("which") or "same").lower()
        unit = (m.group("unit") or m.group("unit2")).lower()
        n = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "same": 0}.get(which, 0)
        res = _shift(prev[-1], n, unit)
        if res:
            add(m.start(), m.end(), res[0], res[1], res[2], "relative", (prev[-1].start, prev[-1].end))
    refs.sort(key=lambda r: (r.start, -r.end))
    return refs
