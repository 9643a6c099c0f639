"""The `endofwar` command: a thin layer over the Python API (only this module reads argv)."""

from __future__ import annotations

import errno
import functools
import sys
from pathlib import Path

import click

from endofwar import __version__
from endofwar.errors import EndofwarError

ROOT_OPTION = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Dataset root (default: $ENDOFWAR_ROOT, else the working directory or a parent holding schemas/catalogue.yaml, else the checkout endofwar is installed from).",
)


def _root(root: Path | None) -> Path:
    from endofwar.paths import project_root

    folder = root.resolve() if root else project_root()
    if not (folder / "schemas" / "catalogue.yaml").is_file():
        raise EndofwarError(
            "not a dataset: there is no schemas/catalogue.yaml here", file=str(folder),
            fix="pass --root (or set $ENDOFWAR_ROOT to) the folder that holds schemas/, raw/ and annotations/, or run the command inside it",
        )
    return folder


def _fail(error: EndofwarError) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(1)


def _say(message: str) -> None:
    click.echo(message, err=True)


# What a user's machine can refuse (a missing file, no permission, a full disk): said in one line.
_USER_OS_ERRORS = {errno.ENOENT, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EROFS, errno.EDQUOT,
                   errno.EISDIR, errno.ENOTDIR, errno.ENOTEMPTY, errno.EEXIST, errno.EBUSY, errno.EMFILE}


class _Commands(click.Group):
    """The command group: a failure a user can cause ends in one line and a non-zero exit; Ctrl-C
    in `interrupted` and exit 130; anything else is a bug, reported with its traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except EndofwarError as error:
            _fail(error)
        except KeyboardInterrupt:
            _say("interrupted")
            sys.exit(130)
        except OSError as error:
            if error.errno not in _USER_OS_ERRORS:
                raise
            where = " -> ".join(str(f) for f in (error.filename, error.filename2) if f is not None)
            _say(f"error: {where + ': ' if where else ''}{error.strerror or error} (check the path, its permissions and the free disk space)")
            sys.exit(1)
        except Exception:
            import traceback

            traceback.print_exc()
            _say(f"error: this is a bug in endofwar {__version__}, not a mistake in your input: please report it on the "
                 "project's issue tracker with the command you ran and the traceback above")
            sys.exit(1)


def _writes(command):
    """A command that writes the dataset holds its writers' lock: one at a time. Another one waits,
    saying which process it waits for; with --no-wait it exits 1 naming it instead."""
    @functools.wraps(command)
    def run(*args, no_wait: bool, **kwargs):
        from endofwar.lock import DatasetLocked, writing

        try:
            with writing(_root(kwargs.get("root")), wait=not no_wait, on_wait=_say):
                return command(*args, **kwargs)
        except DatasetLocked as error:
            _fail(error)

    return click.option("--no-wait", is_flag=True,
                        help="If another command is writing this dataset, exit 1 naming it instead of waiting.")(run)


def _reads(command):
    """A command that reads the published files shares the dataset's read lock: it never sees half
    of a build's files swapped in (a swap a killed build left half done is finished first)."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        from endofwar.build.publish import settle
        from endofwar.lock import reading

        root = _root(kwargs.get("root"))
        settle(root)
        if not (root / "datapackage.json").is_file():
            raise EndofwarError("missing: nothing is published here yet", file=str(root / "datapackage.json"),
                                fix="run `endofwar build` first")
        with reading(root, on_wait=_say):
            return command(*args, **kwargs)

    return run


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="endofwar")
def main() -> None:
    """Build, validate, query and publish the endofwar dataset."""


