"""Where a corpus build's tasks run: a Dask cluster (an existing one, or a LocalCluster on this
machine's cores), or in this process.

Dask is an optional dependency (`pip install 'endofwar[dask]'`): it is imported here, when a
corpus build starts, and nowhere else. Workers must see the same filesystem as the driver
(the corpus, the dataset root with schemas/, and the output folder), as on a cluster with a
shared filesystem, and run the same version of endofwar.

A task whose worker dies is run again on another worker by the scheduler (Dask's
`distributed.scheduler.allowed-failures`, 3 by default); the tasks write their files under
fixed names, replaced atomically, so a rerun leaves no trace of the lost one. A task lost
more often than that fails the build, and nothing is published.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager, nullcontext
from types import SimpleNamespace
from typing import Callable, Iterator

from endofwar.errors import EndofwarError

INLINE = "inline"  # run every task in this process, in order: the single-machine reference


class Inline:
    """The tasks in this process, one after the other (tests; the reference the cluster's
    output is compared with)."""

    workers = 1

    def share(self, value):
        return value

    def map(self, fn: Callable, items: list, *, progress: str | None = None, **kwargs) -> list:
        with _bar(len(items), progress) as bar:
            out = []
            for item in items:
                out.append(fn(item, **kwargs))
                bar.update()
            return out


class OnDask:
    """The tasks on a Dask cluster through a distributed Client."""

    def __init__(self, client):
        self.client = client

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1)["workers"])

    def share(self, value):
        """A value every task needs, sent to each worker once rather than with every task."""
        return self.client.scatter([value], broadcast=True)[0]  # a list: a dict would be read as named values

    def map(self, fn: Callable, items: list, *, progress: str | None = None, **kwargs) -> list:
        """fn(item, **kwargs) for every item, in any order on the workers; results in item order."""
        from dask.distributed import as_completed
        from distributed.scheduler import KilledWorker

        futures = self.client.map(fn, items, pure=False, **kwargs)
        try:
            with _bar(len(items), progress) as bar:
                for _ in as_completed(futures):
                    bar.update()
            return self.client.gather(futures)
        except KilledWorker as exc:
            raise EndofwarError(
                f"a task was lost with its worker too often and gave up: {exc}", file="dask cluster",
                fix="see the workers' logs (memory limit?); nothing was published",
            ) from None
        finally:
            self.client.cancel(futures)


def _bar(total: int, unit: str | None):
    """A progress bar on a terminal, after a second; nothing elsewhere."""
    if not (unit and total and sys.stderr.isatty()):
        return nullcontext(SimpleNamespace(update=lambda: None))
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, delay=1.0, file=sys.stderr)


def _dask():
    try:
        import dask.distributed as distributed
    except ImportError:
        raise EndofwarError(
            "a corpus build runs on Dask, which is not installed", fix="pip install 'endofwar[dask]'",
        ) from None
    return distributed


@contextmanager
def engine(scheduler: str | None = None, workers: int | None = None) -> Iterator[Inline | OnDask]:
    """The engine for a build: scheduler "tcp://HOST:PORT" connects to a running cluster; None
    starts a LocalCluster of `workers` processes (default: one per core) with one thread each,
    since the extractor is pure Python and threads would share one interpreter lock; INLINE
    runs in this process."""
    if scheduler == INLINE:
        yield Inline()
        return
    distributed = _dask()
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout="30s")
        except OSError as exc:
            raise EndofwarError(f"cannot reach the Dask scheduler: {exc}", file=scheduler,
                                fix="start it with `dask scheduler` and give its address as tcp://HOST:PORT") from None
        with client:
            yield OnDask(client)
        return
    with distributed.LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster) as client:
        yield OnDask(client)


class LocalProcesses:
    """A Dask cluster as separate processes on 127.0.0.1: `dask scheduler` and `dask worker`s, as an
    operator starts them on machines (the tests and scripts/dask_scale.py use it). Each worker
    has one thread and no nanny: it is one process, whose memory can be measured, and a killed one
    stays dead, as a lost machine does. `dask` is the command beside this Python."""

    def __init__(self, folder, workers: int, *, env: dict | None = None):
        from pathlib import Path

        self.folder, self.env = Path(folder), env
        self.folder.mkdir(parents=True, exist_ok=True)
        file = self.folder / "scheduler.json"
        file.unlink(missing_ok=True)
        self.scheduler = self._start("scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file", str(file))
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.address = json.loads(file.read_text())["address"]
        self.workers = [self._start("worker", self.address, "--nthreads", "1", "--no-nanny", "--memory-limit", "0",
                                    "--local-directory", str(self.folder / f"worker-{i}")) for i in range(workers)]
        with _dask().Client(self.address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=120)

    def _start(self, *args: str) -> subprocess.Popen:
        dask = os.path.join(os.path.dirname(sys.executable), "dask")
        with open(self.folder / f"{args[0]}-{len(os.listdir(self.folder))}.log", "wb") as log:
            return subprocess.Popen([dask, *args, "--no-dashboard"], stdout=log, stderr=subprocess.STDOUT, env=self.env)

    def stop(self) -> None:
        """SIGTERM to every process still running, SIGKILL to any that has not ended 30 s later."""
        processes = [*self.workers, self.scheduler]
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
