"""Time and peak memory of the reminder planner at office scale: 2,000 units x 50 dated
obligations (100,000 assignments), each unit with one contact.

    python bench/reminders.py [--units 2000] [--obligations 50] [--database postgresql://…]

Prints, on SQLite (a fresh file) and, with --database, on PostgreSQL (a schema of the run's
own): one planner tick at a busy moment (the reminder time of a day on which many moments fall)
and a year of daily ticks (median and worst tick, total, reminders and messages queued). Peak
memory is Python's own allocations during the tick (tracemalloc). Figures, not assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from handlers.answers import AnswerEngine  # noqa: E402
from handlers.assistant import assemble  # noqa: E402
from handlers.clock import PLAN_TIMEZONE, FixedClock  # noqa: E402
from handlers.reminders import Planner, ReminderSettings  # noqa: E402
from knowledge.loader import build_knowledge  # noqa: E402
from knowledge.schema import Plan, UnitDirectory  # noqa: E402
from storage.database import Database  # noqa: E402
from storage.models import AssignmentRow, ContactRow, UnitRow  # noqa: E402
from storage.uow import UnitOfWork  # noqa: E402

YEAR = 2026
FIRST_DUE = dt.date(YEAR, 1, 20)


def due_days(count: int) -> list[dt.date]:
    """Due days spread over the year, a week apart, several on one day near the busy moment."""
    return [FIRST_DUE + dt.timedelta(days=7 * (n // 2)) for n in range(count)]


def plan(count: int) -> Plan:
    tasks = []
    for n, day in enumerate(due_days(count)):
        phrase = f"trước ngày {day.day}/{day.month}/{YEAR}"
        tasks.append({"id": f"t{n}", "summary": f"Báo cáo chuyên đề số {n} của chi bộ",
                      "text": f"Các chi bộ gửi báo cáo chuyên đề số {n} {phrase}.",
                      "units": [{"unit": "bench.cells"}], "deadline": phrase,
                      "is_report": True})
    return Plan.model_validate({
        "id": "bench", "number": "1-KH/BENCH", "issuer": "Ban Thường vụ Đảng ủy Thử nghiệm",
        "issuer_short": "Đảng ủy Thử nghiệm", "locality": "Thử nghiệm", "organisation": "bench",
        "year": YEAR, "title": "Kế hoạch thử nghiệm nhắc việc",
        "sections": [{"number": "I", "title": "Nhiệm vụ", "tasks": tasks}]})


def directory() -> UnitDirectory:
    return UnitDirectory.model_validate({
        "organisation": "bench", "name": "Đảng bộ Thử nghiệm",
        "units": [{"id": "bench.cells", "name": "Các chi bộ trực thuộc", "organisation": "bench",
                   "kind": "party_cell", "is_group": True}]})


async def populate(database: Database, units: int, obligations: int) -> None:
    now = dt.datetime(YEAR, 1, 1, tzinfo=dt.UTC)
    async with database.engine.begin() as connection:
        await connection.execute(insert(UnitRow), [
            {"key": f"local.{n}", "name": f"Chi bộ số {n}", "name_key": f"chi bo so {n}",
             "kind": "party_cell", "is_group": False, "origin": "import", "created_at": now,
             "group_name": "Các chi bộ trực thuộc"} for n in range(1, units + 1)])
        await connection.execute(insert(ContactRow), [
            {"unit_id": n, "user": f"zalo:{n}", "chat": str(n), "is_primary": True,
             "joined_at": now} for n in range(1, units + 1)])
        rows = [{"task_key": f"bench/t{t}", "unit_id": n, "role": "lead", "source": "import",
                 "assigned_at": now} for n in range(1, units + 1) for t in range(obligations)]
        for start in range(0, len(rows), 10_000):
            await connection.execute(insert(AssignmentRow), rows[start:start + 10_000])


async def timed_tick(planner: Planner, database: Database, at: dt.datetime, *,
                     traced: bool = False) -> tuple[float, int, int, int]:
    """One tick's time, or (``traced``) its peak of Python allocations: tracing slows Python
    down several times, so a tick is timed or traced, never both."""
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    async with UnitOfWork(database.session()) as uow:
        result = await planner.tick(uow, at)
        await uow.commit()
    took = time.perf_counter() - started
    peak = 0
    if traced:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return took, peak, result.sent + result.skipped, result.messages


def local(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=PLAN_TIMEZONE).astimezone(dt.UTC)


async def run(name: str, database: Database, args: argparse.Namespace) -> None:
    await database.migrate()
    await populate(database, args.units, args.obligations)
    kb = build_knowledge([("bench.yaml", plan(args.obligations))], [directory()])
    clock = FixedClock(local(dt.date(YEAR, 1, 1)))
    planner = assemble(AnswerEngine(kb), clock, lambda: UnitOfWork(database.session()),
                       reminders=ReminderSettings()).planner
    await timed_tick(planner, database, local(dt.date(YEAR, 1, 1), 7))  # the first look
    busy = FIRST_DUE - dt.timedelta(days=7)  # 7 days before the first two due days
    planner.calendar.is_working_day(busy)  # the year's holidays, computed once a process
    one, _, reminders, messages = await timed_tick(planner, database, local(busy))
    # The next busy moment (3 days before the next due days), traced for its memory.
    _, peak, _, _ = await timed_tick(planner, database, local(busy + dt.timedelta(days=4)),
                                     traced=True)
    print(f"{name:<11} one busy tick: {one:6.2f} s, peak {peak / 2**20:6.1f} MB (Python "
          f"allocations, a like tick), {reminders} reminders, {messages} messages")
    ticks: list[float] = []
    worst = (0.0, busy, 0)  # the slowest 08:00 tick: seconds, day, reminders
    total_reminders = total_messages = 0
    started = time.perf_counter()
    day = busy + dt.timedelta(days=5)
    for _ in range(args.days):
        took, _, reminders, messages = await timed_tick(planner, database, local(day))
        await timed_tick(planner, database, local(day, 17))  # a quiet tick later that day
        ticks.append(took)
        if took > worst[0]:
            worst = (took, day, reminders)
        total_reminders += reminders
        total_messages += messages
        day += dt.timedelta(days=1)
    total = time.perf_counter() - started
    print(f"{name:<11} {args.days} days of ticks: 08:00 tick median "
          f"{statistics.median(ticks):5.2f} s, worst {worst[0]:5.2f} s ({worst[1]:%d/%m}, "
          f"{worst[2]} reminders); total {total:6.1f} s; "
          f"{total_reminders} reminders, {total_messages} messages; process peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:6.1f} MB")


async def main(args: argparse.Namespace) -> None:
    print(f"units={args.units} obligations={args.obligations} "
          f"assignments={args.units * args.obligations}")
    if not args.postgres_only:
        with tempfile.TemporaryDirectory() as folder:
            sqlite = Database(f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}")
            try:
                await run("SQLite", sqlite, args)
            finally:
                await sqlite.close()
    if args.database:
        postgres = Database(args.database, schema=f"bench_reminders_{os.getpid()}")
        try:
            await run("PostgreSQL", postgres, args)
        finally:
            await postgres.drop_schema()
            await postgres.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--obligations", type=int, default=50)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--database", help="PostgreSQL URL (default: SQLite only)")
    parser.add_argument("--postgres-only", action="store_true", help="skip the SQLite run")
    asyncio.run(main(parser.parse_args()))
