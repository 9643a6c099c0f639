"""Where the release of the current version stands, and the steps left (README: Versions).

    .venv/bin/python scripts/release.py [--root DIR] [--archive]

Checks that what names the version agrees: `endofwar.__version__`, the newest release heading of
CHANGELOG.md (`## X.Y.Z - YYYY-MM-DD`), CITATION.cff (version and date-released, as `endofwar
schemas` writes it), datapackage.json, and the tag vX.Y.Z if there is one (it must point at the
first commit whose datapackage.json carries the version, the commit `endofwar diff X.Y.Z` finds
without tags). Then prints the release steps that are left. Exits 1 when something disagrees.

With --archive (once everything agrees), also writes dist/endofwar-<version>.zip, the deposit of
the release: the package (datapackage.json, croissant.json, tables/), schemas/, docs/, the raw
texts with raw/sources.yaml (each text's rights), README.md, CITATION.cff, CHANGELOG.md, and a
SHA256SUMS of them inside; dist/SHA256SUMS holds the archive's own sha256. The same files give the
same bytes: entries in sorted order, every timestamp the release date, fixed permissions.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from endofwar import __version__
from endofwar.errors import EndofwarError
from endofwar.metadata import CHANGELOG_PATH, CROISSANT, RELEASE_HEADING, release_date
from endofwar.outputs.citation import stale_generated
from endofwar.outputs.diff import release_commit
from endofwar.package import DESCRIPTOR
from endofwar.paths import project_root

UNRELEASED = re.compile(r"^## \[Unreleased\]\s*$(?P<body>.*?)(?=^## )", re.M | re.S)


def _git(root: Path, *args: str) -> str | None:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else None


def check(root: Path, version: str = __version__) -> tuple[list[str], list[str]]:
    """(what disagrees, the steps left), each a list of lines."""
    problems, steps = [], []
    changelog = (root / CHANGELOG_PATH).read_text(encoding="utf-8") if (root / CHANGELOG_PATH).is_file() else ""
    headings = [(m["version"], m["date"]) for m in RELEASE_HEADING.finditer(changelog)]
    unreleased = UNRELEASED.search(changelog)
    pending = bool(unreleased and unreleased["body"].strip())
    if not headings or headings[0][0] != version:
        newest = f"its newest release heading is {headings[0][0]}" if headings else "it has no release heading"
        problems.append(f"{CHANGELOG_PATH}: {newest}, but __version__ is {version} (src/endofwar/__init__.py): "
                        f"give {version} its '## {version} - YYYY-MM-DD' heading, or set __version__ to the newest heading")
    try:
        for path in stale_generated(root):
            problems.append(f"{path}: out of date with the version, CHANGELOG.md or the catalogue: run `endofwar schemas`")
    except EndofwarError as error:
        problems.append(str(error))
    try:
        carried = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError) as error:
        carried = f"unreadable ({error})"
    if carried != version:
        problems.append(f"{DESCRIPTOR}: version {carried}, but __version__ is {version}: run `make build`")

    first = release_commit(root, version)
    tagged = _git(root, "rev-parse", "--verify", "--quiet", f"refs/tags/v{version}^{{commit}}")
    if tagged and first and tagged != first:
        problems.append(f"tag v{version} points at {tagged[:12]}, but the first commit whose {DESCRIPTOR} carries {version} is "
                        f"{first[:12]}: `endofwar diff v{version}` and `endofwar diff {version}` would compare different "
                        f"commits; move the tag (git tag -f -a v{version} {first[:12]})")
    if tagged and not first:
        problems.append(f"tag v{version} exists, but no commit's {DESCRIPTOR} carries {version}")

    if problems:
        steps.append("fix what disagrees (above), then run this again")
    elif first is None:
        steps += [f"left for {version}: `make test`, then commit the release (CHANGELOG.md, __version__, CITATION.cff, "
                  "the data dictionary, tables/ and datapackage.json)",
                  f"  and tag it: git tag -a v{version} -m \"endofwar {version}\" && git push --tags"]
    elif not tagged:
        steps.append(f"left for {version}: tag it: git tag -a v{version} -m \"endofwar {version}\" {first[:12]} && git push --tags "
                     f"(optional: `endofwar diff {version}` finds the release without it)")
    else:
        steps.append(f"release {version} is complete: committed ({first[:12]}) and tagged v{version}")
    if not problems and pending:
        steps += [f"next release: CHANGELOG.md's [Unreleased] lists changes since {version}:",
                  "  1. move them under a new '## X.Y.Z - YYYY-MM-DD' heading, X.Y.Z by the versioning policy "
                  f"(`endofwar diff {version}` lists what changed)",
                  "  2. set __version__ in src/endofwar/__init__.py to X.Y.Z, run `.venv/bin/endofwar schemas` and `make build`",
                  "  3. `make test`, commit, tag vX.Y.Z (run this script again to check each step)"]
    return problems, steps


# What a deposit of the release holds: single files, and folders taken whole (raw/ with its
# sources.yaml, whose `rights` says whose each text is).
ARCHIVED_FILES = (DESCRIPTOR, CROISSANT, "README.md", "CITATION.cff", CHANGELOG_PATH)
ARCHIVED_FOLDERS = ("tables", "schemas", "docs", "raw")
SUMS = "SHA256SUMS"


def archive_members(root: Path) -> list[str]:
    """The files of the deposit, relative to the repository, sorted."""
    missing = [name for name in ARCHIVED_FILES + ARCHIVED_FOLDERS if not (root / name).exists()]
    if missing:
        raise EndofwarError(f"missing: {', '.join(missing)}", file=str(root), fix="run `make build` in a full checkout first")
    found = list(ARCHIVED_FILES) + [p.relative_to(root).as_posix() for folder in ARCHIVED_FOLDERS
                                    for p in (root / folder).rglob("*") if p.is_file()]
    return sorted(found)


def write_archive(root: Path, out: Path, version: str = __version__) -> Path:
    """dist/endofwar-<version>.zip (everything under endofwar-<version>/, with its SHA256SUMS) and
    dist/SHA256SUMS; the bytes depend only on the files and the version's release date."""
    members = archive_members(root)
    stamp = tuple(int(part) for part in release_date(root, version).split("-")) + (0, 0, 0)
    data = {name: (root / name).read_bytes() for name in members}
    data[SUMS] = "".join(f"{hashlib.sha256(data[name]).hexdigest()}  {name}\n" for name in members).encode()
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"endofwar-{version}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(data):
            info = zipfile.ZipInfo(f"endofwar-{version}/{name}", date_time=stamp)
            info.create_system, info.external_attr = 3, 0o100644 << 16
            archive.writestr(info, data[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    (out / SUMS).write_text(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=None, help="the repository (default: the checkout endofwar runs from)")
    ap.add_argument("--archive", action="store_true",
                    help="also write dist/endofwar-<version>.zip and dist/SHA256SUMS (only when everything agrees)")
    args = ap.parse_args(argv)
    root = (args.root or project_root()).resolve()
    problems, steps = check(root)
    print(f"endofwar {__version__} in {root}: " + ("some of what names the version disagrees" if problems else
          "CHANGELOG.md, __version__, CITATION.cff, datapackage.json and the tag (if any) agree"))
    for line in problems:
        print(f"disagrees: {line}")
    for line in steps:
        print(line)
    if args.archive and not problems:
        try:
            path = write_archive(root, root / "dist")
        except EndofwarError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"wrote {path.relative_to(root)} and dist/{SUMS}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