@main.command()
@ROOT_OPTION
@click.option("--allow-drop", is_flag=True, help="Publish even if a table or source loses rows (a deliberate correction).")
@_writes
@click.option("--corpus", "patterns", multiple=True, metavar="GLOB",
              help="Build a sharded corpus instead (JSONL or Parquet, one record per article), on Dask; needs --out.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --corpus: the folder to publish into (tables/<table>/part-*.parquet, datapackage.json).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="With --corpus: an existing Dask scheduler (default: a LocalCluster on this machine's cores).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="With --corpus and no --scheduler: local worker processes.")
def build(root: Path | None, allow_drop: bool, patterns: tuple[str, ...], out: Path | None, scheduler: str | None,
          workers: int | None) -> None:
    """Turn raw/ + annotations/ into tables/*.csv, tables/*.parquet and datapackage.json.

    The package is written and validated in .staging/ first; the published files are
    replaced only when everything passed. With --corpus, the articles of the shards are built
    on Dask (`pip install 'endofwar[dask]'`) with the catalogue and registry of --root.
    """
    try:
        if patterns or out:
            if not (patterns and out):
                raise EndofwarError("--corpus and --out go together", fix="give both, e.g. --corpus 'shards/*.parquet' --out built/")
            from endofwar.build.corpus import build_corpus

            counts = build_corpus(patterns, out, _root(root), scheduler=scheduler, workers=workers, progress=True)
        else:
            from endofwar.build.publish import build as run_build

            counts = run_build(_root(root), allow_drop=allow_drop, progress=True)
    except EndofwarError as error:
        _fail(error)
    click.echo(_built(counts))


def _built(counts: dict) -> str:
    return f"built {len(counts)} tables, {sum(counts.values())} rows: " + ", ".join(f"{k} {v}" for k, v in counts.items())


@main.command()
@ROOT_OPTION
@click.option("--allow-drop", is_flag=True, help="Publish even if a table or source loses rows (a deliberate correction).")
def watch(root: Path | None, allow_drop: bool) -> None:
    """Build, then rebuild each time raw/, annotations/ or schemas/ change, until Ctrl-C.

    The process stays running, so a rebuild after an edit costs only the incremental build
    (no Python start, imports or worker start). A failed build prints its errors and leaves
    the published files as they were; fix the input and save it to build again. Restart it
    after upgrading or editing endofwar itself.
    """
    from endofwar.build.watch import builds, watched_paths

    root = _root(root)
    try:
        click.echo("watching " + ", ".join(f"{p.name}/" for p in watched_paths(root)) + " (Ctrl-C stops)", err=True)
        for outcome in builds(root, allow_drop=allow_drop):
            if outcome.error is not None:
                click.echo(f"error: {outcome.error}", err=True)
                click.echo(f"build failed in {outcome.seconds:.2f} s; published files unchanged; waiting for changes", err=True)
            else:
                click.echo(f"{_built(outcome.counts)} ({outcome.seconds:.2f} s)")
    except EndofwarError as error:
        _fail(error)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


@main.command()
@ROOT_OPTION
@click.option("--no-rebuild", is_flag=True, help="Skip the check that a fresh build gives the published bytes.")
@click.option("--frictionless", "real_frictionless", is_flag=True,
              help="Run the real Frictionless validator for layer 1 instead of its vectorised equivalent (slow at scale).")
@_reads
def validate(root: Path | None, no_rebuild: bool, real_frictionless: bool) -> None:
    """Run every validation layer (Frictionless, Pandera, provenance, reproducibility)."""
    from endofwar.build.reproducibility import validate_repository

    root = _root(root)
    try:
        errors = validate_repository(root, rebuild=not no_rebuild, frictionless=real_frictionless)
    except EndofwarError as error:
        _fail(error)
    if errors:
        for error in errors:
            click.echo(f"error: {error}", err=True)
        click.echo(f"{len(errors)} problem(s) found", err=True)
        sys.exit(1)
    click.echo("valid: Frictionless, Pandera, provenance" + ("" if no_rebuild else " and reproducibility") + " checks passed")


@main.command()
@click.argument("query")
@ROOT_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "markdown"]), default="table", show_default=True,
              help="table: a box fitted to the terminal (columns that do not fit are elided); csv, json (an array of "
                   "objects), markdown: every row, to save or paste.")
@click.option("--max-rows", type=click.IntRange(min=1), default=None,
              help="Rows to print (default: 40 in a table, all in the other formats).")
