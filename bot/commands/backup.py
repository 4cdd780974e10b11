"""`troly backup FILE`, `troly restore FILE` (the embedded SQLite database) and `troly
migrate-db --to postgresql://…` (everything from SQLite into an empty PostgreSQL)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.app import database_problem
from bot.config import Settings
from handlers.texts import channels as texts
from storage.backup import BackupError, restore_sqlite, sqlite_file, sqlite_to_postgres
from storage.backup import backup_sqlite as copy_sqlite
from storage.database import Database, async_url


def _problem(error: BackupError) -> str:
    return texts.BACKUP_ERRORS.get(error.code, "{detail}").format(detail=error.detail)


def _database_file(settings: Settings) -> Path | None:
    found = sqlite_file(settings.database_url)
    if found is None:
        print(texts.BACKUP_NOT_SQLITE, file=sys.stderr)
    return found


async def backup(args: argparse.Namespace, settings: Settings) -> int:
    database = _database_file(settings)
    if database is None:
        return 2
    target = Path(args.file)
    try:
        size = await copy_sqlite(database, target)
    except BackupError as error:
        print(_problem(error), file=sys.stderr)
        return 1
    print(texts.BACKUP_DONE.format(database=database, file=target, size=size))
    return 0


async def restore(args: argparse.Namespace, settings: Settings) -> int:
    database = _database_file(settings)
    if database is None:
        return 2
    try:
        kept = await restore_sqlite(Path(args.file), database)
    except BackupError as error:
        print(_problem(error), file=sys.stderr)
        return 1
    print(texts.RESTORE_DONE.format(database=database, file=args.file))
    if kept is not None:
        print(texts.RESTORE_KEPT.format(kept=kept))
    print(texts.RESTORE_NEXT)
    return 0


async def migrate_db(args: argparse.Namespace, settings: Settings) -> int:
    source = _database_file(settings)
    if source is None:
        return 2
    url = async_url(args.to.strip())
    if not url.startswith("postgresql+asyncpg://"):
        print(texts.MIGRATE_NOT_POSTGRES, file=sys.stderr)
        return 2
    schema = args.schema or settings.database_schema
    try:
        target = Database(url, schema=schema)
    except ValueError:
        print(texts.MIGRATE_NOT_POSTGRES, file=sys.stderr)
        return 2
    shown = make_url(args.to.strip()).render_as_string(hide_password=True)
    try:
        with tempfile.TemporaryDirectory(prefix="troly-migrate-") as folder:
            copied = await sqlite_to_postgres(source, target, Path(folder))
    except BackupError as error:
        print(_problem(error), file=sys.stderr)
        return 1
    except Exception as error:  # the server does not answer, refuses the login, a value…
        reason = database_problem(error)
        print(texts.MIGRATE_UNREACHABLE.format(reason=reason), file=sys.stderr)
        return 1
    finally:
        await target.close()
    for table in copied:
        print(texts.MIGRATE_TABLE.format(table=table.table, rows=table.rows))
    print(texts.MIGRATE_DONE.format(rows=sum(t.rows for t in copied), tables=len(copied),
                                    source=source, target=shown))
    print(texts.MIGRATE_NEXT.format(
        target=shown, schema=f" TROLY_DATABASE_SCHEMA={schema}" if schema else ""))
    return 0
