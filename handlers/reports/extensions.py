"""Extensions: a unit asks for more time ("xin gia hạn đến 5/4"), the admins are asked with two
choices, and the decision moves that unit's due day (and its reminders) or is told back.

A request is checked before anything is saved: its date must be after today and after the
current due day. Two admins deciding at once decide it once; both decisions are audited.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from handlers.dialogue import Dialogue
from handlers.messages import Reply
from handlers.prompts import ExtensionPrompt, offer_extension
from handlers.services import Services
from handlers.tasks import due_date
from handlers.texts import reports as texts
from handlers.turn import Turn
from knowledge.loader import TaskRecord
from knowledge.textnorm import fold
from storage.records import (
    NOTICE_PRIORITY,
    AssignmentRecord,
    ExtensionRecord,
    ExtensionState,
    NewExtension,
    NewMessage,
    UnitRecord,
)

MAX_EXTENSION = dt.timedelta(days=366)
APPROVE_WORDS = frozenset({"dongy", "dong y", "duyet", "ok", "co"})
REFUSE_WORDS = frozenset({"tuchoi", "tu choi", "khong", "khongdongy", "khong dong y"})


class ExtensionPick(Dialogue):
    """The admin picks which pending request to decide (from /giahan, or several prompts)."""

    FLOW: ClassVar[str] = "extension_pick"

    requests: tuple[int, ...]
    approve: bool | None = None  # already chosen, when several prompts were answered at once


def label(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


class Extensions:
    def __init__(self, services: Services) -> None:
        self.services = services

    # -- the unit's side ------------------------------------------------------------------

    async def current_due(self, turn: Turn, assignment: AssignmentRecord, record: TaskRecord,
                          occurrence: str) -> dt.date | None:
        due = dt.date.fromisoformat(occurrence) if occurrence else due_date(record)
        for extension in await turn.uow.extensions.approved():
            if (extension.assignment_id, extension.occurrence) == (assignment.id, occurrence):
                due = extension.requested_date
        return due

    def problem(self, turn: Turn, due: dt.date | None, requested: dt.date) -> str | None:
        """Why the requested date cannot be asked for, or None."""
        floor = max(turn.today, due) if due else turn.today
        if requested <= floor:
            return texts.EXTENSION_NOT_LATER.format(requested=label(requested),
                                                    due=label(due) if due else "—",
                                                    today=label(turn.today))
        if requested - floor > MAX_EXTENSION:
            return texts.EXTENSION_TOO_FAR.format(requested=label(requested))
        return None

    async def pending_for(self, turn: Turn, assignment: AssignmentRecord,
                          occurrence: str) -> ExtensionRecord | None:
        for extension in await turn.uow.extensions.pending():
            if (extension.assignment_id, extension.occurrence) == (assignment.id, occurrence):
                return extension
        return None

    async def request(self, turn: Turn, unit: UnitRecord, assignment: AssignmentRecord,
                      record: TaskRecord, occurrence: str, due: dt.date | None,
                      requested: dt.date, report_id: int, note: str | None) -> str:
        """Record the request and ask every admin; the line the contact is told."""
        extension = await turn.uow.extensions.add(NewExtension(
            assignment_id=assignment.id, occurrence=occurrence, requested_by=turn.user,
            current_due=due or turn.today, requested_date=requested, report_id=report_id),
            turn.now)
        turn.record("extension_requested", unit.name, task=record.key, extension=extension.id,
                    requested=requested.isoformat())
        text = texts.EXTENSION_TO_ADMIN.format(
            id=extension.id, unit=unit.name, task=record.task.summary,
            due=label(due) if due else "—", requested=label(requested),
            who=turn.message.display_name or turn.user,
            note=texts.EXTENSION_NOTE.format(note=note[:300]) if note else "")
        messages = []
        for admin in sorted(self.services.admins):
            channel, _, chat = admin.partition(":")
            messages.append(NewMessage(dedupe_key=f"extension:{extension.id}:{admin}",
                                       channel=channel, chat=chat, text=text,
                                       priority=NOTICE_PRIORITY,
                                       options=texts.EXTENSION_CHOICES))
            await offer_extension(turn.uow, admin, extension.id, texts.EXTENSION_CHOICES,
                                  turn.now)
        await turn.uow.outbox.enqueue(messages, turn.now)
        return texts.EXTENSION_SENT.format(unit=unit.name, requested=label(requested),
                                           due=label(due) if due else "—")

    # -- the admins' side -------------------------------------------------------------------

    async def command(self, turn: Turn, args: str) -> Reply:
        """/giahan: the pending requests; /giahan N dongy|tuchoi decides one."""
        words = args.split()
        if not words:
            return await self._list(turn)
        if len(words) != 2 or not words[0].isdecimal() or len(words[0]) > 9:
            return turn.reply(texts.EXTENSION_USAGE)
        decision = _decision(words[1])
        if decision is None:
            return turn.reply(texts.EXTENSION_USAGE)
        return await self.decide(turn, int(words[0]), decision)

    async def _list(self, turn: Turn) -> Reply:
        pending = await turn.uow.extensions.pending()
        if not pending:
            return turn.reply(texts.EXTENSION_NONE)
        options = tuple([await self._item(turn, e) for e in pending][:10])
        return turn.ask(texts.EXTENSION_WHICH, options,
                        ExtensionPick(requests=tuple(e.id for e in pending[:10])))

    async def _item(self, turn: Turn, extension: ExtensionRecord) -> str:
        unit, record = await self._subject(turn, extension)
        return texts.EXTENSION_LIST_ITEM.format(
            id=extension.id, unit=unit.name if unit else "?",
            task=record.task.summary if record else "?",
            requested=label(extension.requested_date))

    async def continue_prompt(self, turn: Turn, state: Dialogue, choice: int | None,
                              text: str) -> Reply | None:
        """An admin answers "Đồng ý" / "Không đồng ý" to the request(s) they were sent."""
        assert isinstance(state, ExtensionPrompt)
        approve = (choice == 0) if choice is not None else _decision(text)
        if approve is None:
            turn.keep()
            return None
        if len(state.requests) == 1:
            return await self.decide(turn, state.requests[0], approve)
        options = tuple([await self._item(turn, e) for e in await self._pending(turn, state)])
        return turn.ask(texts.EXTENSION_WHICH, options,
                        ExtensionPick(requests=state.requests, approve=approve))

    async def continue_pick(self, turn: Turn, state: Dialogue, choice: int | None,
                            _text: str) -> Reply | None:
        assert isinstance(state, ExtensionPick)
        if choice is None:
            return None
        picked = state.requests[choice]
        if state.approve is not None:
            return await self.decide(turn, picked, state.approve)
        extension = await turn.uow.extensions.get(picked)
        if extension is None:
            return turn.reply(texts.EXTENSION_NOT_FOUND.format(id=picked))
        return turn.ask(await self._item(turn, extension), texts.EXTENSION_CHOICES,
                        ExtensionPrompt(requests=(picked,)))

    async def _pending(self, turn: Turn, state: ExtensionPrompt) -> list[ExtensionRecord]:
        wanted = set(state.requests)
        return [e for e in await turn.uow.extensions.pending() if e.id in wanted]

    async def decide(self, turn: Turn, extension_id: int, approve: bool) -> Reply:
        state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
        decided = await turn.uow.extensions.decide(extension_id, state, turn.user, turn.now)
        if decided is None:
            found = await turn.uow.extensions.get(extension_id)
            return turn.reply((texts.EXTENSION_DECIDED_ALREADY if found
                               else texts.EXTENSION_NOT_FOUND).format(id=extension_id))
        unit, record = await self._subject(turn, decided)
        name = unit.name if unit else "?"
        task = record.task.summary if record else "?"
        values = {"unit": name, "task": task, "requested": label(decided.requested_date),
                  "due": label(decided.current_due)}
        turn.record("extension_approved" if approve else "extension_refused", name,
                    extension=decided.id, requested=decided.requested_date.isoformat())
        notice = (texts.EXTENSION_APPROVED_NOTICE if approve
                  else texts.EXTENSION_REFUSED_NOTICE).format(**values)
        if unit is not None:
            contacts = await turn.uow.contacts.reachable([unit.id])
            await turn.uow.outbox.enqueue([NewMessage(
                dedupe_key=f"extension-decided:{decided.id}:{c.id}", channel=c.channel,
                chat=c.chat, text=notice, contact_id=c.id, priority=NOTICE_PRIORITY)
                for c in contacts], turn.now)
        return turn.reply((texts.EXTENSION_APPROVED if approve
                           else texts.EXTENSION_REFUSED).format(**values))

    async def _subject(self, turn: Turn, extension: ExtensionRecord
                       ) -> tuple[UnitRecord | None, TaskRecord | None]:
        assignment = await turn.uow.assignments.get(extension.assignment_id)
        if assignment is None:
            return None, None
        unit = await turn.uow.units.get(assignment.unit_id)
        return unit, self.services.tasks.tasks.get(assignment.task_key)


def _decision(text: str) -> bool | None:
    word = " ".join(fold(text).split())
    if word in APPROVE_WORDS:
        return True
    if word in REFUSE_WORDS:
        return False
    return None

