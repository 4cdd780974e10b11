"""Every shell block of the README runs as written, on the embedded default, in a temporary copy
of the repository, and fails the test if it fails or prints a traceback.

The one block that is not run is the test command itself (it is what runs this test). Blocks
fenced as ``text`` (a token, Docker) are shown for machines that have them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"^( *)```sh\n(.*?)^\1```", re.S | re.M)
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".*_cache",
                                    ".hypothesis", "exports", "*.sqlite3*")


def shell_blocks() -> list[str]:
    blocks = [block for _, block in BLOCK.findall((ROOT / "README.md").read_text("utf-8"))]
    return [block for block in blocks if "pytest" not in block]


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "troly"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
    return copy


def _run(block: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TROLY_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=600)


def test_the_readme_has_its_two_quick_start_commands_and_examples() -> None:
    blocks = BLOCK.findall((ROOT / "README.md").read_text("utf-8"))
    assert len(blocks) >= 5
    assert "pip install -e ." in blocks[0][1] and "pytest" in blocks[1][1]


@pytest.mark.parametrize("block", shell_blocks(), ids=lambda b: b.splitlines()[0][:50])
def test_a_readme_block_runs_as_written(block: str, tmp_path: Path) -> None:
    done = _run(block, _copy(tmp_path))
    assert done.returncode == 0, f"{block}\n--- stdout\n{done.stdout[-3000:]}\n" \
                                 f"--- stderr\n{done.stderr[-3000:]}"
    assert "Traceback" not in done.stdout + done.stderr, done.stderr[-3000:]
