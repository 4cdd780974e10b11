"""The answer engine on the bundled plans: right, cited, and silent when unsure."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
import yaml

from handlers.answers import AnswerEngine
from tests.conftest import ROOT

TODAY = dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    "question",
    [
        "Hạn nộp báo cáo sơ kết 03 năm là ngày nào?",
        "han nop bao cao so ket 3 nam la ngay nao",
        unicodedata.normalize("NFD", "Hạn nộp báo cáo sơ kết ba năm là ngày nào?"),
        "HẠN NỘP BC SƠ KẾT 03 NĂM?",
        "bao cao so ket 3 nam gui ve BTG DUK truoc ngay nao",
    ],
)
def test_one_deadline_however_it_is_typed(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered
    assert "trước ngày 25/3/2024" in answer.text
    assert answer.citations[0].document.startswith("Kế hoạch 103-KH/ĐUK")
    assert answer.citations[0].section == "II.1.1"


def test_old_and_new_tone_placement_answer_alike(engine: AnswerEngine) -> None:
    old = engine.answer("Hội nghị sơ kết của Đảng ủy Khối dự kiến khi nào?", TODAY)
    new = engine.answer("Hội nghị sơ kết của Đảng uỷ Khối dự kiến khi nào?", TODAY)
    assert old.text == new.text and "tháng 5/2024" in old.text


def test_unnumbered_plan_is_cited_by_issuer_and_year(engine: AnswerEngine) -> None:
    answer = engine.answer("Bản cam kết học tập và làm theo Bác năm 2024 hạn khi nào?", TODAY)
    assert "tháng 02/2024" in answer.text
    assert answer.citations[0].document == (
        "Kế hoạch năm 2024 của Ban Thường vụ Tỉnh ủy Sơn La (bản không ghi số)")


def test_different_times_for_related_work_are_both_shown(engine: AnswerEngine) -> None:
    answer = engine.answer("Cuốn Những mô hình tiêu biểu hoàn thành khi nào?", TODAY)
    assert "quý IV/2024" in answer.text and "quý III/2024" in answer.text
    assert {c.section for c in answer.citations} == {"II.7.3", "II.9.3"}


@pytest.mark.parametrize(
    "question",
    [
        "Thời tiết Hà Nội hôm nay thế nào?",
        "Hạn nộp tờ khai thuế thu nhập cá nhân năm 2024 là khi nào?",
        "Kế hoạch 250-KH/TU của Thành ủy Hà Nội yêu cầu báo cáo trước ngày nào?",
        "Giá vàng hôm nay bao nhiêu?",
        "Kế hoạch 99-KH/TU hạn khi nào?",
        "Lịch nghỉ Tết năm nay thế nào?",
    ],
)
def test_out_of_scope_is_not_answered(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question, TODAY)
    assert not answer.answered
    assert answer.citations == ()
    assert "/20" not in answer.text.split("\n")[0]  # no date is stated


def test_a_plan_we_do_not_hold_is_named(engine: AnswerEngine) -> None:
    answer = engine.answer("Kế hoạch 250-KH/TU yêu cầu báo cáo trước ngày nào?", TODAY)
    assert "Kế hoạch số 250" in answer.text


def test_upcoming_counts_from_today(engine: AnswerEngine) -> None:
    march = engine.answer("Tháng này có những hạn nào?", dt.date(2024, 3, 1))
    assert "25/3/2024" in march.text and "14/3/2023" not in march.text
    june = engine.answer("Sắp tới có báo cáo nào phải nộp?", dt.date(2023, 6, 1))
    assert "20/6/2023" in june.text and "31/3/2023" not in june.text
    later = engine.answer("Tháng này có những hạn nào?", dt.date(2026, 11, 24))
    assert later.answered and "Không có hạn nào" in later.text


def test_unit_duties_are_listed_with_sections(engine: AnswerEngine) -> None:
    answer = engine.answer("Ban Tuyên giáo Tỉnh ủy Sơn La phải làm những việc gì?", TODAY)
    assert "Hội thảo khoa học" in answer.text and "(mục II.6.3)" in answer.text
    assert "còn" in answer.text  # more than fit: the rest is counted, not dumped


def test_outline_parts_and_one_section(engine: AnswerEngine) -> None:
    parts = engine.answer("Đề cương báo cáo gồm những phần nào?", TODAY)
    assert parts.text.count("\n") < 8 and "Đánh giá chung" in parts.text
    section = engine.answer("Mục 6 của đề cương yêu cầu số liệu gì?", TODAY)
    assert "kiểm tra, giám sát" in section.text and "bao nhiêu" in section.text


def test_signer_and_basis(engine: AnswerEngine) -> None:
    assert "Lò Minh Hùng" in engine.answer("Ai ký kế hoạch của Sơn La?", TODAY).text
    basis = engine.answer("Kế hoạch 103 căn cứ văn bản nào?", TODAY)
    assert "97-HD/BTGTU" in basis.text


def test_what_is_due_lists_a_restated_duty_once_with_both_sections(
        engine: AnswerEngine) -> None:
    text = engine.answer("Tháng này có những hạn nào?", dt.date(2024, 3, 15)).text
    assert text.count("25/3/2024") == 1, text
    assert "mục II.1.1 và mục III.2" in text


def test_when_every_plan_is_past_a_relative_question_offers_a_day_inside_them(
        engine: AnswerEngine) -> None:
    text = engine.answer("Tháng này có những hạn nào?", dt.date(2026, 12, 1)).text
    assert "2022–2024" in text and "/homnay 20" in text and "--today 20" in text


# -- listings on wording nobody tuned for ----------------------------------------------------


def test_a_plan_number_typed_alone_names_the_plan(engine: AnswerEngine) -> None:
    answer = engine.answer("107 con han bc nao sap toi khong", dt.date(2023, 10, 25))
    assert answer.answered and "trước ngày 10/11/2023" in answer.text
    assert {c.plan.id for c in answer.citations} == {"lc-tp-107-2023"}


def test_a_number_that_counts_is_not_a_plan(engine: AnswerEngine) -> None:
    question = engine.reader.read("có 107 đơn vị phải nộp không", TODAY)
    assert question.plans is None


def test_the_next_time_due_is_one_time_with_its_ties(engine: AnswerEngine) -> None:
    answer = engine.answer("KH 103 mốc tiếp theo là gì", dt.date(2024, 4, 8))
    assert answer.answered and "30/4/2024" in answer.text
    assert "19/5/2024" not in answer.text and "25/3/2024" not in answer.text


def test_end_of_this_quarter_lists_what_is_still_to_come(engine: AnswerEngine) -> None:
    answer = engine.answer("Sơn La: cuối quý này có hạn gì?", dt.date(2024, 3, 11))
    assert answer.answered and "quý I/2024" in answer.text
    assert "tháng 02/2024" not in answer.text  # already past on 11/3


def test_a_month_named_without_its_year_is_this_year(engine: AnswerEngine) -> None:
    answer = engine.answer("tháng 3 này KH 107 có những hạn nào", dt.date(2023, 3, 2))
    assert answer.answered
    assert "10/3/2023" in answer.text and "31/3/2023" in answer.text


def test_events_of_a_month_are_its_times(engine: AnswerEngine) -> None:
    answer = engine.answer("thang nay DUK co su kien gi theo KH 103", dt.date(2024, 5, 2))
    assert answer.answered and "19/5/2024" in answer.text


def test_nothing_on_the_subject_is_not_nothing_due(engine: AnswerEngine) -> None:
    """A window with times due, none of them about what was asked: not "nothing is due"."""
    answer = engine.answer("tháng 3/2023 KH 107 có hạn nào về sơ kết không",
                           dt.date(2023, 3, 2))
    assert not answer.answered
    assert "Không có hạn nào" not in answer.text
    assert "không phải là câu trả lời" in answer.text


def test_two_deadlines_joined_by_voi_are_both_answered(engine: AnswerEngine) -> None:
    answer = engine.answer("Hạn học chuyên đề quý I với hạn gửi bc quý I khác nhau không, "
                           "mỗi cái ngày nào?", dt.date(2023, 2, 1))
    assert answer.answered and "10/3/2023" in answer.text and "31/3/2023" in answer.text


def test_the_second_question_keeps_the_plan_the_first_named(engine: AnswerEngine) -> None:
    answer = engine.answer("KH 103 ký ngày nào, ai ký?", TODAY)
    assert "Bùi Quang Nhựt" in answer.text and "103-KH/ĐUK" in answer.text


def test_five_years_written_in_words_is_not_the_plans_three(engine: AnswerEngine) -> None:
    answer = engine.answer("Chi bộ phải gửi bc sơ kết năm năm thực hiện KL 01 cho ĐUK trước "
                           "ngày nào?", TODAY)
    assert not answer.answered and "25/3/2024" not in answer.text.split("\n")[0]
    assert engine.reader.read("báo cáo năm năm 2024", TODAY).keys[2:4] == ("nam", "nam")


@pytest.mark.parametrize("question", [
    "Em là Thuý, văn phòng Đảng uỷ Sở Tư pháp, cho em hỏi chi bộ bên em phải gửi bc sơ kết "
    "3 năm KL 01 lên ĐUK hạn chót ngày nào ạ?",
    "103-KH hạn bc sk?",
    "Còn mấy ngày nữa là hết hạn gửi bc sơ kết về ĐUK vậy?",
])
def test_introductions_abbreviations_and_time_left(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and "25/3/2024" in answer.text


def test_co_so_heads_no_name(engine: AnswerEngine) -> None:
    answer = engine.answer("Hội nghị sơ kết 03 năm ở các chi, đảng bộ cơ sở trong Khối: hạn "
                           "hoàn thành?", TODAY)
    assert answer.answered and "30/4/2024" in answer.text


def test_two_questions_joined_by_voi_ca(engine: AnswerEngine) -> None:
    answer = engine.answer("Em ơi, cho chị hỏi cái báo cáo sơ kết ba năm Kết luận 01 bên Khối "
                           "ấy thì hạn là ngày bao nhiêu, với cả hội nghị ở chi bộ phải xong "
                           "trước ngày nào nhé?", TODAY)
    assert "25/3/2024" in answer.text and "30/4/2024" in answer.text


def test_what_is_left_of_a_period_counts_from_today(engine: AnswerEngine) -> None:
    answer = engine.answer("tu gio den het quy 1 thanh uy lai chau co han gi",
                           dt.date(2023, 1, 20))
    assert answer.answered and "31/3/2023" in answer.text and "15/01/2023" not in answer.text


@pytest.mark.parametrize("text", ["chao ban, ban ten la gi the", "Chào bạn", "bạn là ai vậy"])
def test_asked_of_the_assistant_is_small_talk(engine: AnswerEngine, text: str) -> None:
    answer = engine.answer(text, TODAY)
    assert not answer.answered and not answer.citations


def test_what_a_plan_is_for_is_its_purpose_section(engine: AnswerEngine) -> None:
    answer = engine.answer("Mục đích của kế hoạch sơ kết 3 năm của Đảng ủy Khối là gì?", TODAY)
    assert answer.answered and "bài học kinh nghiệm" in answer.text
    assert answer.citations[0].section == "I"
    which = engine.answer("mục đích của kế hoạch là gì", TODAY)
    assert not which.answered and len(which.options) == 3


def test_a_name_asked_is_the_topics_title(engine: AnswerEngine) -> None:
    answer = engine.answer("Chuyên đề năm 2023 mà Lai Châu học tập, quán triệt có tên là gì?",
                           TODAY)
    assert answer.answered and "nêu cao trách nhiệm nêu gương" in answer.text


def test_an_outline_part_named_by_its_title(engine: AnswerEngine) -> None:
    answer = engine.answer("phần công tác lãnh đạo, chỉ đạo trong đề cương sơ kết cần đánh giá "
                           "những gì, có phải đánh giá việc cụ thể hoá văn bản không?", TODAY)
    assert "cụ thể hóa" in answer.text and answer.citations[0].section == "I của đề cương"


def test_an_outline_part_whose_items_explain_the_question(engine: AnswerEngine) -> None:
    answer = engine.answer("Đề cương yêu cầu báo cáo những gì về việc đưa học tập làm theo Bác "
                           "vào sinh hoạt chi bộ?", TODAY)
    assert "sinh hoạt tư tưởng" in answer.text


def test_a_units_one_duty_is_told_in_full(engine: AnswerEngine) -> None:
    answer = engine.answer("UBKT các cấp ở TP Lai Châu được giao việc gì theo kh 107 nhỉ?", TODAY)
    assert answer.answered and "kế hoạch của cá nhân" in answer.text


def test_when_a_period_begins_only_a_period_answers(engine: AnswerEngine) -> None:
    refused = engine.answer("Ở Thành ủy Lai Châu, thành tích của tập thể, cá nhân được tính từ "
                            "mốc nào để đề nghị khen?", TODAY)
    assert not refused.answered and "quý II/2023" not in refused.text.split("\n")[0]
    answered = engine.answer("Thành tích để xét khen thưởng được tính từ khi nào?", TODAY)
    assert answered.answered and "01/2023 - 3/2024" in answered.text


@pytest.mark.parametrize(("question", "verdict"), [
    ("Nếu chi bộ gửi báo cáo sơ kết KL01 vào ngày 28/3/2024 thì có bị trễ hạn không ạ?",
     "Ngày 28/3/2024 là trễ hạn"),
    ("gửi bc sơ kết ngày 20/3/2024 có kịp không", "Ngày 20/3/2024 là kịp hạn"),
])
def test_a_date_against_the_plans_deadline(engine: AnswerEngine, question: str,
                                           verdict: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and answer.text.startswith(verdict)
    assert "trước ngày 25/3/2024" in answer.text


@pytest.mark.parametrize(("question", "today", "verdict"), [
    ("bc nam nop 15/11 co tre ko", dt.date(2023, 11, 12), "Ngày 15/11 là trễ hạn"),
    ("cuon tai lieu dien hinh tien tien tap I ma thang 3/2024 moi phat hanh thi co dung han "
     "khong", dt.date(2024, 3, 20), "Tháng 3/2024 là trễ hạn"),
    ("Hôm nay em mới nộp kế hoạch cá nhân thì có bị trễ không?", dt.date(2023, 1, 20),
     "Hôm nay (20/1/2023) là trễ hạn"),
])
def test_days_months_and_today_against_the_plans_time(engine: AnswerEngine, question: str,
                                                      today: dt.date, verdict: str) -> None:
    answer = engine.answer(question, today)
    assert answer.answered and answer.text.startswith(verdict)


def test_the_plans_own_day_is_not_judged_late_or_in_time(engine: AnswerEngine) -> None:
    answer = engine.answer("gửi bc sơ kết ngày 25/3/2024 có kịp không", TODAY)
    assert "trễ hạn" not in answer.text and "kịp hạn" not in answer.text


def test_a_passage_named_by_its_title(engine: AnswerEngine) -> None:
    answer = engine.answer("Đoạn về tuyên truyền tư tưởng, đạo đức, phong cách HCM trong bc sơ "
                           "kết, Khối muốn đơn vị nêu rõ điều gì ạ?", TODAY)
    assert answer.citations[0].section == "II.4 của đề cương" and "số buổi" in answer.text


@pytest.mark.parametrize(("question", "when"), [
    ("Việc khảo sát, đánh giá hiệu quả các mô hình có cách làm hay để biên tập tài liệu — Ban "
     "Tuyên giáo Tỉnh ủy Sơn La phải xong khi nào?", "quý III/2024"),
    ("Hội thảo hướng tới 55 năm thực hiện Di chúc Bác mà Ban Tuyên giáo Tỉnh ủy Sơn La tham mưu "
     "thì hạn hoàn thành là quý mấy?", "Quý III/2024"),
    ("Nội dung 'quan điểm của Đảng về trách nhiệm nêu gương' thì học trong sinh hoạt chi bộ xong "
     "vào thời gian nào?", "tháng 4/2023"),
])
def test_words_that_do_not_narrow_what_is_asked(engine: AnswerEngine, question: str,
                                                when: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and when in answer.text.split("\n")[0]


def test_how_often_is_answered_by_a_recurring_time(engine: AnswerEngine) -> None:
    answer = engine.answer("binh xet ghi danh dang vien vao So ghi danh bao lau mot lan", TODAY)
    assert answer.answered and "hằng quý" in answer.text
    lasting = engine.answer("hội nghị sơ kết kéo dài bao lâu", TODAY)
    assert not lasting.answered and "kéo dài bao lâu" in lasting.text


def test_which_guidance_and_its_date_is_one_question(engine: AnswerEngine) -> None:
    answer = engine.answer("Kế hoạch 103-KH/ĐUK thực hiện hướng dẫn số mấy của Ban Tuyên giáo "
                           "Tỉnh ủy, ngày nào?", TODAY)
    assert answer.answered and "97-HD/BTGTU ngày 16/2/2024" in answer.text


def test_how_often_asked_around_its_verb(engine: AnswerEngine) -> None:
    answer = engine.answer("Việc ghi danh Người tốt, việc tốt ở Sơn La theo hướng dẫn số mấy, "
                           "bao lâu bình xét một lần?", TODAY)
    assert answer.answered and "93-HD/BTGTU" in answer.text and "hằng quý" in answer.text


@pytest.mark.parametrize(("question", "part"), [
    ("Báo cáo 03 năm thực hiện KL 01 gửi Khối viết theo khung nào, gồm các mục lớn gì?",
     "III. Đánh giá chung"),
    ("Đề cương báo cáo có yêu cầu nêu số lượng Bản cam kết của cán bộ, đảng viên không?",
     "số lượng Bản cam kết"),
    ("Phần đánh giá chung có cần nêu nguyên nhân không hay chỉ liệt kê thôi?",
     "Ưu điểm và nguyên nhân"),
])
def test_outline_asked_in_other_words(engine: AnswerEngine, question: str, part: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and part in answer.text


def test_decomposed_and_composed_text_are_answered_alike(engine: AnswerEngine) -> None:
    """NFD input (as some phone keyboards send it) reads as the same words as NFC."""
    cases = yaml.safe_load((ROOT / "tests/data/fresh3/questions_tune.yaml").read_text("utf-8"))
    for case in cases:
        today = dt.date.fromisoformat(case.get("today") or "2024-03-01")
        composed = unicodedata.normalize("NFC", case["q"])
        decomposed = unicodedata.normalize("NFD", case["q"])
        assert engine.answer(composed, today) == engine.answer(decomposed, today), case["id"]


def test_a_side_names_the_organisations_plans(engine: AnswerEngine) -> None:
    answer = engine.answer("Có việc gì bên ĐUK đang quá hạn không?", dt.date(2024, 3, 28))
    assert answer.answered and "25/3/2024" in answer.text


def test_the_last_part_of_an_outline(engine: AnswerEngine) -> None:
    answer = engine.answer("Trong đề cương gửi kèm KH 103, mục cuối cùng (nhiệm vụ, giải pháp, "
                           "kiến nghị) chia thành những ý nào?", TODAY)
    assert "Đề xuất, kiến nghị" in answer.text


def test_a_plan_named_by_year_and_issuer_is_not_searched_for(engine: AnswerEngine) -> None:
    answer = engine.answer("KH nam 2024 cua BTV Tinh uy Son La: han xac dinh noi dung dot pha "
                           "la khi nao?", TODAY)
    assert answer.answered and "quý I/2024" in answer.text


@pytest.mark.parametrize(("question", "when"), [
    ("hạn bc 6th? KH 107", "20/6/2023"),
    ("anh oi bc ca nam 2023 cua dang bo phuong em nop qua BTG Thanh uy Lai Chau, chem nhat la "
     "ngay nao a", "10/11/2023"),
    ("Chào chị, em là Thuý ở chi bộ Sở Tài chính ạ. Tuần trước họp chi bộ mọi người bàn mãi mà "
     "chưa thống nhất, người bảo báo cáo sơ kết 3 năm KL 01 nộp cuối tháng 4, người bảo tháng 3. "
     "Chị xem giúp em theo KH 103 thì hạn gửi báo cáo lên ĐUK là ngày nào với ạ, em cảm ơn chị "
     "nhiều.", "25/3/2024"),
])
def test_phone_typing_and_stories_around_the_question(engine: AnswerEngine, question: str,
                                                      when: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and when in answer.text.split("\n")[0]


def test_a_plan_part_named_by_the_start_of_its_title(engine: AnswerEngine) -> None:
    answer = engine.answer("phan noi dung cua ke hoach 107 thanh uy lai chau gom nhung muc nao",
                           TODAY)
    assert answer.answered and "II.3.2. Xây dựng kế hoạch cá nhân" in answer.text


@pytest.mark.parametrize(("question", "today", "when"), [
    ("Sơn La: hạn gần nhất sắp tới là gì?", dt.date(2024, 1, 15), "tháng 02/2024"),
    ("Sắp tới phải nộp báo cáo gì nữa không ạ?", dt.date(2023, 10, 20), "10/11/2023"),
])
def test_the_nearest_time_due(engine: AnswerEngine, question: str, today: dt.date,
                              when: str) -> None:
    answer = engine.answer(question, today)
    assert answer.answered and when in answer.text


def test_the_plan_number_after_report_is_no_kind_of_report(engine: AnswerEngine) -> None:
    answer = engine.answer("muc cong tac so ket khen thuong trong de cuong bao cao 103 can neu gi",
                           TODAY)
    assert answer.answered and "bao nhiêu tập thể" in answer.text


@pytest.mark.parametrize(("question", "part"), [
    ("Tài liệu nào được đưa vào giảng dạy cho học sinh từ lớp 2 đến lớp 12 ở TP Lai Châu?",
     "bài học về đạo đức, lối sống dành cho học sinh"),
    ("Kế hoạch năm 2023 của Thành ủy Lai Châu do đồng chí nào ký, ban hành ngày tháng năm nào ạ?",
     "26/12/2022"),
    ("Cho em hỏi kĩ phần chuyên đề hằng năm trong đề cương 103: phần cam kết của cán bộ, đảng "
     "viên phải nêu theo mấy nội dung, có phải đếm số bản cam kết không?", "nêu gương"),
    ("chi bộ PGD thành phố Lai Châu với các trường THPT được giao làm gì ạ", "lớp 2 đến lớp 12"),
])
def test_numbers_and_names_that_constrain_nothing(engine: AnswerEngine, question: str,
                                                  part: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and part in answer.text


@pytest.mark.parametrize("question", [
    "Hướng dẫn 97-HD/BTGTU mà KH 103 căn cứ ban hành ngày nào?",
    "HD 97-HD/BTGTU mà KH 103 căn cứ ra ngày nào vậy",
])
def test_the_date_a_cited_document_bears(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and "97-HD/BTGTU ngày 16/2/2024" in answer.text


def test_a_choice_of_dates_is_answered_with_the_plans(engine: AnswerEngine) -> None:
    answer = engine.answer("KH 107 hạn xây dựng kế hoạch cá nhân là 15/1 hay 15/2 vậy anh?",
                           dt.date(2023, 1, 5))
    assert answer.answered and "15/01/2023" in answer.text


def test_an_outline_item_named_by_its_opening_words(engine: AnswerEngine) -> None:
    answer = engine.answer("de cuong: phan xay dung va to chuc thuc hien ke hoach lam theo Bac "
                           "can bao cao nhung y gi", TODAY)
    assert answer.answered and "người đứng đầu cấp ủy" in answer.text


@pytest.mark.parametrize("question", [
    "Ai ký Kế hoạch 129-KH/TU của Ban Thường vụ Tỉnh ủy Lai Châu?",
    "huyen uy tam duong han bao cao 6 thang ket luan 01 la ngay nao",
    "Hội nghị trực tuyến lần thứ hai của Tỉnh ủy Lai Châu quán triệt Chuyên đề 2023 tổ chức "
    "ngày nào?",
    "cam on em nhe, vay la xong roi",
])
def test_near_misses_of_the_set_aside_sets(engine: AnswerEngine, question: str) -> None:
    """A cited plan's signer, an unaccented district, an ordinal in words, a goodbye."""
    assert not engine.answer(question, TODAY).answered


