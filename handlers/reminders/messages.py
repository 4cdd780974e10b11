"""What a reminder and the admins' digests say, from what is due."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from handlers.citations import plan_name
from handlers.reminders.calendar import WorkingCalendar
from handlers.reminders.dues import Due
from handlers.texts import reminders as texts

MAX_DIGEST_LINES = 40


def day_label(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def weekday_label(day: dt.date) -> str:
    return f"{texts.WEEKDAYS[day.weekday()]}, {day_label(day)}"


def time_left(due: dt.date, today: dt.date, calendar: WorkingCalendar) -> str:
    if today < due:
        days = (due - today).days
        return texts.LEFT_TOMORROW if days == 1 else texts.LEFT_DAYS.format(days=days)
    if today == due:
        return texts.LEFT_TODAY
    return texts.LEFT_LATE.format(days=max(1, calendar.working_days_after(due, today)))


def reminder_text(item: Due, today: dt.date, calendar: WorkingCalendar) -> str:
    record = item.obligation.record
    phrase = record.task.deadline or ""
    if item.occurrence.period:
        phrase = texts.REMINDER_PERIOD.format(phrase=phrase, period=item.occurrence.period)
    citation = f"{plan_name(record.plan)}, mục {' và '.join(item.obligation.sections)}"
    # The day the unit is due by (an extension's, when one was approved) is the one shown.
    left = time_left(item.due, today, calendar)
    if item.extended:
        deadline = texts.REMINDER_DEADLINE_EXTENDED.format(
            due=weekday_label(item.due), left=left, phrase=phrase,
            planned=day_label(item.occurrence.due))
    else:
        deadline = texts.REMINDER_DEADLINE.format(phrase=phrase, due=weekday_label(item.due),
                                                  left=left)
    return texts.REMINDER.format(unit=item.unit.name, task=record.task.summary,
                                 deadline=deadline, citation=citation)


def overdue_digest(late: Sequence[tuple[Due, int]], today: dt.date, escalate_after: int
                   ) -> str | None:
    """One message for the admins: the units overdue by ``escalate_after`` working days or
    more, per plan; None when there are none."""
    if not late:
        return None
    lines = [texts.OVERDUE_DIGEST_TITLE.format(days=escalate_after, today=day_label(today))]
    by_plan: dict[str, list[tuple[Due, int]]] = defaultdict(list)
    for item, days in late:
        by_plan[plan_name(item.obligation.record.plan)].append((item, days))
    shown = 0
    for plan, items in sorted(by_plan.items()):
        lines.append(texts.DIGEST_PLAN.format(plan=plan))
        for item, days in sorted(items, key=lambda p: (-p[1], p[0].unit.name)):
            if shown == MAX_DIGEST_LINES:
                break
            lines.append(texts.OVERDUE_DIGEST_LINE.format(
                unit=item.unit.name, task=item.obligation.record.task.summary,
                due=day_label(item.due), late=days))
            shown += 1
    if len(late) > shown:
        lines.append(texts.DIGEST_MORE.format(count=len(late) - shown))
    return "\n".join(lines)


def weekly_digest(coming: Sequence[Due], overdue: Sequence[Due], today: dt.date,
                  until: dt.date) -> str:
    lines = [texts.WEEKLY_DIGEST_TITLE.format(today=day_label(today))]
    per_task: dict[tuple[str, dt.date], list[Due]] = defaultdict(list)
    for item in coming:
        per_task[(item.obligation.key, item.due)].append(item)
    if per_task:
        lines.append(texts.WEEKLY_DUE_TITLE.format(until=day_label(until)))
        for (_, due), items in sorted(per_task.items(), key=lambda p: (p[0][1], p[0][0])):
            record = items[0].obligation.record
            lines.append(texts.WEEKLY_DUE_LINE.format(
                due=day_label(due), task=f"{record.task.summary} ({plan_name(record.plan)})",
                open=sum(not i.done for i in items), total=len(items)))
    if overdue:
        lines.append(texts.WEEKLY_OVERDUE_TITLE)
        for item in sorted(overdue, key=lambda i: (i.due, i.unit.name))[:MAX_DIGEST_LINES]:
            lines.append(texts.WEEKLY_OVERDUE_LINE.format(
                unit=item.unit.name, task=item.obligation.record.task.summary,
                due=day_label(item.due)))
        if len(overdue) > MAX_DIGEST_LINES:
            lines.append(texts.DIGEST_MORE.format(count=len(overdue) - MAX_DIGEST_LINES))
    return "\n".join(lines)
