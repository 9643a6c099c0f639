"""A build killed at any point leaves either the complete old package or the complete new one."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from conftest import snapshot

from endofwar.build.publish import build, recover

KILL_AFTER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    import endofwar.build.publish as publish

    target, after = sys.argv[2], int(sys.argv[3])
    calls = {"n": 0}
    original = getattr(publish, target) if target != "os.replace" else os.replace

    def dying(*args, **kwargs):
        if target == "os.replace" and sys._getframe(1).f_code.co_name != "_swap_in":
            return original(*args, **kwargs)   # the row cache's own atomic writes, not the swap
        calls["n"] += 1
        if calls["n"] > after:
            os._exit(9)          # like SIGKILL: no cleanup, no finally blocks
        return original(*args, **kwargs)

    if __name__ == "__main__":   # drafting workers are spawned: they re-import this file
        if target == "os.replace":
            publish.os.replace = dying
        else:
            setattr(publish, target, dying)
        publish.build(Path(sys.argv[1]))
    """
)


def _change_data(root):
    registry = root / "annotations" / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("name: Robert Einhorn", "name: Robert J. Einhorn", 1), encoding="utf-8")


@pytest.mark.parametrize(
    "target, after, expect",
    [
        ("write_parquet", 0, "old"),      # killed while writing the first Parquet file
        ("write_parquet", 5, "old"),      # killed half-way through the tables
        ("os.replace", 0, "new"),         # killed after validation, before the swap
        ("os.replace", 1, "new"),         # killed between moving the old tables out and the new in
        ("os.replace", 2, "new"),         # killed before datapackage.json was replaced
    ],
)
def test_killed_build_is_all_old_or_all_new(repo, tmp_path, target, after, expect):
    build(repo)
    old = snapshot(repo)
    _change_data(repo)
    script = tmp_path / "kill.py"
    script.write_text(KILL_AFTER, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(repo), target, str(after)], capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    recover(repo)       # every command starts with this
    after_crash = snapshot(repo)
    build(repo)
    new = snapshot(repo)
    assert old != new
    assert after_crash == (old if expect == "old" else new)
