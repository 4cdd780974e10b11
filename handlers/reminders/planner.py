"""The planner tick: from what is due and the policy, the reminders that fell due since the last
tick, each recorded once (a unique row) with its messages in the outbox, in one transaction.

Idempotent by construction: a moment is sent by whoever records it first; a second tick at the
same moment, a restart right after a tick, or a second process finds the row there and sends
nothing. After a downtime each assignment gets at most one reminder — the latest that fell due
meanwhile — and the older moments are recorded as skipped, not sent late. A new installation
does not remind of days before it started.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from handlers.clock import PLAN_TIMEZONE
from handlers.ports import UnitOfWork
from handlers.prompts import RemindedItem, with_reminders
from handlers.reminders.calendar import WorkingCalendar
from handlers.reminders.digests import COMING, DIGEST_LOOKBACK, DigestDays, Digests
from handlers.reminders.dues import Due, dues
from handlers.reminders.messages import reminder_text
from handlers.reminders.policy import Moment, ReminderPolicy
from handlers.reminders.settings import ReminderSettings
from handlers.services import Services
from handlers.texts import reminders as texts
from storage.records import ContactRecord, NewMessage, NewReminder, ReminderState


@dataclass(frozen=True)
class Planned:
    """One reminder the planner sends (or, in a preview, would send)."""

    item: Due
    moment: Moment
    at: dt.datetime  # aware UTC
    send: bool = True  # False: fell due during a downtime behind a later one, skipped


@dataclass
class TickResult:
    sent: int = 0
    skipped: int = 0
    messages: int = 0
    digests: int = 0
    planned: list[Planned] = field(default_factory=list)


class Planner:
    def __init__(self, services: Services, settings: ReminderSettings,
                 calendar: WorkingCalendar) -> None:
        self.services = services
        self.settings = settings
        self.calendar = calendar
        self.digests = Digests(services, settings, calendar)
        self._moments: dict[tuple[dt.date, ReminderPolicy, bool, dt.date | None],
                            list[tuple[dt.datetime, Moment]]] = {}

    @property
    def lookback(self) -> dt.timedelta:
        """How far back a tick looks for moments it missed: the latest moment of a due day
        comes this long after it."""
        return self._after() + dt.timedelta(days=1)

    def _after(self) -> dt.timedelta:
        return dt.timedelta(days=self.settings.stop_after_days)

    def _before(self, policies: Mapping[tuple[str, str], ReminderPolicy]) -> dt.timedelta:
        """How long before its due day an obligation's first reminder can come."""
        days = [d for p in (self.settings.policy, *policies.values()) for d in p.before]
        return dt.timedelta(days=max(days, default=0) + 1)

    async def tick(self, uow: UnitOfWork, now: dt.datetime) -> TickResult:
        last = await uow.planner.last_tick()
        since = last if last is not None else self._start_of_day(now)
        since = max(since, now - self.lookback)
        result = TickResult()
        remind = since < now and self._reminder_time_between(since, now)
        digests = self.digests.days(since, now) if since < now else DigestDays()
        if remind or digests:
            policies = await self._policies(uow)
            # What is due is read once a tick, for the reminders and the digests alike.
            items = await dues(uow, self.services.kb,
                               self._day(since) - max(self._after(), DIGEST_LOOKBACK),
                               self._day(now) + max(self._before(policies), COMING))
            if remind:
                await self._remind(uow, since, now, result, items, policies)
            result.digests = await self.digests.send(uow, digests, items, now)
        await uow.planner.advance(now)
        return result

    async def preview(self, uow: UnitOfWork, start: dt.datetime, end: dt.datetime
                      ) -> list[Planned]:
        """The reminders that would go between ``start`` and ``end`` as things stand."""
        policies = await self._policies(uow)
        items = await dues(uow, self.services.kb, self._day(start) - self._after(),
                           self._day(end) + self._before(policies))
        return self._plan(items, policies, start, end, catch_up=False)

    # -- planning -------------------------------------------------------------------------

    async def _remind(self, uow: UnitOfWork, since: dt.datetime, now: dt.datetime,
                      result: TickResult, items: list[Due],
                      policies: Mapping[tuple[str, str], ReminderPolicy]) -> None:
        planned = self._plan(items, policies, since, now, catch_up=True)
        rows = [NewReminder(p.item.assignment, p.item.occurrence.key, p.at, p.moment.kind,
                            ReminderState.SENT if p.send else ReminderState.SKIPPED, p.item.due)
                for p in planned]
        recorded = await uow.reminders.record(rows, now)
        chosen = {(p.item.assignment, p.item.occurrence.key, p.at): p for p in planned}
        contacts = await self._contacts(uow)
        sent = [(row, chosen[(row.assignment_id, row.occurrence, row.moment)])
                for row in recorded if row.state == ReminderState.SENT]
        result.skipped = len(recorded) - len(sent)
        result.sent = len(sent)
        users = {c.user for _, plan in sent for c in contacts.get(plan.item.unit.id, ())}
        dialogues = await uow.dialogues.many(users)
        reminded: dict[str, list[RemindedItem]] = {}
        messages: list[NewMessage] = []
        today = self._day(now)
        for row, plan in sent:
            result.planned.append(plan)
            text = reminder_text(plan.item, today, self.calendar)
            item = RemindedItem(unit=plan.item.unit.id, task=plan.item.obligation.key,
                                occurrence=plan.item.occurrence.key)
            for contact in contacts.get(plan.item.unit.id, ()):
                messages.append(NewMessage(
                    dedupe_key=f"reminder:{row.id}:{contact.id}", channel=contact.channel,
                    chat=contact.chat, text=text, contact_id=contact.id,
                    options=texts.REMINDER_OPTIONS))
                reminded.setdefault(contact.user, []).append(item)
        # Each contact's next answer is about their newest reminder, unless they are busy.
        changed: dict[str, dict[str, Any]] = {}
        for user, their in reminded.items():
            state = with_reminders(dialogues.get(user), their, texts.REMINDER_OPTIONS)
            if state is not None:
                changed[user] = state
        await uow.dialogues.put_many(changed, now)
        result.messages = await uow.outbox.enqueue(messages, now)

    def _plan(self, items: list[Due], policies: Mapping[tuple[str, str], ReminderPolicy],
              since: dt.datetime, until: dt.datetime, *, catch_up: bool) -> list[Planned]:
        """The moments in (since, until], per assignment: all of them, or with ``catch_up``
        the latest one marked to send and the older ones to skip (in that order)."""
        planned: list[Planned] = []
        # Thousands of units share each due day and policy: their moments are found once.
        found: dict[tuple[dt.date, ReminderPolicy, bool, dt.date | None],
                    list[tuple[dt.datetime, Moment]]] = {}
        for item in items:
            if item.done:
                continue
            key = (item.due, self._policy_of(item, policies), not item.in_progress,
                   item.occurrence.next_due)
            due_now = found.get(key)
            if due_now is None:
                timed = self._moments_of(*key)
                start = bisect_right(timed, since, key=lambda pair: pair[0])
                end = bisect_right(timed, until, key=lambda pair: pair[0])
                due_now = found[key] = timed[start:end]
            if not due_now:
                continue
            if catch_up:
                *older, (at, latest) = due_now
                planned.extend(Planned(item, m, when, send=False) for when, m in older)
                planned.append(Planned(item, latest, at))
            else:
                planned.extend(Planned(item, m, at) for at, m in due_now)
        return planned

    def _moments_of(self, due: dt.date, policy: ReminderPolicy, early: bool,
                    next_due: dt.date | None) -> list[tuple[dt.datetime, Moment]]:
        """The due day's moments with their UTC instants, soonest first (cached). A recurring
        obligation's period is chased until the next period's reminders begin."""
        key = (due, policy, early, next_due)
        if key not in self._moments:
            if len(self._moments) > 10_000:
                self._moments.clear()
            until = due + dt.timedelta(days=self.settings.stop_after_days)
            if next_due is not None:
                until = min(until, next_due - dt.timedelta(days=max(policy.before, default=0) + 1))
            moments = policy.moments(due, self.calendar, overdue_until=until, early=early)
            self._moments[key] = [(self.settings.moment(m.day), m) for m in moments]
        return self._moments[key]

    async def _policies(self, uow: UnitOfWork) -> Mapping[tuple[str, str], ReminderPolicy]:
        return {(p.scope, p.key): ReminderPolicy(tuple(p.before), p.overdue_every)
                for p in await uow.policies.all()}

    def _policy_of(self, item: Due, policies: Mapping[tuple[str, str], ReminderPolicy]
                   ) -> ReminderPolicy:
        return (policies.get(("task", item.obligation.key))
                or policies.get(("plan", item.obligation.record.plan.id))
                or self.settings.policy)

    async def _contacts(self, uow: UnitOfWork) -> dict[int, list[ContactRecord]]:
        grouped: dict[int, list[ContactRecord]] = defaultdict(list)
        for contact in await uow.contacts.reachable():
            grouped[contact.unit_id].append(contact)
        return grouped

    # -- time -----------------------------------------------------------------------------

    @staticmethod
    def _day(moment: dt.datetime) -> dt.date:
        return moment.astimezone(PLAN_TIMEZONE).date()

    def _start_of_day(self, now: dt.datetime) -> dt.datetime:
        local = dt.datetime.combine(self._day(now), dt.time(0), tzinfo=PLAN_TIMEZONE)
        return local.astimezone(dt.UTC)

    def _reminder_time_between(self, since: dt.datetime, until: dt.datetime) -> bool:
        """Whether the daily reminder time of some day falls in (since, until]: most ticks
        (every minute) find none and read nothing from the database."""
        day = self._day(since)
        while day <= self._day(until):
            if since < self.settings.moment(day) <= until:
                return True
            day += dt.timedelta(days=1)
        return False