@_reads
def sql(query: str, root: Path | None, fmt: str, max_rows: int | None) -> None:
    """Run a SQL QUERY against the tables and views (DuckDB) and print the result."""
    import shutil

    import duckdb

    from endofwar.outputs.db import connect, result_text

    try:
        con = connect(_root(root))
        relation = con.sql(query)
        if relation is None:
            return
        if fmt == "table":
            relation.show(max_rows=max_rows or 40, max_width=shutil.get_terminal_size().columns)
        else:
            click.echo(result_text(relation, fmt, max_rows), nl=False)
    except EndofwarError as error:
        _fail(error)
    except duckdb.Error as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["yaml", "jsonl"]), default="yaml", show_default=True,
              help="yaml: an annotation file draft per text; jsonl: one JSON object per extracted item.")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date (YYYY-MM-DD) that relative dates such as 'in September' resolve against.")
@click.option("--registry/--no-registry", default=True, show_default=True,
              help="Use annotations/registry.yaml as a gazetteer of known people and institutions.")
@ROOT_OPTION
def extract(paths: tuple[Path, ...], fmt: str, published, registry: bool, root: Path | None) -> None:
    """Draft the coding of each text in PATHS (quotes, people, institutions, dates, preconditions).

    The YAML draft is an annotation file: save it as annotations/<source_id>.yaml, review
    it, and set coding_status to reviewed. Several texts give several YAML documents.
    """
    from endofwar.extraction import draft_annotation, to_jsonl, to_yaml
    from endofwar.extraction import extract as run_extract
    from endofwar.extraction.text import slugify

    from endofwar.inputs.annotations import load_concepts

    try:
        gazetteer = _registry(_root(root)) if registry else None
        concepts = load_concepts(_root(root))
        day = published.date() if published else None
        for i, path in enumerate(paths):
            text = _read_text(path)
            source_id = slugify(path.stem)
            if fmt == "jsonl":
                click.echo(to_jsonl(run_extract(text, day, gazetteer, concepts=concepts), source_id), nl=False)
                continue
            if i:
                click.echo("---")
            click.echo(f"# draft of {path}: review every row, then set coding_status: reviewed")
            click.echo(to_yaml(draft_annotation(text, source_id, registry=gazetteer, published=day, concepts=concepts)),
                       nl=False)
    except EndofwarError as error:
        _fail(error)



@main.command("first-contact")
@click.argument("source_ids", nargs=-1)
@click.option("--kinds", type=click.Choice(["reported-speech-and-claims"]), default=None,
              help="Draft new kinds of rows of sources already coded, in their own batch "
                   "(evaluation/first-contact/<kinds>/), before anyone codes them.")
@ROOT_OPTION
def first_contact(source_ids: tuple[str, ...], kinds: str | None, root: Path | None) -> None:
    """Draft each new source once, before review: evaluation/first-contact/<source_id>.yaml.

    Without SOURCE_IDS: every source in raw/sources.yaml that has neither an annotation file
    nor a first-contact draft (with --kinds: every coded source without a draft in that batch).
    The draft names the toolkit commit that made it, so the extractor, the registry and the
    concepts must be committed first; an existing draft is never replaced.
    """
    from endofwar.extraction.first_contact import draft_path, write_new
    from endofwar.extraction.first_contact import first_contact as document
    from endofwar.extraction.pipeline import voice_of
    from endofwar.inputs.annotations import load_concepts
    from endofwar.inputs.sources import load_sources

    try:
        root = _root(root)
        commit = _clean_commit(root)
        registry, concepts = _registry(root), load_concepts(root)
        sources = {s.source_id: s for s in load_sources(root)}
        coded = {sid for sid in sources if (root / "annotations" / f"{sid}.yaml").exists()}
        wanted = source_ids or [sid for sid in sources if (sid in coded) == bool(kinds)
                                and not draft_path(root, sid, kinds).exists()]
        for sid in wanted:
            if sid not in sources:
                raise EndofwarError(f"no source {sid!r}", file="raw/sources.yaml", fix="describe it there first")
            path = draft_path(root, sid, kinds)
            if path.exists():
                raise EndofwarError("a first-contact draft exists and is never regenerated", file=str(path.relative_to(root)),
                                    fix="leave it as it is; review the source in annotations/ instead")
            source = sources[sid]
            write_new(path, document(source.text, sid, source.meta.get("published_start"), registry, commit,
                                     concepts, voice_of(source.meta)))
            click.echo(f"wrote {path.relative_to(root)}")
    except EndofwarError as error:
        _fail(error)


