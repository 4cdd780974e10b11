"""The dev-set evaluation from ../shared/eval, run against the installed `troly`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED

BIN = Path(sys.executable).parent
BAR = 0.95


def score(questions: Path) -> tuple[dict[str, float], str]:
    scorer = SHARED / "eval" / "score.py"
    command = [sys.executable, str(scorer), str(questions), "--show-failures",
               "--cmd", f"{BIN / 'troly'} ask --jsonl"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    summary = result.stdout.strip().splitlines()[-1]
    figures = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", summary)}
    return figures, result.stdout


def test_dev_questions_reach_the_bar() -> None:
    questions = SHARED / "eval" / "dev_questions.yaml"
    assert questions.exists(), f"the eval set is expected at {questions}"
    figures, report = score(questions)
    assert figures["accuracy"] >= BAR, report
    assert "answered an out-of-scope question" not in report, report


@pytest.mark.parametrize("name", ["extra_questions.yaml"])
def test_own_questions_never_answer_wrong(name: str) -> None:
    """Questions written here, in other words than the dev set: no wrong answer at all."""
    figures, report = score(ROOT / "tests" / "data" / name)
    assert figures["wrong"] == 0, report
    assert figures["accuracy"] >= 0.85, report


@pytest.mark.parametrize(("name", "least"), [
    ("fresh/questions_tune.yaml", 0.97), ("fresh2/questions_tune.yaml", 0.97),
    ("fresh3/questions_tune.yaml", 0.95), ("fresh4/questions_tune.yaml", 0.93),
    ("fresh7/questions_tune.yaml", 0.95), ("fresh8/questions_tune.yaml", 0.93)])
def test_independent_tune_sets_hold(name: str, least: float) -> None:
    """The tuned parts of the sets written from the seeds alone (their set-aside parts are
    measured in the closing notes, not asserted here): no wrong answer, accuracy kept."""
    figures, report = score(ROOT / "tests" / "data" / name)
    assert figures["wrong"] == 0, report
    assert figures["accuracy"] >= least, report
