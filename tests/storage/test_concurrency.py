"""Concurrent contacts and exports on PostgreSQL, each message in its own real session:
nothing is lost."""

from __future__ import annotations

import asyncio

from handlers.assistant import build_core
from handlers.clock import FixedClock
from handlers.core import Core
from handlers.messages import IncomingMessage
from storage.database import Database
from storage.uow import UnitOfWork
from tests.conftest import ADMIN, NOW
from tests.core.test_units_and_reports import UNIT, code_in

CONTACTS = 8


async def _core(engine: object, database: Database) -> Core:
    core = build_core(engine, FixedClock(NOW),  # type: ignore[arg-type]
                      lambda: UnitOfWork(database.session()), admins=[ADMIN])
    await core.prepare()
    return core


async def _say(core: Core, sender: str, text: str) -> str:
    [reply] = await core.handle(IncomingMessage("console", sender, text, NOW))
    return reply.text


async def test_contacts_of_one_unit_reporting_at_once_lose_nothing(
        engine: object, postgres: Database) -> None:
    # Two processes sharing one database, each with its own pool of sessions.
    first, second = await _core(engine, postgres), await _core(engine, postgres)
    admin = ADMIN.removeprefix("console:")
    for number in range(CONTACTS):
        [invite] = await first.handle(IncomingMessage("console", admin, f"/moi {UNIT}", NOW))
        assert "đầu mối" in await _say(second, f"c{number}", code_in(invite))
    texts_sent = [f"đã gửi báo cáo sơ kết số {40 + n}-BC/ĐUK" for n in range(CONTACTS)]
    replies = await asyncio.gather(*(
        _say(first if n % 2 else second, f"c{n}", text) for n, text in enumerate(texts_sent)))
    assert all("Đã ghi nhận" in r or "nhiệm vụ nào" in r for r in replies), replies
    async with UnitOfWork(postgres.session()) as uow:
        count = await uow.reports.count()
        journal = sum([len(await uow.exchanges.recent("console", f"c{n}")) for n in
                       range(CONTACTS)])
    saved = sum("Đã ghi nhận" in r for r in replies)
    assert count == saved and journal == 2 * CONTACTS  # the join and the report of each


async def test_reports_arriving_during_an_export_are_all_kept(
        engine: object, postgres: Database) -> None:
    core = await _core(engine, postgres)
    admin = ADMIN.removeprefix("console:")
    for number in range(CONTACTS):
        [invite] = await core.handle(IncomingMessage("console", admin, f"/moi {UNIT}", NOW))
        await _say(core, f"c{number}", code_in(invite))
        for step in ("/baocao", "1", "1"):  # the first open task, done; the note is next
            await _say(core, f"c{number}", step)
    export = asyncio.create_task(core.handle(IncomingMessage("console", admin, "/xuat", NOW)))
    replies = await asyncio.gather(*(_say(core, f"c{n}", "0") for n in range(CONTACTS)))
    [exported] = await export
    assert exported.files  # the export finished with its files
    assert all("Đã ghi nhận" in r for r in replies), replies
    async with UnitOfWork(postgres.session()) as uow:
        assert await uow.reports.count() == CONTACTS
