"""Compare the extractor's drafts with the reviewed coding (the published tables).

For every source that has reviewed rows, the extractor's record is compared with
tables/*.csv filtered on coding_status == 'reviewed'. The record is, by mode: extracted
afresh with the registry as gazetteer, as `endofwar extract` runs it (in-sample), or without
the entries only that source introduces (leave-one-out), or read from the source's
first-contact draft (evaluation/first-contact/, made before review: out of sample). Scores
are summed per source, per outlet kind (sources.outlet_kind) and in total:

  quotes        precision/recall/F1 of spans, exact and overlapping; quote_kind accuracy
                and speaker accuracy (overall and on statements) on exactly matched spans;
                continuation accuracy
  persons       precision/recall of the people mentioned (mentions.expert_id)
  institutions  precision/recall of the institutions and states mentioned
  dates         precision/recall of dated references (events.date_text located in the
                source near its event_sources evidence), and how often the bounds and
                precision agree on the matched ones

`report["errors"]` lists every remaining difference (missed, spurious, wrong kind, wrong
speaker, wrong bounds) so that the README can show them.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import yaml

from .gazetteer import norm_key
from .pipeline import extract, voice_of
from .text import slugify


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(f)]


def _int(v) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _prf(tp: int, npred: int, ngold: int) -> dict:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else (1.0 if not npred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": npred, "gold": ngold, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _acc(ok: int, n: int) -> dict:
    return {"correct": ok, "n": n, "accuracy": round(ok / n, 4) if n else None}


class _Names:
    """Resolves a predicted entity (id and name) to a gold id through ids, names, aliases."""

    def __init__(self, experts: list[dict], institutions: list[dict], registry: dict | None):
        self.by_name: dict[str, str] = {}
        self.ids: set[str] = set()
        for row in experts:
            self._add(row["expert_id"], [row.get("name")])
        for row in institutions:
            self._add(row["institution_id"], [row.get("name"), row.get("abbreviation")])
        if registry:
            for e in registry.get("experts") or []:
                if isinstance(e, dict) and e.get("expert_id"):
                    self._add(str(e["expert_id"]), [e.get("name"), *(e.get("aliases") or [])])
            for e in registry.get("institutions") or []:
                if isinstance(e, dict) and e.get("institution_id"):
                    self._add(str(e["institution_id"]), [e.get("name"), e.get("abbreviation"),
                                                         *(e.get("aliases") or [])])

    @staticmethod
    def _key(name: str) -> str:
        k = norm_key(str(name)).lower()
        return k[4:] if k.startswith("the ") else k

    def _add(self, gid: str, names) -> None:
        self.ids.add(gid)
        for n in names:
            if n:
                self.by_name.setdefault(self._key(n), gid)

    def resolve(self, pid: str | None, name: str | None, aliases=()) -> str | None:
        if pid and pid in self.ids:
            return pid
        for n in [name, *aliases]:
            if n:
                g = self.by_name.get(self._key(n))
                if g:
                    return g
                if slugify(n) in self.ids:
                    return slugify(n)
        return pid or (slugify(name) if name else None)


def _gold_dates(text: str, es_rows: list[dict], events: dict[str, dict]) -> list[dict]:
    """Dated references of one source: each event's date_text located in the text, next to
    the event's evidence in this source."""
    by_event: dict[str, list[tuple[int, int]]] = {}
    for r in es_rows:
        s, e = _int(r["char_start"]), _int(r["char_end"])
        if s is not None and e is not None:
            by_event.setdefault(r["event_id"], []).append((s, e))
    out: dict[tuple[int, int], dict] = {}
    for eid, spans in by_event.items():
        ev = events.get(eid)
        if not ev or not ev.get("date_text"):
            continue
        dt = ev["date_text"]
        occ = []
        i = text.find(dt)
        while i != -1:
            occ.append((i, i + len(dt)))
            i = text.find(dt, i + 1)
        if not occ:
            continue
        chosen = [o for o in occ if any(a <= o[0] and o[1] <= b for a, b in spans)]
        if not chosen:
            a0 = min(a for a, _ in spans)
            chosen = [min(occ, key=lambda o: abs(o[0] - a0))]
        for o in chosen:
            out.setdefault(o, {"char_start": o[0], "char_end": o[1], "date_text": dt, "event_id": eid,
                               "date_start": ev.get("date_start"), "date_end": ev.get("date_end"),
                               "date_precision": ev.get("date_precision"), "date_basis": ev.get("date_basis")})
    return sorted(out.values(), key=lambda d: d["char_start"])


