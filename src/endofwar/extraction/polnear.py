"""Score the extractor on PolNeAR, a public attribution benchmark nobody here wrote.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates every attribution in 1,008 US
political news articles of 2016 as Source / Cue / Content spans, in brat standoff files
(`<split>/attributions/<article>_<annotator>.ann` beside `<split>/text/<article>.txt`). The
texts are the publishers' articles: a user clones the public repository and passes its path;
nothing of it is committed here. Develop on `train`, report on `dev`; `test` is withheld.

Measures (the README states them with the numbers this module prints):
  direct quotations    gold attributions whose Content opens with a quotation mark.
                       recall: the share with a system quotation (of any kind) lying inside
                       the Content; precision: the share of the system's attributed quotations
                       (statement, partial, document: not terms or titles) lying inside some
                       gold attribution; speaker: on the found ones with a gold Source, right
                       when the system's attribution span overlaps the Source or a name the
                       system gives the speaker appears in it (a quotation that continues
                       another is credited through that one; one drafted as a term has none).
  reported speech      every other gold attribution, against the system's `indirect` quotes.
                       exact F1: same span once spaces and punctuation are trimmed at both ends
                       (a Content broken around its attribution is compared by its outer
                       bounds); character-overlap F1 over the characters of all Contents; source:
                       on gold attributions with a Source whose Content a system quote
                       overlaps best, right as for direct quotations.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import EndofwarError
from .pipeline import extract

QUOTE_OPENERS = "\"“‘'«"
SPEECH_KINDS = frozenset(("statement", "partial", "document"))
_TRIM = " \t\r\n\u00a0.,;:!?\"“”‘’'«»()[]—–-…"
_BRAT_SPAN = re.compile(r"^T\d+\t")
_BRAT_EVENT = re.compile(r"^E\d+\t")

Span = tuple[int, int]


@dataclass
class Attribution:
    """One gold attribution: each role a list of (start, end) pieces, possibly empty."""

    source: list[Span]
    cue: list[Span]
    content: list[Span]

    @property
    def outer(self) -> Span:
        return self.content[0][0], self.content[-1][1]


@dataclass
class Article:
    name: str
    publisher: str
    annotator: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


class PolnearError(EndofwarError):
    """The folder is not a PolNeAR checkout, or a file in it cannot be read."""


def _spans(field_text: str) -> list[Span]:
    return [tuple(int(x) for x in piece.split()) for piece in field_text.split(";")]


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of one brat file (T lines give spans, E lines tie their roles)."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        try:
            if _BRAT_SPAN.match(line):
                tid, middle, _ = line.split("\t", 2)
                label, where = middle.split(" ", 1)
                spans[tid] = (label, _spans(where))
            elif _BRAT_EVENT.match(line):
                events.append(dict(kv.split(":", 1) for kv in line.split("\t", 1)[1].split()))
        except ValueError as error:
            raise PolnearError(f"not a brat span or event line ({error})", file=str(path), line=lineno) from None
    out = []
    for ev in events:
        roles = {role: sorted(spans[tid][1]) for role, tid in ev.items() if tid in spans}
        if roles.get("Content"):
            out.append(Attribution(roles.get("Source", []), roles.get("Cue", []), roles["Content"]))
    return out


def read_split(root: Path, split: str) -> list[Article]:
    """Every article of a split, each with the attributions of one annotator: the first of its
    annotators in sorted order, the same one every time."""
    folder = root / split
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        raise PolnearError("has no text/ and attributions/ folders", file=str(folder),
                           fix="pass PolNeAR's data folder, the one holding train/ and dev/ (git clone "
                               "https://github.com/networkdynamics/PolNeAR; it is PolNeAR/data)")
    publishers = {}
    meta = root / "metadata.tsv"
    if meta.is_file():
        with meta.open(encoding="utf-8", newline="") as f:
            publishers = {r["filename"]: r["publisher"] for r in csv.DictReader(f, delimiter="\t")}
    annotators: dict[str, list[str]] = {}
    for path in (folder / "attributions").glob("*.ann"):
        name, annotator = path.stem.rsplit("_", 1)
        annotators.setdefault(name, []).append(annotator)
    articles = []
    for name in sorted(annotators):
        annotator = sorted(annotators[name])[0]
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.is_file():
            raise PolnearError("missing: its annotations are in attributions/", file=str(text_path))
        text = text_path.read_text(encoding="utf-8")
        atts = read_ann(folder / "attributions" / f"{name}_{annotator}.ann")
        articles.append(Article(name, publishers.get(name, name.split("_", 1)[0]), annotator, text, atts))
    return articles


def is_direct(text: str, att: Attribution) -> bool:
    s, e = att.content[0]
    return text[s:e].lstrip()[:1] in QUOTE_OPENERS


def trimmed(text: str, s: int, e: int) -> Span:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def _inside(s: int, e: int, spans: list[Span]) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _overlaps(a: Span, spans: list[Span]) -> bool:
    return any(min(a[1], d) > max(a[0], c) for c, d in spans)


def _names(rec: dict, quote: dict) -> list[str]:
    """The names the system gives a quote's speaker: its name and every mention of it."""
    name = quote.get("speaker")
    if not name:
        return []
    out = [name]
    for group in ("persons", "institutions"):
        for ent in rec.get(group, []):
            if ent.get("name") == name:
                out += [m["text"] for m in ent.get("mentions", ent.get("spans", []))]
    return out


