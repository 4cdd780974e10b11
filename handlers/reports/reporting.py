"""Status reports from unit contacts: the guided /baocao flow, free-text replies and /sua.

Nothing is saved on a guess: when the status or the task is unclear the contact is asked, with
numbered options, and the reading so far waits in their dialogue state.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from handlers.dialogue import Dialogue
from handlers.messages import Reply
from handlers.reports.reading import StatusReading, read_status
from handlers.tasks import (
    CLEARLY_NAMED,
    STATUS_CHOICES,
    STATUS_LABELS,
    ReportStatus,
    TaskSearch,
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
from storage.records import NewReport, UnitRecord

SKIP_NOTE = frozenset({"0", "bo qua", "khong", "khong co", "k", "ko", "-"})


class ReportDialogue(Dialogue):
    """A report being made: the unit and task once known, and the reading so far."""

    FLOW: ClassVar[str] = "report"

    step: Literal["unit", "task", "status", "note", "save"] = "save"
    units: tuple[int, ...] = ()
    unit: int | None = None
    tasks: tuple[str, ...] = ()
    task: str | None = None
    status: ReportStatus | None = None
    raw: str | None = None
    note: str | None = None
    percent: int | None = None
    evidence_number: str | None = None
    evidence_date: dt.date | None = None
    requested_date: dt.date | None = None
    corrects: int | None = None  # the report this one corrects (/sua)

    def at(self, step: str, **changes: object) -> ReportDialogue:
        return self.model_copy(update={"step": step, **changes})


def _reading(text: str, reading: StatusReading) -> ReportDialogue:
    """A dialogue carrying what a free reply says (its status only when it is certain)."""
    certain = reading.status if not reading.ambiguous else None
    return ReportDialogue(raw=text, note=text, status=certain, **_details(reading))


def _details(reading: StatusReading) -> dict[str, object]:
    details = {"percent": reading.percent, "evidence_number": reading.evidence_number,
               "evidence_date": reading.evidence_date, "requested_date": reading.requested_date}
    return {k: v for k, v in details.items() if v is not None}


class Reporting:
    def __init__(self, tasks: TaskSearch) -> None:
        self.tasks = tasks

    # -- what a unit has to report on -----------------------------------------------------

    async def open_tasks(self, turn: Turn, unit_id: int) -> list[TaskRecord]:
        """The unit's tasks not yet reported done, soonest due first."""
        keys = [a.task_key for a in await turn.uow.assignments.of_unit(unit_id)]
        latest = await turn.uow.reports.latest((key, unit_id) for key in keys)
        known = self.tasks.tasks
        records = [known[k] for k in keys if k in known]
        open_records = [r for r in records
                        if (latest.get((r.key, unit_id)) is None
                            or latest[(r.key, unit_id)].status != ReportStatus.DONE)]
        return sorted(open_records, key=by_due)

    async def _units(self, turn: Turn) -> list[UnitRecord]:
        units = await turn.uow.units.many(c.unit_id for c in turn.contacts)
        return [units[c.unit_id] for c in turn.contacts
                if c.unit_id in units and units[c.unit_id].retired_at is None]

    # -- /baocao ---------------------------------------------------------------------------

    async def start(self, turn: Turn, _args: str) -> Reply:
        units = await self._units(turn)
        if not units:
            return turn.reply(core_texts.NOT_A_CONTACT)
        if len(units) > 1:
            return turn.ask(texts.REPORT_PICK_UNIT, tuple(u.name for u in units),
                            ReportDialogue(step="unit", units=tuple(u.id for u in units)))
        return await self._offer_tasks(turn, units[0], ReportDialogue())

    async def _offer_tasks(self, turn: Turn, unit: UnitRecord, state: ReportDialogue) -> Reply:
        tasks = await self.open_tasks(turn, unit.id)
        if not tasks:
            return turn.reply(texts.REPORT_NOTHING_OPEN.format(unit=unit.name))
        state = state.at("task", unit=unit.id, units=(), tasks=tuple(t.key for t in tasks))
        return turn.ask(texts.REPORT_PICK_TASK.format(unit=unit.name),
                        tuple(task_label(t) for t in tasks), state)

    def _offer_status(self, turn: Turn, state: ReportDialogue) -> Reply:
        assert state.task is not None
        record = self.tasks.tasks[state.task]
        return turn.ask(texts.REPORT_PICK_STATUS.format(task=task_label(record)),
                        tuple(STATUS_LABELS[s] for s in STATUS_CHOICES), state.at("status"))

    async def continue_flow(self, turn: Turn, state: Dialogue, choice: int | None,
                            text: str) -> Reply:
        """The next step of a report the contact is in the middle of."""
        assert isinstance(state, ReportDialogue)
        if state.step == "unit" and choice is not None:
            unit = await turn.uow.units.get(state.units[choice])
            if unit is not None:
                return await self._offer_tasks(turn, unit, state)
        if state.step == "task":
            key = state.tasks[choice] if choice is not None else self._task_in(turn, state, text)
            if key is not None:
                state = state.model_copy(update={"task": key})
                if state.status is not None:
                    return await self._save(turn, state)
                return self._offer_status(turn, state)
        if state.step == "status":
            if choice is not None:
                turn.wait(state.at("note", status=STATUS_CHOICES[choice]))
                return turn.reply(texts.REPORT_ASK_NOTE)
            reading = read_status(text, turn.today)
            if reading.status is not None and not reading.ambiguous:
                return await self._save(turn, state.model_copy(update={
                    "status": reading.status, "raw": text, **_details(reading)}))
        if state.step == "note":
            note = None if _fold_short(text) in SKIP_NOTE else text
            details = _details(read_status(text, turn.today)) if note else {}
            return await self._save(turn, state.model_copy(update={
                "note": note, "raw": text, **details}))
        turn.keep()
        return turn.reply(texts.REPORT_CHOOSE_OR_CANCEL, state.options)

    def _task_in(self, turn: Turn, state: ReportDialogue, text: str) -> str | None:
        found = self.tasks.find(text, turn.today, among=set(state.tasks))
        return found[0].key if len(found) == 1 else None

    # -- free text -------------------------------------------------------------------------

    async def free_text(self, turn: Turn, text: str) -> Reply:
        units = await self._units(turn)
        if not units:
            return turn.reply(core_texts.NOT_A_CONTACT)
        state = _reading(text, read_status(text, turn.today))
        if len(units) > 1:
            return turn.ask(texts.REPORT_PICK_UNIT, tuple(u.name for u in units),
                            state.at("unit", units=tuple(u.id for u in units)))
        unit = units[0]
        tasks = await self.open_tasks(turn, unit.id)
        if not tasks:
            return turn.reply(texts.REPORT_NOTHING_OPEN.format(unit=unit.name))
        named = self.tasks.find(text, turn.today, among={t.key for t in tasks})
        if not named:
            refusal = await self._names_another_task(turn, unit, text)
            if refusal is not None:
                return refusal
        candidates = named or tasks
        state = state.model_copy(update={"unit": unit.id})
        if len(candidates) == 1:
            state = state.model_copy(update={"task": candidates[0].key})
            if state.status is not None:
                return await self._save(turn, state)
            return self._offer_status(turn, state)
        prompt = texts.REPORT_WHICH_TASK.format(unit=unit.name)
        return turn.ask(prompt, tuple(task_label(t) for t in candidates),
                        state.at("task", tasks=tuple(t.key for t in candidates)))

    async def _names_another_task(self, turn: Turn, unit: UnitRecord, text: str
                                  ) -> Reply | None:
        """A reply that clearly names a task the unit was never given is not saved."""
        elsewhere = self.tasks.find(text, turn.today, coverage=CLEARLY_NAMED)
        assigned = {a.task_key for a in await turn.uow.assignments.of_unit(unit.id)}
        if elsewhere and not any(t.key in assigned for t in elsewhere):
            return turn.reply(texts.REPORT_OTHER_TASK.format(unit=unit.name,
                                                             task=task_label(elsewhere[0])))
        return None

    # -- /sua ------------------------------------------------------------------------------

    async def correct(self, turn: Turn, _args: str) -> Reply:
        last = await turn.uow.reports.last_by_author(turn.user)
        if last is None or last.task_key not in self.tasks.tasks:
            return turn.reply(texts.CORRECT_NOTHING)
        state = ReportDialogue(unit=last.unit_id, task=last.task_key, corrects=last.id)
        reply = self._offer_status(turn, state)
        intro = texts.CORRECT_INTRO.format(previous=report_label(last))
        return turn.reply(f"{intro}\n{reply.text}", reply.options)

    # -- saving ----------------------------------------------------------------------------

    async def _save(self, turn: Turn, state: ReportDialogue) -> Reply:
        unit = await turn.uow.units.get(state.unit) if state.unit is not None else None
        record = self.tasks.tasks.get(state.task or "")
        if unit is None or record is None or state.status is None:
            return turn.reply(texts.REPORT_TASK_GONE)
        assigned = {a.task_key for a in await turn.uow.assignments.of_unit(unit.id)}
        if record.key not in assigned:
            return turn.reply(texts.REPORT_NOT_ASSIGNED.format(unit=unit.name))
        row = await turn.uow.reports.add(NewReport(
            task_key=record.key, unit_id=unit.id, status=state.status.value,
            raw_text=state.raw or "", author=turn.user, channel=turn.message.channel,
            reported_at=turn.now, percent=state.percent, evidence_number=state.evidence_number,
            evidence_date=state.evidence_date, requested_date=state.requested_date,
            note=state.note, corrects_id=state.corrects))
        turn.record("status_corrected" if row.corrects_id else "status_reported", unit.name,
                    task=record.key, status=row.status, report=row.id)
        due = due_date(record)
        lines = [texts.REPORT_SAVED.format(unit=unit.name, task=task_label(record),
                                           status=report_label(row))]
        if due is not None and row.status != ReportStatus.DONE and turn.today > due:
            lines.append(texts.REPORT_OVERDUE_NOTE.format(due=f"{due:%d/%m/%Y}"))
        lines.append(texts.REPORT_CAN_CORRECT)
        return turn.reply("\n".join(lines))


def _fold_short(text: str) -> str:
    return " ".join(fold(text).split())
