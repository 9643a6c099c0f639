"""YAML and JSON Lines output for `endofwar extract`.

YAML is written with the safe dumper (no Python tags), unicode kept as is (curly quotes
and non-breaking spaces are evidence and must survive byte for byte), keys in the order
the annotation format documents; `yaml.safe_load(to_yaml(x)) == x` holds.
"""

from __future__ import annotations

import json
from datetime import date

import yaml


class _Dumper(yaml.SafeDumper):
    """Safe dumper that indents lists under their key, like the hand-written files."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _str_representer(dumper: yaml.SafeDumper, data: str):
    # Line breaks and other characters YAML would fold or normalise must be escaped:
    # use double quotes, which escape them, whenever a plain scalar could change the value.
    if any(c in data for c in "\n\r\x85\u2028\u2029\t") or data != data.strip():
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _str_representer)


def to_yaml(obj) -> str:
    """A YAML document for a draft annotation (or any extraction record)."""
    return yaml.dump(obj, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096,
                     default_flow_style=False)


def _default(o):
    if isinstance(o, date):
        return o.isoformat()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


_TYPES = {"quotes": "quote", "persons": "person", "institutions": "institution", "dates": "date",
          "precondition_candidates": "precondition_candidate", "claims": "claim"}


def to_jsonl(extraction: dict, source_id: str | None = None) -> str:
    """One JSON object per extracted item, each with a "type" key (and "source_id" if given)."""
    lines = []
    for key, typ in _TYPES.items():
        for item in extraction.get(key) or []:
            obj = {"type": typ}
            if source_id is not None:
                obj["source_id"] = source_id
            obj.update(item)
            lines.append(json.dumps(obj, ensure_ascii=False, default=_default))
    return "\n".join(lines) + ("\n" if lines else "")
