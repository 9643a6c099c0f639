"""Per-source results, cached by the hash of everything they depend on and computed in parallel.

A source's rows depend on its raw text, its annotation file (or, for a draft, the registry
the extractor uses as gazetteer), the catalogue and the toolkit's code. The cache key hashes
all of them, so an edit to one article recomputes that article only, and a cached build is
byte-identical to a clean one. The cache lives in .cache/ (never published, safe to
delete; it holds pickles written by the build itself, so treat .cache/ like the code, not
like an input).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import zlib
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from endofwar.annotations import Row, source_rows
from endofwar.paths import PACKAGE_DIR
from endofwar.sources import Source

CACHE_DIR = Path(".cache") / "sources"
SHARDS = 64  # entries packed into a few files: 10,000 small files cost seconds to replace
PARALLEL_FROM = 64  # fewer cache misses than this are cheaper to compute in this process


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the toolkit's own code (extractor included): new code, new cache keys."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"


def cache_key(root: Path, source: Source, registry_hash: str, catalogue_hash: str) -> str:
    annotation = root / "annotations" / f"{source.source_id}.yaml"
    uses_registry = registry_hash if not annotation.exists() else "-"
    parts = [code_version(), catalogue_hash, source.meta["sha256"], _file_hash(annotation), uses_registry,
             json.dumps(source.meta, sort_keys=True, default=str)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _dump(rows: list[Row]) -> list[tuple]:
    return [(r.table, r.values, r.file, r.line) for r in rows]


def _load(items: list[tuple]) -> list[Row]:
    return [Row(*item) for item in items]


def _shard(source_id: str) -> int:
    return zlib.crc32(source_id.encode("utf-8")) % SHARDS


def _read_shards(cache: Path) -> list[dict]:
    """Each shard: source_id -> (key, rows). A damaged or foreign shard reads as empty
    (pickle: the build's own files, 10x faster to load than JSON)."""
    shards = []
    for n in range(SHARDS):
        try:
            data = pickle.loads((cache / f"{n:02d}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, IndexError):
            data = {}
        shards.append(data if isinstance(data, dict) else {})
    return shards


def _write_shard(cache: Path, n: int, entries: dict) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{n:02d}.pickle"
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, path)


def _compute(job) -> list:
    root, source, registry = job
    return _dump(source_rows(root, source, registry))


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="source", delay=1.0, disable=not (enabled and sys.stderr.isatty()), file=sys.stderr)


def rows_per_source(root: Path, sources: list[Source], registry, *, progress: bool = False) -> list[list[Row]]:
    """Each source's rows, in source order: from the cache, else computed (in parallel when many)."""
    registry_hash = _file_hash(root / "annotations" / "registry.yaml")
    catalogue_hash = _file_hash(root / "schemas" / "catalogue.yaml")
    keys = [cache_key(root, s, registry_hash, catalogue_hash) for s in sources]
    shards = _read_shards(root / CACHE_DIR)
    cached = [shards[_shard(s.source_id)].get(s.source_id) for s in sources]
    results = [_load(c[1]) if c and c[0] == k else None for c, k in zip(cached, keys)]
    misses = [i for i, r in enumerate(results) if r is None]
    jobs = [(root, sources[i], registry) for i in misses]
    with _progress(len(misses), progress) as bar:
        if len(misses) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
            with ProcessPoolExecutor() as pool:
                computed = []
                for items in pool.map(_compute, jobs, chunksize=max(1, len(jobs) // (8 * (os.cpu_count() or 1)))):
                    computed.append(items)
                    bar.update()
        else:
            computed = []
            for job in jobs:
                computed.append(_compute(job))
                bar.update()
    for i, items in zip(misses, computed):
        results[i] = _load(items)
        shards[_shard(sources[i].source_id)][sources[i].source_id] = (keys[i], items)
    _save_changed(root / CACHE_DIR, shards, {_shard(sources[i].source_id) for i in misses}, sources)
    return results


def _save_changed(cache: Path, shards: list[dict], touched: set, sources: list[Source]) -> None:
    """Rewrite the shards that gained entries or hold sources that no longer exist."""
    current = {s.source_id for s in sources}
    for n, entries in enumerate(shards):
        stale = entries.keys() - current
        if n in touched or stale:
            for source_id in stale:
                del entries[source_id]
            _write_shard(cache, n, entries)
