"""A contact's free messages through Core.handle: intent first (a report, a question, a
request, small talk, or "which is it?"), the reading of a report on wording the old reader
missed, and what each message saved (``Turn.saved``, the ``"saved"`` of ``troly chat``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from handlers.clock import FixedClock
from handlers.core import Core
from handlers.messages import IncomingMessage, Reply
from handlers.tasks import STATUS_LABELS, ReportStatus
from handlers.texts import reports as texts
from handlers.turn import Turn
from tests.conftest import CoreFactory

NOW = dt.datetime(2024, 3, 20, 3, 0, tzinfo=dt.UTC)  # 10:00 on Wednesday 20/3 in Hà Nội
ADMIN = "btg"
CELL = "Chi bộ Phòng Kế toán"  # given one task only


class Chat:
    """A core whose every message's saved reports are kept, in order."""

    def __init__(self, core: Core, monkeypatch: pytest.MonkeyPatch) -> None:
        self.core = core
        self.saved: list[list[dict[str, object]]] = []
        finish: Callable[..., Awaitable[None]] = core._finish

        async def spy(turn: Turn, *args: Any, **kwargs: Any) -> None:
            self.saved.append([s.as_dict() for s in turn.saved])
            await finish(turn, *args, **kwargs)

        monkeypatch.setattr(core, "_finish", spy)

    async def say(self, sender: str, text: str) -> Reply:
        [reply] = await self.core.handle(IncomingMessage("console", sender, text, NOW))
        return reply

    @property
    def last_saved(self) -> list[dict[str, object]]:
        return self.saved[-1]


async def _contact(chat: Chat, sender: str, unit: str) -> None:
    invite = await chat.say(ADMIN, f"/moi {unit}")
    code = re.search(r"\b([A-Z2-9]{8})\b", invite.text)
    assert code, invite.text
    joined = await chat.say(sender, code.group(1))
    assert "đã được ghi nhận là" in joined.text, joined.text


@pytest.fixture
async def chat(make_core: CoreFactory, monkeypatch: pytest.MonkeyPatch) -> Chat:
    chat = Chat(await make_core(FixedClock(NOW), admins=(f"console:{ADMIN}",)), monkeypatch)
    await chat.say(ADMIN, f"/donvi them {CELL}")
    assigned = await chat.say(ADMIN, f"/giao báo cáo sơ kết 3 năm | {CELL}")
    if assigned.options:
        assigned = await chat.say(ADMIN, "1")
    assert "Đã giao" in assigned.text, assigned.text
    await _contact(chat, "kt", CELL)
    return chat


def _one(chat: Chat) -> dict[str, object]:
    [saved] = chat.last_saved
    assert saved["unit"] == CELL and "sơ kết" in str(saved["task"]).lower()
    return saved


@pytest.mark.parametrize(("text", "status", "percent", "evidence", "date"), [
    ("Dạ xong ạ.", "done", None, None, None),
    ("chưa triển khai gì", "not_started", None, None, None),
    ("đang làm khoảng 62%", "in_progress", 62, None, None),
    ("gửi bc rồi nha, số 31-BC/CB", "done", None, "31-BC/CB", None),
    ("theo KH 103-KH/ĐUK, đã gửi BC số 27-BC/CB ngày 19/3", "done", None, "27-BC/CB",
     "2024-03-19"),
    ("hôm qua em gửi rồi ạ", "done", None, None, "2024-03-19"),
    ("xong đâu mà xong, mới có cái khung thôi", "in_progress", None, None, None),
    ("mới thu được 3/7 đơn vị", "in_progress", None, None, None),
    ("cho xin đến mồng 8/4", "extension", None, None, "2024-04-08"),
    ("xin gia hạn đến hết ngày hai mươi tám ạ", "extension", None, None, "2024-03-28"),
    ("đầu tuần sau em nộp", "extension", None, None, "2024-03-25"),
])
async def test_a_bare_report_goes_to_the_units_one_task(
        chat: Chat, text: str, status: str, percent: int | None, evidence: str | None,
        date: str | None) -> None:
    reply = await chat.say("kt", text)
    assert "Đã ghi nhận" in reply.text, reply.text
    saved = _one(chat)
    assert (saved["status"], saved["percent"], saved["evidence"], saved["date"]) == (
        status, percent, evidence, date)


@pytest.mark.parametrize("text", [
    "đơn vị mình nộp bc này chưa nhỉ?",
    "gửi giúp em file đề cương",
    "bc này gửi ai ạ?",
    "cảm ơn anh đã nhắc ạ",
    "Dạ để em hỏi lại văn thư rồi báo anh sau",
])
async def test_questions_requests_and_thanks_are_not_reports(chat: Chat, text: str) -> None:
    reply = await chat.say("kt", text)
    assert chat.last_saved == []
    assert "Đã ghi nhận" not in reply.text


