"""Status reports from unit contacts: the guided /baocao flow, free-text replies and /sua.

Nothing is saved on a guess: when the status or the task is unclear the contact is asked, with
numbered options, and the reading so far waits in their dialogue state.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from handlers.dialogue import Dialogue, RerunDialogue
from handlers.messages import Reply
from handlers.occurrences import current_occurrence
from handlers.prompts import RemindedItem
from handlers.reports.extensions import Extensions, label
from handlers.reports.reading import (
    Intent,
    StatusReading,
    read_date,
    read_status,
    within_time,
)
from handlers.tasks import (
    CLEARLY_NAMED,
    STATUS_CHOICES,
    STATUS_LABELS,
    ReportStatus,
    SavedReport,
    TaskSearch,
    by_due,
    report_label,
    task_label,
)
from handlers.texts import core as core_texts
from handlers.texts import reports as texts
from handlers.turn import Turn
from knowledge.loader import TaskRecord
from knowledge.textnorm import fold
from storage.records import AssignmentRecord, NewReport, UnitRecord

SKIP_NOTE = frozenset({"0", "bo qua", "khong", "khong co", "k", "ko", "-"})
MIN_NAMING_WORDS = 2  # a reply names a task (ours or not) only with at least this many words


class ReportDialogue(Dialogue):
    """A report being made: the unit and task once known, and the reading so far."""

    FLOW: ClassVar[str] = "report"

    step: Literal["unit", "task", "status", "note", "date", "reminded", "save"] = "save"
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
    occurrence: str = ""  # a recurring obligation's period (its due day)
    reminded: tuple[RemindedItem, ...] = ()  # the reminders this answer may be about
    choices: tuple[ReportStatus, ...] = ()  # the statuses offered, in the order offered
    promised: bool = False  # the extension is only a day promised (reading.within_time)
    # The message, when beside the report it asks something of its own ("… Nhận được chưa
    # ạ?"): once the report is saved, the question is offered to be answered, not dropped.
    question_aside: str | None = None
    receipt_asked: bool = False  # "… Nhận được chưa ạ?": told what saving the report means

    def at(self, step: str, **changes: object) -> ReportDialogue:
        return self.model_copy(update={"step": step, **changes})


def reading_dialogue(text: str, reading: StatusReading) -> ReportDialogue:
    """A dialogue carrying what a free reply says: its status when it is certain, otherwise
    the statuses it may mean, offered first when the contact is asked."""
    certain = reading.status if not reading.ambiguous else None
    note = reading.note or text
    return ReportDialogue(raw=note, note=note, status=certain, promised=reading.promised,
                          question_aside=text if reading.asks_aside else None,
                          receipt_asked=reading.asks_receipt,
                          choices=_offered(reading.candidates), **_details(reading))


def _offered(candidates: tuple[ReportStatus, ...]) -> tuple[ReportStatus, ...]:
    """Every status, the reading's candidates first (none: the usual order)."""
    if not candidates:
        return ()
    return tuple(dict.fromkeys([*candidates, *STATUS_CHOICES]))


def ask_report_or_question(turn: Turn, text: str) -> Reply:
    """A message that could be a report or a question: the contact says which. Each option is
    the message again, marked, so that choosing it reads the message that way."""
    options = (texts.INTENT_REPORT_OPTION.format(text=text),
               texts.INTENT_QUESTION_OPTION.format(text=text))
    turn.outcome = "report_or_question"
    return turn.ask(texts.REPORT_OR_QUESTION, options, RerunDialogue())


def _details(reading: StatusReading) -> dict[str, object]:
    details = {"percent": reading.percent, "evidence_number": reading.evidence_number,
               "evidence_date": reading.evidence_date, "requested_date": reading.requested_date}
    return {k: v for k, v in details.items() if v is not None}


