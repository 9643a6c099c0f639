"""The layout is the pipeline: imports run one way, down the stages (docs/architecture.md).

cli -> outputs -> build -> checks -> inputs -> extraction -> ground floor. Every import
counts, the ones inside functions too (they are how the CLI stays fast, not a way around
the rule). The package's __init__ is the public facade (connect, load, extract): it may
reach any stage, and any module may read the version from it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "endofwar"

# Lowest first. A module may import its own stage and the stages below it, never above.
STAGES = ["ground", "extraction", "inputs", "checks", "build", "outputs", "cli"]
GROUND = {"errors", "paths", "schemas", "yamlio", "package", "metadata", "lock"}


def stage_of(module: str) -> str:
    """endofwar.build.publish -> build; endofwar.paths -> ground; endofwar.cli -> cli."""
    parts = module.split(".")
    if len(parts) == 1:
        return "facade"
    head = parts[1]
    if head in GROUND:
        return "ground"
    if head in STAGES:
        return head
    raise AssertionError(f"{module} is in no stage: add it to a stage folder or to GROUND")


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every endofwar module a file imports, at any depth."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "endofwar"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if base.split(".")[0] != "endofwar":
                continue
            for alias in node.names:  # `from endofwar.site import pages` imports a module
                sub = f"{base}.{alias.name}"
                is_module = (PACKAGE.parent / sub.replace(".", "/")).with_suffix(".py").exists() or \
                    (PACKAGE.parent / sub.replace(".", "/") / "__init__.py").exists()
                found.append((node.lineno, sub if is_module else base))
    return found


def edges() -> list[tuple[str, int, str]]:
    return [
        (module_name(path), line, target)
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, target in imported(path)
    ]


def test_every_module_is_in_a_stage():
    for path in PACKAGE.rglob("*.py"):
        stage_of(module_name(path))


def test_imports_run_down_the_pipeline():
    upward = []
    for source, line, target in edges():
        here, there = stage_of(source), stage_of(target)
        if here == "facade" or there == "facade":
            continue
        if STAGES.index(there) > STAGES.index(here):
            upward.append(f"{source}:{line} ({here}) imports {target} ({there})")
    assert upward == []


def test_no_import_circle_between_modules():
    graph: dict[str, set[str]] = {}
    for source, _, target in edges():
        if source != target and stage_of(source) != "facade" and stage_of(target) != "facade":
            graph.setdefault(source, set()).add(target)

    def cycle_from(start: str, node: str, seen: list[str]) -> list[str] | None:
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                return seen + [nxt]
            if nxt not in seen:
                found = cycle_from(start, nxt, seen + [nxt])
                if found:
                    return found
        return None

    for module in sorted(graph):
        cycle = cycle_from(module, module, [module])
        assert cycle is None, " -> ".join(cycle)


@pytest.mark.parametrize("source, target, allowed", [
    ("endofwar.build.publish", "endofwar.checks.validate", True),
    ("endofwar.checks.validate", "endofwar.build.publish", False),
    ("endofwar.inputs.annotations", "endofwar.extraction", True),
    ("endofwar.extraction.draft", "endofwar.inputs.sources", False),
    ("endofwar.paths", "endofwar.outputs.db", False),
])
def test_the_rule_itself(source, target, allowed):
    """The check would catch an upward import (guards against a rule that passes everything)."""
    assert (STAGES.index(stage_of(target)) <= STAGES.index(stage_of(source))) is allowed
