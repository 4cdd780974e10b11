"""Yes-or-no questions on a plan's period, and plan numbers given to another body."""

from __future__ import annotations

import datetime as dt

from handlers.answers import AnswerEngine

TODAY = dt.date(2024, 3, 1)


def test_a_date_of_another_body_is_not_answered_from_the_period(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "thành tích tháng 2/2024 của Thành ủy Lai Châu có được tính khen thưởng không", TODAY)
    assert not answer.answered


def test_a_date_partly_in_the_period_is_not_answered(engine: AnswerEngine) -> None:
    answer = engine.answer("thành tích năm 2024 có được tính xét khen thưởng không", TODAY)
    assert not answer.answered or "Không:" not in answer.text


def test_a_plan_number_given_to_another_body_is_another_document(engine: AnswerEngine) -> None:
    answer = engine.answer("Kế hoạch 107 của Tỉnh ủy Điện Biên hạn báo cáo năm?", TODAY)
    assert not answer.answered
    assert "10/11/2023" not in answer.text


def test_two_questions_are_answered_only_together(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "bc năm theo KH 107 hạn ngày nào, còn bc 9 tháng thì hạn ngày nào", TODAY)
    assert not answer.answered