class Reporting:
    def __init__(self, tasks: TaskSearch, extensions: Extensions) -> None:
        self.tasks = tasks
        self.extensions = extensions

    # -- what a unit has to report on -----------------------------------------------------

    async def open_tasks(self, turn: Turn, unit_id: int) -> list[TaskRecord]:
        """The unit's tasks not yet reported done, soonest due first."""
        keys = [a.task_key for a in await turn.uow.assignments.of_unit(unit_id)]
        latest = await turn.uow.reports.latest_by_occurrence(unit_id)
        known = self.tasks.tasks
        records = [known[k] for k in keys if k in known]

        def done(record: TaskRecord) -> bool:
            report = latest.get((record.key, unit_id, current_occurrence(record, turn.today)))
            return report is not None and report.status == ReportStatus.DONE

        return sorted((r for r in records if not done(r)), key=by_due)

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

    def offer_status(self, turn: Turn, state: ReportDialogue) -> Reply:
        """Ask for the status: the reading's candidates first when it was unsure."""
        assert state.task is not None
        record = self.tasks.tasks[state.task]
        prompt = texts.REPORT_PICK_STATUS.format(task=task_label(record))
        if state.choices and state.raw:
            prompt = texts.REPORT_CONFIRM_STATUS.format(task=task_label(record),
                                                        text=state.raw[:200])
        choices = state.choices or STATUS_CHOICES
        return turn.ask(prompt, tuple(STATUS_LABELS[s] for s in choices),
                        state.at("status", choices=choices))

    async def _status_step(self, turn: Turn, state: ReportDialogue, choice: int | None,
                           text: str) -> Reply | None:
        if choice is not None:
            status = (state.choices or STATUS_CHOICES)[choice]
            if state.raw:  # a free reply: its own words are the note, nothing more to ask
                return await self.save(turn, state.model_copy(update={"status": status}))
            turn.wait(state.at("note", status=status))
            return turn.reply(texts.REPORT_ASK_NOTE)
        reading = read_status(text, turn.today)
        if reading.saves:
            return await self.save(turn, state.model_copy(update={
                "status": reading.status, "raw": text, "promised": reading.promised,
                "question_aside": text if reading.asks_aside else None,
                "receipt_asked": reading.asks_receipt,
                **_details(reading)}))
        return None

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
                    return await self.save(turn, state)
                return self.offer_status(turn, state)
        if state.step == "status":
            answered = await self._status_step(turn, state, choice, text)
            if answered is not None:
                return answered
        if state.step == "note":
            note = None if _fold_short(text) in SKIP_NOTE else text
            details = _details(read_status(text, turn.today)) if note else {}
            return await self.save(turn, state.model_copy(update={
                "note": note, "raw": text, **details}))
        if state.step == "date":
            requested = read_date(text, turn.today)
            if requested is None:
                turn.keep()
                return turn.reply(texts.EXTENSION_BAD_DATE.format(text=text[:100]))
            return await self.save(turn, state.model_copy(update={"requested_date": requested}))
        if state.step == "reminded" and choice is not None:
            item = state.reminded[choice]
            chosen = state.at("save", unit=item.unit, task=item.task,
                              occurrence=item.occurrence, reminded=())
            if chosen.status is None:
                return self.offer_status(turn, chosen)
            return await self.save(turn, chosen)
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
        reading = read_status(text, turn.today)
        if reading.intent is Intent.REPORT_OR_QUESTION:
            return ask_report_or_question(turn, text)
        state = reading_dialogue(text, reading)
        if len(units) > 1:
            return turn.ask(texts.REPORT_PICK_UNIT, tuple(u.name for u in units),
                            state.at("unit", units=tuple(u.id for u in units)))
        unit = units[0]
        tasks = await self.open_tasks(turn, unit.id)
        if not tasks:
            return turn.reply(texts.REPORT_NOTHING_OPEN.format(unit=unit.name))
        subject = reading.subject  # the words that may name a task: "sơ kết 3 năm"
        named = self.tasks.find(subject, turn.today, among={t.key for t in tasks}) \
            if subject else []
        if not named and len(subject.split()) >= MIN_NAMING_WORDS:
            refusal = await self._names_another_task(turn, unit, subject)
            if refusal is not None:
                return refusal
        candidates = named or tasks
        state = state.model_copy(update={"unit": unit.id})
        if len(candidates) == 1:
            state = state.model_copy(update={"task": candidates[0].key})
            if state.status is not None:
                return await self.save(turn, state)
            return self.offer_status(turn, state)
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
        reply = self.offer_status(turn, state)
        intro = texts.CORRECT_INTRO.format(previous=report_label(last))
        return turn.reply(f"{intro}\n{reply.text}", reply.options)

    # -- saving ----------------------------------------------------------------------------

    async def save(self, turn: Turn, state: ReportDialogue) -> Reply:
        unit = await turn.uow.units.get(state.unit) if state.unit is not None else None
        record = self.tasks.tasks.get(state.task or "")
        if unit is None or record is None or state.status is None:
            return turn.reply(texts.REPORT_TASK_GONE)
        assignment = next((a for a in await turn.uow.assignments.of_unit(unit.id)
                           if a.task_key == record.key), None)
        if assignment is None:
            return turn.reply(texts.REPORT_NOT_ASSIGNED.format(unit=unit.name))
        status = state.status
        occurrence = state.occurrence or current_occurrence(record, turn.today)
        state = state.model_copy(update={"occurrence": occurrence})
        due = await self.extensions.current_due(turn, assignment, record, occurrence)
        if within_time(status, state.promised, state.requested_date, due):
            status = ReportStatus.IN_PROGRESS  # "dự kiến thứ Năm gửi", due on Monday
            state = state.model_copy(update={"status": status, "requested_date": None})
        extension_line = None
        if state.status is ReportStatus.EXTENSION:
            refusal = await self._extension_refusal(turn, state, unit, assignment, record, due)
            if refusal is not None:
                return refusal
        row = await turn.uow.reports.add(NewReport(
            task_key=record.key, unit_id=unit.id, status=status.value,
            raw_text=state.raw or "", author=turn.user, channel=turn.message.channel,
            reported_at=turn.now, percent=state.percent, evidence_number=state.evidence_number,
            evidence_date=state.evidence_date, requested_date=state.requested_date,
            note=state.note, corrects_id=state.corrects, occurrence=occurrence or None))
        turn.record("status_corrected" if row.corrects_id else "status_reported", unit.name,
                    task=record.key, status=row.status, report=row.id)
        turn.saved.append(SavedReport.of(unit.name, record.task.summary, status,
                                         state.percent, state.evidence_number,
                                         state.evidence_date, state.requested_date))
        if state.status is ReportStatus.EXTENSION and state.requested_date is not None:
            extension_line = await self.extensions.request(
                turn, unit, assignment, record, state.occurrence, due, state.requested_date,
                row.id, state.note)
        lines = [texts.REPORT_SAVED.format(unit=unit.name, task=task_label(record),
                                           status=report_label(row))]
        if extension_line:
            lines.append(extension_line)
        elif due is not None and row.status != ReportStatus.DONE and turn.today > due:
            lines.append(texts.REPORT_OVERDUE_NOTE.format(due=f"{due:%d/%m/%Y}"))
        lines.append(texts.REPORT_CAN_CORRECT)
        if state.receipt_asked:
            lines.append(texts.REPORT_RECEIPT_NOTE)
        if state.question_aside:
            lines += ["", texts.REPORT_QUESTION_ASIDE]
            option = texts.INTENT_QUESTION_OPTION.format(text=state.question_aside)
            return turn.ask("\n".join(lines), (option,), RerunDialogue())
        return turn.reply("\n".join(lines))

    async def _extension_refusal(self, turn: Turn, state: ReportDialogue, unit: UnitRecord,
                                 assignment: AssignmentRecord, record: TaskRecord,
                                 due: dt.date | None) -> Reply | None:
        """Why an extension request is not saved yet (asked for its date, or the date cannot
        be), or None when it can go to the admins."""
        if state.requested_date is None:
            turn.wait(state.at("date"))
            return turn.reply(texts.EXTENSION_ASK_DATE.format(
                task=record.task.summary, due=label(due) if due else "—"))
        problem = self.extensions.problem(turn, due, state.requested_date)
        if problem is not None:
            turn.wait(state.at("date", requested_date=None))
            return turn.reply(problem)
        pending = await self.extensions.pending_for(turn, assignment, state.occurrence)
        if pending is not None:
            return turn.reply(texts.EXTENSION_PENDING_ALREADY.format(
                unit=unit.name, requested=label(pending.requested_date)))
        return None


def _fold_short(text: str) -> str:
    return " ".join(fold(text).split())
