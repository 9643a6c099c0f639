"""Train the attribution scorer (src/endofwar/extraction/attribution-model.json) on PolNeAR.

    python scripts/train_attribution.py PATH/TO/PolNeAR/data [--check]

Reads PolNeAR's `train` split (never `test`), runs the extractor's candidate step on every
article, labels each candidate from the annotators' attributions, and fits two logistic
models with scikit-learn (`pip install -e '.[train]'`):

  quote     one row per (quotation, candidate): 1 when the candidate's attribution overlaps the
            annotated Source (for a continuation: when the quotation it continues was annotated
            with that Source), or for "none" when no annotated attribution holds the quotation;
  reported  one row per frame whose content could be reported speech: 1 when its content
            covers an annotated Content (not a quotation) with an overlap of half or more of
            their union.

The regularisation and the reported-speech threshold are chosen on `dev` by the benchmark
(`endofwar evaluate --polnear`), as PolNeAR's authors ask: develop on train, tune on dev. The
same data give the same file (lbfgs is deterministic; weights rounded; keys sorted). With
--check, the committed file is compared with a fresh training instead of being replaced.
Model card: docs/attribution-model.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from endofwar.extraction import polnear, ranking  # noqa: E402
from endofwar.extraction.attribution import candidates, reported_parts  # noqa: E402
from endofwar.extraction.pipeline import extract, prepare  # noqa: E402

MODEL_PATH = ROOT / "src" / "endofwar" / "extraction" / ranking.MODEL
C_GRID = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (-2.0, -1.5, -1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0)


def _overlaps(a: tuple[int, int], spans) -> bool:
    return any(min(a[1], d) > max(a[0], c) for c, d in spans)


def _holder(q, atts):
    """The annotated attribution whose Content holds the quotation, if any."""
    for a in atts:
        if any(c <= q.start and q.end <= d for c, d in a.content):
            return a
    return None


def quote_rows(art: polnear.Article) -> list[tuple[list[str], int]]:
    text = art.text
    _, layout, quotes, _ = prepare(text)
    cands = candidates(text, layout, quotes)
    rows = []
    holders = {i: _holder(q, art.attributions) for i, q in enumerate(quotes)}
    for i, cs in cands.per_quote.items():
        q, gold = quotes[i], holders[i]
        if gold is not None and not gold.source:
            continue  # annotated, but with no Source to check a speaker against
        for c in cs:
            if gold is None:
                label = int(c.how == "none")
            elif c.frame is not None:
                label = int(_overlaps(c.frame.attribution, gold.source) or _overlaps(c.frame.source, gold.source)
                            if c.frame.source else _overlaps(c.frame.attribution, gold.source))
            elif c.previous is not None:
                prev = holders.get(c.previous)
                label = int(prev is not None and _overlaps(gold.source[0], prev.source) if prev and prev.source else 0)
            else:
                label = 0
            rows.append((ranking.features(c, text, q), label))
    return rows


def reported_rows(art: polnear.Article) -> list[tuple[list[str], int]]:
    text = art.text
    _, layout, quotes, _ = prepare(text)
    cands = candidates(text, layout, quotes)
    gold = [polnear.trimmed(text, *a.outer) for a in art.attributions if not polnear.is_direct(text, a)]
    rows = []
    for f in cands.frames:
        parts = reported_parts(text, f)
        if not parts:
            continue
        s, e = polnear.trimmed(text, parts[0][0], parts[-1][1])
        best = 0.0
        for gs, ge in gold:
            inter = min(e, ge) - max(s, gs)
            if inter > 0:
                best = max(best, inter / (max(e, ge) - min(s, gs)))
        rows.append((ranking.reported_features(f, parts, text), int(best >= 0.5)))
    return rows


def fit(rows: list[tuple[list[str], int]], c: float) -> dict[str, float]:
    """Logistic regression over binary features; the weights by feature name, with the bias."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    vocab = {name: k for k, name in enumerate(sorted({n for names, _ in rows for n in names}))}
    data, indices, indptr = [], [], [0]
    for names, _ in rows:
        cols = sorted({vocab[n] for n in names})
        indices += cols
        data += [1.0] * len(cols)
        indptr.append(len(indices))
    x = csr_matrix((data, indices, indptr), shape=(len(rows), len(vocab)))
    y = [label for _, label in rows]
    model = LogisticRegression(C=c, max_iter=2000, solver="lbfgs").fit(x, y)
    weights = {name: round(float(model.coef_[0][k]), 4) for name, k in vocab.items()}
    weights = {k: v for k, v in sorted(weights.items()) if abs(v) >= 1e-4}
    weights["bias"] = round(float(model.intercept_[0]), 4)
    return weights


def dev_scores(root: Path, model: dict) -> dict:
    """The benchmark on dev with ``model`` in place of the committed weights."""
    with ranking.trying(model):
        return polnear.evaluate_polnear(root, "dev", extract)["total"]


def _objective(total: dict) -> float:
    d, r = total["direct"], total["reported"]
    return (d["speaker"]["accuracy"] or 0) + d["precision"] + r["exact"]["f1"] + r["overlap"]["f1"] + \
        (r["source"]["accuracy"] or 0)


def train(root: Path, log=print) -> dict:
    arts = polnear.read_split(root, "train")
    q_rows = [row for art in arts for row in quote_rows(art)]
    r_rows = [row for art in arts for row in reported_rows(art)]
    log(f"train: {len(arts)} articles, {len(q_rows)} quotation candidates, {len(r_rows)} reported-speech frames")
    best = None
    for c in C_GRID:
        quote_w, reported_w = fit(q_rows, c), fit(r_rows, c)
        for thr in THRESHOLDS:
            model = {"quote": quote_w, "reported": reported_w, "reported_threshold": thr}
            total = dev_scores(root, model)
            score = _objective(total)
            log(f"  C={c} threshold={thr}: dev objective {score:.4f}")
            if best is None or score > best[0]:
                best = (score, c, thr, model, total)
    _, c, thr, model, total = best
    model = {
        "about": ("Logistic scorer of attribution candidates (quote) and reported-speech frames (reported), "
                  "trained by scripts/train_attribution.py on PolNeAR train; C and the threshold chosen on dev. "
                  "Model card: docs/attribution-model.md."),
        "training": {"data": "PolNeAR v1.0.0 train split (840 articles, one annotator each)",
                     "quote_rows": len(q_rows), "reported_rows": len(r_rows), "C": c},
        **model,
    }
    log(f"chosen: C={c}, threshold={thr}")
    return model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("polnear", type=Path, help="PolNeAR's data folder (holding train/ and dev/)")
    ap.add_argument("--check", action="store_true", help="compare with the committed model instead of writing it")
    args = ap.parse_args(argv)
    model = train(args.polnear)
    body = json.dumps(model, indent=1, sort_keys=False) + "\n"
    if args.check:
        same = MODEL_PATH.read_text(encoding="utf-8") == body
        print("the committed model is what this training gives" if same else "the committed model differs")
        return 0 if same else 1
    MODEL_PATH.write_text(body, encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(ROOT)} ({len(body) // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
