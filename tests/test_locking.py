"""One build at a time, and readers that never see half of a swap (endofwar.lock).

Every wait here is for a line a process prints when it reaches a point (holding a lock, waiting
for one, half-way through a swap): no test sleeps or measures time to decide anything.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap

import pytest
from conftest import WAIT, clean_build, command, edit_text, next_line, output_lines, snapshot

from endofwar.inputs.synthetic import generate
from endofwar.lock import HOLDER, LOCK_DIR, writing

ENDOFWAR = command("endofwar")
HOLDING = "the test holding the lock"
EINHORN = "select name from experts where expert_id = 'robert-einhorn'"

# A build (under the writers' lock, as `endofwar build` runs it) that stops half-way through its
# swap, after moving the published tables/ out and before moving the new ones in: it says so,
# then waits for a line on stdin ("pause") or dies there like a killed process ("die").
HALF_SWAP = textwrap.dedent(
    """
    import os, sys
    from contextlib import contextmanager
    from pathlib import Path
    import endofwar.lock as lock
    from endofwar.build.publish import build

    root, mode = Path(sys.argv[1]), sys.argv[2]
    real_swapping, real_replace, state = lock.swapping, os.replace, {"inside": False}

    @contextmanager
    def swapping(root, **kwargs):
        with real_swapping(root, **kwargs):
            state["inside"] = True
            yield

    def replace(*args, **kwargs):
        real_replace(*args, **kwargs)
        if state["inside"]:
            state["inside"] = False
            print("half-swapped", flush=True)
            if mode == "die":
                os._exit(9)
            sys.stdin.readline()

    if __name__ == "__main__":   # the build's worker processes are spawned: they import this file too
        lock.swapping, os.replace = swapping, replace
        with lock.writing(root):
            build(root)
    """
)

HOLD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from endofwar.lock import writing

    with writing(Path(sys.argv[1]), command="doomed"):
        print("holding", flush=True)
        sys.stdin.read()
    """
)


@pytest.fixture
def package(built, tmp_path):
    root = tmp_path / "pkg"
    shutil.copytree(built, root, symlinks=True)
    return root


def _change_data(root):
    """A change the next build publishes: one expert's name."""
    registry = root / "annotations" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    assert "name: Robert Einhorn" in text
    registry.write_text(text.replace("name: Robert Einhorn", "name: Robert J. Einhorn", 1), encoding="utf-8")


