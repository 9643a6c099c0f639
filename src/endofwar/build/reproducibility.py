"""Layer 4, reproducibility: a fresh build of raw/ and annotations/ gives the published bytes.

It lives in the build stage because it runs a build; `validate_repository` is everything
`endofwar validate` checks: layers 1-3 (endofwar.checks.validate), then this one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from endofwar.build.publish import build_into
from endofwar.checks.validate import validate_package
from endofwar.errors import EndofwarError
from endofwar.metadata import CROISSANT
from endofwar.package import DESCRIPTOR, TABLES_DIR


def reproducibility_errors(root: Path) -> list[EndofwarError]:
    """Layer 4: a fresh build from raw/ and annotations/ gives the published bytes."""
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build_into(root, out)
        fresh = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        published = sorted(
            [p.relative_to(root).as_posix() for p in (root / TABLES_DIR).glob("*") if p.is_file()] + [DESCRIPTOR, CROISSANT]
        )
        for rel in sorted(set(fresh) | set(published)):
            a, b = out / rel, root / rel
            if not b.exists():
                errors.append(EndofwarError("missing from the published package", file=rel, fix="run `endofwar build`"))
            elif not a.exists():
                errors.append(EndofwarError("is not produced by the build", file=rel, fix="remove it or run `endofwar build`"))
            elif a.read_bytes() != b.read_bytes():
                errors.append(EndofwarError(
                    "differs from a fresh build of raw/ and annotations/", file=rel,
                    fix="run `endofwar build` and commit the result with the change that caused it",
                ))
    return errors


def validate_repository(root: Path, *, rebuild: bool = True, frictionless: bool = False) -> list[EndofwarError]:
    """Everything `endofwar validate` checks on the published package of a repository."""
    from endofwar.schemas import stale_schema_files

    errors = [
        EndofwarError("out of date with schemas/catalogue.yaml", file=path, fix="run `endofwar schemas`")
        for path in stale_schema_files(root)
    ]
    errors += validate_package(root, raw_root=root, frictionless=frictionless)
    if rebuild and not errors:
        errors += reproducibility_errors(root)
    return errors
