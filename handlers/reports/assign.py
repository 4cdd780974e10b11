"""/giao: an admin assigns a task to units, a group of them, or every basic-level party cell."""

from __future__ import annotations

from typing import ClassVar

from handlers.commands import split_args
from handlers.dialogue import Dialogue
from handlers.messages import Reply
from handlers.services import Services
from handlers.tasks import task_label
from handlers.texts import reports as texts
from handlers.texts import units as units_texts
from handlers.turn import Turn
from knowledge.loader import TaskRecord
from knowledge.textnorm import fold
from storage.records import UnitRecord


class AssignDialogue(Dialogue):
    """The admin picks which of several matching tasks to assign to ``target``."""

    FLOW: ClassVar[str] = "assign"

    tasks: tuple[str, ...]
    target: str


class Assigning:
    def __init__(self, services: Services) -> None:
        self.services = services

    async def assign(self, turn: Turn, args: str) -> Reply:
        parts = split_args(args)
        if len(parts) != 2 or not parts[0] or not parts[1]:
            return turn.reply(texts.ASSIGN_USAGE)
        tasks = self.services.tasks.find(parts[0], turn.today)
        if not tasks:
            return turn.reply(texts.TASK_NOT_FOUND.format(text=parts[0]))
        if len(tasks) > 1:
            return turn.ask(texts.TASK_WHICH, tuple(task_label(t) for t in tasks),
                            AssignDialogue(tasks=tuple(t.key for t in tasks), target=parts[1]))
        return await self._assign(turn, tasks[0], parts[1])

    async def continue_flow(self, turn: Turn, state: Dialogue, choice: int | None,
                            _text: str) -> Reply | None:
        assert isinstance(state, AssignDialogue)
        if choice is None:
            return None
        record = self.services.tasks.tasks.get(state.tasks[choice])
        if record is None:
            return turn.reply(texts.REPORT_TASK_GONE)
        return await self._assign(turn, record, state.target)

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

    async def _audience(self, turn: Turn, target: str) -> list[UnitRecord] | Reply:
        directory = self.services.directory
        if directory.names_all_cells(target):
            cells = await directory.all_cells(turn.uow)
            return cells or turn.reply(texts.NO_CELLS)
        head, _, group = target.strip().partition(" ")
        if fold(head) == "nhom" and group:
            members = await directory.in_group(turn.uow, group)
            return members or turn.reply(units_texts.GROUP_EMPTY.format(group=group))
        units: list[UnitRecord] = []
        for name in (n for n in target.split(";") if n.strip()):
            unit = await directory.resolve(turn, name, "/donvi xem")
            if isinstance(unit, Reply):
                turn.next_dialogue = None  # the choices would rerun another command
                return turn.reply(texts.ASSIGN_UNKNOWN_UNIT.format(name=name.strip()))
            units.append(unit)
        return units