def _clean_commit(root: Path) -> str:
    """The commit of the toolkit checkout, refused while the extractor or the registry has
    uncommitted changes (the commit would not name the code that made the draft)."""
    import subprocess

    from endofwar.paths import PACKAGE_DIR

    def git(*args: str, cwd: Path) -> str:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
        if done.returncode:
            raise EndofwarError(f"git {' '.join(args)} failed: {done.stderr.strip()}", file=str(cwd),
                                fix="first-contact drafts are made in a git checkout of endofwar")
        return done.stdout.strip()

    dirty = git("status", "--porcelain", "--", str(PACKAGE_DIR / "extraction"), cwd=PACKAGE_DIR)
    dirty += git("status", "--porcelain", "--", "annotations/registry.yaml", "annotations/concepts.yaml", cwd=root)
    if dirty:
        raise EndofwarError("uncommitted changes to the extractor, the registry or the concepts:\n" + dirty,
                            file="src/endofwar/extraction", fix="commit them, then draft")
    return git("rev-parse", "HEAD", cwd=PACKAGE_DIR)

def _registry(root: Path) -> dict:
    from endofwar.inputs.annotations import load_registry

    return load_registry(root)


def _read_text(path: Path) -> str:
    """A text to extract from, as UTF-8; anything else is refused with the byte offset."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise EndofwarError(
            f"not UTF-8 (byte {error.start}: {error.reason})", file=str(path),
            fix="convert the file to UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8",
        ) from None


@main.command()
@ROOT_OPTION
@click.option("--registry/--no-registry", default=True, show_default=True,
              help="Use annotations/registry.yaml as gazetteer (--no-registry: the rules alone).")
@click.option("--in-sample", "mode", flag_value="in-sample", default=True,
              help="Extract every reviewed source now, with the whole registry (the default).")
@click.option("--leave-one-out", "mode", flag_value="leave-one-out",
              help="Extract each source with a registry lacking what only that source introduces.")
@click.option("--first-contact", "mode", flag_value="first-contact",
              help="Score the drafts in evaluation/first-contact/, made before each source was reviewed.")
@click.option("--summary", is_flag=True,
              help="All three modes' totals side by side, and first-contact per outlet kind (the README's table).")
@click.option("--polnear", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Score on the PolNeAR benchmark instead: its data folder (git clone "
                   "https://github.com/networkdynamics/PolNeAR, then PolNeAR/data).")
@click.option("--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True,
              help="With --polnear: the split to score (develop on train, report on dev; test is withheld).")
@click.option("--errors/--no-errors", default=True, show_default=True, help="List every remaining difference.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@_reads
def evaluate(root: Path | None, registry: bool, mode: str, summary: bool, polnear: Path | None, split: str,
             errors: bool, fmt: str) -> None:
    """Score the extractor against the reviewed coding in tables/ (precision, recall, F1, accuracy),
    or with --polnear against PolNeAR's annotators (direct quotations and reported speech).

    Three honest figures, labelled as such: in-sample (the rules were written with these texts
    in view), leave-one-out (no gazetteer help from the scored source), first-contact (the
    drafts committed before review: the out-of-sample record).
    """
    import json

    if polnear is not None:
        from endofwar.extraction.polnear import evaluate_polnear, format_polnear

        try:
            report = evaluate_polnear(polnear, split)
        except EndofwarError as error:
            _fail(error)
        click.echo(json.dumps(report, indent=2, ensure_ascii=False) if fmt == "json" else format_polnear(report, errors),
                   nl=False)
        return

    from endofwar.extraction.evaluate import evaluate as run_evaluate
    from endofwar.extraction.evaluate import format_report

    if summary:
        from endofwar.extraction.evaluate import MODES, format_summary

        reports = {m: run_evaluate(_root(root), use_registry=registry, mode=m) for m in MODES}
        click.echo(json.dumps(reports, indent=2, ensure_ascii=False) if fmt == "json" else format_summary(reports), nl=False)
        return
    report = run_evaluate(_root(root), use_registry=registry, mode=mode)
    click.echo(json.dumps(report, indent=2, ensure_ascii=False) if fmt == "json" else format_report(report, errors))


@main.command()
@click.argument("n", type=click.IntRange(min=1))
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", default=0, show_default=True, help="Same N and seed, same bytes.")
@click.option("--shards", type=click.Choice(["parquet", "jsonl"]), default=None,
              help="Write the articles as a sharded corpus in OUT/corpus/ instead of raw/ (for `build --corpus`).")
@click.option("--per-shard", type=click.IntRange(min=1), default=1000, show_default=True, help="Records per shard, with --shards.")
def synth(n: int, out: Path, seed: int, shards: str | None, per_shard: int) -> None:
    """Write a synthetic corpus of N articles with known quotes, speakers and dates to OUT.

    OUT gets raw/ with sources.yaml, truth.jsonl (the known answers), and the schemas, so
    `endofwar build --root OUT` builds it with the extractor. With --shards, the same articles
    go to OUT/corpus/part-NNNNN.parquet (or .jsonl): `endofwar build --corpus 'OUT/corpus/*'`.
    """
    from endofwar.inputs.synthetic import generate, generate_shards
    from endofwar.lock import writing

    if (out / "raw").exists() and not (out / "truth.jsonl").is_file():
        raise EndofwarError("holds a raw/ folder that `endofwar synth` did not write (it would be replaced)", file=str(out),
                            fix="choose a new folder, or an earlier synthetic corpus")
    out.mkdir(parents=True, exist_ok=True)
    with writing(out, on_wait=_say):
        if shards:
            paths = generate_shards(n, out, seed=seed, fmt=shards, per_shard=per_shard)
            click.echo(f"wrote {n} articles in {len(paths)} shards to {paths[0].parent} and their truth to {out / 'truth.jsonl'}")
            return
        generate(n, out, seed=seed)
    click.echo(f"wrote {n} articles to {out / 'raw'} and their truth to {out / 'truth.jsonl'}")


@main.command()
@ROOT_OPTION
@click.option("--coverage", is_flag=True,
              help="What the sources cover and miss (years, outlet kinds, languages, excerpts): docs/datasheet.md's figures.")
@_reads
def stats(root: Path | None, coverage: bool) -> None:
    """Print rows per table and source as a Markdown table (the README's summary)."""
    from endofwar.outputs.stats import counts_markdown, coverage_markdown

    try:
        click.echo((coverage_markdown if coverage else counts_markdown)(_root(root)), nl=False)
    except EndofwarError as error:
        _fail(error)


@main.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@ROOT_OPTION
@_writes
def site(out: Path, root: Path | None) -> None:
    """Write a static website of the dataset to OUT (open OUT/index.html from disk or any static host).

    Every page, script, style and download ships in OUT; no page requests anything from another
    site. OUT is replaced as a whole, so a folder that `endofwar site` did not write is refused.
    """
    from endofwar.outputs.site import build_site

    try:
        files = build_site(out, _root(root))
    except EndofwarError as error:
        _fail(error)
    click.echo(f"wrote {len(files)} files to {out} (open {out / 'index.html'})")


@main.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["affiliation", "congruence", "conflict"]), required=True,
              help="affiliation: actors and concepts, edges weighted by claims (agree, disagree); congruence: actors "
                   "tied by concepts on which they both agree or both disagree; conflict: by concepts on which they disagree with each other.")
