"""`endofwar watch`: every change of the inputs is built, a broken input is reported without
losing the published files, and Ctrl-C stops it cleanly."""

from __future__ import annotations

import signal
import subprocess

from conftest import WAIT, clean_build, command, edit_text, next_line, output_lines, snapshot

from endofwar.inputs.synthetic import generate
from endofwar.schemas import catalogue

def test_watch_builds_every_change_keeps_the_published_files_on_error_and_stops_on_ctrl_c(tmp_path):
    corpus = generate(6, tmp_path / "corpus", seed=5)
    sources = corpus / "raw" / "sources.yaml"
    process = subprocess.Popen([command("endofwar"), "watch", "--root", str(corpus)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        lines = output_lines(process.stdout)
        assert next_line(lines, "built ").startswith(f"built {len(catalogue().tables)} tables")

        edit_text(corpus, "synthetic-5-000002")
        next_line(lines, "built ")
        assert snapshot(corpus) == snapshot(clean_build(corpus, tmp_path / "clean"))

        published, good = snapshot(corpus), sources.read_text(encoding="utf-8")
        sources.write_text(good.replace("sources:", "sources: [", 1), encoding="utf-8")
        assert next_line(lines, "error: ").startswith("error: raw/sources.yaml:")
        assert snapshot(corpus) == published

        sources.write_text(good, encoding="utf-8")
        next_line(lines, "built ")
        assert snapshot(corpus) == published

        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=WAIT) == 0
        assert next_line(lines, "stopped") == "stopped"
    finally:
        process.kill()
