"""The corpus build on a real Dask cluster: `dask scheduler` and two `dask worker` processes on
127.0.0.1, as an operator starts them on machines.

The cluster's package must be byte-for-byte the single-machine build's (the same tasks run in
this process), and a worker killed mid-build must leave the published package as it was or
complete it by running the lost tasks again: never a mix of the two.
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import command
from test_corpus_build import published_files

from endofwar.build.cluster import INLINE, LocalProcesses
from endofwar.build.corpus import build_corpus
from endofwar.inputs.synthetic import generate_shards

pytest.importorskip("distributed", reason="the corpus build's engine is the optional extra: pip install 'endofwar[dask]'")

ARTICLES, PER_SHARD, ROWS_PER_PART = 2400, 100, 10_000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cluster-corpus")
    generate_shards(ARTICLES, root, seed=9, fmt="parquet", per_shard=PER_SHARD)
    return root


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict:
    """The single-machine build: every task in this process, in order."""
    out = tmp_path_factory.mktemp("reference")
    build_corpus([str(corpus / "corpus" / "*.parquet")], out, corpus, scheduler=INLINE, rows_per_part=ROWS_PER_PART)
    return published_files(out)


@pytest.fixture
def cluster(tmp_path):
    processes = LocalProcesses(tmp_path / "cluster", workers=2)
    yield processes
    processes.stop()


def test_two_workers_publish_the_single_machine_bytes(corpus, reference, cluster, tmp_path):
    out = tmp_path / "out"
    counts = build_corpus([str(corpus / "corpus" / "*.parquet")], out, corpus, scheduler=cluster.address,
                          rows_per_part=ROWS_PER_PART)
    assert counts["sources"] == ARTICLES
    assert any(len(list(p.glob("part-*.parquet"))) > 1 for p in (out / "tables").iterdir())  # several partitions
    assert published_files(out) == reference


def test_a_worker_killed_mid_build_leaves_the_old_package_or_the_complete_new_one(corpus, reference, cluster, tmp_path):
    out = tmp_path / "out"
    small = tmp_path / "small"
    generate_shards(150, small, seed=9, fmt="parquet", per_shard=PER_SHARD)
    build_corpus([str(small / "corpus" / "*.parquet")], out, small, scheduler=INLINE, rows_per_part=ROWS_PER_PART)
    old = published_files(out)

    outcome: dict = {}

    def run() -> None:
        try:
            outcome["counts"] = build_corpus([str(corpus / "corpus" / "*.parquet")], out, corpus,
                                             scheduler=cluster.address, rows_per_part=ROWS_PER_PART)
        except Exception as error:  # noqa: BLE001 - reported by the assertions below
            outcome["error"] = error

    builder = threading.Thread(target=run)
    builder.start()
    written = out / ".staging" / "work" / "sources"
    deadline = time.monotonic() + 120
    while len(list(written.glob("task-*.parquet"))) < 3 and time.monotonic() < deadline and builder.is_alive():
        time.sleep(0.05)
    assert builder.is_alive(), "the build ended before a worker could be killed: make the corpus larger"
    victim = cluster.workers[0]
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    builder.join(timeout=300)

    assert not builder.is_alive()
    now = published_files(out)
    assert now in (old, reference), "the published package mixes the old and the new build"
    assert "error" not in outcome, f"the surviving worker should have rerun the lost tasks: {outcome.get('error')}"
    assert now == reference and not (out / ".staging").exists()


def test_the_commands_a_user_runs(tmp_path):
    """`endofwar synth --shards`, `endofwar build --corpus` on a LocalCluster, `endofwar sql` on the
    partitions; --corpus without --out is refused."""
    endofwar = command("endofwar")
    subprocess.run([endofwar, "synth", "60", str(tmp_path / "c"), "--shards", "jsonl", "--per-shard", "25"], check=True)
    done = subprocess.run([endofwar, "build", "--root", str(tmp_path / "c"), "--corpus", str(tmp_path / "c" / "corpus" / "*.jsonl"),
                           "--out", str(tmp_path / "out"), "--workers", "1"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "sources 60" in done.stdout
    query = subprocess.run([endofwar, "sql", "--root", str(tmp_path / "out"), "select count(distinct source_id) as n from quote_details"],
                           capture_output=True, text=True, check=True)
    assert "60" in query.stdout
    refused = subprocess.run([endofwar, "build", "--corpus", "x/*.jsonl"], capture_output=True, text=True)
    assert refused.returncode == 1 and "--corpus and --out go together" in refused.stderr
