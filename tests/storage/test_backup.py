"""Backups as an operator makes them: `troly backup` while the assistant writes, `troly
restore` (keeping the database it replaces), files that are not backups refused, and
`troly migrate-db` copying everything from SQLite into an empty PostgreSQL schema — each id
sequence going on after the copied rows, a schema with data refused."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from handlers.answers import AnswerEngine
from handlers.assistant import assemble
from handlers.clock import FixedClock
from handlers.messages import IncomingMessage
from storage.backup import BackupError, backup_sqlite, restore_sqlite
from storage.database import Database
from storage.models import Base, Exchange, UnitRow
from storage.uow import UnitOfWork
from tests.conftest import POSTGRES_URL, drop_postgres, empty_postgres

TROLY = str(Path(sys.executable).parent / "troly")
NOW = dt.datetime(2024, 3, 1, 2, 0, tzinfo=dt.UTC)


async def _filled(path: Path, engine: AnswerEngine, messages: int = 5) -> Database:
    database = Database(f"sqlite+aiosqlite:///{path}")
    await database.migrate()
    core = assemble(engine, FixedClock(NOW), lambda: UnitOfWork(database.session()),
                    admins=("console:btg",)).core
    await core.prepare()
    await core.handle(IncomingMessage("console", "btg", "/donvi them Chi bộ Sao lưu", NOW))
    for number in range(messages):
        await core.handle(IncomingMessage("console", "khach", f"hạn báo cáo số {number}", NOW))
    return database


def _rows(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _troly(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TROLY_")}
    env["TROLY_DATABASE_URL"] = database_url
    return subprocess.run([TROLY, *args], env=env, capture_output=True, text=True, timeout=300)


async def test_a_backup_taken_while_writing_is_consistent_and_restores(
        tmp_path: Path, engine: AnswerEngine) -> None:
    live = tmp_path / "troly.sqlite3"
    database = await _filled(live, engine)
    core = assemble(engine, FixedClock(NOW), lambda: UnitOfWork(database.session())).core
    writing = asyncio.gather(*(core.handle(IncomingMessage("console", f"u{n}", "xin chào", NOW))
                               for n in range(40)))
    backup = tmp_path / "sao-luu.sqlite3"
    size, _ = await asyncio.gather(backup_sqlite(live, backup), writing)
    await database.close()
    assert size == backup.stat().st_size > 0
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert 5 <= _rows(backup, "exchanges") <= _rows(live, "exchanges")

    assert _rows(live, "exchanges") == 46  # /donvi, 5 questions, 40 greetings
    kept = await restore_sqlite(backup, live)
    assert kept is not None and _rows(kept, "exchanges") == 46  # what it replaced is kept
    assert _rows(live, "exchanges") == _rows(backup, "exchanges")


async def test_files_that_are_not_backups_are_refused_and_nothing_changes(
        tmp_path: Path, engine: AnswerEngine) -> None:
    live = tmp_path / "troly.sqlite3"
    await (await _filled(live, engine, messages=1)).close()
    before = live.read_bytes()
    text = tmp_path / "ghi-chu.txt"
    text.write_text("không phải cơ sở dữ liệu")
    other = tmp_path / "khac.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    for bad, code in ((text, "not_a_backup"), (other, "not_a_backup"),
                      (tmp_path / "khong-co.sqlite3", "no_backup")):
        try:
            await restore_sqlite(bad, live)
        except BackupError as error:
            assert error.code == code
        else:
            raise AssertionError(f"{bad} was restored")
    assert live.read_bytes() == before


async def test_the_commands_back_up_restore_and_refuse_postgresql(
        tmp_path: Path, engine: AnswerEngine) -> None:
    live = tmp_path / "troly.sqlite3"
    await (await _filled(live, engine, messages=2)).close()
    url = f"sqlite:///{live}"
    made = _troly("backup", str(tmp_path / "b.sqlite3"), database_url=url)
    assert made.returncode == 0 and "Đã sao lưu" in made.stdout, made.stderr
    back = _troly("restore", str(tmp_path / "b.sqlite3"), database_url=url)
    assert back.returncode == 0 and "Đã khôi phục" in back.stdout, back.stderr
    wrong = _troly("restore", str(tmp_path / "khong-co.sqlite3"), database_url=url)
    assert wrong.returncode == 1 and "Không thấy tệp sao lưu" in wrong.stderr
    postgres = _troly("backup", str(tmp_path / "p.sqlite3"), database_url=POSTGRES_URL)
    assert postgres.returncode == 2 and "pg_dump" in postgres.stderr
    assert "Traceback" not in made.stderr + back.stderr + wrong.stderr + postgres.stderr


async def test_migrate_db_copies_everything_into_an_empty_postgresql(
        tmp_path: Path, engine: AnswerEngine) -> None:
    live = tmp_path / "troly.sqlite3"
    await (await _filled(live, engine)).close()
    target = await empty_postgres()
    try:
        assert target.schema is not None
        url = f"sqlite:///{live}"
        moved = _troly("migrate-db", "--to", POSTGRES_URL, "--schema", target.schema,
                       database_url=url)
        assert moved.returncode == 0, moved.stderr
        for table in Base.metadata.sorted_tables:
            async with target.session() as session:
                count = await session.scalar(select(func.count()).select_from(table))
            assert count == _rows(live, table.name), table.name
        # The assistant goes on there: new rows get new ids after the copied ones.
        core = assemble(engine, FixedClock(NOW), lambda: UnitOfWork(target.session()),
                        admins=("console:btg",)).core
        await core.handle(IncomingMessage("console", "btg", "/donvi them Chi bộ Mới", NOW))
        async with target.session() as session:
            assert await session.scalar(select(func.count()).select_from(UnitRow).where(
                UnitRow.name == "Chi bộ Mới")) == 1
            assert await session.scalar(select(func.count()).select_from(Exchange)) == \
                _rows(live, "exchanges") + 1
        again = _troly("migrate-db", "--to", POSTGRES_URL, "--schema", target.schema,
                       database_url=url)
        assert again.returncode == 1 and "đã có dữ liệu" in again.stderr
    finally:
        await drop_postgres(target)
