"""Admin views of who does what and who has reported: /giao, /tinhhinh, /xuat, /nhatky."""

from __future__ import annotations

from collections import Counter
from typing import Any

from handlers import texts
from handlers.citations import plan_name
from handlers.clock import PLAN_TIMEZONE
from handlers.directory import UnitDirectory, names_all_cells
from handlers.exports import STATE_LABELS, OfficeState, StatusRow, render_chart, render_xlsx
from handlers.messages import Attachment, Reply
from handlers.progress import (
    STATUS_LABELS,
    TaskFinder,
    due_date,
    office_state,
    report_label,
    task_label,
)
from handlers.status_reading import ReportStatus
from handlers.turn import Turn
from handlers.units_admin import UnitsAdmin, split_args
from knowledge.loader import TaskRecord
from storage.models import StatusReportRow, UnitRow

MAX_OVERVIEW_TASKS = 15
MAX_AUDIT_LINES = 50
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class StatusAdmin:
    def __init__(self, finder: TaskFinder, directory: UnitDirectory, units: UnitsAdmin) -> None:
        self.finder = finder
        self.directory = directory
        self.units = units

    # -- /giao -----------------------------------------------------------------------------

    async def assign(self, turn: Turn, args: str) -> Reply:
        parts = split_args(args)
        if len(parts) != 2 or not parts[0] or not parts[1]:
            return turn.reply(texts.ASSIGN_USAGE)
        tasks = self.finder.find(parts[0], turn.today)
        if not tasks:
            return turn.reply(texts.TASK_NOT_FOUND.format(text=parts[0]))
        if len(tasks) > 1:
            return turn.ask(texts.TASK_WHICH, tuple(task_label(t) for t in tasks),
                            {"flow": "assign", "tasks": [t.key for t in tasks],
                             "target": parts[1]})
        return await self._assign(turn, tasks[0], parts[1])

    async def continue_assign(self, turn: Turn, state: dict[str, Any], choice: int) -> Reply:
        record = self.finder.tasks.get(state["tasks"][choice])
        if record is None:
            return turn.reply(texts.REPORT_TASK_GONE)
        return await self._assign(turn, record, state["target"])

    async def _assign(self, turn: Turn, record: TaskRecord, target: str) -> Reply:
        units = await self._audience(turn, target)
        if isinstance(units, Reply):
            return units
        added = 0
        for unit in units:
            added += await turn.uow.assignments.add(
                task_key=record.key, unit_id=unit.id, role="lead", source="admin",
                assigned_by=turn.user, now=turn.now)
        turn.record("task_assigned", record.key, units=[u.name for u in units], added=added)
        return turn.reply(texts.ASSIGNED.format(task=task_label(record), count=len(units),
                                                added=added, already=len(units) - added))

    async def _audience(self, turn: Turn, target: str) -> list[UnitRow] | Reply:
        if names_all_cells(target):
            cells = await self.directory.all_cells(turn.uow)
            return cells or turn.reply(texts.NO_CELLS)
        group = target.strip()
        if group.lower().startswith(("nhóm ", "nhom ")):
            members = await self.directory.in_group(turn.uow, group.split(" ", 1)[1])
            return members or turn.reply(texts.GROUP_EMPTY.format(group=group.split(" ", 1)[1]))
        units: list[UnitRow] = []
        for name in (n for n in target.split(";") if n.strip()):
            unit = await self.units.resolve(turn, name, "/donvi xem")
            if isinstance(unit, Reply):
                turn.next_dialogue = None  # the choices would rerun another command
                return turn.reply(texts.ASSIGN_UNKNOWN_UNIT.format(name=name.strip()))
            units.append(unit)
        return units

    # -- /tinhhinh -------------------------------------------------------------------------

    async def status(self, turn: Turn, args: str) -> Reply:
        if not args.strip():
            return await self._overview(turn)
        found = await self.directory.lookup(turn.uow, args, include_retired=True)
        if len(found.exact) == 1:
            return await self._unit_view(turn, found.exact[0])
        tasks = self.finder.find(args, turn.today)
        if len(tasks) == 1:
            return await self._task_view(turn, tasks[0])
        if tasks:
            return turn.ask(texts.TASK_WHICH, tuple(task_label(t) for t in tasks),
                            {"flow": "status_task", "tasks": [t.key for t in tasks]})
        unit = await self.units.resolve(turn, args, "/tinhhinh")
        if isinstance(unit, Reply):
            return unit if unit.options else turn.reply(texts.STATUS_NOT_FOUND.format(text=args))
        return await self._unit_view(turn, unit)

    async def continue_task_view(self, turn: Turn, state: dict[str, Any], choice: int
                                 ) -> Reply:
        record = self.finder.tasks.get(state["tasks"][choice])
        if record is None:
            return turn.reply(texts.REPORT_TASK_GONE)
        return await self._task_view(turn, record)

    async def _states(self, turn: Turn
                      ) -> tuple[list[tuple[TaskRecord, UnitRow, StatusReportRow | None]],
                                 dict[int, UnitRow]]:
        assignments = await turn.uow.assignments.all()
        units = {u.id: u for u in await turn.uow.units.all()}
        latest = await turn.uow.reports.latest()
        rows = []
        for assignment in assignments:
            record = self.finder.tasks.get(assignment.task_key)
            unit = units.get(assignment.unit_id)
            if record is None or unit is None:
                continue
            rows.append((record, unit, latest.get((record.key, unit.id))))
        return rows, units

    async def _overview(self, turn: Turn) -> Reply:
        rows, _ = await self._states(turn)
        per_task: dict[str, Counter[str]] = {}
        records: dict[str, TaskRecord] = {}
        for record, _unit, latest in rows:
            counts = per_task.setdefault(record.key, Counter())
            counts[office_state(record, latest, turn.today)] += 1
            counts["unreported"] += latest is None
            records[record.key] = record
        if not per_task:
            return turn.reply(texts.STATUS_NOTHING)
        ordered = sorted(records.values(), key=lambda r: (due_date(r) is None,
                                                          due_date(r) or turn.today, r.key))
        lines = [texts.STATUS_OVERVIEW_TITLE.format(today=f"{turn.today:%d/%m/%Y}")]
        for record in ordered[:MAX_OVERVIEW_TASKS]:
            counts = per_task[record.key]
            lines.append(texts.STATUS_OVERVIEW_LINE.format(
                task=task_label(record), counts=_counts(counts),
                unreported=counts["unreported"]))
        if len(ordered) > MAX_OVERVIEW_TASKS:
            lines.append(texts.MORE_ITEMS.format(count=len(ordered) - MAX_OVERVIEW_TASKS))
        lines.append(texts.STATUS_HINT)
        return turn.reply("\n".join(lines))

    async def _task_view(self, turn: Turn, record: TaskRecord) -> Reply:
        rows, _ = await self._states(turn)
        mine = [(unit, latest) for r, unit, latest in rows if r.key == record.key]
        if not mine:
            return turn.reply(texts.STATUS_TASK_UNASSIGNED.format(task=task_label(record)))
        counts: Counter[str] = Counter(office_state(record, latest, turn.today)
                                       for _, latest in mine)
        silent = sorted(unit.name for unit, latest in mine if latest is None)
        lines = [texts.STATUS_TASK_TITLE.format(task=task_label(record),
                                                today=f"{turn.today:%d/%m/%Y}"),
                 _counts(counts, separator="\n")]
        if silent:
            lines.append(texts.STATUS_SILENT.format(count=len(silent), names="; ".join(silent)))
        else:
            lines.append(texts.STATUS_ALL_REPORTED)
        return turn.reply("\n".join(lines))

    async def _unit_view(self, turn: Turn, unit: UnitRow) -> Reply:
        rows, _ = await self._states(turn)
        mine = [(record, latest) for record, u, latest in rows if u.id == unit.id]
        if not mine:
            return turn.reply(texts.STATUS_UNIT_NO_TASKS.format(unit=unit.name))
        lines = [texts.STATUS_UNIT_TITLE.format(unit=unit.name, today=f"{turn.today:%d/%m/%Y}")]
        for record, latest in sorted(mine, key=lambda p: (due_date(p[0]) is None,
                                                          due_date(p[0]) or turn.today)):
            state = STATE_LABELS[office_state(record, latest, turn.today)]
            last = report_label(latest) if latest else texts.NOT_REPORTED
            lines.append(texts.STATUS_UNIT_LINE.format(task=task_label(record), state=state,
                                                       last=last))
        return turn.reply("\n".join(lines))

    # -- /xuat -----------------------------------------------------------------------------

    async def export(self, turn: Turn, _args: str) -> Reply:
        rows, _ = await self._states(turn)
        if not rows:
            return turn.reply(texts.STATUS_NOTHING)
        table = [self._status_row(record, unit, latest, turn)
                 for record, unit, latest in sorted(rows, key=lambda r: (r[1].name, r[0].key))]
        title = texts.EXPORT_TITLE
        stamp = turn.now.astimezone(PLAN_TIMEZONE).strftime("%Y%m%d-%H%M")
        files = (
            Attachment(f"tinh-hinh-{stamp}.xlsx", render_xlsx(title, turn.now, table), XLSX_MIME),
            Attachment(f"tinh-hinh-{stamp}.png", render_chart(title, turn.now, table),
                       "image/png"),
        )
        turn.record("exported", files[0].name, rows=len(table))
        return turn.reply(texts.EXPORT_DONE.format(rows=len(table)), files=files)

    @staticmethod
    def _status_row(record: TaskRecord, unit: UnitRow, latest: StatusReportRow | None,
                    turn: Turn) -> StatusRow:
        evidence = None
        if latest is not None and latest.evidence_number:
            evidence = latest.evidence_number
            if latest.evidence_date:
                evidence += f" ngày {latest.evidence_date:%d/%m/%Y}"
        return StatusRow(
            unit=unit.name, group=unit.group_name, plan=plan_name(record.plan),
            task_ref=f"mục {record.section_ref}", task=record.task.summary,
            deadline=record.task.deadline or "", state=office_state(record, latest, turn.today),
            last_status=STATUS_LABELS[ReportStatus(latest.status)] if latest else None,
            reported_at=latest.reported_at if latest else None,
            note=latest.note if latest else None, evidence=evidence)

    # -- /nhatky ---------------------------------------------------------------------------

    async def audit(self, turn: Turn, args: str) -> Reply:
        limit = int(args) if args.strip().isdigit() else 20
        entries = await turn.uow.audit.recent(min(max(limit, 1), MAX_AUDIT_LINES))
        if not entries:
            return turn.reply(texts.AUDIT_EMPTY)
        zone = PLAN_TIMEZONE
        lines = [texts.AUDIT_TITLE.format(count=len(entries))]
        for entry in entries:
            lines.append(texts.AUDIT_LINE.format(
                at=entry.at.astimezone(zone).strftime("%d/%m/%Y %H:%M"), actor=entry.actor,
                action=texts.AUDIT_ACTIONS.get(entry.action, entry.action), target=entry.target))
        return turn.reply("\n".join(lines))


def _counts(counts: Counter[str], separator: str = "; ") -> str:
    return separator.join(f"{STATE_LABELS[state]}: {counts.get(state, 0)}"
                          for state in OfficeState)