def _speaker_right(text: str, rec: dict, quote: dict, by_start: dict[int, dict], gold: Attribution) -> bool:
    """The system's attribution overlaps the gold Source, or one of the speaker's names is in it."""
    seen = set()
    while quote.get("continues") is not None and quote["continues"] in by_start and id(quote) not in seen:
        seen.add(id(quote))
        quote = by_start[quote["continues"]]
    if quote.get("attribution_start") is not None and _overlaps((quote["attribution_start"], quote["attribution_end"]),
                                                                gold.source):
        return True
    source_text = " ".join(text[s:e] for s, e in gold.source)
    return any(n and n in source_text for n in _names(rec, quote))


def _chains(reported: list[dict]) -> list[dict]:
    """Reported speech broken by its attribution is two quotes, the second continuing the first:
    scored as one content from the first's start to the last's end (PolNeAR's outer bounds)."""
    heads = {q["char_start"]: dict(q) for q in reported}
    out = []
    for q in reported:
        first = q
        while first.get("continues") is not None and first["continues"] in heads and first["continues"] != first["char_start"]:
            first = heads[first["continues"]]
        if first is q:
            out.append(heads[q["char_start"]])
        else:
            head = heads[first["char_start"]]
            head["char_end"] = max(head["char_end"], q["char_end"])
    return out


def _prf(tp_p: int, npred: int, tp_g: int, ngold: int) -> dict:
    p = tp_p / npred if npred else 0.0
    r = tp_g / ngold if ngold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "pred": npred, "gold": ngold, "matched_pred": tp_p, "matched_gold": tp_g}


def _acc(ok: int, n: int) -> dict:
    return {"correct": ok, "n": n, "accuracy": round(ok / n, 4) if n else None}


class _Tally:
    """Counts of one group of articles (a publisher, or all)."""

    def __init__(self):
        self.c: dict[str, int] = {}

    def add(self, key: str, n: int = 1) -> None:
        self.c[key] = self.c.get(key, 0) + n

    def get(self, key: str) -> int:
        return self.c.get(key, 0)

    def merge(self, other: "_Tally") -> None:
        for k, v in other.c.items():
            self.add(k, v)

    def scores(self) -> dict:
        g = self.get
        return {
            "direct": {**_prf(g("dq_sys_in"), g("dq_sys"), g("dq_found"), g("dq_gold")),
                       "speaker": _acc(g("dq_spk_ok"), g("dq_spk_n"))},
            "reported": {"exact": _prf(g("rs_exact_p"), g("rs_sys"), g("rs_exact_g"), g("rs_gold")),
                         "overlap": _prf(g("rs_ov_chars"), g("rs_sys_chars"), g("rs_ov_chars"), g("rs_gold_chars")),
                         "source": _acc(g("rs_src_ok"), g("rs_src_n"))},
            "articles": g("articles"),
        }


