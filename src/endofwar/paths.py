"""Where the project's files are, so every command works from any directory."""

from __future__ import annotations

import os
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


def catalogue_path(root: Path | None = None) -> Path:
    return (root or project_root()) / "schemas" / "catalogue.yaml"
