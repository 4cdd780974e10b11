"""/tinhhinh: who has reported on what — an overview, one task across units, or one unit."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from handlers.citations import plan_name
from handlers.dialogue import Dialogue
from handlers.messages import Reply
from handlers.reports.states import AssignmentState, assignment_states
from handlers.services import Services
from handlers.tasks import (
    STATE_LABELS,
    OfficeState,
    by_due,
    due_date,
    report_label,
    task_label,
)
from handlers.texts import core as core_texts
from handlers.texts import reports as texts
from handlers.turn import Turn
from knowledge.loader import TaskRecord
from knowledge.textnorm import fold
from storage.records import UnitRecord

MAX_OVERVIEW_TASKS = 15
MAX_LATE_UNITS = 5


class StatusTaskDialogue(Dialogue):
    """The admin picks which of several matching tasks to see."""

    FLOW: ClassVar[str] = "status_task"

    tasks: tuple[str, ...]


def counts_line(counts: Counter[str], separator: str = "; ") -> str:
    return separator.join(f"{STATE_LABELS[state]}: {counts.get(state, 0)}"
                          for state in OfficeState)


class StatusViews:
    def __init__(self, services: Services) -> None:
        self.services = services

    async def _states(self, turn: Turn) -> list[AssignmentState]:
        return await assignment_states(turn.uow, self.services.tasks)

    async def status(self, turn: Turn, args: str) -> Reply:
        if not args.strip():
            return await self._summary(turn)
        plan = self._plan_named(turn, args)
        if plan is not None:
            return await self._overview(turn, plan)
        directory = self.services.directory
        found = await directory.lookup(turn.uow, args, include_retired=True)
        if len(found.exact) == 1:
            return await self._unit_view(turn, found.exact[0])
        tasks = self.services.tasks.find(args, turn.today)
        if len(tasks) == 1:
            return await self._task_view(turn, tasks[0])
        if tasks:
            return turn.ask(texts.TASK_WHICH, tuple(task_label(t) for t in tasks),
                            StatusTaskDialogue(tasks=tuple(t.key for t in tasks)))
        unit = await directory.resolve(turn, args, "/tinhhinh")
        if isinstance(unit, Reply):
            return unit if unit.options else turn.reply(texts.STATUS_NOT_FOUND.format(text=args))
        return await self._unit_view(turn, unit)

    async def continue_flow(self, turn: Turn, state: Dialogue, choice: int | None,
                            _text: str) -> Reply | None:
        assert isinstance(state, StatusTaskDialogue)
        if choice is None:
            return None
        record = self.services.tasks.tasks.get(state.tasks[choice])
        if record is None:
            return turn.reply(texts.REPORT_TASK_GONE)
        return await self._task_view(turn, record)

    def _plan_named(self, turn: Turn, text: str) -> str | None:
        """The plan an argument names on its own ("103", "Kế hoạch 103", "KH Sơn La")."""
        key = fold(text).strip()
        if not (key.isdigit() or key.startswith(("ke hoach", "kh ", "kehoach"))):
            return None
        plans = self.services.tasks.plans_named(text if not key.isdigit() else f"KH {text}",
                                                turn.today)
        return next(iter(plans)) if plans and len(plans) == 1 else None

    async def _summary(self, turn: Turn) -> Reply:
        """A few lines per plan: the counts per state and the units most overdue."""
        states = await self._states(turn)
        if not states:
            return turn.reply(texts.STATUS_NOTHING)
        lines = [texts.SUMMARY_TITLE.format(today=f"{turn.today:%d/%m/%Y}",
                                            units=len({r.unit.id for r in states}),
                                            assignments=len(states))]
        by_plan: dict[str, list[AssignmentState]] = {}
        for row in states:
            by_plan.setdefault(plan_name(row.record.plan), []).append(row)
        for plan, rows in by_plan.items():
            counts: Counter[str] = Counter(r.state(turn.today)
                                           for r in rows)
            lines.append(texts.SUMMARY_PLAN.format(
                plan=plan, tasks=len({r.record.key for r in rows}),
                units=len({r.unit.id for r in rows})))
            lines.append(texts.SUMMARY_COUNTS.format(counts=counts_line(counts)))
            late = Counter(r.unit.name for r in rows
                           if r.state(turn.today)
                           is OfficeState.OPEN_OVERDUE)
            if late:
                lines.append(texts.SUMMARY_LATE.format(units="; ".join(
                    texts.SUMMARY_LATE_UNIT.format(unit=u, count=n)
                    for u, n in late.most_common(MAX_LATE_UNITS))))
        lines.append(texts.SUMMARY_HINT)
        return turn.reply("\n".join(lines))

    async def _overview(self, turn: Turn, plan_id: str) -> Reply:
        per_task: dict[str, Counter[str]] = {}
        records: dict[str, TaskRecord] = {}
        for row in await self._states(turn):
            if row.record.plan.id != plan_id:
                continue
            counts = per_task.setdefault(row.record.key, Counter())
            counts[row.state(turn.today)] += 1
            counts["unreported"] += row.latest is None
            records[row.record.key] = row.record
        if not per_task:
            return turn.reply(texts.STATUS_NOTHING)
        ordered = sorted(records.values(), key=lambda r: (due_date(r) is None,
                                                          due_date(r) or turn.today, r.key))
        lines = [texts.PLAN_TASKS_TITLE.format(plan=plan_name(self.services.kb.plan(plan_id)),
                                               today=f"{turn.today:%d/%m/%Y}")]
        for record in ordered[:MAX_OVERVIEW_TASKS]:
            counts = per_task[record.key]
            lines.append(texts.STATUS_OVERVIEW_LINE.format(
                task=task_label(record), counts=counts_line(counts),
                unreported=counts["unreported"]))
        if len(ordered) > MAX_OVERVIEW_TASKS:
            lines.append(core_texts.MORE_ITEMS.format(count=len(ordered) - MAX_OVERVIEW_TASKS))
        lines.append(texts.STATUS_HINT)
        return turn.reply("\n".join(lines))

    async def _task_view(self, turn: Turn, record: TaskRecord) -> Reply:
        mine = [row for row in await self._states(turn) if row.record.key == record.key]
        if not mine:
            return turn.reply(texts.STATUS_TASK_UNASSIGNED.format(task=task_label(record)))
        counts: Counter[str] = Counter(row.state(turn.today)
                                       for row in mine)
        silent = sorted(row.unit.name for row in mine if row.latest is None)
        lines = [texts.STATUS_TASK_TITLE.format(task=task_label(record),
                                                today=f"{turn.today:%d/%m/%Y}"),
                 counts_line(counts, separator="\n")]
        if silent:
            lines.append(texts.STATUS_SILENT.format(count=len(silent), names="; ".join(silent)))
        else:
            lines.append(texts.STATUS_ALL_REPORTED)
        return turn.reply("\n".join(lines))

    async def _unit_view(self, turn: Turn, unit: UnitRecord) -> Reply:
        mine = [row for row in await self._states(turn) if row.unit.id == unit.id]
        if not mine:
            return turn.reply(texts.STATUS_UNIT_NO_TASKS.format(unit=unit.name))
        lines = [texts.STATUS_UNIT_TITLE.format(unit=unit.name, today=f"{turn.today:%d/%m/%Y}")]
        for row in sorted(mine, key=lambda r: (due_date(r.record) is None,
                                               due_date(r.record) or turn.today)):
            state = STATE_LABELS[row.state(turn.today)]
            last = report_label(row.latest) if row.latest else texts.NOT_REPORTED
            lines.append(texts.STATUS_UNIT_LINE.format(task=task_label(row.record), state=state,
                                                       last=last))
        return turn.reply("\n".join(lines))

    async def my_tasks(self, turn: Turn, _args: str) -> Reply:
        """/viec: a contact's own units' tasks, soonest due first, with their state."""
        mine = {c.unit_id for c in turn.contacts}
        rows = [row for row in await self._states(turn) if row.unit.id in mine]
        if not rows:
            units = await turn.uow.units.many(mine)
            names = "; ".join(u.name for u in units.values()) or "—"
            return turn.reply(texts.MY_TASKS_NONE.format(unit=names))
        lines: list[str] = []
        for unit_id in sorted({r.unit.id for r in rows}):
            unit_rows = sorted((r for r in rows if r.unit.id == unit_id),
                               key=lambda r: by_due(r.record))
            lines.append(texts.MY_TASKS_TITLE.format(unit=unit_rows[0].unit.name,
                                                     today=f"{turn.today:%d/%m/%Y}"))
            for row in unit_rows:
                state = STATE_LABELS[row.state(turn.today)]
                last = report_label(row.latest) if row.latest else texts.NOT_REPORTED
                lines.append(texts.MY_TASK_LINE.format(
                    task=f"{row.record.task.summary} (mục {row.record.section_ref})",
                    when=row.record.task.deadline or texts.NO_TIME_SHORT, state=state,
                    last=last))
        lines.append(texts.MY_TASKS_HINT)
        return turn.reply("\n".join(lines))
