"""The table definitions, read once from schemas/catalogue.yaml and derived into every other form.

Frictionless Table Schemas, Arrow (Parquet) types and the vocabularies all come from
here; `endofwar.checks.pandera_models` derives the Pandera models from the same objects.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from endofwar.errors import EndofwarError
from endofwar.paths import catalogue_path, project_root
from endofwar.yamlio import load_yaml

FRICTIONLESS_CONSTRAINTS = ("required", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength")


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple | None = None
    vocabulary: str | None = None
    pattern: str | None = None
    minimum: int | None = None
    format: str | None = None
    iso3166: bool = False
    in_source: bool = False  # the value must occur in the text of the row's source

    def frictionless(self) -> dict:
        """This field as a Frictionless Table Schema field descriptor."""
        out = {"name": self.name, "type": self.type, "description": self.description}
        if self.format:
            out["format"] = self.format
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple
    resource: str
    reference_fields: tuple


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple
    primary_key: tuple
    foreign_keys: tuple = ()
    checks: tuple = ()

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def frictionless(self) -> dict:
        """This table as a Frictionless Table Schema descriptor."""
        schema = {
            "fields": [f.frictionless() for f in self.fields],
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fk.fields), "reference": {"resource": fk.resource, "fields": list(fk.reference_fields)}}
                for fk in self.foreign_keys
            ]
        return schema

    def arrow_schema(self):
        """The Parquet column types, with each field's description in its metadata."""
        import pyarrow as pa

        types = {"string": pa.string(), "integer": pa.int64(), "date": pa.date32(), "boolean": pa.bool_(), "number": pa.float64()}
        return pa.schema(
            [
                pa.field(f.name, types[f.type], nullable=not f.required, metadata={"description": f.description})
                for f in self.fields
            ],
            metadata={"table": self.name, "description": self.description},
        )


@dataclass(frozen=True)
class Catalogue:
    package: dict
    vocabularies: dict
    tables: dict = field(default_factory=dict)

    def table(self, name: str) -> Table:
        try:
            return self.tables[name]
        except KeyError:
            raise EndofwarError(f"unknown table '{name}'", fix=f"choose one of: {', '.join(self.tables)}") from None


def _resolve_field(entry, shared: dict, vocabularies: dict, where: str) -> Field:
    """Expand a table's field entry: a shared field name, `use:` with overrides, or a full definition."""
    if isinstance(entry, str):
        spec = copy.deepcopy(shared[entry])
        spec["name"] = entry
    elif "use" in entry:
        spec = copy.deepcopy(shared[entry["use"]])
        spec.update({k: v for k, v in entry.items() if k not in ("use", "constraints")})
        spec.setdefault("constraints", {}).update(entry.get("constraints", {}))
    else:
        spec = copy.deepcopy(dict(entry))
    constraints = dict(spec.get("constraints") or {})
    unknown = set(constraints) - set(FRICTIONLESS_CONSTRAINTS) - {"vocabulary", "iso3166", "in_source"}
    if unknown:
        raise EndofwarError(f"unknown constraint(s) {sorted(unknown)}", file=where, field=spec.get("name"))
    vocabulary = constraints.get("vocabulary")
    if vocabulary is not None and vocabulary not in vocabularies:
        raise EndofwarError(f"unknown vocabulary '{vocabulary}'", file=where, field=spec["name"])
    return Field(
        name=spec["name"],
        type=spec["type"],
        description=spec["description"],
        required=bool(constraints.get("required", False)),
        enum=tuple(vocabularies[vocabulary]) if vocabulary else None,
        vocabulary=vocabulary,
        pattern=constraints.get("pattern"),
        minimum=constraints.get("minimum"),
        format=spec.get("format"),
        iso3166=bool(constraints.get("iso3166", False)),
        in_source=bool(constraints.get("in_source", False)),
    )


@lru_cache(maxsize=4)
def _load(path: str) -> Catalogue:
    raw = load_yaml(Path(path), display="schemas/catalogue.yaml")
    vocabularies = {k: list(v) for k, v in raw["vocabularies"].items()}
    tables = {}
    for name, spec in raw["tables"].items():
        fields = tuple(_resolve_field(e, raw["fields"], vocabularies, "schemas/catalogue.yaml") for e in spec["fields"])
        fks = tuple(
            ForeignKey(tuple(fk["fields"]), fk["reference"]["resource"], tuple(fk["reference"]["fields"]))
            for fk in spec.get("foreignKeys", [])
        )
        tables[name] = Table(
            name=name,
            title=spec["title"],
            description=spec["description"],
            fields=fields,
            primary_key=tuple(spec["primaryKey"]),
            foreign_keys=fks,
            checks=tuple(dict(c) for c in spec.get("checks", [])),
        )
    return Catalogue(package=dict(raw["package"]), vocabularies=vocabularies, tables=tables)


def catalogue(root: Path | None = None) -> Catalogue:
    """The parsed catalogue (cached per file)."""
    return _load(str(catalogue_path(root)))


def schema_json(table: Table) -> str:
    """The canonical text of schemas/<table>.schema.json."""
    descriptor = {"title": table.title, "description": table.description, **table.frictionless()}
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"


def write_schema_files(root: Path | None = None) -> list[Path]:
    """Regenerate schemas/<table>.schema.json from the catalogue; returns the files written."""
    root = root or project_root()
    written = []
    for table in catalogue(root).tables.values():
        path = root / "schemas" / f"{table.name}.schema.json"
        path.write_text(schema_json(table), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def stale_schema_files(root: Path | None = None) -> list[str]:
    """Schema files that differ from what the catalogue generates (empty when up to date)."""
    root = root or project_root()
    stale = []
    for table in catalogue(root).tables.values():
        path = root / "schemas" / f"{table.name}.schema.json"
        if not path.exists() or path.read_text(encoding="utf-8") != schema_json(table):
            stale.append(str(path.relative_to(root)))
    return stale
