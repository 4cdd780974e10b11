"""`troly --help` and `--version` answer at once; `troly run --help` names every setting."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.config import Settings

BIN = Path(sys.executable).parent / "troly"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=60,
                          check=False)


def test_version_and_help_need_no_plans() -> None:
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("troly ")
    done = run("--help")
    assert done.returncode == 0 and "chat" in done.stdout and "import" in done.stdout
    # --help imports nothing heavy: the plans, the database and the channels stay unloaded.
    probe = subprocess.run([sys.executable, "-c", (
        "import sys, contextlib, io\nfrom bot import cli\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(['--help'])\n"
        "heavy = [m for m in ('sqlalchemy', 'telegram', 'matplotlib', 'knowledge.loader')"
        " if m in sys.modules]\nprint(heavy)")], capture_output=True, text=True, timeout=60,
        check=False)
    assert probe.stdout.strip() == "[]", probe.stdout + probe.stderr


def test_run_help_names_every_setting() -> None:
    shown = run("run", "--help").stdout
    missing = [name for name in Settings.model_fields
               if f"TROLY_{name.upper()}" not in shown]
    assert missing == []
