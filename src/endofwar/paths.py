"""Where the project's files are, so every command works from any directory."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The repository root: $ENDOFWAR_ROOT if set, else the checkout this package lives in."""
    env = os.environ.get("ENDOFWAR_ROOT")
    if env:
        return Path(env).resolve()
    return PACKAGE_DIR.parents[1]


def catalogue_path(root: Path | None = None) -> Path:
    return (root or project_root()) / "schemas" / "catalogue.yaml"
