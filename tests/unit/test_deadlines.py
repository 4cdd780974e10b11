import datetime as dt

import pytest

from knowledge.deadlines import parse_deadline
from knowledge.schema import DeadlineKind

D = dt.date


@pytest.mark.parametrize(
    ("phrase", "kind", "start", "end"),
    [
        ("trước ngày 25/3/2024", DeadlineKind.EXACT_DATE, None, D(2024, 3, 25)),
        ("Thời gian hoàn thành xây dựng kế hoạch trước ngày 15/01/2023",
         DeadlineKind.EXACT_DATE, None, D(2023, 1, 15)),
        ("trong tháng 12/2022", DeadlineKind.MONTH, D(2022, 12, 1), D(2022, 12, 31)),
        ("Hoàn thành trong tháng 02/2024", DeadlineKind.MONTH, D(2024, 2, 1), D(2024, 2, 29)),
        ("hoàn thành trong quý I/2024", DeadlineKind.QUARTER, D(2024, 1, 1), D(2024, 3, 31)),
        ("Quý III/2024", DeadlineKind.QUARTER, D(2024, 7, 1), D(2024, 9, 30)),
        ("từ tháng 01/2023 - 3/2024", DeadlineKind.RANGE, D(2023, 1, 1), D(2024, 3, 31)),
        ("vào dịp kỷ niệm sinh nhật Bác 19/5/2024", DeadlineKind.OCCASION,
         D(2024, 5, 19), D(2024, 5, 19)),
        ("vào dịp kỷ niệm 134 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890-19/5/2024)",
         DeadlineKind.OCCASION, D(2024, 5, 19), D(2024, 5, 19)),
        ("thực hiện thường xuyên", DeadlineKind.ONGOING, None, None),
        ("thực hiện hằng năm", DeadlineKind.RECURRING, None, None),
        ("sau khi có hướng dẫn của Ban Tuyên giáo Trung ương", DeadlineKind.NONE, None, None),
        ("trước ngày 31/2/2024", DeadlineKind.NONE, None, None),
    ],
)
def test_phrases_read_into_windows(phrase: str, kind: DeadlineKind, start: dt.date | None,
                                   end: dt.date | None) -> None:
    deadline = parse_deadline(phrase, 2024)
    assert (deadline.kind, deadline.start, deadline.end) == (kind, start, end)
    assert deadline.phrase == phrase


def test_tentative_and_quarter_without_year() -> None:
    deadline = parse_deadline("Dự kiến tháng 5/2024", 2024)
    assert deadline.tentative and deadline.kind is DeadlineKind.MONTH
    assert parse_deadline("trong quý II", 2023).end == D(2023, 6, 30)


def test_occasion_without_year_takes_the_plan_year() -> None:
    deadline = parse_deadline("vào dịp 19/5", 2024)
    assert (deadline.kind, deadline.end) == (DeadlineKind.OCCASION, D(2024, 5, 19))


def test_recurrence_period_is_kept() -> None:
    assert parse_deadline("định kỳ hằng quý", 2024).recurrence == "quarter"
    assert parse_deadline("hàng năm", 2024).recurrence == "year"