async def test_a_report_with_a_question_of_its_own_saves_it_and_offers_the_question(
        chat: Chat) -> None:
    text = "đã gửi rồi, cho em hỏi hạn nộp bản giấy là khi nào?"
    saved = await chat.say("kt", text)
    assert "Đã ghi nhận" in saved.text and texts.REPORT_QUESTION_ASIDE in saved.text
    assert saved.options == (texts.INTENT_QUESTION_OPTION.format(text=text),)
    assert _one(chat)["status"] == "done"
    answered = await chat.say("kt", "1")  # the question: answered, nothing more saved
    assert chat.last_saved == [] and "Đã ghi nhận" not in answered.text


async def test_a_message_that_asks_first_is_asked_about(chat: Chat) -> None:
    text = "chị gửi lại giúp em KH 103 được ko, em làm mất file rồi"
    asked = await chat.say("kt", text)
    assert asked.text == texts.REPORT_OR_QUESTION
    assert asked.options == (texts.INTENT_REPORT_OPTION.format(text=text),
                             texts.INTENT_QUESTION_OPTION.format(text=text))
    assert chat.last_saved == []
    answered = await chat.say("kt", "2")  # a question: answered, nothing saved
    assert chat.last_saved == [] and "Đã ghi nhận" not in answered.text


async def test_an_unsure_reading_offers_its_reading_first(chat: Chat) -> None:
    asked = await chat.say("kt", "Chị Lan bên em lo việc này, chắc xong rồi")
    assert chat.last_saved == []
    assert "chưa chắc" in asked.text
    assert asked.options[:2] == (STATUS_LABELS[ReportStatus.DONE],
                                 STATUS_LABELS[ReportStatus.IN_PROGRESS])
    assert len(asked.options) == len(STATUS_LABELS)
    chosen = await chat.say("kt", "2")  # no note asked for: the message is the note
    assert "Đã ghi nhận" in chosen.text
    assert _one(chat)["status"] == "in_progress"


async def test_a_lone_r_is_asked_about_not_taken(chat: Chat) -> None:
    asked = await chat.say("kt", "r")
    assert chat.last_saved == [] and asked.options[0] == STATUS_LABELS[ReportStatus.DONE]


async def test_a_bare_report_on_several_tasks_asks_which_not_refuses(chat: Chat) -> None:
    second = await chat.say(ADMIN, f"/giao lựa chọn khen thưởng tập thể cá nhân tiêu biểu | {CELL}")
    if second.options:
        second = await chat.say(ADMIN, "1")
    assert "Đã giao" in second.text, second.text
    asked = await chat.say("kt", "Dạ xong ạ.")
    assert "không được giao" not in asked.text, asked.text
    assert len(asked.options) == 2 and chat.last_saved == []
    chosen = await chat.say("kt", "1")
    [first] = chat.last_saved
    assert "Đã ghi nhận" in chosen.text and first["status"] == "done"
    # One task is left open now: a bare report goes to it.
    bare = await chat.say("kt", "chưa triển khai gì")
    [other] = chat.last_saved
    assert "Đã ghi nhận" in bare.text, bare.text
    assert other["status"] == "not_started" and other["task"] != first["task"]


async def test_an_extension_saves_the_requested_date(chat: Chat) -> None:
    reply = await chat.say("kt", "Dạ anh cho em xin lùi đến mồng 8/4 được không ạ")
    assert "Đã ghi nhận" in reply.text, reply.text
    saved = _one(chat)
    assert saved["status"] == "extension" and saved["date"] == "2024-04-08"


async def test_a_day_promised_before_the_tasks_time_is_work_going_on(chat: Chat) -> None:
    unit = "Chi bộ Phòng Tài chính"
    await chat.say(ADMIN, f"/donvi them {unit}")
    assigned = await chat.say(
        ADMIN, f"/giao gửi báo cáo sơ kết 03 năm về Ban Thường vụ Đảng ủy Khối | {unit}")
    if assigned.options:
        assigned = await chat.say(ADMIN, "1")
    assert "Đã giao" in assigned.text and "25/3/2024" in assigned.text, assigned.text
    await _contact(chat, "tc", unit)
    # due "trước ngày 25/3/2024"; Friday 22/3 is in time, Monday 25/3 is not
    reply = await chat.say("tc", "Báo cáo đang trình đ/c Bí thư ký, thứ Sáu này em gửi ạ")
    assert "Đã ghi nhận" in reply.text, reply.text
    [saved] = chat.last_saved
    assert (saved["status"], saved["date"]) == ("in_progress", None), saved


async def test_asked_whether_it_was_received_the_report_is_saved_and_explained(
        chat: Chat) -> None:
    reply = await chat.say("kt", "Báo cáo (số 66-BC/CB) gửi ngày 18/3. Nhận được chưa ạ?")
    assert "Đã ghi nhận" in reply.text and texts.REPORT_RECEIPT_NOTE in reply.text
    assert reply.options == ()
    saved = _one(chat)
    assert (saved["status"], saved["evidence"], saved["date"]) == ("done", "66-BC/CB",
                                                                  "2024-03-18")
