"""The landing page's schema.org Dataset (JSON-LD): what Google Dataset Search indexes.

The description is the one croissant.json carries (endofwar.metadata: name, description,
version, licence, creator, keywords, release date, temporal and spatial coverage), plus what only
the site has: each download at its address in the site, every field of every table as a variable
measured, and the works CITATION.cff references as `citation`. Addresses are relative to the page,
since the project states no public address of its own.
"""

from __future__ import annotations

import hashlib
import json

from markupsafe import Markup

from endofwar.metadata import dataset
from endofwar.package import PARQUET_MEDIATYPE

FORMATS = {"csv": "text/csv", "parquet": PARQUET_MEDIATYPE, "json": "application/json"}
DOWNLOAD_NOTES = {
    "data/datapackage.json": "Frictionless Data Package descriptor: every table's schema, keys, sizes and hashes.",
    "data/croissant.json": "Croissant metadata (mlcroissant, Hugging Face, Kaggle, OpenML): the tables as record sets.",
}


def _download(path: str, content: bytes, description: str) -> dict:
    fmt = "application/ld+json" if path.endswith("croissant.json") else FORMATS[path.rsplit(".", 1)[1]]
    return {"@type": "DataDownload", "name": path.rsplit("/", 1)[1], "description": description,
            "contentUrl": path, "encodingFormat": fmt, "contentSize": f"{len(content)} B",
            "sha256": hashlib.sha256(content).hexdigest()}


def dataset_jsonld(cat, tables: dict, released: str | None, files: dict[str, bytes], cited: list[dict]) -> dict:
    """The Dataset for the landing page: `files` is the site's files by path, `cited` the works
    CITATION.cff references (endofwar.outputs.citation.cited_works)."""
    downloads = [_download(path, files[path], note) for path, note in DOWNLOAD_NOTES.items() if path in files]
    for name, table in cat.tables.items():
        for ext, kind in (("csv", "CSV"), ("parquet", "Parquet")):
            path = f"data/tables/{name}.{ext}"
            downloads.append(_download(path, files[path], f"{table.title} ({kind})"))
    out = {"@context": "https://schema.org/", **dataset(cat, tables, released), "distribution": downloads,
           "variableMeasured": [{"@type": "PropertyValue", "name": f"{name}.{f.name}", "description": f.description}
                                for name, table in cat.tables.items() for f in table.fields]}
    if cited:
        out["citation"] = [{"@type": "CreativeWork", "name": w["title"], "url": w["identifier"] if w["scheme"] == "url"
                            else f"https://doi.org/{w['identifier']}"} for w in cited]
    return out


def script(description: dict) -> Markup:
    """The JSON-LD for a <script type="application/ld+json"> element ('</' escaped so no text can close it)."""
    return Markup(json.dumps(description, indent=2, ensure_ascii=False).replace("</", "<\\/"))
