import datetime as dt

import pytest

from knowledge.deadlines import find_deadlines, occurrences, parse_deadline
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


# -- the phrasings of issue 14, each read as the plans mean it -----------------------------

R = DeadlineKind.RANGE


@pytest.mark.parametrize(
    ("phrase", "kind", "start", "end"),
    [
        ("chậm nhất ngày 05/3/2025", DeadlineKind.EXACT_DATE, None, D(2025, 3, 5)),
        ("hoàn thành trong tháng 12/2022", DeadlineKind.MONTH, D(2022, 12, 1), D(2022, 12, 31)),
        ("trong 2/2021", DeadlineKind.MONTH, D(2021, 2, 1), D(2021, 2, 28)),
        ("quý 2/2021", DeadlineKind.QUARTER, D(2021, 4, 1), D(2021, 6, 30)),
        ("đầu tháng 3/2025", DeadlineKind.MONTH, D(2025, 3, 1), D(2025, 3, 10)),
        ("giữa tháng 3/2025", DeadlineKind.MONTH, D(2025, 3, 11), D(2025, 3, 20)),
        ("cuối tháng 2/2024", DeadlineKind.MONTH, D(2024, 2, 21), D(2024, 2, 29)),
        ("thượng tuần tháng 4/2024", DeadlineKind.MONTH, D(2024, 4, 1), D(2024, 4, 10)),
        ("đầu quý I/2025", DeadlineKind.QUARTER, D(2025, 1, 1), D(2025, 1, 31)),
        ("Giữa quý I/2026", DeadlineKind.QUARTER, D(2026, 2, 1), D(2026, 2, 28)),
        ("cuối quý I/2025", DeadlineKind.QUARTER, D(2025, 3, 1), D(2025, 3, 31)),
        ("Đầu năm 2026", R, D(2026, 1, 1), D(2026, 4, 30)),
        ("giữa năm 2026", R, D(2026, 5, 1), D(2026, 8, 31)),
        ("Cuối năm 2023", R, D(2023, 9, 1), D(2023, 12, 31)),
        ("trước ngày 31-3-2025", DeadlineKind.EXACT_DATE, None, D(2025, 3, 31)),
        ("ngày 01.02.2026", DeadlineKind.EXACT_DATE, None, D(2026, 2, 1)),
        ("trước ngày 15/3", DeadlineKind.EXACT_DATE, None, D(2024, 3, 15)),
        ("trước ngày 15 (mười lăm) tháng 3 năm 2024", DeadlineKind.EXACT_DATE, None,
         D(2024, 3, 15)),
        ("từ tháng 7 đến tháng 12/2019", R, D(2019, 7, 1), D(2019, 12, 31)),
        ("bắt đầu từ 01/5/2020 và hoàn thành trước ngày 30/6/2020", R, D(2020, 5, 1),
         D(2020, 6, 30)),
        ("từ ngày 26/3/2025 đến ngày 05/4/2025", R, D(2025, 3, 26), D(2025, 4, 5)),
        ("từ quý II đến hết quý IV/2024", R, D(2024, 4, 1), D(2024, 12, 31)),
        ("vào dịp 19/5/2024", DeadlineKind.OCCASION, D(2024, 5, 19), D(2024, 5, 19)),
        ("nhân dịp kỷ niệm 96 năm Ngày thành lập Đảng (03/02/1930 - 03/02/2026)",
         DeadlineKind.OCCASION, D(2026, 2, 3), D(2026, 2, 3)),
        ("trong vòng 30 ngày làm việc kể từ ngày nhận được văn bản", DeadlineKind.RELATIVE,
         None, None),
        ("chậm nhất 15 ngày sau khi kết thúc giám sát", DeadlineKind.RELATIVE, None, None),
        ("ngay khi phát sinh vụ việc", DeadlineKind.RELATIVE, None, None),
        ("thường xuyên", DeadlineKind.ONGOING, None, None),
        ("trong tuần sinh hoạt chính trị đầu khóa năm 2024", DeadlineKind.NONE, None, None),
        ("định kỳ", DeadlineKind.NONE, None, None),
    ],
)
def test_issue_phrasings(phrase: str, kind: DeadlineKind, start: dt.date | None,
                         end: dt.date | None) -> None:
    deadline = parse_deadline(phrase, 2024)
    assert (deadline.kind, deadline.start, deadline.end) == (kind, start, end)


