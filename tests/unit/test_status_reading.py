"""The reader of status replies, on a data set of real-style replies and on garbage."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from handlers.reports.reading import is_probably_status, read_status
from handlers.tasks import ReportStatus

DATA = Path(__file__).resolve().parents[1] / "data" / "status_replies.yaml"
FIELDS = ("status", "percent", "evidence_number", "evidence_date", "requested_date")
TODAY = dt.date(2024, 3, 25)


def _cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = yaml.safe_load(DATA.read_text("utf-8"))
    return cases


def _mismatches(case: dict[str, Any]) -> dict[str, tuple[object, object]]:
    text = case["text"]
    if case.get("nfd"):
        text = unicodedata.normalize("NFD", text)
    reading = read_status(text, case.get("today", TODAY))
    got = {
        "status": reading.status.value if reading.status else None,
        "percent": reading.percent,
        "evidence_number": reading.evidence_number,
        "evidence_date": reading.evidence_date,
        "requested_date": reading.requested_date,
    }
    return {key: (case[key], got[key]) for key in FIELDS if key in case
            and case[key] != got[key]}


def test_data_set_is_large_and_varied() -> None:
    cases = _cases()
    assert len(cases) >= 60
    statuses = {case["status"] for case in cases}
    assert statuses == {*(s.value for s in ReportStatus), None}


def test_at_least_95_percent_are_read_right() -> None:
    cases = _cases()
    wrong = {case["text"]: found for case in cases if (found := _mismatches(case))}
    accuracy = 1 - len(wrong) / len(cases)
    print(f"status replies read right: {accuracy:.3f} ({len(cases) - len(wrong)}/{len(cases)})")
    assert accuracy >= 0.95, wrong


def test_nothing_is_read_as_done_unless_it_is() -> None:
    false_done = [case["text"] for case in _cases() if case["status"] != "done"
                  and read_status(case["text"], TODAY).status is ReportStatus.DONE]
    assert false_done == []


def test_questions_are_not_status_reports() -> None:
    assert not is_probably_status("Khi nào hạn nộp báo cáo sơ kết 3 năm?")
    assert not is_probably_status("bc 6 thang gom nhung phan nao")
    assert is_probably_status("đã nộp rồi")
    assert is_probably_status("đang làm 50%")


def test_a_day_there_is_not_is_asked_about() -> None:
    reading = read_status("đã gửi ngày 31/2", TODAY)
    assert not reading.saves and ReportStatus.DONE in reading.candidates
    extension = read_status("Xin gia hạn bản cam kết đến ngày 30/2 ạ", TODAY)
    assert not extension.saves and extension.candidates == (ReportStatus.EXTENSION,)
    # 28/3/2024 is a Thursday: which of the two is meant is asked
    weekday = read_status("Em xin gia hạn đến thứ Sáu ngày 28/3 ạ", dt.date(2024, 3, 25))
    assert not weekday.saves
    agreed = read_status("Em xin gia hạn đến thứ Sáu ngày 29/3 ạ", dt.date(2024, 3, 25))
    assert agreed.saves and agreed.requested_date == dt.date(2024, 3, 29)
    # numbers that are no day and month are a count, not a day there is not
    assert read_status("đã có 45/48 đảng viên nộp bản cam kết", TODAY).date is None


def test_a_day_promised_by_the_tasks_time_is_work_going_on() -> None:
    today, due = dt.date(2024, 3, 19), dt.date(2024, 3, 25)
    text = "Báo cáo đang trình đ/c Bí thư ký, dự kiến thứ Năm này gửi ạ"
    reading = read_status(text, today, due)
    assert reading.saves and reading.status is ReportStatus.IN_PROGRESS
    assert read_status(text, today).status is ReportStatus.EXTENSION  # no time known
    late = read_status(text, dt.date(2024, 3, 26), due)  # Thursday after the time: extension
    assert late.status is ReportStatus.EXTENSION and late.requested_date == dt.date(2024, 3, 28)
    asked = read_status("Em xin lùi đến thứ Năm này ạ", today, due)
    assert asked.status is ReportStatus.EXTENSION  # asked for in words: always an extension
    undecided = read_status("chac tuan sau hoac tuan sau nua em gui, gio chua biet duoc anh a",
                            today)
    assert not undecided.saves and undecided.candidates


def test_any_text_is_read_without_raising() -> None:
    rng = random.Random(7)
    alphabet = "aăâđeêioôơuưy0123456789 /-.,%?ĐÁÀẢÃẠ\u0301\u0323xyzkhông"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        read_status(text, TODAY)
        is_probably_status(text)


def test_a_correction_that_gives_only_another_day_or_number_keeps_the_rest() -> None:
    extension = read_status("Xin gia hạn đến 28/3, à không, 30/3 cho chắc.", dt.date(2024, 3, 25))
    assert extension.saves and extension.requested_date == dt.date(2024, 3, 30)
    asked = read_status("Bên em xin nộp bc 6 tháng vào ngày 23/6, được không ạ? À nhầm, 26/6 "
                        "mới đúng", dt.date(2023, 6, 19))
    assert asked.status is ReportStatus.EXTENSION and asked.date == dt.date(2023, 6, 26)
    number = read_status("đã gửi, ngày 23/3, số 19-BC/CB — à sửa lại số là 91-BC/CB mới đúng",
                         dt.date(2024, 3, 25))
    assert number.status is ReportStatus.DONE and number.evidence_number == "91-BC/CB"
    assert number.date == dt.date(2024, 3, 23)
    # a correction that says a status takes back all that came before
    taken_back = read_status("gửi rồi, à mà chưa, em gửi chiều nay", dt.date(2024, 3, 20))
    assert taken_back.status is ReportStatus.IN_PROGRESS


def test_the_reports_number_is_kept_as_written() -> None:
    reading = read_status("Mô hình đã được chi ủy thông qua và báo cáo lên Đảng ủy bằng Tờ trình "
                          "số 04-TTr/CB", dt.date(2024, 3, 29))
    assert reading.evidence_number == "04-TTr/CB"


def test_a_units_own_plan_is_its_report_but_the_plan_it_follows_is_not() -> None:
    own = read_status("Đã nộp kế hoạch tập thể: Kế hoạch số 15-KH/CB ngày 28/12/2022, gửi 01 "
                      "bản về Thành ủy.", dt.date(2022, 12, 29))
    assert own.evidence_number == "15-KH/CB" and own.date == dt.date(2022, 12, 28)
    assert read_status("đã gửi kh 107-KH/ThU rồi", dt.date(2023, 1, 5)).evidence_number is None
    followed = read_status("Đã gửi Báo cáo số 156-BC/ĐU theo Kế hoạch 103-KH/ĐUK.",
                           dt.date(2024, 3, 20))
    assert followed.evidence_number == "156-BC/ĐU"


def test_a_question_beside_a_report_is_aside_unless_it_is_about_it() -> None:
    today = dt.date(2024, 3, 26)
    aside = read_status("Báo cáo sơ kết (số 66-BC/ĐU) gửi ngày 24 tháng 3 năm 2024. Nhận được "
                        "chưa ạ?", today)
    assert aside.saves and aside.asks_receipt and aside.evidence_number == "66-BC/ĐU"
    about = read_status("Báo cáo thì gửi rồi, nhưng chưa có chữ ký, như vậy được chưa anh?", today)
    assert not about.saves and not about.asks_aside
    unsure = read_status("Gửi số 12-BC rồi, hay là 21-BC nhỉ, em không nhớ.", today)
    assert not unsure.saves
    joking = read_status("Gửi rồi á? Đùa thôi 😅 chưa động vào ạ", today)
    assert joking.saves and joking.status is ReportStatus.NOT_STARTED


def test_not_until_a_day_to_come_is_not_started() -> None:
    reading = read_status("Dạ chưa ạ. Thứ Hai tuần sau chi bộ mới họp giao người viết báo cáo",
                          dt.date(2024, 3, 13))
    assert reading.saves and reading.status is ReportStatus.NOT_STARTED
    begun = read_status("hôm qua chi bộ mới họp xong, đang viết", dt.date(2024, 3, 13))
    assert begun.status is ReportStatus.IN_PROGRESS


@pytest.mark.parametrize(("text", "status", "today"), [
    ("dang xin y kien cap uy, xong em gui lien", ReportStatus.IN_PROGRESS, "2024-03-22"),
    ("làm gì đã xong, còn chưa họp chi ủy để phân công nữa", ReportStatus.NOT_STARTED,
     "2024-03-22"),
    ("Rồi ạ, em gửi ngày mùng 1 tháng 11", ReportStatus.DONE, "2023-11-03"),  # no "gửi ngay"
])
def test_once_done_and_not_yet_given_out(text: str, status: ReportStatus, today: str) -> None:
    reading = read_status(text, dt.date.fromisoformat(today))
    assert reading.saves and reading.status is status


def test_not_knowing_which_one_is_asked_about() -> None:
    reading = read_status("Bên em gửi 2 cái rồi, không biết anh hỏi cái nào", dt.date(2023, 6, 21))
    assert not reading.saves and ReportStatus.DONE in reading.candidates


def test_a_message_cut_short_is_asked_about() -> None:
    today = dt.date(2024, 3, 26)
    assert not read_status("Sơ kết thì xong rồi còn báo cáo thì", today).saves
    emphatic = read_status("đã gửi rồi mà", today)
    assert emphatic.saves and emphatic.status is ReportStatus.DONE


@pytest.mark.parametrize(("text", "today", "status", "date"), [
    ("Báo cáo năm chi bộ em gửi hôm thứ Hai, à nhầm, thứ Ba mới đúng ạ, số 31-BC/CB.",
     "2023-11-08", ReportStatus.DONE, "2023-11-07"),
    ("Không phải chưa gửi đâu anh ơi, gửi từ sáng thứ Tư rồi mà 😅 Báo cáo số 19-BC/ĐU đó ạ.",
     "2024-03-22", ReportStatus.DONE, "2024-03-20"),  # "sáng" is no "sang"
    ("Hội nghị sơ kết chưa tổ chức được do hội trường đang sửa chữa, chưa có địa điểm ạ.",
     "2023-06-20", ReportStatus.BLOCKED, None),  # "sửa chữa" is no "chưa"
    ("Chi bộ đã có kế hoạch tổ chức hội nghị sơ kết, dự kiến ngày 25/4 sẽ tổ chức ạ.",
     "2024-04-10", ReportStatus.IN_PROGRESS, None),
    ("Gửi rồi á? Chưa đâu, còn chưa mở file ra nữa kìa.", "2023-06-14",
     ReportStatus.NOT_STARTED, None),  # an echo of the reminder, then the answer
])
def test_fresh_wording_of_days_and_states(text: str, today: str, status: ReportStatus,
                                          date: str | None) -> None:
    reading = read_status(text, dt.date.fromisoformat(today))
    assert reading.saves and reading.status is status
    assert (reading.date.isoformat() if reading.date else None) == date


@pytest.mark.parametrize(("text", "today", "status", "evidence", "date"), [
    ("Dạ bên em đã gửi báo cáo sáu tháng vào ngày mười chín tháng sáu rồi ạ.", "2023-06-21",
     ReportStatus.DONE, None, "2023-06-19"),  # "báo cáo sáu tháng" is no "báo cáo sau"
    ("Kế hoạch thực hiện KL 01 năm 2023 của chi bộ đã thông qua chi bộ và gửi 01 bản về Thành "
     "ủy hôm 28/12 rồi ạ, số 05-KH/CB.", "2022-12-30", ReportStatus.DONE, "05-KH/CB",
     "2022-12-28"),
    ("Báo cáo năm theo KH 107-KH/ThU gửi ngày 7/11, sửa lại: ngày 8/11 mới đúng ạ, số 44-BC/ĐU.",
     "2023-11-10", ReportStatus.DONE, "44-BC/ĐU", "2023-11-08"),
    ("Ban Thường vụ Huyện ủy đã thống nhất nội dung đột phá 2024 tại Thông báo số 112-TB/HU ngày "
     "27/3 ạ. Anh cần bản scan không ạ?", "2024-03-29", ReportStatus.DONE, "112-TB/HU",
     "2024-03-27"),
    ("Bản cam kết năm nay chi bộ em chưa phát mẫu cho đảng viên nữa ạ.", "2024-02-15",
     ReportStatus.NOT_STARTED, None, None),
])
def test_reports_in_words_not_yet_tuned_for(text: str, today: str, status: ReportStatus,
                                            evidence: str | None, date: str | None) -> None:
    reading = read_status(text, dt.date.fromisoformat(today))
    assert reading.saves and reading.status is status
    assert reading.evidence_number == evidence
    assert (reading.date.isoformat() if reading.date else None) == date


@pytest.mark.parametrize("text", [
    "Bên em gửi rồi, mà anh hỏi báo cáo nào vậy ạ, quý I hay 6 tháng?",
    "Xong 100% rồi ạ, còn thiếu phần kiến nghị với số liệu khen thưởng nữa thôi.",
])
def test_which_report_and_done_but_not_are_asked_about(text: str) -> None:
    assert not read_status(text, dt.date(2024, 3, 21)).saves
