"""The admins' digests: each working day, the units overdue by the set number of working days
(one message, not one per unit); each week, on its first working day, what falls due in the
next two weeks and who is overdue, per plan. Each digest is queued once (by its dedupe key)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.clock import PLAN_TIMEZONE
from handlers.ports import UnitOfWork
from handlers.reminders.calendar import WorkingCalendar
from handlers.reminders.dues import Due
from handlers.reminders.messages import overdue_digest, weekly_digest
from handlers.reminders.settings import ReminderSettings
from handlers.services import Services
from storage.records import NOTICE_PRIORITY, NewMessage

DIGEST_LOOKBACK = dt.timedelta(days=90)  # the digest lists what is overdue up to this long
# (older arrears stay in /tinhhinh and the export: a daily list of them would drown the new)
COMING = dt.timedelta(days=14)


@dataclass
class DigestDays:
    daily: dt.date | None = None
    weekly: dt.date | None = None

    def __bool__(self) -> bool:
        return self.daily is not None or self.weekly is not None


class Digests:
    def __init__(self, services: Services, settings: ReminderSettings,
                 calendar: WorkingCalendar) -> None:
        self.services = services
        self.settings = settings
        self.calendar = calendar

    def days(self, since: dt.datetime, now: dt.datetime) -> DigestDays:
        """The days whose digests fell due in (since, now]; after a downtime only the latest
        of each kind, as with reminders."""
        found = DigestDays()
        if not self.settings.admins:
            return found
        for day in _days(since, now):
            if not self.calendar.is_working_day(day):
                continue
            if since < self.settings.moment(day) <= now:
                found.daily = day
            at = self.settings.moment(day, self.settings.weekly_at)
            if self._first_working_day_of_week(day) and since < at <= now:
                found.weekly = day
        return found

    async def send(self, uow: UnitOfWork, days: DigestDays, items: list[Due],
                   now: dt.datetime) -> int:
        """Queue the digests of ``days`` from what is due; how many messages."""
        queued = 0
        if days.daily is not None:
            queued += await self._overdue(uow, days.daily, items, now)
        if days.weekly is not None:
            queued += await self._weekly(uow, days.weekly, items, now)
        return queued

    async def _overdue(self, uow: UnitOfWork, today: dt.date, items: list[Due],
                       now: dt.datetime) -> int:
        late = []
        for item in _open(items, today - DIGEST_LOOKBACK, today - dt.timedelta(1)):
            days = self.calendar.working_days_after(item.due, today)
            if days >= self.settings.escalate_after:
                late.append((item, days))
        text = overdue_digest(late, today, self.settings.escalate_after)
        if text is None:
            return 0
        return await self._send(uow, f"digest:overdue:{today.isoformat()}", text, now)

    async def _weekly(self, uow: UnitOfWork, today: dt.date, items: list[Due],
                      now: dt.datetime) -> int:
        coming = [i for i in items if today <= i.due <= today + COMING]  # done ones too
        overdue = _open(items, today - DIGEST_LOOKBACK, today - dt.timedelta(1))
        if not coming and not overdue:
            return 0  # nothing to tell: no message
        week = today.isocalendar()
        text = weekly_digest(coming, overdue, today, today + COMING)
        return await self._send(uow, f"digest:weekly:{week.year}-W{week.week:02d}", text, now)

    async def _send(self, uow: UnitOfWork, key: str, text: str, now: dt.datetime) -> int:
        messages = []
        for admin in self.settings.admins:
            channel, _, chat = admin.partition(":")
            messages.append(NewMessage(dedupe_key=f"{key}:{admin}", channel=channel, chat=chat,
                                       text=text, priority=NOTICE_PRIORITY))
        return await uow.outbox.enqueue(messages, now)

    def _first_working_day_of_week(self, day: dt.date) -> bool:
        monday = day - dt.timedelta(days=day.weekday())
        return self.calendar.on_or_after(monday) == day


def _open(items: list[Due], first: dt.date, last: dt.date) -> list[Due]:
    return [i for i in items if first <= i.due <= last and not i.done]


def _days(since: dt.datetime, until: dt.datetime) -> list[dt.date]:
    first = since.astimezone(PLAN_TIMEZONE).date()
    last = until.astimezone(PLAN_TIMEZONE).date()
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
