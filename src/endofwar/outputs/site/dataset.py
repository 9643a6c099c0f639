"""The published tables as plain rows for the templates, read the way users read them.

Everything comes through `endofwar.connect` (DuckDB over tables/*.parquet, views
included), so the site shows exactly what a user querying the files would see.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from endofwar.errors import EndofwarError
from endofwar.paths import sha256_of
from endofwar.schemas import Catalogue, catalogue
from endofwar.yamlio import read_text


def evidence_href(source_id: str, start: int, end: int) -> str:
    """The source text page with characters [start, end) highlighted (see static/highlight.js)."""
    return f"sources/{source_id}.html#chars={start}-{end}"


@dataclass(frozen=True)
class Party:
    """A person or an institution, as the two nullable foreign keys of a row name it."""

    kind: str  # "expert" or "institution"
    id: str
    name: str

    @property
    def href(self) -> str:
        return f"{self.kind}s/{self.id}.html"


@dataclass
class Dataset:
    root: Path
    catalogue: Catalogue
    package: dict
    tables: dict[str, list[dict]]
    quote_details: list[dict]
    texts: dict[str, str]
    _indexes: dict = field(default_factory=dict, repr=False)

    def rows(self, name: str) -> list[dict]:
        return self.tables[name]

    def by_id(self, name: str, key: str) -> dict[str, dict]:
        """The rows of a table by their key (built once)."""
        if (name, key) not in self._indexes:
            self._indexes[name, key] = {row[key]: row for row in self.tables[name]}
        return self._indexes[name, key]

    def party(self, expert_id: str | None, institution_id: str | None) -> Party | None:
        """The party a pair of (expert, institution) references points to, or None."""
        if expert_id:
            return Party("expert", expert_id, self.by_id("experts", "expert_id")[expert_id]["name"])
        if institution_id:
            return Party("institution", institution_id, self.by_id("institutions", "institution_id")[institution_id]["name"])
        return None


def _fetch(con, sql: str) -> list[dict]:
    relation = con.sql(sql)
    names = relation.columns
    return [dict(zip(names, values)) for values in relation.fetchall()]


def _texts(root: Path, sources: list[dict]) -> dict[str, str]:
    """Each source's raw text, refused if its bytes are not the ones the offsets point into."""
    texts = {}
    for source in sources:
        path = root / source["raw_path"]
        if not path.is_file() or sha256_of(path) != source["sha256"]:
            raise EndofwarError("missing or not the recorded bytes (sha256)", file=source["raw_path"],
                                fix="restore the raw text or rebuild the tables (`endofwar build`)")
        texts[source["source_id"]] = read_text(path, source["raw_path"])
    return texts


def load_dataset(root: Path) -> Dataset:
    """Every published table, ordered by its primary key, plus the raw texts and datapackage.json."""
    from endofwar.outputs.db import connect

    cat = catalogue(root)
    con = connect(root)
    try:
        tables = {name: _fetch(con, f"SELECT * FROM {name} ORDER BY {', '.join(t.primary_key)}")
                  for name, t in cat.tables.items()}
        quote_details = _fetch(con, "SELECT * FROM quote_details ORDER BY quote_id")
    finally:
        con.close()
    package_path = root / "datapackage.json"
    if not package_path.is_file():
        raise EndofwarError("missing", file="datapackage.json", fix="run `endofwar build` first")
    package = json.loads(package_path.read_text(encoding="utf-8"))
    return Dataset(root, cat, package, tables, quote_details, _texts(root, tables["sources"]))