@click.option("--level", type=click.Choice(["persons", "institutions"]), default="persons", show_default=True,
              help="institutions: each person as the institution they speak for, else their affiliation at the claim's date.")
@click.option("--from", "start", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only claims whose dates overlap the window from this day on (undated claims are left out).")
@click.option("--to", "end", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="... and up to this day.")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "csv"]), default=None,
              help="Default: from OUT's suffix (.graphml, .gexf, .csv), else graphml.")
@ROOT_OPTION
@_reads
def network(out: Path, kind: str, level: str, start, end, fmt: str | None, root: Path | None) -> None:
    """Write the claims as a discourse network to OUT (networkx; `pip install 'endofwar[network]'`).

    GraphML and GEXF open in networkx, igraph, Gephi and visone; csv is an edge list.
    """
    from endofwar.outputs.network import FORMATS, network as build_network, write

    fmt = fmt or (out.suffix.lstrip(".") if out.suffix.lstrip(".") in FORMATS else "graphml")
    if not out.resolve().parent.is_dir():
        raise EndofwarError("no such folder", file=str(out.resolve().parent), fix="create it first, or name a file in an existing folder")
    try:
        result = build_network(_root(root), kind, level, start and start.date(), end and end.date())
        write(result.graph, out, fmt)
    except EndofwarError as error:
        _fail(error)
    window = "" if not (start or end) else f", {start.date() if start else '…'} to {end.date() if end else '…'}"
    kept = f"; {result.kept_persons} claim(s) by persons with no institution kept as persons" if result.kept_persons else ""
    click.echo(f"wrote the {kind} network ({level}{window}) of {result.claims} claim(s): {result.graph.number_of_nodes()} "
               f"nodes, {result.graph.number_of_edges()} edges, {fmt}, to {out}{kept}")


