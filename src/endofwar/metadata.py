"""The dataset as the tools that find and load datasets read it: schema.org Dataset (what Google
Dataset Search indexes, on the site's landing page) and Croissant (croissant.json, what
mlcroissant, Hugging Face, Kaggle and OpenML read).

Both are derived from what is written once: the catalogue (package section and tables),
`endofwar.__version__`, the release date of that version in CHANGELOG.md (the date CITATION.cff
carries) and the written package (datapackage.json's sizes and sha256). A property the project
does not state (a person, an address, a DOI) is left out, never filled in.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from endofwar import __version__
from endofwar.errors import EndofwarError
from endofwar.schemas import Catalogue

CROISSANT = "croissant.json"
CROISSANT_VERSION = "http://mlcommons.org/croissant/1.1"
CHANGELOG_PATH = "CHANGELOG.md"
RELEASE_HEADING = re.compile(r"^## \[?(?P<version>\d+\.\d+\.\d+[^\]\s]*)\]? +[-–] +(?P<date>\d{4}-\d{2}-\d{2})\s*$", re.M)
# The Parquet media type mlcroissant reads (its EncodingFormat.PARQUET); datapackage.json keeps
# the registered application/vnd.apache.parquet.
CROISSANT_PARQUET = "application/x-parquet"
SCHEMA_ORG_TYPES = {"string": "sc:Text", "integer": "sc:Integer", "number": "sc:Float", "boolean": "sc:Boolean", "date": "sc:Date"}
# Where the tables say where something happened (ISO 3166-1 alpha-3): the dataset's spatial coverage.
PLACE_FIELDS = (("events", "country"),)
# The dates the data covers: when its events happened, its positions were taken and its texts were
# published (a source's reading of a date is a bound of its uncertainty, not a date covered).
DATE_FIELDS = (("events", "date_start"), ("events", "date_end"), ("claims", "date_start"), ("claims", "date_end"),
               ("sources", "published_start"), ("sources", "published_end"))


def release_date(root: Path, version: str = __version__) -> str:
    """The date of `version` in CHANGELOG.md: a release is dated where its changes are listed."""
    path = root / CHANGELOG_PATH
    if not path.is_file():
        raise EndofwarError("missing", file=CHANGELOG_PATH, fix=f"add CHANGELOG.md with a '## {version} - YYYY-MM-DD' heading")
    releases = {m["version"]: m["date"] for m in RELEASE_HEADING.finditer(path.read_text(encoding="utf-8"))}
    if version not in releases:
        raise EndofwarError(
            f"no release heading for version {version}", file=CHANGELOG_PATH,
            fix=f"add '## {version} - YYYY-MM-DD' with its changes (the version is src/endofwar/__init__.py's __version__)",
        )
    return releases[version]


def released_on(root: Path, version: str = __version__) -> str | None:
    """The release date of `version`, or None where nothing dates it (a synthetic corpus has no CHANGELOG.md)."""
    try:
        return release_date(root, version)
    except EndofwarError:
        return None


def creators(package: dict) -> list[str]:
    """The catalogue's contributors with the role creator (an organisation today: no person is invented)."""
    names = [c["title"] for c in package.get("contributors", [])
             if set(c.get("roles", ["creator"])) & {"creator", "author"}]
    if not names:
        raise EndofwarError("no contributor with the role 'creator'", file="schemas/catalogue.yaml",
                            field="package.contributors", fix="add one (e.g. 'endofwar contributors')")
    return names


def coverage(cat: Catalogue, tables: dict) -> dict:
    """When and where the rows are, from the data itself: the earliest and latest of DATE_FIELDS
    (ISO 8601 interval), the countries where events took place, the languages of the texts."""
    import pyarrow.compute as pc

    days = []
    for name, field in DATE_FIELDS:
        table = tables.get(name)
        if table is not None and field in table.column_names and table.column(field).null_count < table.num_rows:
            days += [pc.min(table.column(field)).as_py(), pc.max(table.column(field)).as_py()]
    out = {}
    if days:
        out["temporalCoverage"] = f"{min(days).isoformat()}/{max(days).isoformat()}"
    places = sorted({c for name, field in PLACE_FIELDS if name in tables and field in tables[name].column_names
                     for c in tables[name].column(field).to_pylist() if c})
    if places:
        out["spatialCoverage"] = [_place(code) for code in places]
    if "sources" in tables and "language" in tables["sources"].column_names:
        out["inLanguage"] = sorted(set(tables["sources"].column("language").to_pylist()) - {None})
    return out


def _place(alpha3: str) -> dict:
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3)
    return {"@type": "Place", "name": country.name if country else alpha3, "identifier": alpha3}