def score_article(art: Article, rec: dict, errors: list[dict] | None = None) -> _Tally:
    """Compare one article's extraction record with its gold attributions."""
    text, t = art.text, _Tally()
    t.add("articles")
    quotes = rec.get("quotes", [])
    by_start = {q["char_start"]: q for q in quotes}
    direct_sys = [q for q in quotes if q.get("quote_kind") in SPEECH_KINDS]
    reported_parts = [q for q in quotes if q.get("quote_kind") == "indirect"]
    reported_sys = _chains(reported_parts)
    gold_direct = [a for a in art.attributions if is_direct(text, a)]
    gold_reported = [a for a in art.attributions if not is_direct(text, a)]
    all_content = [s for a in art.attributions for s in a.content]

    def err(kind: str, **kw) -> None:
        if errors is not None:
            errors.append({"article": art.name, "publisher": art.publisher, "error": kind, **kw})

    # direct quotations
    t.add("dq_sys", len(direct_sys))
    for q in direct_sys:
        if _inside(q["char_start"], q["char_end"], all_content):
            t.add("dq_sys_in")
        else:
            err("spurious quotation", at=q["char_start"], text=q["text"][:80])
    t.add("dq_gold", len(gold_direct))
    for a in gold_direct:
        inside = [q for q in quotes if q.get("quote_kind") != "indirect"
                  and _inside(q["char_start"], q["char_end"], a.content)]
        content = text[a.outer[0]:a.outer[1]][:80]
        if not inside:
            err("missed quotation", at=a.outer[0], text=content)
            continue
        t.add("dq_found")
        if not a.source:
            continue
        t.add("dq_spk_n")
        if _speaker_right(text, rec, inside[0], by_start, a):
            t.add("dq_spk_ok")
        else:
            err("wrong speaker", at=a.outer[0], text=content,
                expected=" … ".join(text[s:e] for s, e in a.source),
                got={"speaker": inside[0].get("speaker"), "attribution": inside[0].get("attribution_text")})

    # reported speech
    t.add("rs_sys", len(reported_sys))
    t.add("rs_gold", len(gold_reported))
    gold_trim = {trimmed(text, *a.outer): a for a in gold_reported}
    sys_trim = [trimmed(text, q["char_start"], q["char_end"]) for q in reported_sys]
    for span, q in zip(sys_trim, reported_sys):
        if span in gold_trim:
            t.add("rs_exact_p")
    for span, a in gold_trim.items():
        if span in sys_trim:
            t.add("rs_exact_g")
    gold_chars = {i for a in gold_reported for s, e in a.content for i in range(*trimmed(text, s, e))}
    part_trim = [trimmed(text, q["char_start"], q["char_end"]) for q in reported_parts]
    sys_chars = {i for s, e in part_trim for i in range(s, e)}
    t.add("rs_gold_chars", len(gold_chars))
    t.add("rs_sys_chars", len(sys_chars))
    t.add("rs_ov_chars", len(gold_chars & sys_chars))
    for a in gold_reported:
        content = text[a.outer[0]:a.outer[1]][:80]
        best, best_ov = None, 0
        for span, q in zip(part_trim, reported_parts):
            ov = sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in a.content)
            if ov > best_ov:
                best, best_ov = q, ov
        if best is None:
            err("missed reported speech", at=a.outer[0], text=content)
            continue
        if trimmed(text, *a.outer) not in sys_trim:
            err("reported speech span", at=a.outer[0], text=content, got=best["text"][:80])
        if not a.source:
            continue
        t.add("rs_src_n")
        if _speaker_right(text, rec, best, by_start, a):
            t.add("rs_src_ok")
        else:
            err("wrong source", at=a.outer[0], text=content, expected=" … ".join(text[s:e] for s, e in a.source),
                got={"speaker": best.get("speaker"), "attribution": best.get("attribution_text")})
    for span, q in zip(part_trim, reported_parts):
        if not any(min(span[1], e) > max(span[0], s) for a in gold_reported for s, e in a.content):
            err("spurious reported speech", at=q["char_start"], text=q["text"][:80])
    return t


def evaluate_polnear(root: Path, split: str = "dev",
                     extractor: Callable[[str], dict] = extract) -> dict:
    """Scores per publisher and in total, and every miss, of ``extractor`` on a split."""
    if split == "test":
        raise PolnearError("the test split is withheld for an independent measurement",
                           fix="develop on --split train, report on --split dev")
    articles = read_split(root, split)
    errors: list[dict] = []
    total, by_pub = _Tally(), {}
    for art in articles:
        t = score_article(art, extractor(art.text), errors)
        by_pub.setdefault(art.publisher, _Tally()).merge(t)
        total.merge(t)
    return {"split": split, "articles": len(articles), "total": total.scores(),
            "by_publisher": {p: by_pub[p].scores() for p in sorted(by_pub)}, "errors": errors}


def _cell_prf(d: dict) -> str:
    return f"P {d['precision']:.2f} R {d['recall']:.2f} F1 {d['f1']:.2f}"


def _cell_acc(d: dict) -> str:
    return "n/a" if d["accuracy"] is None else f"{d['accuracy']:.2f} ({d['correct']}/{d['n']})"


ROWS = (
    ("direct quotations: recall", lambda s: f"{s['direct']['recall']:.2f} ({s['direct']['matched_gold']}/{s['direct']['gold']})"),
    ("direct quotations: precision", lambda s: f"{s['direct']['precision']:.2f} ({s['direct']['matched_pred']}/{s['direct']['pred']})"),
    ("direct quotations: speaker", lambda s: _cell_acc(s["direct"]["speaker"])),
    ("reported speech: content exact", lambda s: _cell_prf(s["reported"]["exact"])),
    ("reported speech: content overlap (chars)", lambda s: _cell_prf(s["reported"]["overlap"])),
    ("reported speech: source", lambda s: _cell_acc(s["reported"]["source"])),
)


def format_polnear(report: dict, errors: bool = False) -> str:
    """Markdown: the measures in total and per publisher, then (with errors) every miss."""
    pubs = report["by_publisher"]
    head = ["measure", f"total ({report['articles']} articles)"] + list(pubs)
    lines = [f"PolNeAR {report['split']}: the extractor against the annotators' attributions", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, cell in ROWS:
        lines.append(f"| {label} | " + " | ".join(cell(s) for s in [report["total"], *pubs.values()]) + " |")
    errs = report["errors"]
    lines += ["", f"Misses ({len(errs)}){':' if errors else ' (listed with --errors)'}"]
    for e in errs if errors else []:
        extra = "".join(f" {k}={e[k]!r}" for k in ("expected", "got") if k in e)
        lines.append(f"- {e['article']}@{e['at']} {e['error']}: {e['text']!r}{extra}")
    return "\n".join(lines) + "\n"
