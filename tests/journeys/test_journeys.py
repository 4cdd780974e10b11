"""Whole journeys through the installed `troly chat --jsonl`, as a newcomer, an admin, a unit's
contact and an attacker meet the assistant: one live process per journey, lines written one by
one, every reply read back. Nothing here reaches into the code: only what a user sees."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import openpyxl
from PIL import Image

from handlers.texts import core as core_texts
from handlers.texts import units as unit_texts
from tests.journeys.chat import Chat

UNSEEN = Path(__file__).resolve().parents[1] / "data" / "plans_unseen"
CODE = re.compile(r"\b[A-Z0-9]{8}\b")
ADMIN, CONTACT, STRANGER = "btg", "mai", "khach"
QUESTION = "Tổng kết, đánh giá kết quả chuyển đổi số năm 2026 xong trước ngày nào?"  # plan 06


def _head(template: str) -> str:
    """A text's fixed opening, before its first placeholder."""
    return template.split("{")[0].strip()


def test_a_newcomer_is_greeted_answered_with_a_citation_and_told_what_is_not_known(
        tmp_path: Path) -> None:
    with Chat(tmp_path, today="2024-03-01") as chat:
        greeting = chat.send(STRANGER, "/start")
        assert "103-KH/ĐUK" in greeting.text and "/trogiup" in greeting.text

        accented = chat.send(STRANGER, "Hạn gửi báo cáo sơ kết 3 năm Kết luận 01 của ĐUK?")
        plain = chat.send(STRANGER, "han gui bao cao so ket 3 nam ket luan 01 cua duk")
        decomposed = chat.send(STRANGER, unicodedata.normalize(
            "NFD", "Hạn gửi báo cáo sơ kết 3 năm Kết luận 01 của Đảng uỷ Khối?"))
        for answer in (accented, plain, decomposed):
            assert "25/3/2024" in answer.text, answer.text
            assert "103-KH/ĐUK" in answer.text and "mục" in answer.text

        near_miss = chat.send(STRANGER, "Hạn gửi báo cáo sơ kết 5 năm Kết luận 01 của ĐUK?")
        verdict = near_miss.text.split("\n")[0]  # what follows is labelled "not the answer"
        assert "5 năm" in verdict and "không" in verdict and "/20" not in verdict

        thanks = chat.send(STRANGER, "dạ em cảm ơn ạ")
        assert "chưa tìm thấy" not in thanks.text.lower()
        chat.close()


def test_bad_input_gets_a_clear_message(tmp_path: Path) -> None:
    with Chat(tmp_path, today="2024-03-01") as chat:
        unknown = chat.send(STRANGER, "/khongcolenhnay")
        assert _head(core_texts.UNKNOWN_COMMAND) in unknown.text

        wrong_code = chat.send(STRANGER, "/start ZZZZ9999")
        assert _head(unit_texts.CODE_WRONG) in wrong_code.text

        not_admin = chat.send(STRANGER, "/thongbao Họp giao ban lúc 14 giờ")
        assert _head(core_texts.ADMIN_ONLY) in not_admin.text
        assert not not_admin.sent  # nothing was broadcast

        huge = chat.send(STRANGER, "hạn báo cáo " * 1500)
        assert _head(core_texts.TOO_LONG) in huge.text

        malformed = chat.line({"from": STRANGER, "text": ["không", "phải", "chữ"]})
        assert malformed.replies and malformed.replies[0]["text"]
        # still answering afterwards
        assert "25/3/2024" in chat.send(STRANGER, "hạn bc sơ kết 3 năm KL01 ĐUK").text
        chat.close()


def test_an_admin_adds_a_unit_its_contact_is_reminded_and_reports_and_the_admin_sees_it(
        tmp_path: Path) -> None:
    with Chat(tmp_path, today="2024-03-01") as chat:
        added = chat.send(ADMIN, "/donvi them Chi bộ Văn phòng thử | Cấp ủy chi, đảng bộ cơ sở")
        assert "Chi bộ Văn phòng thử" in added.text

        invite = chat.send(ADMIN, "/moi Chi bộ Văn phòng thử")
        code = CODE.search(invite.text)
        assert code, invite.text
        joined = chat.send(CONTACT, f"/start {code.group(0)}")
        assert "đầu mối" in joined.text and "Chi bộ Văn phòng thử" in joined.text
        assert unit_texts.CODE_USED in chat.send(STRANGER, f"/start {code.group(0)}").text

        duties = chat.send(CONTACT, "/viec")
        assert "25/3/2024" in duties.text and "30/4/2024" in duties.text

        # 18/3/2024, 08:00 in Hà Nội: 7 days before the 25/3 report
        tick = chat.tick("2024-03-18T08:00:00+07:00")
        reminders = [m for m in tick.sent_to(CONTACT) if m["text"].startswith("NHẮC VIỆC")]
        assert len(reminders) == 1, tick.sent
        assert "25/3/2024" in reminders[0]["text"] and "103-KH/ĐUK" in reminders[0]["text"]
        again = chat.tick("2024-03-18T08:05:00+07:00")
        assert not again.sent_to(CONTACT)  # one reminder for one moment, never two

        report = chat.send(CONTACT, "dạ đã gửi bc số 12-BC/CB ngày 18/3 ạ")
        assert report.saved == [{
            "unit": "Chi bộ Văn phòng thử", "task": report.saved[0]["task"], "status": "done",
            "percent": None, "evidence": "12-BC/CB", "date": "2024-03-18"}]
        assert "sơ kết" in report.saved[0]["task"]

        situation = chat.send(ADMIN, "/tinhhinh Chi bộ Văn phòng thử")
        assert "12-BC/CB" in situation.text, situation.text

        export = chat.send(ADMIN, "/xuat")
        sheets = [f for f in export.files if f.suffix == ".xlsx"]
        charts = [f for f in export.files if f.suffix == ".png"]
        assert len(sheets) == 1 and charts
        book = openpyxl.load_workbook(sheets[0], read_only=True)
        cells = {str(c) for sheet in book.worksheets
                 for row in sheet.iter_rows(values_only=True) for c in row if c}
        assert "Chi bộ Văn phòng thử" in cells and "12-BC/CB" in " ".join(cells)
        for chart in charts:
            with Image.open(chart) as image:
                assert image.size[0] >= 600 and image.size[1] >= 300

        assert _head(core_texts.ADMIN_ONLY) in chat.send(CONTACT, "/donvi").text
        chat.close()


def test_an_admin_imports_a_new_plan_and_it_is_answered_from_then_on(tmp_path: Path) -> None:
    plan = UNSEEN / "06_ubnd_da_nang_chuyen_doi_so_2026.docx"
    with Chat(tmp_path, today="2026-02-02") as chat:
        before = chat.send(STRANGER, QUESTION)
        assert "05/12/2026" not in before.text and "5/12/2026" not in before.text

        draft = chat.line({"from": ADMIN, "file": str(plan)})
        assert "35/KH-UBND" in draft.text, draft.text
        options = draft.replies[-1]["options"]
        approve = next(i for i, o in enumerate(options, 1) if o.startswith("Duyệt"))
        approved = chat.send(ADMIN, str(approve))
        assert "35/KH-UBND" in approved.text

        after = chat.send(STRANGER, QUESTION)
        assert "5/12/2026" in after.text.replace("05/12", "5/12"), after.text
        assert "35/KH-UBND" in after.text
        chat.close()
