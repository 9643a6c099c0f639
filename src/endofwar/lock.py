"""One writer at a time on a dataset, and readers that never see a half-swapped package.

Both locks come from the filelock library and live in the dataset's `.lock/` folder:

- `writing` (`build`, each build of `watch`, `site`, `export-duckdb`, `schemas`): an OS lock on
  `.lock/write.lock`. The operating system releases it when its holder ends, killed or not, so
  a lock left by a dead process is simply taken by the next writer. The holder records who it
  is (pid, command, since when) in `.lock/write.json`; a second writer names it while it waits,
  or in its error when told not to wait.
- `reading` and `swapping`: a reader/writer lock on `.lock/swap.lock`. Readers (`validate`,
  `sql`, `connect`, `load`) share it while they read the published files; a build holds it
  alone only while it renames its validated tables/ and datapackage.json into place. A reader
  sees all of the old package or all of the new one; it waits only while a build renames its
  files (after the readers already reading have finished).
"""

from __future__ import annotations

import json
import os
import shlex
import socket
import sys
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from endofwar.errors import EndofwarError

LOCK_DIR = ".lock"
WRITE_LOCK = "write.lock"
HOLDER = "write.json"
SWAP_LOCK = "swap.lock"


class DatasetLocked(EndofwarError):
    """Another process is writing the dataset (raised instead of waiting)."""


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _folder(root: Path) -> Path:
    folder = Path(root) / LOCK_DIR
    if not Path(root).is_dir():
        raise EndofwarError("no such dataset folder", file=str(root), fix="pass --root the folder that holds schemas/, raw/ and annotations/")
    folder.mkdir(exist_ok=True)
    return folder


def command_line() -> str:
    """This process's command line, as a person would type it (`endofwar build --root x`)."""
    return shlex.join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv and sys.argv[0] else f"python (pid {os.getpid()})"


def holder(root: Path) -> str:
    """Who holds the writers' lock, from the record it wrote when it took the lock."""
    try:
        info = json.loads((Path(root) / LOCK_DIR / HOLDER).read_text(encoding="utf-8"))
        return f"pid {info['pid']} on {info['host']} (`{info['command']}`, since {info['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another process (it has not recorded its name yet)"


def _record_holder(folder: Path, command: str | None) -> None:
    info = {"pid": os.getpid(), "host": socket.gethostname(), "command": command or command_line(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds")}
    partial = folder / f"{HOLDER}.{os.getpid()}"
    partial.write_text(json.dumps(info) + "\n", encoding="utf-8")
    os.replace(partial, folder / HOLDER)  # a waiter reads the whole record or none


def _take(acquire: Callable[..., object], busy: Callable[[], None]) -> None:
    """Take a lock at once if it is free; else call busy() (which says so, or raises), then wait."""
    from filelock import Timeout

    try:
        acquire(blocking=False)
        return
    except Timeout:
        pass
    busy()
    acquire()


@contextmanager
def writing(root: Path, *, wait: bool = True, on_wait: Callable[[str], None] = _say,
            command: str | None = None) -> Iterator[None]:
    """Hold the dataset's writers' lock for the block. When another process holds it: wait for
    it, saying once who it is (on_wait), or with wait=False raise DatasetLocked naming it."""
    from filelock import FileLock

    folder = _folder(root)
    lock = FileLock(folder / WRITE_LOCK, preserve_lock_file=True, is_singleton=True)  # one per file: nested holds count up

    def busy() -> None:
        writer = f"the dataset {root} is being written by {holder(root)}"
        if not wait:
            raise DatasetLocked(writer, fix="wait for it to end, or run the command again without --no-wait to wait for it")
        on_wait(f"waiting: {writer}; going on when it ends")

    _take(lock.acquire, busy)
    outermost = lock.lock_counter == 1
    try:
        if outermost:
            _record_holder(folder, command)
        yield
    finally:
        if outermost:
            (folder / HOLDER).unlink(missing_ok=True)
        lock.release()


def _swap_lock(root: Path):
    from filelock import ReadWriteLock

    return ReadWriteLock(_folder(root) / SWAP_LOCK)


@contextmanager
def reading(root: Path, *, on_wait: Callable[[str], None] = _say) -> Iterator[None]:
    """Share the dataset's swap lock while reading its published files (waits only while a build
    renames its files into place). A folder this account cannot lock, it cannot swap files in
    either: it is read without the lock."""
    import sqlite3

    try:
        lock = _swap_lock(root)
    except (OSError, sqlite3.Error):
        yield
        return
    _take(lock.acquire_read, lambda: on_wait(f"waiting: a build is putting new files in place in {root}"))
    try:
        yield
    finally:
        lock.release()


@contextmanager
def swapping(root: Path, *, on_wait: Callable[[str], None] = _say) -> Iterator[None]:
    """Hold the swap lock alone while the published files are replaced: no reader is reading."""
    lock = _swap_lock(root)
    _take(lock.acquire_write, lambda: on_wait(f"waiting: readers of {root} (validate, sql, connect) are reading the "
                                              "published files; the new ones go in when they end"))
    try:
        yield
    finally:
        lock.release()
