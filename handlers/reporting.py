"""Status reports from unit contacts: the guided /baocao flow, free-text replies and /sua.

Nothing is saved on a guess: when the status or the task is unclear the contact is asked, with
numbered options, and the reading so far waits in their dialogue state.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers import texts
from handlers.messages import Reply
from handlers.progress import (
    CLEARLY_NAMED,
    STATUS_CHOICES,
    STATUS_LABELS,
    TaskFinder,
    due_date,
    report_label,
    task_label,
)
from handlers.status_reading import ReportStatus, StatusReading, read_status
from handlers.turn import Turn
from knowledge.loader import TaskRecord
from knowledge.textnorm import fold
from storage.models import UnitRow
from storage.reports import NewReport

SKIP_NOTE = frozenset({"0", "bo qua", "khong", "khong co", "k", "ko", "-"})


class Reporting:
    def __init__(self, finder: TaskFinder) -> None:
        self.finder = finder

    # -- what a unit has to report on -----------------------------------------------------

    async def open_tasks(self, turn: Turn, unit_id: int) -> list[TaskRecord]:
        """The unit's tasks not yet reported done, soonest due first."""
        keys = [a.task_key for a in await turn.uow.assignments.of_unit(unit_id)]
        latest = await turn.uow.reports.latest((key, unit_id) for key in keys)
        records = [self.finder.tasks[k] for k in keys if k in self.finder.tasks]
        open_records = [r for r in records
                        if (latest.get((r.key, unit_id)) is None
                            or latest[(r.key, unit_id)].status != ReportStatus.DONE)]
        return sorted(open_records, key=_by_due)

    async def _units(self, turn: Turn) -> list[UnitRow]:
        units = await turn.uow.units.many(c.unit_id for c in turn.contacts)
        return [units[c.unit_id] for c in turn.contacts
                if c.unit_id in units and units[c.unit_id].retired_at is None]

    # -- /baocao ---------------------------------------------------------------------------

    async def start(self, turn: Turn) -> Reply:
        units = await self._units(turn)
        if not units:
            return turn.reply(texts.NOT_A_CONTACT)
        if len(units) > 1:
            return turn.ask(texts.REPORT_PICK_UNIT, tuple(u.name for u in units),
                            {"flow": "report", "step": "unit", "units": [u.id for u in units]})
        return await self._offer_tasks(turn, units[0], {})

    async def _offer_tasks(self, turn: Turn, unit: UnitRow, carry: dict[str, Any]) -> Reply:
        tasks = await self.open_tasks(turn, unit.id)
        if not tasks:
            return turn.reply(texts.REPORT_NOTHING_OPEN.format(unit=unit.name))
        state = {**carry, "flow": "report", "step": "task", "unit": unit.id,
                 "tasks": [t.key for t in tasks]}
        return turn.ask(texts.REPORT_PICK_TASK.format(unit=unit.name),
                        tuple(task_label(t) for t in tasks), state)

    def _offer_status(self, turn: Turn, state: dict[str, Any]) -> Reply:
        record = self.finder.tasks[state["task"]]
        return turn.ask(texts.REPORT_PICK_STATUS.format(task=task_label(record)),
                        tuple(STATUS_LABELS[s] for s in STATUS_CHOICES),
                        {**state, "step": "status"})

    async def continue_flow(self, turn: Turn, state: dict[str, Any], choice: int | None,
                            text: str) -> Reply:
        """The next step of a report the contact is in the middle of."""
        step = state.get("step")
        if step == "unit" and choice is not None:
            unit = await turn.uow.units.get(int(state["units"][choice]))
            if unit is not None:
                return await self._offer_tasks(turn, unit, _carry(state))
        if step == "task":
            key = state["tasks"][choice] if choice is not None else self._task_in(turn, state,
                                                                                  text)
            if key is not None:
                state = {**state, "task": key}
                if state.get("status"):
                    return await self._save(turn, state)
                return self._offer_status(turn, state)
        if step == "status":
            status = STATUS_CHOICES[choice] if choice is not None else None
            if status is None:
                reading = read_status(text, turn.today)
                if reading.status is not None and not reading.ambiguous:
                    return await self._save(turn, {**state, "status": reading.status.value,
                                                   "raw": text, **_details(reading)})
            else:
                turn.next_dialogue = {**state, "step": "note", "status": status.value,
                                      "options": []}
                return turn.reply(texts.REPORT_ASK_NOTE)
        if step == "note":
            note = None if _fold_short(text) in SKIP_NOTE else text
            details = _details(read_status(text, turn.today)) if note else {}
            return await self._save(turn, {**state, "note": note, "raw": text, **details})
        turn.next_dialogue = state
        return turn.reply(texts.REPORT_CHOOSE_OR_CANCEL, tuple(state.get("options", ())))

    def _task_in(self, turn: Turn, state: dict[str, Any], text: str) -> str | None:
        found = self.finder.find(text, turn.today, among=set(state["tasks"]))
        return found[0].key if len(found) == 1 else None

    # -- free text -------------------------------------------------------------------------

    async def free_text(self, turn: Turn, text: str) -> Reply:
        units = await self._units(turn)
        if not units:
            return turn.reply(texts.NOT_A_CONTACT)
        reading = read_status(text, turn.today)
        state: dict[str, Any] = {"flow": "report", "raw": text, "note": text,
                                 **_details(reading)}
        if reading.status is not None and not reading.ambiguous:
            state["status"] = reading.status.value
        if len(units) > 1:
            return turn.ask(texts.REPORT_PICK_UNIT, tuple(u.name for u in units),
                            {**state, "step": "unit", "units": [u.id for u in units]})
        unit = units[0]
        tasks = await self.open_tasks(turn, unit.id)
        if not tasks:
            return turn.reply(texts.REPORT_NOTHING_OPEN.format(unit=unit.name))
        named = self.finder.find(text, turn.today, among={t.key for t in tasks})
        if not named:
            refusal = await self._names_another_task(turn, unit, text)
            if refusal is not None:
                return refusal
        candidates = named or tasks
        state.update(unit=unit.id)
        if len(candidates) == 1:
            state["task"] = candidates[0].key
            if "status" in state:
                return await self._save(turn, state)
            return self._offer_status(turn, state)
        state.update(step="task", tasks=[t.key for t in candidates])
        prompt = texts.REPORT_WHICH_TASK.format(unit=unit.name)
        return turn.ask(prompt, tuple(task_label(t) for t in candidates), state)

    async def _names_another_task(self, turn: Turn, unit: UnitRow, text: str) -> Reply | None:
        """A reply that clearly names a task the unit was never given is not saved."""
        elsewhere = self.finder.find(text, turn.today, coverage=CLEARLY_NAMED)
        assigned = {a.task_key for a in await turn.uow.assignments.of_unit(unit.id)}
        if elsewhere and not any(t.key in assigned for t in elsewhere):
            return turn.reply(texts.REPORT_OTHER_TASK.format(unit=unit.name,
                                                             task=task_label(elsewhere[0])))
        return None

    # -- /sua ------------------------------------------------------------------------------

    async def correct(self, turn: Turn) -> Reply:
        last = await turn.uow.reports.last_by_author(turn.user)
        if last is None:
            return turn.reply(texts.CORRECT_NOTHING)
        record = self.finder.tasks.get(last.task_key)
        if record is None:
            return turn.reply(texts.CORRECT_NOTHING)
        state = {"flow": "report", "unit": last.unit_id, "task": last.task_key,
                 "corrects": last.id}
        reply = self._offer_status(turn, state)
        intro = texts.CORRECT_INTRO.format(previous=report_label(last))
        return turn.reply(f"{intro}\n{reply.text}", reply.options)

    # -- saving ----------------------------------------------------------------------------

    async def _save(self, turn: Turn, state: dict[str, Any]) -> Reply:
        unit = await turn.uow.units.get(int(state["unit"]))
        record = self.finder.tasks.get(state["task"])
        if unit is None or record is None:
            return turn.reply(texts.REPORT_TASK_GONE)
        assigned = {a.task_key for a in await turn.uow.assignments.of_unit(unit.id)}
        if record.key not in assigned:
            return turn.reply(texts.REPORT_NOT_ASSIGNED.format(unit=unit.name))
        row = await turn.uow.reports.add(NewReport(
            task_key=record.key, unit_id=unit.id, status=state["status"],
            raw_text=state.get("raw") or "", author=turn.user, channel=turn.message.channel,
            reported_at=turn.now, percent=state.get("percent"),
            evidence_number=state.get("evidence_number"),
            evidence_date=_date(state.get("evidence_date")),
            requested_date=_date(state.get("requested_date")), note=state.get("note"),
            corrects_id=state.get("corrects")))
        turn.record("status_corrected" if row.corrects_id else "status_reported", unit.name,
                    task=record.key, status=row.status, report=row.id)
        due = due_date(record)
        lines = [texts.REPORT_SAVED.format(unit=unit.name, task=task_label(record),
                                           status=report_label(row))]
        if due is not None and row.status != ReportStatus.DONE and turn.today > due:
            lines.append(texts.REPORT_OVERDUE_NOTE.format(due=f"{due:%d/%m/%Y}"))
        lines.append(texts.REPORT_CAN_CORRECT)
        return turn.reply("\n".join(lines))


def _carry(state: dict[str, Any]) -> dict[str, Any]:
    keep = ("raw", "note", "status", "percent", "evidence_number", "evidence_date",
            "requested_date")
    return {k: state[k] for k in keep if k in state}


def _details(reading: StatusReading) -> dict[str, Any]:
    details: dict[str, Any] = {}
    if reading.percent is not None:
        details["percent"] = reading.percent
    if reading.evidence_number:
        details["evidence_number"] = reading.evidence_number
    if reading.evidence_date:
        details["evidence_date"] = reading.evidence_date.isoformat()
    if reading.requested_date:
        details["requested_date"] = reading.requested_date.isoformat()
    return details


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _fold_short(text: str) -> str:
    return " ".join(fold(text).split())


def _by_due(record: TaskRecord) -> tuple[int, str, str]:
    due = due_date(record)
    return (0 if due else 1, due.isoformat() if due else "", record.key)