def _endofwar(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([ENDOFWAR, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)


def _lines_until(lines, prefix: str) -> list[str]:
    """Every line up to and including the next one starting with prefix."""
    seen = []
    while not seen or not seen[-1].startswith(prefix):
        seen.append(next_line(lines, ""))
    return seen


def _holder_named(line: str, command: str, pid: int) -> bool:
    since = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"
    return re.search(rf"pid {pid} on {re.escape(socket.gethostname())} \(`{re.escape(command)}`, since {since}\)", line) is not None


def test_two_builds_started_together_both_finish_and_the_package_validates(package):
    _change_data(package)
    with writing(package, command=HOLDING):          # both start while the lock is taken: both must wait
        builds = [_endofwar("build", "--root", package) for _ in range(2)]
        outputs = [output_lines(b.stdout) for b in builds]
        for lines in outputs:
            assert _holder_named(next_line(lines, "waiting: "), HOLDING, os.getpid())
    for process, lines in zip(builds, outputs):       # released together: one builds, then the other
        seen = _lines_until(lines, "built ")
        assert process.wait(timeout=WAIT) == 0, seen
        assert not any("Traceback" in line for line in seen), seen
    done = subprocess.run([ENDOFWAR, "validate", "--root", str(package)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    names = subprocess.run([ENDOFWAR, "sql", EINHORN, "--root", str(package)], capture_output=True, text=True)
    assert "Robert J. Einhorn" in names.stdout


@pytest.mark.parametrize("args", [["build"], ["schemas"], ["site", "{tmp}/site"], ["export-duckdb", "{tmp}/data.duckdb"]],
                         ids=["build", "schemas", "site", "export-duckdb"])
def test_a_writer_with_no_wait_exits_1_naming_the_holder(package, tmp_path, args):
    args = [a.format(tmp=tmp_path) for a in args]
    before = snapshot(package)
    with writing(package, command=HOLDING):
        done = subprocess.run([ENDOFWAR, *args, "--root", str(package), "--no-wait"], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"error: the dataset {package} is being written by "), done.stderr
    assert _holder_named(done.stderr, HOLDING, os.getpid()), done.stderr
    assert "run the command again without --no-wait" in done.stderr
    assert snapshot(package) == before and not (tmp_path / "site").exists() and not (tmp_path / "data.duckdb").exists()


def test_a_lock_left_by_a_killed_holder_is_taken_over(package):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(package)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "holding\n"
        busy = subprocess.run([ENDOFWAR, "build", "--root", str(package), "--no-wait"], capture_output=True, text=True)
        assert busy.returncode == 1 and _holder_named(busy.stderr, "doomed", holder.pid), busy.stderr
    finally:
        holder.kill()                                 # SIGKILL: no cleanup, the record of the holder stays
        holder.wait()
    assert "doomed" in (package / LOCK_DIR / HOLDER).read_text(encoding="utf-8")
    taken = subprocess.run([ENDOFWAR, "build", "--root", str(package), "--no-wait"], capture_output=True, text=True)
    assert taken.returncode == 0, taken.stderr
    assert not (package / LOCK_DIR / HOLDER).exists()  # replaced by the new holder's, removed when it ended


def test_a_build_during_watch_and_watch_waiting_for_a_build(tmp_path):
    corpus = generate(6, tmp_path / "corpus", seed=7)
    watcher = _endofwar("watch", "--root", corpus)
    try:
        lines = output_lines(watcher.stdout)
        next_line(lines, "built ")
        edit_text(corpus, "synthetic-7-000001")      # the watcher builds it, and so does a one-off build
        done = subprocess.run([ENDOFWAR, "build", "--root", str(corpus)], capture_output=True, text=True)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        next_line(lines, "built ")

        with writing(corpus, command=HOLDING):        # a build holds the dataset when the watcher's turn comes
            edit_text(corpus, "synthetic-7-000003")
            assert _holder_named(next_line(lines, "waiting: "), HOLDING, os.getpid())
        next_line(lines, "built ")
        assert snapshot(corpus) == snapshot(clean_build(corpus, tmp_path / "clean"))

        watcher.send_signal(2)                        # SIGINT, as Ctrl-C
        assert watcher.wait(timeout=WAIT) == 0
    finally:
        watcher.kill()


def test_readers_wait_for_a_swap_and_see_one_whole_package(package, tmp_path):
    _change_data(package)
    script = tmp_path / "half_swap.py"
    script.write_text(HALF_SWAP, encoding="utf-8")
    builder = subprocess.Popen([sys.executable, str(script), str(package), "pause"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    readers = {}
    try:
        assert builder.stdout.readline() == "half-swapped\n"
        assert not (package / "tables").exists()      # what no reader may see
        connect = f"import endofwar; print(endofwar.connect({str(package)!r}).sql({EINHORN!r}).fetchall()[0][0])"
        readers = {
            "validate": [ENDOFWAR, "validate", "--no-rebuild", "--root", str(package)],
            "sql": [ENDOFWAR, "sql", EINHORN, "--root", str(package)],
            "connect": [sys.executable, "-c", connect],
        }
        readers = {name: subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for name, cmd in readers.items()}
        for name, reader in readers.items():
            assert reader.stderr.readline().startswith("waiting: a build is putting new files in place"), name
        builder.stdin.write("go on\n")
        builder.stdin.flush()
        assert builder.wait(timeout=WAIT) == 0
        results = {name: reader.communicate(timeout=WAIT) for name, reader in readers.items()}
    finally:
        for process in (builder, *readers.values()):
            process.kill()
    for name, reader in readers.items():
        assert reader.returncode == 0, (name, results[name])
    assert "Robert J. Einhorn" in results["sql"][0] and results["connect"][0] == "Robert J. Einhorn\n"


def test_a_swap_a_killed_build_left_half_done_is_finished_before_reading(package, tmp_path):
    _change_data(package)
    script = tmp_path / "half_swap.py"
    script.write_text(HALF_SWAP, encoding="utf-8")
    died = subprocess.run([sys.executable, str(script), str(package), "die"], capture_output=True, text=True)
    assert died.returncode == 9 and died.stdout == "half-swapped\n", died.stderr
    assert not (package / "tables").exists()
    done = subprocess.run([ENDOFWAR, "sql", EINHORN, "--root", str(package)], capture_output=True, text=True)
    assert done.returncode == 0 and "Robert J. Einhorn" in done.stdout, done.stderr
    assert not (package / ".staging").exists()