def _match_overlap(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs of overlapping spans, best overlap (IoU) first."""
    pairs = []
    for i, (a, b) in enumerate(pred):
        for j, (c, d) in enumerate(gold):
            ov = min(b, d) - max(a, c)
            if ov > 0:
                pairs.append((ov / (max(b, d) - min(a, c)), i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _published(src: dict) -> date | None:
    try:
        return date.fromisoformat(src.get("published_start") or "")
    except ValueError:
        return None


MODES = {
    "in-sample": "the extractor run now, with the whole registry as gazetteer",
    "leave-one-out": "the extractor run now, each source with a registry that lacks the people, "
                     "institutions and events only that source introduces",
    "first-contact": "the drafts committed under evaluation/first-contact/ before each source was "
                     "reviewed or the extractor changed for it (never regenerated)",
}


def _introduced_only_by(rows: list[dict], columns: tuple[str, ...]) -> dict[str, set[str]]:
    """source_id -> the entity ids that no other source mentions."""
    seen: dict[str, set[str]] = {}
    for r in rows:
        for col in columns:
            if r.get(col):
                seen.setdefault(r[col], set()).add(r["source_id"])
    only: dict[str, set[str]] = {}
    for eid, sids in seen.items():
        if len(sids) == 1:
            only.setdefault(next(iter(sids)), set()).add(eid)
    return only


def _without(registry: dict | None, ids: set[str]) -> dict | None:
    """The registry minus the entries whose id is in ids."""
    if not registry or not ids:
        return registry
    keys = {"experts": "expert_id", "institutions": "institution_id", "events": "event_id"}
    return {section: [e for e in (registry.get(section) or []) if not (isinstance(e, dict) and e.get(key) in ids)]
            for section, key in keys.items()}


def evaluate(root: Path, use_registry: bool = True, mode: str = "in-sample") -> dict:
    """Per-source, per-outlet-kind and total scores of the extractor against the reviewed
    tables under ``root`` (the repository root), and the list of remaining errors.

    mode (see MODES): "in-sample" extracts every source afresh with the whole registry;
    "leave-one-out" extracts each source with a registry that lacks what only it introduces;
    "first-contact" scores the stored first drafts of the sources that have one."""
    from .first_contact import NEW_KINDS, batch_of, drafting_commits, load_records

    NEW_KINDS_BATCH = next(iter(NEW_KINDS))  # noqa: N806 - the one batch of new kinds so far

    if mode not in MODES:
        raise ValueError(f"mode must be one of {sorted(MODES)}")
    root = Path(root)
    t = root / "tables"
    reviewed = lambda rows: [r for r in rows if r.get("coding_status") == "reviewed"]  # noqa: E731
    sources = {r["source_id"]: r for r in _read(t / "sources.csv")}
    quotes = reviewed(_read(t / "quotes.csv"))
    mentions = reviewed(_read(t / "mentions.csv"))
    experts = _read(t / "experts.csv")
    institutions = _read(t / "institutions.csv")
    events = {r["event_id"]: r for r in _read(t / "events.csv")}
    event_sources = reviewed(_read(t / "event_sources.csv"))
    registry = None
    reg_path = root / "annotations" / "registry.yaml"
    if use_registry and reg_path.exists():
        registry = yaml.safe_load(reg_path.read_text(encoding="utf-8"))
    claims = reviewed(_read(t / "claims.csv"))
    concepts = _concepts(root)
    names = _Names(experts, institutions, registry)
    source_ids = sorted({r["source_id"] for r in quotes + mentions + event_sources + claims})
    stored = load_records(root) if mode == "first-contact" else {}
    stored_new = load_records(root, NEW_KINDS_BATCH) if mode == "first-contact" else {}
    if mode == "first-contact":
        source_ids = [sid for sid in source_ids if sid in stored or sid in stored_new]
    only = _introduced_only_by(mentions + event_sources, ("expert_id", "institution_id", "event_id")) \
        if mode == "leave-one-out" else {}
    report = {"settings": {"root": str(root), "registry": registry is not None, "mode": mode,
                           "what": MODES[mode], "gold": "tables/*.csv rows with coding_status == 'reviewed'"},
              "sources": {}, "by_outlet_kind": {}, "errors": []}
    totals: dict[str, list[int]] = {}
    groups: dict[str, dict[str, list[int]]] = {}
    by_commit: dict[str, dict[str, list[int]]] = {}
    by_batch: dict[str, dict[str, list[int]]] = {}
    members: dict[str, set[str]] = {}  # the sources scored in each batch and drafting commit
    commits = drafting_commits(root) if mode == "first-contact" else {}
    commits_new = drafting_commits(root, NEW_KINDS_BATCH) if mode == "first-contact" else {}
    batch, batch_new = batch_of(root), batch_of(root, NEW_KINDS_BATCH)
    group = ""
    scope = "main"  # which draft a first-contact score comes from: the source's, or its new kinds'

    def add(key: str, *vals: int) -> None:
        named = batch_new(sid) if scope == "new" and sid in commits_new else batch(sid)
        where = [totals, groups.setdefault(group, {}), by_batch.setdefault(named, {})]
        members.setdefault(named, set()).add(sid)
        drafted = (commits_new if scope == "new" and sid in commits_new else commits).get(sid)
        if drafted:  # first-contact drafts per commit that made them: one batch each
            where.append(by_commit.setdefault(drafted[:7], {}))
            members.setdefault(drafted[:7], set()).add(sid)
        for sums in where:
            cur = sums.setdefault(key, [0] * len(vals))
            for k, v in enumerate(vals):
                cur[k] += v

    for sid in source_ids:
        src = sources.get(sid)
        if src is None or not src.get("raw_path") or not (root / src["raw_path"]).exists():
            continue
        text = (root / src["raw_path"]).read_text(encoding="utf-8")
        group = src.get("outlet_kind") or "unknown"
        scope = "main"
        if mode == "first-contact":
            rec = stored.get(sid) or {"quotes": [], "persons": [], "institutions": [], "dates": []}
            # reported speech and claims: from the batch that drafted them for a coded source, or
            # from the source's own draft when its extractor drafted them (it has "claims")
            rec_new = stored_new.get(sid) or (rec if "claims" in rec else None)
        else:
            rec = extract(text, published=_published(src), registry=_without(registry, only.get(sid, set())),
                          concepts=concepts, voice=voice_of(src))
            rec_new = rec
        main_scored = mode != "first-contact" or sid in stored
        errs = report["errors"]
        res: dict = {}
        g_all = sorted([r for r in quotes if r["source_id"] == sid], key=lambda r: _int(r["char_start"]))
        if main_scored:
            # ---- quotes
            gq = [r for r in g_all if r["quote_kind"] != "indirect"]
            gspans = [(_int(r["char_start"]), _int(r["char_end"])) for r in gq]
            gid_span = {r["quote_id"]: (_int(r["char_start"]), _int(r["char_end"])) for r in g_all}
            pq = [q for q in rec["quotes"] if q["quote_kind"] != "indirect"]
            pspans = [(q["char_start"], q["char_end"]) for q in pq]
            gindex = {sp: k for k, sp in enumerate(gspans)}
            exact = [(i, gindex[sp]) for i, sp in enumerate(pspans) if sp in gindex]
            over = _match_overlap(pspans, gspans)
            res["quotes_exact"] = _prf(len(exact), len(pspans), len(gspans))
            res["quotes_overlap"] = _prf(len(over), len(pspans), len(gspans))
            add("quotes_exact", len(exact), len(pspans), len(gspans))
            add("quotes_overlap", len(over), len(pspans), len(gspans))
            kind_ok = spk_ok = st_n = st_ok = named_n = named_ok = cont_n = cont_ok = 0
            for i, j in exact:
                p, g = pq[i], gq[j]
                gold_spk = g.get("speaker_expert_id") or g.get("speaker_institution_id")
                pred_spk = names.resolve(p.get("speaker_id"), p.get("speaker")) if p.get("speaker") else None
                if p["quote_kind"] == g["quote_kind"]:
                    kind_ok += 1
                else:
                    errs.append({"source_id": sid, "table": "quotes", "error": "wrong kind", "text": p["text"],
                                 "char_start": p["char_start"], "expected": g["quote_kind"], "got": p["quote_kind"]})
                if pred_spk == gold_spk:
                    spk_ok += 1
                else:
                    errs.append({"source_id": sid, "table": "quotes", "error": "wrong speaker", "text": p["text"],
                                 "char_start": p["char_start"], "expected": gold_spk, "got": pred_spk})
                if g["quote_kind"] == "statement":
                    st_n += 1
                    st_ok += pred_spk == gold_spk
                if gold_spk:
                    named_n += 1
                    named_ok += pred_spk == gold_spk
                g_cont = gid_span.get(g.get("continues_quote_id")) if g.get("continues_quote_id") else None
                p_cont = p.get("continues")
                if g_cont is not None or p_cont is not None:
                    cont_n += 1
                    if (g_cont[0] if g_cont else None) == p_cont:
                        cont_ok += 1
                    else:
                        errs.append({"source_id": sid, "table": "quotes", "error": "wrong continuation",
                                     "text": p["text"], "char_start": p["char_start"],
                                     "expected": g_cont[0] if g_cont else None, "got": p_cont})
            res["quote_kind"] = _acc(kind_ok, len(exact))
            res["speaker"] = _acc(spk_ok, len(exact))
            res["speaker_statements"] = _acc(st_ok, st_n)
            res["speaker_named"] = _acc(named_ok, named_n)
            res["continuation"] = _acc(cont_ok, cont_n)
            add("quote_kind", kind_ok, len(exact))
            add("speaker", spk_ok, len(exact))
            add("speaker_statements", st_ok, st_n)
            add("speaker_named", named_ok, named_n)
            add("continuation", cont_ok, cont_n)
            matched_p = {i for i, _ in exact}
            matched_g = {j for _, j in exact}
            for i, p in enumerate(pq):
                if i not in matched_p:
                    errs.append({"source_id": sid, "table": "quotes", "error": "spurious", "text": p["text"],
                                 "char_start": p["char_start"], "expected": None, "got": p["quote_kind"]})
            for j, g in enumerate(gq):
                if j not in matched_g:
                    errs.append({"source_id": sid, "table": "quotes", "error": "missed", "text": g["text"],
                                 "char_start": _int(g["char_start"]), "expected": g["quote_kind"], "got": None})
        # ---- reported speech and claims (scored where the reviewed coding has them, from the draft
        # that made them: first contact scores new kinds of rows from their own batch)
        scope = "new"
        if rec_new is not None:
            _score_reported(sid, [r for r in g_all if r["quote_kind"] == "indirect"], rec_new, names, add, errs)
            _score_claims(sid, [r for r in claims if r["source_id"] == sid], rec_new, names, add, errs)
        scope = "main"
        if main_scored:
            # ---- persons and institutions
            for kind, col, recs in (("persons", "expert_id", rec["persons"]),
                                    ("institutions", "institution_id", rec["institutions"])):
                gold = {r[col] for r in mentions if r["source_id"] == sid and r.get(col)}
                pred = {}
                for e in recs:
                    gid = names.resolve(e.get("id"), e.get("name"), e.get("aliases") or [])
                    pred.setdefault(gid, e)
                tp = len(set(pred) & gold)
                res[kind] = _prf(tp, len(pred), len(gold))
                add(kind, tp, len(pred), len(gold))
                for gid in sorted(set(pred) - gold):
                    e = pred[gid]
                    errs.append({"source_id": sid, "table": kind, "error": "spurious", "text": e["text"],
                                 "char_start": e["char_start"], "expected": None, "got": gid})
                for gid in sorted(gold - set(pred)):
                    errs.append({"source_id": sid, "table": kind, "error": "missed", "text": None,
                                 "char_start": None, "expected": gid, "got": None})
            # ---- dated references
            gd = _gold_dates(text, [r for r in event_sources if r["source_id"] == sid], events)
            pdts = rec["dates"]
            pairs = _match_overlap([(d["char_start"], d["char_end"]) for d in pdts],
                                   [(d["char_start"], d["char_end"]) for d in gd])
            res["dates"] = _prf(len(pairs), len(pdts), len(gd))
            add("dates", len(pairs), len(pdts), len(gd))
            bounds_ok = 0
            for i, j in pairs:
                p, g = pdts[i], gd[j]
                same = (p["date_start"], p["date_end"], p["date_precision"]) == (
                    g["date_start"], g["date_end"], g["date_precision"])
                bounds_ok += same
                if not same:
                    errs.append({"source_id": sid, "table": "dates", "error": "wrong bounds", "text": p["date_text"],
                                 "char_start": p["char_start"],
                                 "expected": f"{g['date_start']}..{g['date_end']} {g['date_precision']}",
                                 "got": f"{p['date_start']}..{p['date_end']} {p['date_precision']}"})
            res["date_bounds"] = _acc(bounds_ok, len(pairs))
            add("date_bounds", bounds_ok, len(pairs))
            mp = {i for i, _ in pairs}
            mg = {j for _, j in pairs}
            for i, p in enumerate(pdts):
                if i not in mp:
                    errs.append({"source_id": sid, "table": "dates", "error": "spurious", "text": p["date_text"],
                                 "char_start": p["char_start"], "expected": None,
                                 "got": f"{p['date_start']}..{p['date_end']} {p['date_precision']}"})
            for j, g in enumerate(gd):
                if j not in mg:
                    errs.append({"source_id": sid, "table": "dates", "error": "missed", "text": g["date_text"],
                                 "char_start": g["char_start"],
                                 "expected": f"{g['date_start']}..{g['date_end']} {g['date_precision']}", "got": None})
        report["sources"][sid] = res
    report["total"] = _scores(totals)
    report["by_outlet_kind"] = {kind: _scores(sums) for kind, sums in sorted(groups.items()) if kind}
    report["by_batch"] = {
        name: {"sources": sorted(members.get(name, ())), **_scores(sums)}
        for name, sums in sorted(by_batch.items())}
    if commits:
        report["by_drafting_commit"] = {
            c: {"sources": sorted(members.get(c, ())), **_scores(sums)} for c, sums in sorted(by_commit.items())}
    return report


def _score_reported(sid: str, gr: list[dict], rec: dict, names: "_Names", add, errs: list) -> None:
    """Reported speech (quotes of kind indirect): spans exact and overlapping, and the speaker of
    the overlapping ones."""
    if not gr:
        return
    pr = [q for q in rec["quotes"] if q["quote_kind"] == "indirect"]
    rspans = [(q["char_start"], q["char_end"]) for q in pr]
    grspans = [(_int(r["char_start"]), _int(r["char_end"])) for r in gr]
    rexact = set(rspans) & set(grspans)
    rover = _match_overlap(rspans, grspans)
    add("reported_exact", len(rexact), len(rspans), len(grspans))
    add("reported_overlap", len(rover), len(rspans), len(grspans))
    r_ok = 0
    for i, j in rover:
        p, g = pr[i], gr[j]
        gold_spk = g.get("speaker_expert_id") or g.get("speaker_institution_id")
        pred_spk = names.resolve(p.get("speaker_id"), p.get("speaker")) if p.get("speaker") else None
        r_ok += pred_spk == gold_spk
        if pred_spk != gold_spk:
            errs.append({"source_id": sid, "table": "quotes", "error": "wrong reported speaker",
                         "text": p["text"], "char_start": p["char_start"], "expected": gold_spk, "got": pred_spk})
    add("reported_speaker", r_ok, len(rover))


def _score_claims(sid: str, gc: list[dict], rec: dict, names: "_Names", add, errs: list) -> None:
    """Claims: a drafted claim is right when it overlaps a reviewed claim of the same actor and
    concept (one to one); agreement is scored on the right ones."""
    if not gc:
        return
    pc = rec.get("claims") or []
    def actor(c: dict, gold: bool) -> str | None:
        if gold:
            return c.get("actor_expert_id") or c.get("actor_institution_id")
        return names.resolve(c.get("actor_id"), c.get("actor")) if (c.get("actor_id") or c.get("actor")) else None
    pairs = []
    for i, p in enumerate(pc):
        for j, g in enumerate(gc):
            ov = min(p["char_end"], _int(g["char_end"])) - max(p["char_start"], _int(g["char_start"]))
            if ov > 0 and p["concept_id"] == g["concept_id"] and actor(p, False) == actor(g, True):
                pairs.append((-ov, i, j))
    used_p, used_g, agree_ok = set(), set(), 0
    for _, i, j in sorted(pairs):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        agree_ok += pc[i]["agreement"] == gc[j]["agreement"]
    add("claims", len(used_g), len(pc), len(gc))
    add("claim_agreement", agree_ok, len(used_g))
    for j, g in enumerate(gc):
        if j not in used_g:
            errs.append({"source_id": sid, "table": "claims", "error": "missed", "text": g.get("evidence"),
                         "char_start": _int(g["char_start"]), "expected": f"{actor(g, True)} {g['concept_id']}",
                         "got": None})
    for i, p in enumerate(pc):
        if i not in used_p:
            errs.append({"source_id": sid, "table": "claims", "error": "spurious", "text": p["text"],
                         "char_start": p["char_start"], "expected": None, "got": f"{actor(p, False)} {p['concept_id']}"})


def _concepts(root: Path) -> list:
    """The concepts (with their draft cues) the extractor drafts claims with."""
    path = root / "annotations" / "concepts.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    return list(doc.get("concepts") or []) if isinstance(doc, dict) else []


def _scores(sums: dict[str, list[int]]) -> dict:
    return {key: _prf(*vals) if len(vals) == 3 else _acc(*vals) for key, vals in sums.items()}


_ROWS = [
    ("quotes_exact", "quote spans, exact"),
    ("quotes_overlap", "quote spans, overlapping"),
    ("quote_kind", "quote_kind (exact matches)"),
    ("speaker", "speaker (exact matches)"),
    ("speaker_statements", "speaker on statements"),
    ("speaker_named", "speaker on quotes with a named speaker"),
    ("continuation", "continues_quote_id"),
    ("reported_exact", "reported speech spans, exact"),
    ("reported_overlap", "reported speech spans, overlapping"),
    ("reported_speaker", "reported speech speaker (overlapping)"),
    ("claims", "claims (actor and concept, overlapping)"),
    ("claim_agreement", "claim agreement (matched)"),
    ("persons", "persons"),
    ("institutions", "institutions"),
    ("dates", "dated references"),
    ("date_bounds", "date bounds + precision (matched)"),
]


def _cell(m: dict | None) -> str:
    if not m:
        return "-"
    if "f1" in m:
        return f"P {m['precision']:.2f} R {m['recall']:.2f} F1 {m['f1']:.2f} ({m['tp']}/{m['pred']}/{m['gold']})"
    if m.get("accuracy") is None:
        return "n/a"
    return f"{m['accuracy']:.2f} ({m['correct']}/{m['n']})"


def _table(columns: dict[str, dict]) -> list[str]:
    """One row per measure, one column per scored group."""
    lines = ["| measure | " + " | ".join(columns) + " |", "|" + "---|" * (len(columns) + 1)]
    for key, label in _ROWS:
        lines.append(f"| {label} | " + " | ".join(_cell(scores.get(key)) for scores in columns.values()) + " |")
    return lines


def format_report(report: dict, errors: bool = True) -> str:
    """Markdown: scores per outlet kind and in total, per source (a column each when there are
    few, one row each on the key measures when there are many), then the remaining errors."""
    settings, sources = report["settings"], report.get("sources", {})
    lines = [f"Extractor vs reviewed coding, {settings.get('mode', 'in-sample')}: {settings.get('what', '')} "
             f"(registry as gazetteer: {settings['registry']}; {len(sources)} sources)", ""]
    if len(sources) <= 3:
        lines += _table({**sources, "total": report["total"]})
    else:
        lines += _table({**report.get("by_outlet_kind", {}), "total": report["total"]})
        lines += ["", "| source | quote spans F1 | speaker on statements | speaker, named | persons F1 | dates F1 |",
                  "|---|---|---|---|---|---|"]
        for sid, s in sources.items():
            cells = [_cell(s.get(k)) for k in ("quotes_exact", "speaker_statements", "speaker_named", "persons", "dates")]
            lines.append(f"| {sid} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("P/R/F1 cells: (matched/predicted/gold). Dated references are scored against the events the")
    lines.append("coders recorded, so dates the extractor finds that belong to no coded event count as spurious.")
    errs = report.get("errors", [])
    lines.append("")
    lines.append(f"Remaining errors ({len(errs)}){':' if errors else ' (listed with --errors)'}")
    for e in errs if errors else []:
        txt = (e.get("text") or "")
        txt = txt if len(txt) <= 70 else txt[:67] + "..."
        pos = f"@{e['char_start']}" if e.get("char_start") is not None else ""
        lines.append(f"- {e['source_id']} {e['table']} {e['error']}{pos}: {txt!r} expected={e['expected']!r} "
                     f"got={e['got']!r}")
    return "\n".join(lines)


def format_summary(reports: dict[str, dict]) -> str:
    """Markdown for the README: each mode's scores per batch of sources (evaluation/batches.yaml),
    side by side and never averaged across batches; then the first-contact scores per drafting
    commit and per outlet kind."""
    columns = {}
    for mode, rep in reports.items():
        for name, scores in rep.get("by_batch", {}).items():
            columns[f"{mode}, {name} ({len(scores['sources'])} sources)"] = scores
    lines = _table(columns)
    first = reports.get("first-contact")
    if first:
        batches = first.get("by_drafting_commit", {})
        if len(batches) > 1:
            lines += ["", "First-contact scores per drafting commit (each batch drafted by one commit, before review):", ""]
            lines += _table({f"{c} ({len(s['sources'])} sources)": s for c, s in batches.items()})
        lines += ["", "First-contact scores per outlet kind (all batches):", ""]
        lines += _table({**first.get("by_outlet_kind", {}), "total": first["total"]})
    return "\n".join(lines) + "\n"
