"""`endofwar watch`: every change of the inputs is built, a broken input is reported without
losing the published files, and Ctrl-C stops it cleanly."""

from __future__ import annotations

import queue
import signal
import subprocess
import threading
import time

from conftest import clean_build, command, edit_text, snapshot

from endofwar.inputs.synthetic import generate

WAIT = 120  # seconds for one build, on a slow CI machine


def _lines(stream) -> queue.Queue:
    """The process's output lines, read in a thread so that waiting for one can time out."""
    lines: queue.Queue = queue.Queue()

    def read():
        for line in stream:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return lines


def _next(lines: queue.Queue, prefix: str) -> str:
    """The next output line starting with prefix (earlier lines skipped)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        line = lines.get(timeout=max(deadline - time.monotonic(), 0.1))
        if line.startswith(prefix):
            return line
    raise AssertionError(f"no line starting with {prefix!r} within {WAIT} s")


def test_watch_builds_every_change_keeps_the_published_files_on_error_and_stops_on_ctrl_c(tmp_path):
    corpus = generate(6, tmp_path / "corpus", seed=5)
    sources = corpus / "raw" / "sources.yaml"
    process = subprocess.Popen([command("endofwar"), "watch", "--root", str(corpus)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        lines = _lines(process.stdout)
        assert _next(lines, "built ").startswith("built 10 tables")

        edit_text(corpus, "synthetic-5-000002")
        _next(lines, "built ")
        assert snapshot(corpus) == snapshot(clean_build(corpus, tmp_path / "clean"))

        published, good = snapshot(corpus), sources.read_text(encoding="utf-8")
        sources.write_text(good.replace("sources:", "sources: [", 1), encoding="utf-8")
        assert _next(lines, "error: ").startswith("error: raw/sources.yaml:")
        assert snapshot(corpus) == published

        sources.write_text(good, encoding="utf-8")
        _next(lines, "built ")
        assert snapshot(corpus) == published

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=WAIT) == 0
        assert _next(lines, "stopped") == "stopped"
    finally:
        process.kill()
