"""`endofwar --help` and `endofwar sql` start fast: they never import pandas, pandera, frictionless or networkx."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pandas", "pandera", "frictionless", "networkx")
PROBE = (
    "import sys\n"
    "from endofwar.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:], standalone_mode=False)\n"
    "finally:\n"
    "    print('LOADED', ' '.join(m for m in {heavy!r} if m in sys.modules))\n"
)


@pytest.mark.parametrize("args", [["--help"], ["sql", "select count(*) as n from quote_details"]])
def test_command_does_not_import_heavy_libraries(built, args):
    probe = PROBE.format(heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", probe, *args, *(["--root", str(built)] if args[0] == "sql" else [])],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.rsplit("LOADED", 1)[1].split()
    assert loaded == [], f"`endofwar {' '.join(args)}` imported {loaded}"