def test_a_unit_with_nothing_due_then_is_not_nothing_due(engine: AnswerEngine) -> None:
    answer = engine.answer("Tuần này Ban Tuyên giáo Thành ủy phải hoàn thành việc gì?",
                           dt.date(2023, 3, 13))
    assert not answer.answered and "14/3/2023" in answer.text
    assert "không có nhiệm vụ nào" not in answer.text


@pytest.mark.parametrize(("question", "today", "shown"), [
    ("tu nay den cuoi nam con phai nop bao cao gi cho ban tuyen giao thanh uy",
     dt.date(2023, 10, 16), "từ ngày 16/10/2023 đến hết năm 2023"),
    ("quý 2 này TP Lai Châu có những hạn gì", dt.date(2023, 4, 3), "quý II/2023"),
])
def test_periods_named_as_officials_name_them(engine: AnswerEngine, question: str,
                                             today: dt.date, shown: str) -> None:
    answer = engine.answer(question, today)
    assert answer.answered and shown in answer.text


def test_a_plan_named_by_its_title_and_issuer(engine: AnswerEngine) -> None:
    answer = engine.answer("Kế hoạch sơ kết của Đảng ủy Khối gửi cho những nơi nào?", TODAY)
    assert answer.answered and "Website ĐUK" in answer.text
    purpose = engine.answer("muc dich cua dot so ket 3 nam o dang bo khoi la gi", TODAY)
    assert purpose.answered and "bài học kinh nghiệm" in purpose.text