@main.command("export-duckdb")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@ROOT_OPTION
@_writes
def export_duckdb(file: Path, root: Path | None) -> None:
    """Write FILE, a standalone DuckDB database with the tables materialised and the views defined."""
    from endofwar.outputs.db import export_duckdb as run_export

    if not file.resolve().parent.is_dir():
        raise EndofwarError("no such folder", file=str(file.resolve().parent), fix="create it first, or name a file in an existing folder")
    try:
        path = run_export(file, _root(root))
    except EndofwarError as error:
        _fail(error)
    click.echo(f"wrote {path}")


@main.command()
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Only report files that are out of date (exit 1 if any).")
@_writes
def schemas(root: Path | None, check: bool) -> None:
    """Regenerate what derives from schemas/catalogue.yaml and the version.

    schemas/<table>.schema.json, CITATION.cff, .zenodo.json and docs/data-dictionary.md.
    """
    from endofwar.outputs.citation import stale_generated, write_generated
    from endofwar.schemas import stale_schema_files, write_schema_files

    root = _root(root)
    try:
        if check:
            stale = stale_schema_files(root) + stale_generated(root)
            for path in stale:
                click.echo(f"out of date: {path} (run `endofwar schemas`)", err=True)
            sys.exit(1 if stale else 0)
        for path in write_schema_files(root) + write_generated(root):
            click.echo(f"wrote {path.relative_to(root)}")
    except EndofwarError as error:
        _fail(error)


@main.command("diff")
@click.argument("old")
@click.argument("new", required=False)
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--repo", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Git repository for revisions (default: the project root).")
def diff_command(old: str, new: str | None, fmt: str, repo: Path | None) -> None:
    """Rows added, removed and changed per table between OLD and NEW (default: the working tree).

    Each side is a directory holding a datapackage.json, a git revision (tag, branch, commit), or a
    released version (0.1.0 or v0.1.0: the first commit whose datapackage.json carries it, so no tag
    is needed). Schema changes are listed first.
    """
    from contextlib import nullcontext

    from endofwar.lock import reading
    from endofwar.outputs.diff import diff
    from endofwar.paths import project_root

    tree = repo.resolve() if repo else project_root()  # NEW defaults to its working tree: read it as one package
    try:
        with reading(tree, on_wait=_say) if new is None and (tree / "schemas" / "catalogue.yaml").is_file() else nullcontext():
            click.echo(diff(old, new, repo=repo, fmt=fmt), nl=False)
    except EndofwarError as error:
        _fail(error)


if __name__ == "__main__":
    main()
