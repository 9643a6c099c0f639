"""A synthetic corpus with known answers, for measuring the toolkit at scale.

`generate(n, out, seed)` writes n news-like articles into out/raw/, their metadata into
out/raw/sources.yaml, the truth about each (quotes with offsets and speakers, stated
affiliations, dates) into out/truth.jsonl, and copies schemas/ and sql/ so that
`endofwar build --root OUT` works. `generate_shards` writes the same articles as a sharded
corpus (JSONL or Parquet records) for `endofwar build --corpus`. The same n and seed always
give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import shutil
from pathlib import Path

import yaml

FIRST = ["Robert", "Ankit", "Frank", "Andrew", "Sue", "Victor", "Jenny", "Daniel", "Soo-jin", "Min-ho",
         "Laura", "Patrick", "Hyun-woo", "Karen", "Thomas", "Ji-yeon", "Michael", "Elena", "David", "Yuna"]
LAST = ["Hartley", "Osborne", "Lindqvist", "Moreau", "Kang", "Delgado", "Whitfield", "Park", "Novak", "Choi",
        "Fairbanks", "Ishikawa", "Brennan", "Lim", "Castellano", "Yoon", "Hollis", "Seo", "Marchetti", "Ahn"]
INSTITUTIONS = ["Brookings Institution", "Heritage Foundation", "Carnegie Endowment for International Peace",
                "US Institute of Peace", "Council on Foreign Relations", "Korea Economic Institute of America",
                "Asan Institute for Policy Studies", "Stimson Center", "RAND Corporation", "Wilson Center"]
TITLES = ["a senior fellow", "a nonresident senior fellow", "the director of the Korea program",
          "a senior research fellow", "a research fellow", "the president"]
FORMER = ["a former special envoy for North Korea policy", "a former deputy assistant secretary of state",
          "a former intelligence analyst"]
SUBJECTS = ["An end-of-war declaration", "The declaration", "Sanctions relief", "The alliance", "Pyongyang",
            "Washington", "Seoul", "A peace regime", "Denuclearization", "The hostile policy demand"]
VERBS = ["would not change", "could reshape", "depends on", "cannot replace", "might accelerate",
         "will complicate", "does not address", "may strengthen"]
OBJECTS = ["the basic calculus in Pyongyang", "the sequencing of talks", "the path to denuclearization",
           "trust between the two sides", "the role of the United Nations Command", "the next round of talks",
           "the pressure on the regime", "the alliance's deterrence posture"]
CUES = ["said", "added", "noted", "argued", "warned", "explained"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
FILLER = ["The debate over the declaration has continued for months.",
          "Officials in both capitals have declined to comment on the draft text.",
          "Talks between the two Koreas have been stalled since 2019.",
          "Analysts remain divided over the timing of any announcement.",
          "The proposal has drawn criticism from opposition lawmakers."]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"


class _Article:
    """Accumulates text and records exact offsets of what it writes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.quotes: list[dict] = []
        self.affiliations: list[dict] = []
        self.dates: list[dict] = []

    def write(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def quote(self, text: str, speaker: str, kind: str = "statement", open_mark="“", close_mark="”") -> None:
        self.write(open_mark)
        start = self.write(text)
        self.write(close_mark)
        self.quotes.append({"text": text, "char_start": start, "char_end": start + len(text),
                            "quote_kind": kind, "speaker": speaker})

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _person(rng: random.Random) -> dict:
    status = "former" if rng.random() < 0.2 else "current"
    return {"name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "institution": rng.choice(INSTITUTIONS),
            "title": rng.choice(FORMER if status == "former" else TITLES), "status": status}


def _quote_paragraph(art: _Article, rng: random.Random, person: dict, introduced: bool) -> None:
    """One paragraph quoting `person` in one of the attribution patterns news text uses."""
    full, last = person["name"], person["name"].split()[-1]
    pattern = rng.randrange(4) if introduced else rng.choice([0, 2])
    sentence = _sentence(rng) + ","
    if pattern == 0:
        art.quote(sentence, full)
        art.write(f" {rng.choice(CUES)} {full}, ")
        start = art.write(f"{person['title']} at the {person['institution']}")
        art.affiliations.append({"person": full, "institution": person["institution"], "status": person["status"],
                                 "evidence": art.text[start:]})
        art.write(".")
    elif pattern == 1:
        art.quote(sentence, full)
        art.write(f" {last} {rng.choice(CUES)}.")
    elif pattern == 2:
        art.write(f"{full}, {person['title']} at the {person['institution']}, {rng.choice(CUES)}: ")
        art.quote(_sentence(rng) + ".", full)
    else:
        art.write(f"{last} {rng.choice(CUES)} that ")
        art.quote(_sentence(rng), full, kind="partial")
        art.write(" was the real question.")
    art.write("\n\n")


def _date_sentence(art: _Article, rng: random.Random, published: dt.date) -> None:
    year = rng.randrange(2015, published.year + 1)
    month = rng.randrange(1, 13) if year < published.year else rng.randrange(1, published.month + 1)
    text = f"in {MONTHS[month - 1]} {year}" if rng.random() < 0.5 else f"in {year}"
    art.write("The issue was last raised ")
    start = art.write(text)
    art.dates.append({"date_text": text, "char_start": start, "char_end": start + len(text)})
    art.write(f", when {_sentence(rng)}.\n\n")


def article(index: int, seed: int) -> tuple[str, dict]:
    """The text of article `index` and its truth, a function of (index, seed) only."""
    rng = random.Random(f"{seed}:{index}")
    published = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 730))
    art = _Article()
    art.write(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, experts say\n\n")
    people = [_person(rng) for _ in range(rng.randrange(2, 5))]
    for n in range(rng.randrange(6, 12)):
        art.write(rng.choice(FILLER) + " " + rng.choice(FILLER) + "\n\n")
        person = people[n % len(people)]
        _quote_paragraph(art, rng, person, introduced=n >= len(people))
        if n % 4 == 0:
            _date_sentence(art, rng, published)
    truth = {"quotes": art.quotes, "affiliations": art.affiliations, "dates": art.dates,
             "published": published.isoformat()}
    return art.text, truth


def _entry(index: int, seed: int) -> tuple[dict, str, str]:
    """Article `index` as a sources.yaml entry, its text, and its truth as a JSON line."""
    source_id = f"synthetic-{seed}-{index:06d}"
    text, truth = article(index, seed)
    published = dt.date.fromisoformat(truth["published"])
    entry = {
        "source_id": source_id, "raw_path": f"raw/{source_id}.txt", "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "title": text.split("\n", 1)[0], "subtitle": None, "outlet": "Synthetic Times", "original_outlet": None,
        "outlet_kind": "wire", "author": None,
        "genre": "news", "published_start": published, "published_end": published,
        "published_precision": "day", "published_basis": "explicit", "published_text": None,
        "url": f"https://example.invalid/synthetic/{source_id}", "language": "en", "series": None, "text_extent": "full",
        "rights": "Synthetic text generated by `endofwar synth`; no rights reserved.",
        "note": f"Generated by endofwar synth (seed {seed}); see truth.jsonl for its known content.",
    }
    return entry, text, json.dumps({"source_id": source_id, **truth}, ensure_ascii=False, sort_keys=True)


def _prepare(out: Path, root: Path | None) -> None:
    """out/ with the schemas and views of root, so that endofwar builds and queries it."""
    from endofwar.paths import project_root

    root = root or project_root()
    out.mkdir(parents=True, exist_ok=True)
    for folder in ("schemas", "sql"):
        shutil.copytree(root / folder, out / folder, dirs_exist_ok=True)
    (out / "annotations").mkdir(exist_ok=True)


def generate(n: int, out: Path, seed: int = 0, root: Path | None = None) -> Path:
    """Write the corpus of n articles under out/ (replacing raw/ there); returns out."""
    _prepare(out, root)
    raw = out / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir()
    entries, truths = [], []
    for i in range(n):
        entry, text, truth = _entry(i, seed)
        (raw / f"{entry['source_id']}.txt").write_bytes(text.encode("utf-8"))
        entries.append(entry)
        truths.append(truth)
    (raw / "sources.yaml").write_text(
        yaml.safe_dump({"sources": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    (out / "truth.jsonl").write_text("\n".join(truths) + "\n", encoding="utf-8")
    return out


SHARDS = "corpus"  # the folder of out/ that generate_shards writes


def shard_record(entry: dict, text: str) -> dict:
    """A sources.yaml entry as a corpus record (endofwar.inputs.corpus): the text inline, one
    stated day as `published`, no computed fields, no empty ones."""
    record = {k: v for k, v in entry.items() if v is not None and k not in ("raw_path", "sha256", "char_count")}
    if record.get("published_precision") == "day" and record.get("published_basis") == "explicit":
        record["published"] = record.pop("published_start")
        for key in ("published_end", "published_precision", "published_basis"):
            record.pop(key)
    return {**record, "text": text}


def generate_shards(n: int, out: Path, seed: int = 0, *, fmt: str = "parquet", per_shard: int = 1000,
                    root: Path | None = None) -> list[Path]:
    """The same n articles as `generate`, as a sharded corpus: out/corpus/part-NNNNN.<fmt> with
    per_shard records each (replacing out/corpus/), and out/truth.jsonl. Returns the shards."""
    import orjson
    import pyarrow as pa
    import pyarrow.parquet as pq

    _prepare(out, root)
    folder = out / SHARDS
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    paths, truths = [], []
    for first in range(0, n, per_shard):
        batch = []
        for i in range(first, min(n, first + per_shard)):
            entry, text, truth = _entry(i, seed)
            batch.append(shard_record(entry, text))
            truths.append(truth)
        path = folder / f"part-{first // per_shard:05d}.{fmt}"
        if fmt == "jsonl":
            path.write_bytes(b"".join(orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE) for r in batch))
        else:
            pq.write_table(pa.Table.from_pylist(batch), path, compression="zstd")
        paths.append(path)
    (out / "truth.jsonl").write_text("\n".join(truths) + "\n", encoding="utf-8")
    return paths
