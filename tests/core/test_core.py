"""Conversation-level behaviour of Core.handle, the same for every channel, on SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from handlers.answers import AnswerEngine
from handlers.assistant import build_core
from handlers.clock import FixedClock
from handlers.core import Core
from handlers.messages import IncomingMessage
from handlers.texts import basics as basics_texts
from handlers.texts import core as core_texts
from storage.database import Database
from storage.records import ExchangeRecord
from storage.uow import UnitOfWork
from tests.conftest import NOW, CoreFactory


def message(text: str, sender: str = "reader") -> IncomingMessage:
    return IncomingMessage("console", sender, text, NOW)


async def journal(database: Database, sender: str = "reader") -> list[tuple[str, str]]:
    async with UnitOfWork(database.session()) as uow:
        rows = await uow.exchanges.recent("console", sender)
    return [(row.text, row.outcome) for row in reversed(rows)]


@pytest.fixture
async def core(make_core: CoreFactory) -> Core:
    return await make_core(max_length=500)


async def test_start_greets_and_gives_examples(core: Core) -> None:
    [reply] = await core.handle(message("/start"))
    assert reply.to == "reader"
    assert "Xin chào" in reply.text and "Ví dụ" in reply.text
    assert "103-KH/ĐUK" in reply.text
    assert basics_texts.HELP_ADMIN not in reply.text  # a reader is not shown admin commands


async def test_question_is_answered_with_citation(core: Core) -> None:
    [reply] = await core.handle(message("Hạn nộp báo cáo sơ kết 03 năm là ngày nào?"))
    assert "25/3/2024" in reply.text and "Nguồn:" in reply.text


async def test_today_comes_from_the_clock(core: Core) -> None:
    [reply] = await core.handle(message("Tháng này có những hạn nào?"))
    assert "tháng 3/2024" in reply.text and "25/3/2024" in reply.text


@pytest.mark.parametrize(
    ("text", "expected", "outcome"),
    [
        ("", core_texts.EMPTY_MESSAGE, "empty"),
        ("   ", core_texts.EMPTY_MESSAGE, "empty"),
        ("/xoa_het", "Lệnh /xoa_het chưa được hỗ trợ", "unknown_command"),
        ("a" * 501, "vượt quá giới hạn 500 ký tự", "too_long"),
    ],
)
async def test_bad_input_gets_a_clear_message_and_is_recorded(
        core: Core, database: Database, text: str, expected: str, outcome: str) -> None:
    [reply] = await core.handle(message(text))
    assert expected in reply.text
    assert await journal(database) == [(text, outcome)]


async def test_out_of_scope_says_so_and_lists_the_plans(core: Core) -> None:
    [reply] = await core.handle(message("Giá vàng hôm nay bao nhiêu?"))
    assert reply.text.startswith("Tôi chưa tìm thấy")
    assert "107-KH/ThU" in reply.text


async def test_a_failure_inside_is_answered_politely_and_recorded(
        engine: AnswerEngine, database: Database, caplog: pytest.LogCaptureFixture) -> None:
    class Broken(AnswerEngine):
        def answer(self, text: str, today: dt.date):  # type: ignore[no-untyped-def]
            raise RuntimeError("boom")

    broken = Broken.__new__(Broken)
    broken.__dict__.update(engine.__dict__)
    core = build_core(broken, FixedClock(NOW), lambda: UnitOfWork(database.session()))
    [reply] = await core.handle(message("Hạn nộp báo cáo?"))
    assert reply.text == core_texts.INTERNAL_ERROR
    assert await journal(database) == [("Hạn nộp báo cáo?", "error")]
    assert "failed to handle a message channel=console sender=reader" in caplog.text


async def test_numbered_choice_follows_a_suggestion(core: Core) -> None:
    [reply] = await core.handle(message("hội nghị trực tuyến abcd efgh khi nào"))
    assert reply.text.startswith("Tôi chưa tìm thấy") and len(reply.options) >= 2
    assert core_texts.CHOICE_PROMPT in reply.text
    [wrong] = await core.handle(message("9"))
    assert "từ 1 đến" in wrong.text and wrong.options == reply.options
    [chosen] = await core.handle(message("1"))
    assert "tháng 12/2022" in chosen.text and "Nguồn:" in chosen.text
    [again] = await core.handle(message("1"))  # the choice is used up: "1" is a question now
    assert "tháng 12/2022" not in again.text


async def test_choices_survive_a_restart(make_core: CoreFactory) -> None:
    first = await make_core()
    [reply] = await first.handle(message("hội nghị trực tuyến abcd efgh khi nào"))
    assert reply.options
    second = await make_core()  # a new process: the offered options are in the database
    [chosen] = await second.handle(message("1"))
    assert "tháng 12/2022" in chosen.text


async def test_a_message_delivered_twice_is_handled_once_even_after_a_restart(
        make_core: CoreFactory, database: Database) -> None:
    def zalo(text: str, message_id: str) -> IncomingMessage:
        return IncomingMessage("zalo", "u1", text, NOW, message_id=message_id)

    first = await make_core()
    [answer] = await first.handle(zalo("Hạn nộp báo cáo sơ kết 03 năm?", "m1"))
    assert "25/3/2024" in answer.text
    assert await first.handle(zalo("Hạn nộp báo cáo sơ kết 03 năm?", "m1")) == []
    restarted = await make_core()
    assert await restarted.handle(zalo("Hạn nộp báo cáo sơ kết 03 năm?", "m1")) == []
    [again] = await restarted.handle(zalo("Hạn nộp báo cáo sơ kết 03 năm?", "m2"))
    assert "25/3/2024" in again.text  # the same words as a new message are answered
    [telegram] = await restarted.handle(
        IncomingMessage("telegram", "u1", "/trogiup", NOW, message_id="m1"))
    assert telegram.text  # ids are per channel
    async with UnitOfWork(database.session()) as uow:
        kept = await uow.exchanges.recent("zalo", "u1")
    assert sorted(row.message_id or "" for row in kept) == ["m1", "m2"]


async def test_what_the_database_cannot_take_is_made_safe_and_kept(
        core: Core, database: Database) -> None:
    [reply] = await core.handle(message("Hạn nộp báo cáo\x00 sơ kết 03 năm?"))
    assert "25/3/2024" in reply.text  # NUL is no reason to fail
    assert await journal(database) == [("Hạn nộp báo cáo\ufffd sơ kết 03 năm?", "deadline")]
    long_sender = "z" * 5000
    [refused] = await core.handle(IncomingMessage("zalo", long_sender, "/vaitro", NOW,
                                                  chat="z1"))
    assert refused.to == "z1" and core_texts.REFUSAL_RECORDED in refused.text
    async with UnitOfWork(database.session()) as uow:
        [kept] = [row for row in await _all_exchanges(uow) if row.channel == "zalo"]
    assert kept.outcome == "bad_sender" and len(kept.sender) <= 100
    assert "5000 chars, sha256 " in kept.sender or kept.sender.startswith("…")


async def _all_exchanges(uow: UnitOfWork) -> list[ExchangeRecord]:
    from sqlalchemy import select

    from storage.models import Exchange, to_record
    return [to_record(ExchangeRecord, row) for row in await uow.session.scalars(select(Exchange))]


async def test_a_huge_message_is_refused_and_kept_cut_with_its_hash(
        core: Core, database: Database) -> None:
    text = "báo cáo " * 700_000  # 5.6 million characters
    [reply] = await core.handle(message(text))
    assert "vượt quá giới hạn" in reply.text
    [(kept, outcome)] = await journal(database)
    assert outcome == "too_long" and len(kept) <= 16_000
    digest = hashlib.sha256(text.encode()).hexdigest()
    assert f"[{len(text)} chars, sha256 {digest}]" in kept


async def test_the_reply_never_claims_a_record_the_journal_could_not_write(
        engine: AnswerEngine) -> None:
    gone = Database("postgresql+asyncpg://postgres@127.0.0.1:1/test")  # nothing listens there
    try:
        core = build_core(engine, FixedClock(NOW), lambda: UnitOfWork(gone.session()))
        [reply] = await core.handle(message("Hạn nộp báo cáo?"))
        assert reply.text == core_texts.INTERNAL_ERROR_NOT_RECORDED
        assert "đã được ghi lại" not in reply.text
        [refusal] = await core.refuse(message("{oops"), "Dòng sai.", "malformed")
        assert refusal.text == f"Dòng sai. {core_texts.REFUSAL_NOT_RECORDED}"
    finally:
        await gone.close()


@pytest.mark.parametrize("answer", ["²", "①", "٢", "99999999999999999999"])
async def test_choices_in_any_digits_and_huge_numbers_are_answered(
        core: Core, answer: str) -> None:
    [offer] = await core.handle(message("hội nghị trực tuyến abcd efgh khi nào"))
    assert offer.options
    [reply] = await core.handle(message(answer))
    assert reply.text != core_texts.INTERNAL_ERROR
    [cancel] = await core.handle(message(f"/thongbao huy {answer}", sender="btg"))
    assert cancel.text != core_texts.INTERNAL_ERROR


async def test_a_retired_units_contact_is_no_longer_called_a_contact(core: Core) -> None:
    [invite] = await core.handle(message("/moi Văn phòng Đảng ủy Khối", sender="btg"))
    code = invite.text.split(": ", 1)[1][:8]
    [joined] = await core.handle(message(code, sender="vp"))
    assert "đầu mối" in joined.text
    [before] = await core.handle(message("/vaitro", sender="vp"))
    assert "Văn phòng Đảng ủy Khối" in before.text
    await core.handle(message("/donvi ngung Văn phòng Đảng ủy Khối", sender="btg"))
    [after] = await core.handle(message("/vaitro", sender="vp"))
    assert "Văn phòng Đảng ủy Khối" not in after.text and "đầu mối" not in after.text.lower()


async def test_a_name_longer_than_the_database_takes_gets_a_clear_message(
        core: Core, database: Database) -> None:
    long_group = "Khối " * 60  # 300 characters: the group column holds 200
    [reply] = await core.handle(message(f"/donvi nhom Văn phòng Đảng ủy Khối | {long_group}",
                                        sender="btg"))
    if database.is_sqlite:  # SQLite keeps any length
        assert reply.text != core_texts.INTERNAL_ERROR
        return
    assert reply.text.startswith(core_texts.VALUE_TOO_LONG)
    assert core_texts.REFUSAL_RECORDED in reply.text
    assert (await journal(database, "btg"))[-1][1] == "value_refused"
