"""Importing plans through the core, on SQLite and PostgreSQL: a document becomes a draft, the
admin corrects and approves it, and from then on it is answered about and assigned — on this
instance at once, on another within its next look; a new version replaces the old one and keeps
its reports; files that are not plans are refused with nothing stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handlers.answers import AnswerEngine
from handlers.assistant import assemble
from handlers.clock import FixedClock
from handlers.core import Core
from handlers.messages import Attachment, IncomingMessage, Reply
from handlers.texts import plans as texts
from storage.database import Database
from storage.records import NewReport
from storage.uow import UnitOfWork

ROOT = Path(__file__).resolve().parents[1] / "data" / "plans_unseen"
COMMUNE = ROOT / "04_dang_uy_xa_thanh_son_ky_niem_96_nam.md"
NOW = dt.datetime(2026, 1, 12, 2, 0, tzinfo=dt.UTC)
ADMIN = "btg"


async def core_on(engine: AnswerEngine, database: Database) -> Core:
    core = assemble(engine, FixedClock(NOW), lambda: UnitOfWork(database.session()),
                    admins=("console:btg",)).core
    await core.prepare()
    return core


async def send(core: Core, text: str, file: Path | None = None,
               content: bytes | None = None, name: str | None = None) -> Reply:
    attachment = None
    if file is not None or content is not None:
        attachment = Attachment(name or (file.name if file else "x"),
                                content if content is not None else file.read_bytes()
                                if file else b"")
    [reply] = await core.handle(IncomingMessage("console", ADMIN, text, NOW,
                                                attachment=attachment))
    return reply


async def answer(core: Core, question: str) -> str:
    [reply] = await core.handle(IncomingMessage("console", "reader", question, NOW))
    return reply.text


async def test_a_plan_document_is_reviewed_corrected_and_approved(
        engine: AnswerEngine, database: Database) -> None:
    core = await core_on(engine, database)
    before = await answer(core, "Lễ trao tặng Huy hiệu Đảng của xã Thanh Sơn tổ chức khi nào?")
    draft = await send(core, "", COMMUNE)
    assert draft.text.startswith("DỰ THẢO NHẬP KẾ HOẠCH") and "28-KH/ĐU" in draft.text
    assert draft.options == texts.DRAFT_CHOICES
    assert "[mục I.1]" in draft.text or "[mục " in draft.text
    fixed = await send(core, "sửa 1 hạn trước ngày 20/01/2026")
    assert fixed.text.startswith("Đã sửa nhiệm vụ 1")
    bad = await send(core, "sửa 1 hạn hôm nào đó")
    assert "chưa đọc được thời hạn" in bad.text
    approved = await send(core, "Duyệt")
    assert approved.text.startswith("Đã duyệt 28-KH/ĐU"), approved.text
    after = await answer(core, "Lễ trao tặng Huy hiệu Đảng của xã Thanh Sơn tổ chức khi nào?")
    assert "28-KH/ĐU" in after and after != before
    listing = await send(core, "/kehoach")
    assert "28-KH/ĐU" in listing.text and "đã nhập" in listing.text
    again = await send(core, "1")  # the draft is decided: a stale choice, nothing happens
    assert "28-KH/ĐU" not in again.text or "Đã duyệt" not in again.text


async def test_another_instance_answers_from_an_approved_plan_after_its_look(
        engine: AnswerEngine, database: Database) -> None:
    first, second = await core_on(engine, database), await core_on(engine, database)
    await send(first, "", COMMUNE)
    await send(first, "Duyệt")
    assert await second.refresh()  # what `troly run` does every 2 seconds
    text = await answer(second, "Lễ trao tặng Huy hiệu Đảng của xã Thanh Sơn tổ chức khi nào?")
    assert "28-KH/ĐU" in text
    assert not await second.refresh()  # nothing new: no reload


async def test_a_new_version_replaces_the_old_and_keeps_its_reports(
        engine: AnswerEngine, database: Database, tmp_path: Path) -> None:
    core = await core_on(engine, database)
    await send(core, "", COMMUNE)
    await send(core, "Duyệt")
    async with UnitOfWork(database.session()) as uow:
        [plan] = [p for p in await uow.plans.approved() if p.number == "28-KH/ĐU"]
        assignment = next(a for a in await uow.assignments.all()
                          if a.task_key.startswith(f"{plan.plan_id}/"))
        await uow.reports.add(NewReport(task_key=assignment.task_key,
                                        unit_id=assignment.unit_id, status="done",
                                        raw_text="xong", author="console:x", channel="console",
                                        reported_at=NOW))
        await uow.commit()
    changed = COMMUNE.read_text("utf-8").replace("03/02/2026", "05/02/2026", 1)
    newer = tmp_path / COMMUNE.name
    newer.write_text(changed, "utf-8")
    draft = await send(core, "", newer)
    assert texts.DRAFT_NEW_VERSION.split("{")[0] in draft.text
    assert texts.DRAFT_CHANGES in draft.text
    await send(core, "Duyệt")
    async with UnitOfWork(database.session()) as uow:
        versions = [p for p in await uow.plans.approved() if p.number == "28-KH/ĐU"]
        history = await uow.reports.history(assignment.task_key, assignment.unit_id)
    assert [p.version for p in versions] == [2] and len(history) == 1


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("trong.txt", b"", "trống"),
    ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".docx"),
    ("anh.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"\0" * 200, "hỏng"),
    ("thu.txt", "Kính gửi các đồng chí, chúc mừng năm mới.".encode(), "không tìm thấy nhiệm vụ"),
])
async def test_files_that_are_not_plans_are_refused_and_nothing_is_stored(
        engine: AnswerEngine, database: Database, name: str, content: bytes,
        expected: str) -> None:
    core = await core_on(engine, database)
    reply = await send(core, "/kehoach nhap", content=content, name=name)
    assert expected in reply.text, reply.text
    async with UnitOfWork(database.session()) as uow:
        assert await uow.plans.drafts() == []


async def test_a_new_version_after_a_unit_correction(engine: AnswerEngine, database: Database,
                                                      tmp_path: Path) -> None:
    core = await core_on(engine, database)
    await send(core, "", COMMUNE)
    fixed = await send(core, "sửa 1 đơn vị Phòng Văn hóa - Xã hội xã; Các chi bộ trực thuộc")
    assert fixed.text.startswith("Đã sửa nhiệm vụ 1"), fixed.text
    await send(core, "Duyệt")
    newer = tmp_path / COMMUNE.name
    newer.write_text(COMMUNE.read_text("utf-8").replace("03/02/2026", "05/02/2026", 1), "utf-8")
    draft = await send(core, "", newer)
    assert draft.text.startswith("DỰ THẢO NHẬP KẾ HOẠCH"), draft.text
    approved = await send(core, "Duyệt")
    assert approved.text.startswith("Đã duyệt"), approved.text
