"""Where the project's files are, so every command works from any directory."""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The dataset to act on: $ENDOFWAR_ROOT if set; else the working directory or its nearest
    parent holding schemas/catalogue.yaml (as git finds its repository), so commands run inside
    a synthetic corpus act on it; else the checkout this package is installed from."""
    env = os.environ.get("ENDOFWAR_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "schemas" / "catalogue.yaml").is_file():
            return folder
    return PACKAGE_DIR.parents[1]


def sha256_of(path: Path) -> str:
    """SHA-256 of a file's bytes: raw texts, published files and cache keys are identified by it."""
    return sha256_bytes(path.read_bytes())


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def catalogue_path(root: Path | None = None) -> Path:
    return (root or project_root()) / "schemas" / "catalogue.yaml"


@cache
def code_version() -> str:
    """Hash of the toolkit's own code (extractor included): caches keyed by it are dropped when the code changes."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
