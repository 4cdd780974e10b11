"""Questions written for the constraint mechanism, in wordings no other set uses: paraphrases
that must be answered right, and near misses (another year, period, count, ordinal, body,
place, document, attribute) that must not be answered. Judged with ../shared/eval's judge."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from handlers.answers import AnswerEngine
from tests.conftest import SHARED

Judge = Callable[[dict[str, Any], dict[str, Any]], tuple[str, str]]

QUESTIONS = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "questions_battery.yaml").read_text(encoding="utf-8"))
TODAY = dt.date(2024, 3, 1)


@pytest.fixture(scope="module")
def judge() -> Judge:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found: Judge = module.judge
    return found


def _ask(engine: AnswerEngine, item: dict[str, Any]) -> dict[str, Any]:
    today = item.get("today") or TODAY
    return engine.answer(item["q"], today).as_json()


@pytest.mark.parametrize("item", [q for q in QUESTIONS if q["kind"] == "out_of_scope"],
                         ids=lambda q: q["id"])
def test_a_near_miss_or_courtesy_is_not_answered(engine: AnswerEngine, judge: Judge,
                                                 item: dict[str, Any]) -> None:
    reply = _ask(engine, item)
    assert judge(item, reply)[0] == "correct", reply["text"]
    assert "/20" not in reply["text"].split("\n")[0]  # no date is stated as the answer


@pytest.mark.parametrize("item", [q for q in QUESTIONS if q["kind"] != "out_of_scope"],
                         ids=lambda q: q["id"])
def test_a_question_in_other_words_is_answered_right(engine: AnswerEngine, judge: Judge,
                                                     item: dict[str, Any]) -> None:
    reply = _ask(engine, item)
    verdict, why = judge(item, reply)
    assert verdict == "correct", f"{why}: {reply['text']}"