def dataset(cat: Catalogue, tables: dict, released: str | None) -> dict:
    """The schema.org Dataset properties both descriptions share (no context, no files)."""
    meta = cat.package
    out = {
        "@type": "Dataset",
        "name": meta["title"],
        "alternateName": meta["name"],
        "description": meta["description"],
        "version": __version__,
        "license": [lic["path"] for lic in meta["licenses"]],
        "creator": [{"@type": "Organization", "name": name} for name in creators(meta)],
        "keywords": list(meta["keywords"]),
        "isAccessibleForFree": True,
    }
    if meta.get("homepage"):
        out["url"] = meta["homepage"]
    if released:
        out["datePublished"] = released
    out.update(coverage(cat, tables))
    return out


def cite_as(cat: Catalogue, released: str | None) -> str:
    """The dataset's own citation as BibTeX (Croissant's citeAs), with what CITATION.cff says."""
    meta = cat.package
    fields = {"author": "{" + " and ".join("{" + n + "}" for n in creators(meta)) + "}", "title": "{" + meta["title"] + "}",
              "version": "{" + __version__ + "}", "note": "{Data set}"}
    if released:
        fields["year"] = "{" + released[:4] + "}"
    if meta.get("homepage"):
        fields["url"] = "{" + meta["homepage"] + "}"
    key = f"{meta['name']}-{__version__}"
    return "@misc{" + key + ",\n" + ",\n".join(f"  {k} = {v}" for k, v in fields.items()) + "\n}"


def _file_objects(descriptor: dict, package_dir: Path, descriptor_sha256: str) -> list[dict]:
    """A FileObject per published file: datapackage.json, and each table's CSV and Parquet."""
    files = [{"@type": "cr:FileObject", "@id": "datapackage.json", "name": "datapackage.json",
              "description": "Frictionless Data Package descriptor: table schemas, keys, sizes and hashes.",
              "contentUrl": "datapackage.json", "encodingFormat": "application/json",
              "contentSize": f"{(package_dir / 'datapackage.json').stat().st_size} B", "sha256": descriptor_sha256}]
    for resource in descriptor["resources"]:
        parquet = resource["format"] == "parquet"
        sha256 = resource["endofwar:sha256"] if parquet else resource["hash"].removeprefix("sha256:")
        files.append({
            "@type": "cr:FileObject", "@id": resource["path"], "name": resource["path"].rsplit("/", 1)[-1],
            "description": resource["description"], "contentUrl": resource["path"],
            "encodingFormat": CROISSANT_PARQUET if parquet else resource["mediatype"],
            "contentSize": f"{(package_dir / resource['path']).stat().st_size} B", "sha256": sha256,
        })
    return files


def _record_set(table, parquet_path: str) -> dict:
    """A table as a RecordSet read from its Parquet file: fields with types, the key, the references.

    A reference to the same table (an institution's parent, a quote continuing another) is left
    out: mlcroissant 1.1.1 validates it but cannot load the records of a RecordSet that has one
    (its operation graph gets a cycle). datapackage.json keeps every foreign key."""
    references = {fk.fields[0]: f"{fk.resource}/{fk.reference_fields[0]}" for fk in table.foreign_keys
                  if len(fk.fields) == 1 and fk.resource != table.name}
    fields = []
    for f in table.fields:
        field = {"@type": "cr:Field", "@id": f"{table.name}/{f.name}", "name": f.name, "description": f.description,
                 "dataType": SCHEMA_ORG_TYPES[f.type],
                 "source": {"fileObject": {"@id": parquet_path}, "extract": {"column": f.name}}}
        if f.name in references:
            field["references"] = {"field": {"@id": references[f.name]}}
        fields.append(field)
    key = [{"@id": f"{table.name}/{k}"} for k in table.primary_key]
    return {"@type": "cr:RecordSet", "@id": table.name, "name": table.name, "description": table.description,
            "key": key[0] if len(key) == 1 else key, "field": fields}


def croissant(cat: Catalogue, tables: dict, descriptor: dict, package_dir: Path, descriptor_sha256: str,
              released: str | None) -> dict:
    """croissant.json: the Dataset, a FileObject per file with its sha256, a RecordSet per table."""
    parquet = {r["name"].removesuffix("-parquet"): r["path"] for r in descriptor["resources"] if r["format"] == "parquet"}
    return {
        "@context": CROISSANT_CONTEXT,
        **dataset(cat, tables, released),
        "conformsTo": CROISSANT_VERSION,
        "citeAs": cite_as(cat, released),
        "distribution": _file_objects(descriptor, package_dir, descriptor_sha256),
        "recordSet": [_record_set(table, parquet[name]) for name, table in cat.tables.items() if name in parquet],
    }


def croissant_bytes(description: dict) -> bytes:
    """croissant.json as published: two-space indent, UTF-8, a final newline (the same bytes every build)."""
    return (json.dumps(description, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# Croissant 1.1's JSON-LD context (the spec's Appendix 1, as mlcroissant writes it for 1.1).
CROISSANT_CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