@pytest.mark.parametrize(
    ("phrase", "recurrence", "due_day", "due_month", "offset"),
    [
        ("hằng tuần", "week", None, None, 0),
        ("hàng tháng", "month", None, None, 0),
        ("hằng quý", "quarter", None, None, 0),
        ("hằng năm", "year", None, None, 0),
        ("định kỳ 6 tháng", "half_year", None, None, 0),
        ("ngày 20 của tháng cuối quý", "quarter", 20, 3, 0),
        ("trước ngày 15 (mười lăm) của tháng cuối quý", "quarter", 15, 3, 0),
        ("trước ngày 5 hằng tháng", "month", 5, None, 0),
        ("tháng 11 hằng năm", "year", None, 11, 0),
        ("trước ngày 10/01 năm sau", "year", 10, 1, 1),
        ("vào dịp kỷ niệm Sinh nhật Bác ngày 19/5 hằng năm", "year", 19, 5, 0),
    ],
)
def test_recurring_phrasings(phrase: str, recurrence: str, due_day: int | None,
                             due_month: int | None, offset: int) -> None:
    deadline = parse_deadline(phrase, 2025)
    assert deadline.kind is DeadlineKind.RECURRING
    assert (deadline.recurrence, deadline.due_day, deadline.due_month, deadline.due_offset) == (
        recurrence, due_day, due_month, offset)
    assert deadline.end is None  # a recurring time has no single window


def test_a_recurring_time_starts_where_the_plan_says() -> None:
    deadline = parse_deadline("hằng quý, bắt đầu từ quý I/2026, trước ngày 10 của tháng cuối quý",
                              2025)
    assert (deadline.recurrence, deadline.due_day, deadline.since) == ("quarter", 10,
                                                                       D(2026, 1, 1))


# -- finding time phrases in a task's sentence ---------------------------------------------


def _found(text: str, year: int = 2025) -> list[tuple[str, DeadlineKind, dt.date | None]]:
    return [(f.deadline.phrase, f.deadline.kind, f.deadline.end)
            for f in find_deadlines(text, year)]


def test_found_phrases_keep_their_words_and_leave_the_verb() -> None:
    text = ("Cấp ủy cơ sở gửi báo cáo về Ban Thường vụ trước ngày 25/3/2024. Tổ chức Hội nghị "
            "sơ kết, hoàn thành trước ngày 30/4/2024.")
    assert _found(text, 2024) == [
        ("trước ngày 25/3/2024", DeadlineKind.EXACT_DATE, D(2024, 3, 25)),
        ("trước ngày 30/4/2024", DeadlineKind.EXACT_DATE, D(2024, 4, 30))]
    assert _found("Hoàn thành trong quý II/2023.") == [
        ("Hoàn thành trong quý II/2023", DeadlineKind.QUARTER, D(2023, 6, 30))]
    assert _found("gửi về trước ngày 15.6.2026.") == [
        ("trước ngày 15.6.2026", DeadlineKind.EXACT_DATE, D(2026, 6, 15))]


@pytest.mark.parametrize("text", [
    "Căn cứ Kế hoạch số 12-KH/TU ngày 05/01/2026 của Ban Thường vụ Tỉnh ủy,",
    "thực hiện Chỉ thị 27/CT-TTg ngày 08/9/2016 của Thủ tướng Chính phủ",
    "Quy định số 124-QĐ/TW, ngày 02/02/2018 của Ban Bí thư",
    "hướng tới kỷ niệm 133 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2023)",
    "tổ chức hội nghị trực tuyến; thời gian không quá 1/2 ngày.",
    "Quý I: Nội dung cơ bản của tư tưởng Hồ Chí Minh về trách nhiệm nêu gương.",
    "phấn đấu năm 2025 theo mẫu gửi kèm",
    "trở thành việc làm tự giác, thường xuyên của mỗi tổ chức đảng",
    "trong giai đoạn 2021 - 2025 và nhiệm kỳ 2020 - 2025",
])
def test_what_is_not_a_deadline_is_not_found(text: str) -> None:
    assert _found(text) == []


