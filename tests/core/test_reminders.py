"""Reminders through the real planner and core, on SQLite and PostgreSQL: the right days (no
weekend, no holiday, swap days honoured), the right hour, none missing, none doubled, none
after "done", none for windows or undated tasks, one per restated duty; downtime, extensions,
pauses, policies and the admins' digests."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable

import pytest

from handlers.answers import AnswerEngine
from handlers.assistant import Assembled, assemble
from handlers.clock import PLAN_TIMEZONE, FixedClock
from handlers.messages import IncomingMessage, Reply
from handlers.occurrences import Occurrence, occurrences
from handlers.reminders import Planner, ReminderPolicy, ReminderSettings, WorkingCalendar
from handlers.texts import reminders as reminder_texts
from storage.database import Database
from storage.records import NewReport, ReminderRecord
from storage.uow import UnitOfWork

D = dt.date
ADMIN = "btg"
CELL = "Chi bộ Văn phòng Sở Tư pháp"
CATEGORY = "Cấp ủy chi, đảng bộ cơ sở"
REPORT = "bd-duk-103-2024/report-3y"  # "trước ngày 25/3/2024", stated in mục II.1.1 and III.2
CONFERENCE = "bd-duk-103-2024/conference-base"  # "hoàn thành trước ngày 30/4/2024"


def at(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PLAN_TIMEZONE).astimezone(
        dt.UTC)


class Office:
    """The core, the planner and the database, with a clock the test moves."""

    def __init__(self, assembled: Assembled, clock: FixedClock, database: Database) -> None:
        self.core, self.planner = assembled.core, assembled.planner
        self.clock, self.database = clock, database

    async def say(self, sender: str, text: str, when: dt.datetime) -> Reply:
        self.clock._instant = when
        [reply] = await self.core.handle(IncomingMessage("console", sender, text, when))
        return reply

    async def tick(self, when: dt.datetime) -> None:
        async with UnitOfWork(self.database.session()) as uow:
            await self.planner.tick(uow, when)
            await uow.commit()

    async def reminders(self) -> list[ReminderRecord]:
        """The reminders of the test's own cell (the plan's other units have no contact)."""
        async with UnitOfWork(self.database.session()) as uow:
            cell = next(u for u in await uow.units.all() if u.name == CELL)
            mine = {a.id for a in await uow.assignments.of_unit(cell.id)}
            found = await uow.reminders.between(at(D(2000, 1, 1)), at(D(2100, 1, 1)))
        return [r for r in found if r.assignment_id in mine]

    async def sent_to(self, chat: str) -> list[str]:
        async with UnitOfWork(self.database.session()) as uow:
            rows = await uow.outbox.claim("t", at(D(2100, 1, 1)), dt.timedelta(0), 10_000,
                                          ["console"])
            await uow.rollback()
        return [r.text for r in sorted(rows, key=lambda r: r.id) if r.chat == chat]

    async def task_of(self, reminder: ReminderRecord) -> str:
        async with UnitOfWork(self.database.session()) as uow:
            assignment = await uow.assignments.get(reminder.assignment_id)
        assert assignment is not None
        return assignment.task_key


OfficeFactory = Callable[..., Awaitable[Office]]


@pytest.fixture
def office(engine: AnswerEngine, database: Database) -> OfficeFactory:
    async def make(calendar: WorkingCalendar | None = None,
                   policy: ReminderPolicy | None = None) -> Office:
        clock = FixedClock(at(D(2024, 3, 1), 9))
        settings = ReminderSettings(admins=("console:btg",), policy=policy or ReminderPolicy())
        assembled = assemble(engine, clock, lambda: UnitOfWork(database.session()),
                             admins=("console:btg",), reminders=settings, calendar=calendar)
        await assembled.core.prepare()
        result = Office(assembled, clock, database)
        start = at(D(2024, 3, 1), 9)
        await result.say(ADMIN, f"/donvi them {CELL}", start)
        grouped = await result.say(ADMIN, f"/donvi nhom {CELL} | {CATEGORY.lower()}", start)
        assert f"vào nhóm: {CATEGORY}" in grouped.text, grouped.text  # the category's name
        assert "Đơn vị nhận 5 nhiệm vụ" in grouped.text, grouped.text
        invite = await result.say(ADMIN, f"/moi {CELL}", start)
        code = next(w for w in invite.text.split() if len(w) == 8 and w.isupper())
        await result.say("cell", code, start)
        await result.tick(start)  # the planner's first look: nothing before today is sent
        return result
    return make


async def replay(office: Office, first: dt.date, last: dt.date) -> None:
    day = first
    while day <= last:
        await office.tick(at(day, 8, 0))
        await office.tick(at(day, 8, 0))  # a second tick at the same moment sends nothing
        await office.tick(at(day, 17, 0))
        day += dt.timedelta(days=1)


def test_policy_days_before_on_and_after_the_due_day() -> None:
    calendar = WorkingCalendar()
    moments = ReminderPolicy().moments(D(2024, 3, 25), calendar, overdue_until=D(2024, 4, 5))
    assert [(m.day, m.kind) for m in moments] == [
        (D(2024, 3, 18), "before:7"),
        (D(2024, 3, 22), "before:1"),  # Sunday's "1 day before" moves to Friday, with "3 days"
        (D(2024, 3, 25), "due"),
        (D(2024, 3, 27), "overdue:2"),
        (D(2024, 3, 29), "overdue:4"),
        (D(2024, 4, 2), "overdue:6"),
        (D(2024, 4, 4), "overdue:8"),
    ]
    early_off = ReminderPolicy().moments(D(2024, 3, 25), calendar, overdue_until=D(2024, 3, 25),
                                         early=False)
    assert [m.kind for m in early_off] == ["before:1", "due"]


def test_working_days_know_tet_holidays_and_the_announced_swaps() -> None:
    calendar = WorkingCalendar(days_off=[D(2024, 2, 7)], working_days=[D(2024, 5, 4)])
    assert not calendar.is_working_day(D(2024, 2, 12))  # Tết Giáp Thìn
    assert not calendar.is_working_day(D(2024, 2, 7))  # an extra day off
    assert calendar.is_working_day(D(2024, 5, 4))  # a Saturday worked in exchange
    assert not calendar.is_working_day(D(2024, 9, 2))
    assert calendar.on_or_before(D(2024, 2, 14)) == D(2024, 2, 6)
    assert calendar.add_working_days(D(2024, 4, 26), 2) == D(2024, 5, 3)  # 29/4–1/5 off


@pytest.mark.parametrize("policy", [ReminderPolicy(before=(0,)), ReminderPolicy(before=(500,)),
                                    ReminderPolicy(overdue_every=-1), ReminderPolicy((), 0)])
def test_absurd_policies_are_refused(policy: ReminderPolicy) -> None:
    with pytest.raises(ValueError):
        policy.check()


async def test_a_term_of_reminders_follows_the_policy(office: OfficeFactory) -> None:
    days_off = [D(2024, 4, 29), D(2024, 4, 30)]
    place: Office = await office(WorkingCalendar(days_off=days_off))
    await replay(place, D(2024, 3, 1), D(2024, 6, 30))
    reminders = await place.reminders()
    by_task: dict[str, list[tuple[dt.date, str]]] = {}
    calendar = WorkingCalendar(days_off=days_off)
    for reminder in reminders:
        local = reminder.moment.astimezone(PLAN_TIMEZONE)
        assert (local.hour, local.minute) == (8, 0)
        assert calendar.is_working_day(local.date()), reminder
        assert reminder.state == "sent"
        task = await place.task_of(reminder)
        by_task.setdefault(task, []).append((local.date(), reminder.kind))
    assert by_task[REPORT][:4] == [(D(2024, 3, 18), "before:7"), (D(2024, 3, 22), "before:1"),
                                   (D(2024, 3, 25), "due"), (D(2024, 3, 27), "overdue:2")]
    days = [day for day, _ in by_task[REPORT]]
    assert len(days) == len(set(days)) and days[-1] <= D(2024, 3, 25) + dt.timedelta(days=60)
    conference = [day for day, _ in by_task[CONFERENCE]]
    assert D(2024, 4, 26) in conference  # 30/4 is a holiday and 29/4 a day off: moved back
    kb = place.core.services.kb
    for key in by_task:  # no window, no undated or ongoing task, no duty stated a second time
        record = kb.tasks_by_key[key]
        assert record.obligation_key == key and record.deadline is not None
        assert record.deadline.kind in ("exact_date", "month", "quarter", "occasion"), key
    assert "bd-duk-103-2024/base-report" not in by_task
    texts = await place.sent_to("cell")
    assert len(texts) == len(reminders)
    first = texts[0]
    assert "NHẮC VIỆC – " + CELL in first and "trước ngày 25/3/2024" in first
    assert "còn 7 ngày" in first and "mục II.1.1 và III.2" in first


async def test_done_stops_and_in_progress_skips_the_early_ones(
        office: OfficeFactory) -> None:
    place: Office = await office()
    await place.say("cell", "đang thực hiện, khoảng 50%", at(D(2024, 3, 4), 10))
    reply = await place.say("cell", "1", at(D(2024, 3, 4), 10))  # which task: report-3y
    assert "Đã ghi nhận" in reply.text or reply.options, reply.text
    await replay(place, D(2024, 3, 5), D(2024, 3, 26))
    report = [r for r in await place.reminders() if await place.task_of(r) == REPORT]
    kinds = [r.kind for r in report]
    assert "before:7" not in kinds and kinds[:2] == ["before:1", "due"]
    done = await place.say("cell", "Đã xong", at(D(2024, 3, 26), 9))
    assert "Đã ghi nhận" in done.text, done.text
    before = len(report)
    await replay(place, D(2024, 3, 27), D(2024, 4, 10))
    report = [r for r in await place.reminders() if await place.task_of(r) == REPORT]
    assert len(report) == before  # nothing after "done"


async def test_a_downtime_sends_only_the_latest_reminder(office: OfficeFactory) -> None:
    place: Office = await office()
    await place.tick(at(D(2024, 3, 15), 8))
    await place.tick(at(D(2024, 3, 26), 10))  # down from 15/3 to 26/3
    report = [r for r in await place.reminders() if await place.task_of(r) == REPORT]
    assert [(r.kind, r.state) for r in report] == [
        ("before:7", "skipped"), ("before:1", "skipped"), ("due", "sent")]
    before = await place.reminders()
    await place.tick(at(D(2024, 3, 26), 10))  # a restart right after: nothing twice
    assert await place.reminders() == before


async def test_two_planners_ticking_together_send_each_reminder_once(
        office: OfficeFactory, engine: AnswerEngine, database: Database) -> None:
    place: Office = await office()
    other = assemble(engine, place.clock, lambda: UnitOfWork(database.session()),
                     admins=("console:btg",)).planner

    async def tick(planner: Planner) -> None:
        async with UnitOfWork(database.session()) as uow:
            await planner.tick(uow, at(D(2024, 3, 18), 8))
            await uow.commit()

    await asyncio.gather(tick(place.planner), tick(other))
    assert len(await place.reminders()) == 1
    assert len(await place.sent_to("cell")) == 1


async def test_an_answer_to_a_reminder_reports_on_its_task(office: OfficeFactory) -> None:
    place: Office = await office()
    await place.tick(at(D(2024, 3, 18), 8))
    reply = await place.say("cell", "đã gửi báo cáo số 12-BC/CB ngày 18/3", at(D(2024, 3, 18), 9))
    assert "Đã ghi nhận báo cáo" in reply.text and "sơ kết" in reply.text, reply.text
    asked = await place.say("cell", "hạn nộp báo cáo sơ kết là ngày nào?", at(D(2024, 3, 18), 9))
    assert "25/3/2024" in asked.text  # a question is still answered


async def test_an_extension_moves_the_due_day_and_its_reminders(
        office: OfficeFactory) -> None:
    place: Office = await office()
    await place.tick(at(D(2024, 3, 25), 8))
    asked = await place.say("cell", "3", at(D(2024, 3, 25), 9))  # "Xin gia hạn"
    assert "đến ngày nào" in asked.text, asked.text
    early = await place.say("cell", "20/3", at(D(2024, 3, 25), 9))
    assert "phải sau hạn hiện nay" in early.text  # before the due day: nothing saved
    sent = await place.say("cell", "5/4/2024", at(D(2024, 3, 25), 9))
    assert "Đã gửi đề nghị gia hạn" in sent.text, sent.text
    notices = await place.sent_to("btg")
    assert any("ĐỀ NGHỊ GIA HẠN" in n and "05/04/2024" in n for n in notices), notices
    decided = await place.say(ADMIN, "1", at(D(2024, 3, 25), 10))  # "Đồng ý"
    assert "hạn mới là 05/04/2024" in decided.text, decided.text
    again = await place.say(ADMIN, "/giahan 1 tuchoi", at(D(2024, 3, 25), 10))
    assert "đã được quyết định" in again.text
    await replay(place, D(2024, 3, 26), D(2024, 4, 9))
    report = [r for r in await place.reminders() if await place.task_of(r) == REPORT]
    moments = [(r.moment.astimezone(PLAN_TIMEZONE).date(), r.kind) for r in report]
    assert (D(2024, 3, 27), "overdue:2") not in moments  # not late against the new date
    assert (D(2024, 4, 5), "due") in moments
    assert any("hạn mới là 05/04/2024" in t for t in await place.sent_to("cell"))


async def test_pauses_policies_and_bad_input(office: OfficeFactory) -> None:
    place: Office = await office()
    when = at(D(2024, 3, 2), 9)
    assert "Đã tạm dừng" in (await place.say(ADMIN, f"/tamdung donvi {CELL}", when)).text
    await replay(place, D(2024, 3, 3), D(2024, 3, 19))
    assert await place.reminders() == []
    assert "nhắc việc trở lại" in (await place.say(ADMIN, f"/tieptuc donvi {CELL}", when)).text
    for bad in ("/chinhnhac Kế hoạch 103 | -3 | 2", "/chinhnhac Kế hoạch 103 | 500 | 2",
                "/chinhnhac Kế hoạch 103 | 5 | 99", "/chinhnhac Kế hoạch 103 | năm | 2"):
        assert "Cách dùng" in (await place.say(ADMIN, bad, when)).text, bad
    missing = await place.say(ADMIN, "/tamdung donvi Chi bộ Không Có", when)
    assert "không tìm thấy" in missing.text.lower()
    unknown = await place.say(ADMIN, "/tamdung giá vàng hôm nay", when)
    assert "chưa thay đổi gì" in unknown.text
    set_ = await place.say(ADMIN, "/chinhnhac Kế hoạch 103 | 10, 2 | 0", when)
    assert "trước hạn 10, 2 ngày" in set_.text, set_.text
    await replay(place, D(2024, 3, 20), D(2024, 4, 5))
    report = [r for r in await place.reminders() if await place.task_of(r) == REPORT]
    assert [r.kind for r in report] == ["before:2", "due"]  # 15/3 passed while paused
    preview = await place.say(ADMIN, "/lichnhac 30", at(D(2024, 4, 5), 9))
    assert "Lịch nhắc việc 30 ngày tới" in preview.text and CELL in preview.text


async def test_admins_get_daily_and_weekly_digests(office: OfficeFactory) -> None:
    place: Office = await office()
    await replay(place, D(2024, 3, 18), D(2024, 4, 2))
    notices = await place.sent_to("btg")
    daily = [n for n in notices if n.startswith("TỔNG HỢP ĐƠN VỊ QUÁ HẠN")]
    weekly = [n for n in notices if n.startswith("TỔNG HỢP TUẦN")]
    days = [n.split("), ngày ")[1][:10] for n in daily]
    assert len(days) == len(set(days))  # one digest a day at most
    mine = [n for n in daily if CELL in n]
    assert [n.split("), ngày ")[1][:10] for n in mine] == ["01/04/2024", "02/04/2024"]
    assert f"{CELL}: Gửi báo cáo sơ kết 03 năm" in mine[0] and "quá 5 ngày làm việc" in mine[0]
    assert len(weekly) == 3 and "25/03/2024" in weekly[0]
    assert reminder_texts.WEEKLY_DUE_TITLE.split(" (")[0] in weekly[0]


def expected_day(reminder: ReminderRecord, calendar: WorkingCalendar) -> dt.date:
    """The day the policy sends a reminder of this kind for its due day."""
    due = reminder.due_date
    kind, _, number = reminder.kind.partition(":")
    if kind == "before":
        return calendar.on_or_before(due - dt.timedelta(days=int(number)))
    if kind == "overdue":
        return calendar.add_working_days(due, int(number))
    return calendar.on_or_before(due)


def chase_until(occurrence: Occurrence) -> dt.date:
    """60 days after the due day, or for a recurring obligation until the next period's
    first reminder (7 days before its due day)."""
    until = occurrence.due + dt.timedelta(days=60)
    if occurrence.next_due is not None:
        until = min(until, occurrence.next_due - dt.timedelta(days=8))
    return until


async def test_two_years_of_the_seed_plans_hold_to_the_policy(
        engine: AnswerEngine, database: Database) -> None:
    """Every assignment of the three seed plans, every working day of 2022–2024: each reminder
    on the day and at the hour the policy gives, none twice, none missing, none after done."""
    days_off, swaps = [D(2023, 1, 3), D(2024, 4, 29)], [D(2023, 1, 7), D(2024, 5, 4)]
    calendar = WorkingCalendar(days_off=days_off, working_days=swaps)
    clock = FixedClock(at(D(2022, 11, 1), 7))
    assembled = assemble(engine, clock, lambda: UnitOfWork(database.session()),
                         admins=("console:btg",), calendar=calendar)
    await assembled.core.prepare()
    place = Office(assembled, clock, database)
    await place.tick(at(D(2022, 11, 1), 7))
    done_on = D(2024, 3, 20)
    day = D(2022, 11, 2)
    while day <= D(2024, 12, 31):
        await place.tick(at(day, 8, 0))
        if day == done_on:  # one unit reports the 103-KH report done, five days early
            async with UnitOfWork(database.session()) as uow:
                unit = await uow.units.by_key("bd-duk.btv-doan-khoi")
                assert unit is not None
                await uow.reports.add(NewReport(
                    task_key=REPORT, unit_id=unit.id, status="done", raw_text="xong",
                    author="console:doan", channel="console", reported_at=at(day, 9)))
                await uow.commit()
        day += dt.timedelta(days=1)
    async with UnitOfWork(database.session()) as uow:
        found = await uow.reminders.between(at(D(2000, 1, 1)), at(D(2100, 1, 1)))
        assignments = {a.id: a for a in await uow.assignments.all()}
        units = {u.id: u for u in await uow.units.all()}
    kb = engine.kb
    policy = ReminderPolicy()
    assert len(found) > 500 and {r.state for r in found} == {"sent"}
    seen: set[tuple[int, dt.date]] = set()
    first, last = D(2022, 11, 2), D(2024, 12, 31)
    for reminder in found:
        local = reminder.moment.astimezone(PLAN_TIMEZONE)
        assignment = assignments[reminder.assignment_id]
        record = kb.obligations[assignment.task_key].record
        periods = {o.key: o.due for o in occurrences(record, D(2000, 1, 1), D(2100, 1, 1))}
        assert periods.get(reminder.occurrence) == reminder.due_date  # a real due day
        assert not units[assignment.unit_id].is_group  # a category is never reminded
        assert (local.hour, local.minute) == (8, 0) and calendar.is_working_day(local.date())
        assert (assignment.id, local.date()) not in seen  # two moments on one day are one
        seen.add((assignment.id, local.date()))
        assert local.date() == expected_day(reminder, calendar), reminder
    # None missing: every moment the policy gives within the replay, for each assignment.
    by_assignment: dict[int, set[dt.date]] = {}
    for reminder in found:
        by_assignment.setdefault(reminder.assignment_id, set()).add(
            reminder.moment.astimezone(PLAN_TIMEZONE).date())
    for assignment in assignments.values():
        obligation = kb.obligations.get(assignment.task_key)
        unit = units.get(assignment.unit_id)
        if obligation is None or unit is None or unit.is_group:
            continue
        wanted = {m.day for o in occurrences(obligation.record, D(2000, 1, 1), D(2100, 1, 1))
                  for m in policy.moments(o.due, calendar, overdue_until=chase_until(o))
                  if first <= m.day <= last}
        if not wanted:
            assert assignment.id not in by_assignment, assignment  # undated, ongoing
            continue
        if unit.key == "bd-duk.btv-doan-khoi" and assignment.task_key == REPORT:
            wanted = {d for d in wanted if d <= done_on}  # none after "done"
        got = by_assignment.get(assignment.id, set())
        assert got == wanted, (assignment.task_key, unit.key, sorted(wanted ^ got))


async def test_what_an_older_release_recorded_on_a_restated_duty_moves_to_the_duty(
        engine: AnswerEngine, database: Database) -> None:
    """Before obligations, mục III.2's restatement of the 103-KH report was a task of its own:
    its assignments and reports move to the one obligation, none lost, none doubled."""
    restated = "bd-duk-103-2024/base-report"
    clock = FixedClock(at(D(2024, 3, 1), 9))
    first = assemble(engine, clock, lambda: UnitOfWork(database.session())).core
    await first.prepare()
    async with UnitOfWork(database.session()) as uow:
        doan = await uow.units.by_key("bd-duk.btv-doan-khoi")
        assert doan is not None
        # What the older release left: the unit assigned both tasks, a report on the copy.
        await uow.assignments.add(task_key=restated, unit_id=doan.id, role="lead",
                                  source="plan", assigned_by=None, now=clock.now())
        await uow.reports.add(NewReport(
            task_key=restated, unit_id=doan.id, status="done", raw_text="đã gửi bc",
            author="console:doan", channel="console", reported_at=clock.now()))
        await uow.commit()
    await assemble(engine, clock, lambda: UnitOfWork(database.session())).core.prepare()
    async with UnitOfWork(database.session()) as uow:
        keys = [a.task_key for a in await uow.assignments.of_unit(doan.id)]
        latest = await uow.reports.latest_by_occurrence(doan.id)
    assert restated not in keys and keys.count(REPORT) == 1
    assert latest[(REPORT, doan.id, "")].raw_text == "đã gửi bc"