def test_the_issue_date_as_the_plan_prints_it(engine: AnswerEngine) -> None:
    answer = engine.answer("Kế hoạch 107 của Thành ủy Lai Châu ký ban hành ngày nào?", TODAY)
    assert "26/12/2022" in answer.text and "ngày 26 tháng 12 năm 2022" in answer.text


@pytest.mark.parametrize(("question", "today", "shown"), [
    ("Từ giờ đến cuối tháng còn hạn nào?", dt.date(2024, 3, 20), "25/3/2024"),
    ("Đến hôm nay những hạn nào đã quá rồi?", dt.date(2024, 3, 20), "tháng 02/2024"),
    ("Cho hỏi 2 việc: báo cáo 6 tháng với báo cáo năm gửi Thành ủy Lai Châu hạn lần lượt là "
     "ngày nào?", TODAY, "10/11/2023"),
])
def test_more_ways_of_asking_what_is_due(engine: AnswerEngine, question: str, today: dt.date,
                                         shown: str) -> None:
    answer = engine.answer(question, today)
    assert answer.answered and shown in answer.text


@pytest.mark.parametrize(("question", "today", "shown"), [
    # a misspelt cue word still names the month ("thág")
    ("cuối thág này phải nộp bc gì cho BTG Thành ủy?", dt.date(2023, 3, 20), "31/3/2023"),
    # the day it is said to be is no constraint on the answer
    ("Hôm nay 12/3 rồi, mấy ngày tới có hạn gì gấp không?", dt.date(2024, 3, 12), "25/3/2024"),
    # words that say a duty ("phải lo") narrow nothing
    ("Từ giờ đến cuối tháng còn hạn nào phải lo?", dt.date(2023, 3, 20), "31/3/2023"),
    # "chi bộ" is a body of every plan: the one with a time that week answers
    ("Tuần này chi bộ phải hoàn thành việc gì?", dt.date(2023, 3, 13), "14/3/2023"),
    # a committee that issued a plan, asked what is left: its plan's times
    ("Quý II này Thành ủy Lai Châu còn những việc gì phải hoàn thành?", dt.date(2023, 5, 10),
     "20/6/2023"),
    # "đến hết tháng 3": the month named, from today on
    ("Bên Sơn La từ nay đến hết tháng 3 cần xong những việc gì?", dt.date(2024, 3, 11),
     "quý I/2024"),
])
def test_what_is_due_on_wording_nobody_tuned_for(engine: AnswerEngine, question: str,
                                                 today: dt.date, shown: str) -> None:
    answer = engine.answer(question, today)
    assert answer.answered and shown in answer.text