def test_a_time_that_cannot_be_read_is_found_as_none() -> None:
    assert _found("hoàn thành trước quý II/2024") == [
        ("trước quý II/2024", DeadlineKind.NONE, None)]
    assert _found("hoàn thành trước ngày 31/2/2024") == []


def test_tentative_from_the_words_before_the_phrase() -> None:
    (found,) = find_deadlines("Thời gian dự kiến trong tháng 12/2022.", 2023)
    assert found.deadline.tentative and found.deadline.phrase == "trong tháng 12/2022"


# -- occurrences for the reminders planner -------------------------------------------------


def _due(phrase: str, first: dt.date, last: dt.date, year: int = 2026
         ) -> list[tuple[str, dt.date, dt.date]]:
    return [(o.label, o.start, o.due)
            for o in occurrences(parse_deadline(phrase, year), first, last)]


def test_quarterly_occurrences() -> None:
    assert _due("hằng quý", D(2026, 1, 1), D(2026, 6, 30)) == [
        ("quý I/2026", D(2026, 1, 1), D(2026, 3, 31)),
        ("quý II/2026", D(2026, 4, 1), D(2026, 6, 30))]
    assert _due("ngày 20 của tháng cuối quý", D(2026, 1, 1), D(2026, 6, 30)) == [
        ("quý I/2026", D(2026, 1, 1), D(2026, 3, 20)),
        ("quý II/2026", D(2026, 4, 1), D(2026, 6, 20))]


def test_half_year_year_and_month_occurrences() -> None:
    assert _due("định kỳ 6 tháng", D(2026, 1, 1), D(2026, 12, 31)) == [
        ("6 tháng đầu năm 2026", D(2026, 1, 1), D(2026, 6, 30)),
        ("6 tháng cuối năm 2026", D(2026, 7, 1), D(2026, 12, 31))]
    assert _due("tháng 11 hằng năm", D(2026, 1, 1), D(2027, 12, 31)) == [
        ("năm 2026", D(2026, 11, 1), D(2026, 11, 30)),
        ("năm 2027", D(2027, 11, 1), D(2027, 11, 30))]
    assert _due("hằng tháng", D(2026, 2, 1), D(2026, 3, 31)) == [
        ("tháng 2/2026", D(2026, 2, 1), D(2026, 2, 28)),
        ("tháng 3/2026", D(2026, 3, 1), D(2026, 3, 31))]


def test_next_year_report_is_due_in_the_year_after_the_one_it_covers() -> None:
    assert _due("trước ngày 10/01 năm sau", D(2026, 1, 1), D(2026, 12, 31)) == [
        ("năm 2025", D(2025, 1, 1), D(2026, 1, 10))]


def test_weekly_occurrences_fall_on_fridays() -> None:
    due = _due("hằng tuần", D(2026, 3, 16), D(2026, 3, 29))
    assert due == [("tuần 12/2026", D(2026, 3, 16), D(2026, 3, 20)),
                   ("tuần 13/2026", D(2026, 3, 23), D(2026, 3, 27))]


def test_occurrences_start_with_the_period_the_plan_names() -> None:
    deadline = parse_deadline("hằng quý, bắt đầu từ quý I/2026, trước ngày 10 của tháng cuối quý",
                              2025)
    due = [o.due for o in occurrences(deadline, D(2025, 12, 1), D(2026, 6, 30))]
    assert due == [D(2026, 3, 10), D(2026, 6, 10)]


def test_a_dated_deadline_has_one_occurrence_and_others_none() -> None:
    (one,) = occurrences(parse_deadline("trong quý I/2024", 2024), D(2024, 1, 1), D(2024, 12, 31))
    assert (one.start, one.due) == (D(2024, 1, 1), D(2024, 3, 31))
    assert occurrences(parse_deadline("trong quý I/2024", 2024), D(2024, 4, 1),
                       D(2024, 12, 31)) == []
    for phrase in ("thường xuyên", "trong vòng 30 ngày kể từ ngày ký", "sau khi có hướng dẫn"):
        assert occurrences(parse_deadline(phrase, 2024), D(2024, 1, 1), D(2030, 1, 1)) == []
