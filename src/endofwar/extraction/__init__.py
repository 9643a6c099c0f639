"""The automatic extractor: drafts codings (quotes, people, institutions, dates) of a text.

    from endofwar.extraction import extract, draft_annotation, to_yaml, to_jsonl
    rec = extract(text, published=date(2021, 12, 23), registry=registry)
    draft = draft_annotation(text, "new-source-id", registry=registry, published=...)
    print(to_yaml(draft))

Rules, word lists and the registry as gazetteer only: no model, nothing fetched at run
time. `extract` never raises and every span it reports resolves back into the text.
See evaluate.py for the comparison with the reviewed codings.
"""

from .draft import draft_annotation, evidence
from .pipeline import analyse, check_offsets, extract
from .serialize import to_jsonl, to_yaml

__all__ = ["extract", "draft_annotation", "to_yaml", "to_jsonl", "analyse", "check_offsets", "evidence"]