def test_a_place_is_not_read_as_a_misspelt_cue(engine: AnswerEngine) -> None:
    answer = engine.answer("Báo cáo sơ kết 03 năm của Ban Thường vụ Đoàn Khối các cơ quan tỉnh "
                           "Quảng Ngãi nộp hạn nào?", TODAY)
    assert not answer.answered and "25/3/2024" not in answer.text.split("\n")[0]


@pytest.mark.parametrize(("question", "shown"), [
    ("bc nam nop 15/11 co tre ko", "10/11/2023"),
    ("báo cáo 6 tháng em định gửi 25/6 được không anh", "20/6/2023"),
])
def test_the_day_checked_is_not_searched_for(engine: AnswerEngine, question: str,
                                             shown: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and "trễ hạn" in answer.text and shown in answer.text


@pytest.mark.parametrize("question", [
    "Quyết định khen thưởng các tập thể tiêu biểu của BTV ĐUK là quyết định số mấy?",
    "Tờ trình đề nghị khen thưởng cá nhân tiêu biểu gửi ĐUK hạn khi nào?",
])
def test_a_kind_of_document_the_plans_never_name(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question, TODAY)
    assert not answer.answered and "tháng 5/2024" not in answer.text.split("\n")[0]


def test_a_body_named_in_a_who_question_is_not_the_answer(engine: AnswerEngine) -> None:
    answer = engine.answer("Ai tham mưu, đề xuất BTV ĐUK khen thưởng các tập thể, cá nhân "
                           "tiêu biểu trong học tập làm theo Bác?", TODAY)
    assert answer.answered and answer.text.startswith(
        "Đơn vị thực hiện: Ban Tuyên giáo Đảng ủy Khối")


@pytest.mark.parametrize(("question", "today", "shown"), [
    ("Bên mình định nộp báo cáo sơ kết về Ban Tuyên giáo Đảng ủy Khối vào ngày 27/3/2024, "
     "như vậy có kịp hạn không?", TODAY, "trễ hạn"),
    ("Đảng bộ cơ sở bên tôi tính họp sơ kết Kết luận 01 vào đầu tháng 5 được không, hay phải "
     "làm sớm hơn?", TODAY, "30/4/2024"),
    ("Quý IV này còn phải gửi báo cáo gì lên Thành ủy không anh?", dt.date(2023, 10, 20),
     "10/11/2023"),
    ("thang 11 nay don vi can nop gi", dt.date(2023, 11, 1), "10/11/2023"),
])
def test_checks_and_listings_as_officials_put_them(engine: AnswerEngine, question: str,
                                                   today: dt.date, shown: str) -> None:
    answer = engine.answer(question, today)
    assert answer.answered and shown in answer.text


@pytest.mark.parametrize(("question", "shown"), [
    # "ban hành" ends the body's name: not a "Thành ủy ban" we do not hold
    ("Kế hoạch 107 của Thành ủy ban hành ngày tháng năm nào?", "26 tháng 12 năm 2022"),
    # why it is asked is no constraint ("kinh phí" is not asked for)
    ("Em bên Văn phòng ĐUK ạ, hội nghị sơ kết của Khối dự kiến tổ chức tháng mấy để em còn lo "
     "kinh phí?", "tháng 5/2024"),
    # who asks is no constraint when the question does not speak of them
    ("Em ở chi bộ trường THPT Quyết Thắng, bản kế hoạch cá nhân làm theo Bác năm 2023 nộp chậm "
     "nhất hôm nào ạ?", "15/01/2023"),
])
def test_words_around_the_question_are_not_its_constraints(engine: AnswerEngine, question: str,
                                                           shown: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and shown in answer.text


def test_a_second_question_that_names_nothing_asks_of_the_first_ones_subject(
        engine: AnswerEngine) -> None:
    answer = engine.answer("Chi bộ cơ sở bình xét, ghi danh đảng viên vào Sổ ghi danh bao lâu "
                           "một lần, theo hướng dẫn nào?", TODAY)
    assert answer.answered and "hằng quý" in answer.text and "93-HD/BTGTU" in answer.text


@pytest.mark.parametrize(("question", "shown"), [
    # "cho hội nghị" is no "cho hỏi": the question is not cut there
    ("Khâu chuẩn bị cơ sở vật chất cho hội nghị sơ kết của Khối giao cho bộ phận nào?",
     "Đơn vị thực hiện: Văn phòng Đảng ủy Khối"),
    # "hạn của Đảng ủy Khối": the body that set the time, not the one that does the work;
    # the month checked is not searched for
    ("Đơn vị em định họp sơ kết ba năm Kết luận 01 vào đầu tháng 5 thì có kịp hạn của Đảng ủy "
     "Khối không nhỉ?", "Thời hạn: hoàn thành trước ngày 30/4/2024"),
])
def test_who_and_whose_time(engine: AnswerEngine, question: str, shown: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and answer.text.startswith(shown)


def test_two_questions_each_with_its_mark_are_both_answered(engine: AnswerEngine) -> None:
    answer = engine.answer("Bản cam kết cá nhân làm theo mẫu số mấy? Còn mô hình tiêu biểu theo "
                           "mẫu nào?", TODAY)
    assert answer.answered and "mẫu 02" in answer.text and "mẫu 05" in answer.text


@pytest.mark.parametrize("question", [
    "Kế hoạch 2024 của Sơn La gồm những nội dung thực hiện chính nào?",
    "Kế hoạch năm 2024 của BTV Tỉnh ủy Sơn La gồm những nội dung thực hiện chính nào?",
])
def test_a_plans_main_contents_are_the_parts_of_its_contents_section(
        engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and answer.text.startswith("Phần II. Nội dung thực hiện")
    assert "mô hình tiêu biểu" in answer.text and "bản cam kết" in answer.text


def test_how_many_parts_a_section_has_is_answered_by_its_parts(engine: AnswerEngine) -> None:
    answer = engine.answer("Phần IV đề cương (nhiệm vụ, giải pháp) chia làm mấy ý?", TODAY)
    assert answer.answered and "1. Nhiệm vụ, giải pháp" in answer.text
    assert "2. Đề xuất, kiến nghị" in answer.text


def test_the_bodies_a_plan_reports_to_are_its_b_c_recipients(engine: AnswerEngine) -> None:
    answer = engine.answer("Kế hoạch của Tỉnh ủy Sơn La gửi báo cáo (b/c) lên những cơ quan "
                           "Trung ương nào?", TODAY)
    assert answer.answered and "Ban Bí thư Trung ương (b/c)" in answer.text
    assert "Lưu VPTU" not in answer.text
    listed = engine.answer("KH 103 gửi báo cáo (b/c) lên cơ quan cấp trên nào?", TODAY)
    assert listed.answered and "Ban Tuyên giáo Tỉnh ủy (b/c)" in listed.text


def test_what_a_plan_writes_of_a_document_it_cites(engine: AnswerEngine) -> None:
    answer = engine.answer("Kế hoạch Sơn La ghi Chỉ thị 05-CT/TW của Bộ Chính trị ngày bao nhiêu?",
                           TODAY)
    assert answer.answered and answer.text.startswith("Chỉ thị số 05-CT/TW ngày 15/5/2016")


def test_thuoc_joins_a_body_to_its_side(engine: AnswerEngine) -> None:
    answer = engine.answer("Mấy tuần tới chi bộ thuộc ĐUK phải nộp gì không anh?",
                           dt.date(2024, 3, 10))
    assert answer.answered and "25/3/2024" in answer.text


def test_a_self_introduction_ends_at_a_colon_too(engine: AnswerEngine) -> None:
    answer = engine.answer("Em bên Đoàn Khối ạ: bản sơ kết 3 năm của BTV Đoàn Khối thì chuyển qua "
                           "ban nào của ĐUK, hạn cuối bao giờ?", TODAY)
    assert answer.answered and "25/3/2024" in answer.text
    assert "Ban Tuyên giáo Đảng ủy Khối" in answer.text


@pytest.mark.parametrize(("question", "first"), [
    ("KH 107 có gửi Chi hội văn học nghệ thuật không?", "Có. Nơi nhận của Kế hoạch 107-KH/ThU"),
    ("KH 103 có gửi Ban Bí thư không nhỉ?", "Không. Nơi nhận của Kế hoạch 103-KH/ĐUK"),
])
def test_whether_a_plan_was_sent_to_a_body(engine: AnswerEngine, question: str,
                                           first: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and answer.text.startswith(first)
    assert answer.citations and answer.citations[0].section in ("", None)


@pytest.mark.parametrize(("question", "today", "shown"), [
    ("Mấy ngày cuối năm này còn việc gì phải làm cho kịp theo kh 107?", dt.date(2022, 12, 27),
     "tháng 12/2022"),
    ("Tháng 5 này Khối mình có hoạt động gì lớn liên quan KL01 không?", dt.date(2024, 5, 2),
     "Dự kiến tháng 5/2024"),
])
def test_the_end_of_the_year_and_words_that_narrow_nothing(
        engine: AnswerEngine, question: str, today: dt.date, shown: str) -> None:
    answer = engine.answer(question, today)
    assert answer.answered and shown in answer.text


def test_this_year_in_a_when_question_must_be_the_sources_year(engine: AnswerEngine) -> None:
    question = ("Lễ khen thưởng tập thể, cá nhân tiêu biểu do Ban Thường vụ Đảng uỷ Khối tổ chức "
                "rơi vào khoảng tháng nào năm nay?")
    in_2024 = engine.answer(question, dt.date(2024, 3, 1))
    assert in_2024.answered and "tháng 5/2024" in in_2024.text
    in_2026 = engine.answer(question, dt.date(2026, 12, 1))
    assert not in_2026.answered and "2026" in in_2026.text.split("\n")[0]


@pytest.mark.parametrize(("question", "today", "shown", "absent"), [
    # "sắp tới" is the next 30 days, and the times after them are shown too, marked
    ("Đảng ủy Khối còn những hạn nào sắp tới vậy em?", dt.date(2024, 3, 10), "30/4/2024",
     "quý I/2024"),  # the committee's own plan, not the Sơn La plan naming a Đảng ủy Khối
    ("dang uy khoi con han nao chua qua khong", dt.date(2024, 3, 27), "30/4/2024", "25/3/2024"),
])
def test_what_is_still_to_come_for_a_committee(engine: AnswerEngine, question: str,
                                               today: dt.date, shown: str, absent: str) -> None:
    answer = engine.answer(question, today)
    assert answer.answered and shown in answer.text and absent not in answer.text


@pytest.mark.parametrize(("question", "today", "shown"), [
    ("Tháng bảy này sinh hoạt chi bộ phải học xong chuyên đề nào?", dt.date(2023, 7, 3),
     "Hoàn thành trong tháng 7/2023"),
    ("BTV Đoàn Khôi muốn biết mốc cuối cùng để họp sơ kết KL01 ở đơn vị mình là hôm nào?",
     TODAY, "hoàn thành trước ngày 30/4/2024"),
    ("Kh năm 2024 bên Sơn La do đ/c nào thay mặt BTV ký vậy ạ?", TODAY, "Lò Minh Hùng"),
    ("Bản cam kết và việc xác định nội dung đột phá: hạn từng việc là khi nào?", TODAY,
     "quý I/2024"),
    ("Ở Sơn La tháng sau có hạn gì?", dt.date(2024, 1, 10), "tháng 02/2024"),  # not "sáu"
])
def test_months_in_words_meetings_signers_and_listed_things(
        engine: AnswerEngine, question: str, today: dt.date, shown: str) -> None:
    answer = engine.answer(question, today)
    assert answer.answered and shown in answer.text


@pytest.mark.parametrize(("question", "today", "shown"), [
    # a unit listed under its kind; a committee typed a letter off; a report's recipient
    ("Sở Giao thông vận tải bị giám sát việc thực hiện KL 01 khi nào vậy?", TODAY,
     "Quý III/2024"),
    ("Từ giờ đến cuối tháng 6 đơn vị mình còn báo cáo gì phải gửi Thàn ủy không?",
     dt.date(2023, 6, 5), "20/6/2023"),
    ("báo cáo sơ kết 03 năm gửi về Ban Tuyên giáo ĐUK hạn chot là ngày nào thế", TODAY,
     "25/3/2024"),
    # "trước khi nào" with no condition in the plan; a greeting before a self-introduction
    ("Chào đồng chí, tôi bên Ban cán sự đảng Sở Y tế. Ban cán sự phải xác định xong những "
     "nội dung đột phá cho năm 2024 trước khi nào?", TODAY, "quý I/2024"),
    # a group the unit is one of; duties in turn; a document named by its title
    ("tuan toi chi bo can hoan thanh viec gi theo kh 107", dt.date(2023, 3, 3), "10/3/2023"),
    ("Các chuyên đề sinh hoạt theo từng quý năm 2023 lần lượt là gì?", dt.date(2023, 3, 1),
     "Quan điểm của Đảng"),
    ("Chương trình kiểm tra, giám sát năm 2024 của Tỉnh ủy Sơn La là chương trình số mấy?",
     TODAY, "23-CTr/TU"),
    ("KH 107 phần nội dung, hình thức có những đầu việc lớn nào", dt.date(2023, 3, 1),
     "chuẩn mực đạo đức"),
    ("quy 1 nop bc KL01 cho ThU hom 3/4 thi co tre khong", dt.date(2023, 4, 5), "31/3/2023"),
    # a district no plan names, one of the plan's group of districts; two periods together
    ("Huyện ủy Mộc Châu đăng ký xây dựng mô hình tiêu biểu xong hạn là bao giờ?", TODAY,
     "quý I/2024"),
    ("Đảng ủy phường Tân Phong phải gửi báo cáo quý I trước ngày nào?", dt.date(2023, 3, 1),
     "31/3/2023"),
    ("Sắp hết năm rồi, theo KH của Thành uỷ thì chi bộ e phải xong kế hoạch gì trong tháng "
     "này và đầu năm sau ạ?", dt.date(2022, 12, 27), "15/01/2023"),
    ("Mình ở chi bộ trường THPT chuyên Lê Quý Đôn, KH 107 giao chi bộ trường mình việc gì?",
     dt.date(2023, 3, 1), "những bài học về đạo đức"),
    # a period that names a topic, asked when; a period that is asked of
    ("Nội dung chuyên đề quý III năm 2023 các chi bộ phải học xong trong thời gian nào ạ?",
     dt.date(2023, 6, 1), "tháng 7/2023"),
    ("Quý III năm 2023 có những hạn nào?", dt.date(2023, 6, 1), "Các hạn trong quý III/2023"),
])
def test_wording_nobody_tuned_for(engine: AnswerEngine, question: str, today: dt.date,
                                  shown: str) -> None:
    answer = engine.answer(question, today)
    assert answer.answered and shown in answer.text, answer.text


@pytest.mark.parametrize("question", [
    "hướng dẫn về sơ kết của ban tuyên giáo trung ương số mấy",  # the plans cite none
    "Chương trình kiểm tra, giám sát năm 2025 của Tỉnh ủy Sơn La là chương trình số mấy?",
    "Huyện ủy Mường Tè đăng ký xây dựng mô hình tiêu biểu xong hạn là bao giờ?",  # Lai Châu's
    "UBKT Tỉnh uỷ Sơn La kiểm tra việc thực hiện KL 01 năm 2024 vào thời gian nào ạ?",
    "Hội nghị sơ kết của ĐUK chốt tổ chức ngày mấy tháng 5 vậy a?",  # the plan gives the month
    "Hội nghị sơ kết 3 năm KL 01 của Đảng uỷ Khối tổ chức ở hôi trường nào ạ?",
    # a body of another directory, sent to: not the plan's ("qua Ban Tuyên giáo Đảng ủy Khối")
    "Báo cáo sơ kết 3 năm KL 01 của Tỉnh ủy Bình Định gửi Ban Tuyên giáo Trung ương khi nào?",
])
def test_a_cited_document_that_is_not_there_is_not_given(engine: AnswerEngine,
                                                         question: str) -> None:
    assert not engine.answer(question, TODAY).answered


@pytest.mark.parametrize(("question", "lead", "shown"), [
    ("Bc sơ kết 3 năm KL 01 nộp lên ĐUK hạn là 30/3 đúng ko a?", "Không phải 30/3",
     "25/3/2024"),
    ("báo cáo sơ kết gửi ĐUK hạn 25/3 đúng không", "Đúng", "25/3/2024"),
])
def test_a_day_the_asker_remembers_is_checked(engine: AnswerEngine, question: str, lead: str,
                                              shown: str) -> None:
    answer = engine.answer(question, TODAY)
    assert answer.answered and answer.text.startswith(lead) and shown in answer.text
