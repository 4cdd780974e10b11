"""Backups of the embedded SQLite database, and a copy of a database into an empty PostgreSQL.

- :func:`backup_sqlite` copies the database with SQLite's online backup API, in a thread: the
  copy is consistent (one snapshot, the write-ahead log included) while the assistant runs and
  writes, and is one self-contained file, checked before it replaces ``target``.
- :func:`restore_sqlite` checks that a file is a sound backup of this assistant's database and
  copies it over the database (through the same API, so the write-ahead log files stay right);
  the database as it was is kept beside it first.
- :func:`copy_database` copies every table from one database into an empty PostgreSQL one,
  migrated to the same revision, in one transaction, and checks the row counts of every table
  before committing: all or nothing. :func:`sqlite_to_postgres` copies from a backup of the
  SQLite file made first, so the copy is one snapshot even while the assistant writes.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select, tuple_, update
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.database import Database
from storage.models import Base

BATCH = 2000  # rows read and written at a time
REQUIRED_TABLES = ("alembic_version", "exchanges", "outbox")  # what marks our database


class BackupError(Exception):
    """A backup, restore or copy that cannot be done; ``code`` says why (for the message),
    ``detail`` names the file or table."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Copied:
    table: str
    rows: int


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names, or None (another database, or an in-memory one)."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


# -- SQLite backups -------------------------------------------------------------------------

async def backup_sqlite(database_file: Path, target: Path) -> int:
    """Copy the live database to ``target`` (replaced only once the copy is sound); its size."""
    return await asyncio.to_thread(_backup, database_file, target)


def _backup(source: Path, target: Path) -> int:
    if not source.is_file():
        raise BackupError("no_database", str(source))
    partial = target.with_name(f"{target.name}.part")
    partial.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(source, timeout=30)) as live, \
                contextlib.closing(sqlite3.connect(partial)) as copy:
            live.backup(copy)  # one step: one consistent snapshot
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
            _check(copy, str(target))
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise BackupError("sqlite", f"{type(error).__name__}: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


def _check(connection: sqlite3.Connection, name: str) -> None:
    """A sound copy of this assistant's database, or a :class:`BackupError`."""
    try:
        (result,) = connection.execute("PRAGMA integrity_check").fetchone()
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:  # not a database at all
        raise BackupError("not_a_backup", name) from error
    if result != "ok":
        raise BackupError("damaged", name)
    if not set(REQUIRED_TABLES) <= tables:
        raise BackupError("not_a_backup", name)


async def restore_sqlite(backup: Path, database_file: Path) -> Path | None:
    """Replace the database by ``backup``; where the database as it was is kept (None when
    there was none). The assistant must be stopped meanwhile."""
    return await asyncio.to_thread(_restore, backup, database_file)


def _restore(backup: Path, database_file: Path) -> Path | None:
    if not backup.is_file():
        raise BackupError("no_backup", str(backup))
    try:
        with contextlib.closing(sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro",
                                                uri=True)) as source:
            _check(source, str(backup))
            kept = None
            if database_file.is_file() and database_file.stat().st_size > 0:
                kept = database_file.with_name(f"{database_file.name}.before-restore")
                _backup(database_file, kept)
            with contextlib.closing(sqlite3.connect(database_file, timeout=30)) as target:
                source.backup(target)
                _check(target, str(database_file))
    except sqlite3.Error as error:
        raise BackupError("sqlite", f"{type(error).__name__}: {error}") from error
    return kept


# -- copying into PostgreSQL ----------------------------------------------------------------

async def copy_database(source: Database, target: Database, batch: int = BATCH
                        ) -> list[Copied]:
    """Copy every table of ``source`` into ``target``, which must be empty; the row count of
    each table, checked equal on both sides. Both are migrated to the latest revision first."""
    await source.migrate()
    await target.migrate()
    tables = list(Base.metadata.sorted_tables)  # parents before the rows that point to them
    async with target.engine.connect() as connection:
        for table in tables:
            if await _count(connection, table):
                raise BackupError("target_not_empty", table.name)
    copied: list[Copied] = []
    async with source.engine.connect() as reading, target.engine.begin() as writing:
        for table in tables:
            await _copy_table(reading, writing, table, batch)
            rows, written = await _count(reading, table), await _count(writing, table)
            if rows != written:
                raise BackupError("count_mismatch", f"{table.name}: {rows} != {written}")
            copied.append(Copied(table.name, rows))
        if writing.dialect.name == "postgresql":
            await _reset_sequences(writing, tables)
    return copied


async def sqlite_to_postgres(database_file: Path, target: Database, folder: Path
                             ) -> list[Copied]:
    """Copy the SQLite database (a snapshot of it, made in ``folder``) into ``target``."""
    snapshot = folder / "snapshot.sqlite3"
    await backup_sqlite(database_file, snapshot)
    source = Database(f"sqlite+aiosqlite:///{snapshot}")
    try:
        return await copy_database(source, target)
    finally:
        await source.close()


async def _count(connection: AsyncConnection, table: Table) -> int:
    return int((await connection.execute(select(func.count()).select_from(table))).scalar_one())


async def _copy_table(reading: AsyncConnection, writing: AsyncConnection, table: Table,
                      batch: int) -> None:
    """Rows in batches, in primary-key order; a column pointing into its own table (a unit's
    parent, the report a report corrects) is filled in once every row is there."""
    key = list(table.primary_key.columns)
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    later: list[dict[str, Any]] = []
    last: Sequence[Any] | None = None
    while True:
        query = select(table).order_by(*key).limit(batch)
        if last is not None:
            query = query.where(tuple_(*key) > tuple_(*last))
        rows = [dict(row._mapping) for row in await reading.execute(query)]
        if not rows:
            break
        last = [rows[-1][column.name] for column in key]
        for row in rows:
            if own and any(row[name] is not None for name in own):
                later.append({**{c.name: row[c.name] for c in key},
                              **{name: row[name] for name in own}})
                row.update(dict.fromkeys(own))
        await writing.execute(insert(table), rows)
    for values in later:
        match = [column == values[column.name] for column in key]
        await writing.execute(update(table).where(*match).values(
            {name: values[name] for name in own}))


async def _reset_sequences(connection: AsyncConnection, tables: Sequence[Table]) -> None:
    """Rows were written with their ids: each id sequence goes on after the largest."""
    for table in tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or key[0].autoincrement not in (True, "auto") or (
                key[0].type.python_type is not int):
            continue
        name, column = table.name, key[0].name
        await connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{column}'), "
            f"COALESCE(MAX(\"{column}\"), 0) + 1, false) FROM \"{name}\"")
