"""The admin's review of a draft, in the same conversation on every channel: approve (the plan
is answered about, assigned and reminded of from now on, on every instance), reject, or correct
an item by its number ("sửa 3 hạn trước ngày 30/6/2026", "sửa 3 đơn vị Văn phòng; Ban Tuyên
giáo", "bỏ 3")."""

from __future__ import annotations

import asyncio
import re
from typing import Any, ClassVar

from handlers.dialogue import Dialogue
from handlers.messages import Reply
from handlers.plans.draft import obligations_of, with_deadline, with_units, without
from handlers.services import Services
from handlers.tasks import due_date
from handlers.texts import plans as texts
from handlers.turn import Turn
from knowledge.catalog import build_from_stored
from knowledge.deadlines import parse_deadline
from knowledge.imports.to_plan import is_category, unit_kind
from knowledge.loader import PlanFileError
from knowledge.schema import DeadlineKind
from knowledge.textnorm import fold
from storage.records import PlanRecord, PlanState

APPROVE = frozenset({"duyet", "dong y", "ok"})
REJECT = frozenset({"khong duyet", "huy", "tu choi", "bo du thao"})
_CORRECTION = re.compile(r"^sua\s+(\d{1,3})\s+(han|thoi han|don vi)\s+(.+)$")
_REMOVAL = re.compile(r"^(?:bo|xoa)\s+(\d{1,3})$")


class PlanReviewDialogue(Dialogue):
    """An admin is reviewing draft ``draft``."""

    FLOW: ClassVar[str] = "plan_review"

    draft: int


class PlanReview:
    def __init__(self, services: Services) -> None:
        self.services = services

    async def continue_flow(self, turn: Turn, state: Dialogue, choice: int | None,
                            text: str) -> Reply | None:
        assert isinstance(state, PlanReviewDialogue)
        key = " ".join(fold(text).split())
        if choice == 0 or key in APPROVE:
            return await self.approve(turn, state.draft)
        if choice == 1 or key in REJECT:
            return await self.reject(turn, state.draft)
        record = await turn.uow.plans.get(state.draft)
        if record is None or record.state != PlanState.DRAFT:
            return turn.reply(texts.DRAFT_GONE.format(id=state.draft))
        turn.keep()
        if (match := _REMOVAL.match(key)) is not None:
            return await self._change(turn, record, int(match.group(1)), "remove", "")
        if (match := _CORRECTION.match(key)) is not None:
            start = len(text) - len(text.lstrip())  # the value as typed, with its diacritics
            value = _value_of(text[start:], match.group(3))
            what = "units" if match.group(2) == "don vi" else "deadline"
            return await self._change(turn, record, int(match.group(1)), what, value)
        return turn.reply(texts.CORRECTION_USAGE, texts.DRAFT_CHOICES)

    async def _change(self, turn: Turn, record: PlanRecord, number: int, what: str,
                      value: str) -> Reply:
        count = len(obligations_of(record.content))
        if not 1 <= number <= count:
            return turn.reply(texts.BAD_NUMBER.format(count=count), texts.DRAFT_CHOICES)
        units = record.units
        if what == "remove":
            content = without(record.content, number)
        elif what == "deadline":
            deadline = parse_deadline(value, int(record.content.get("year", turn.today.year)))
            if deadline.kind is DeadlineKind.NONE:
                return turn.reply(texts.BAD_DEADLINE.format(phrase=value[:120]),
                                  texts.DRAFT_CHOICES)
            content = with_deadline(record.content, number, value)
        else:
            ids, units = await self._units(turn, record, value)
            content = with_units(record.content, number, ids)
        problem = await self._invalid(turn, record, content, units)
        if problem is not None:
            return turn.reply(texts.REFUSED["invalid"].format(file=record.file_name or "",
                                                              problem=problem),
                              texts.DRAFT_CHOICES)
        await turn.uow.plans.update_draft(record.id, content, units)
        turn.record("plan_corrected", record.number or record.plan_id, draft=record.id,
                    item=number, what=what)
        done = texts.REMOVED if what == "remove" else texts.CORRECTED
        return turn.reply(f"{done.format(n=number)}\n{texts.DRAFT_HOW}", texts.DRAFT_CHOICES)

    async def _units(self, turn: Turn, record: PlanRecord, value: str
                     ) -> tuple[list[str], dict[str, Any]]:
        """The ids of the units named (the office's own, or new ones for this plan)."""
        units = dict(record.units)
        entries = list(units.get("units", []))
        ids = []
        for name in (n.strip() for n in value.split(";") if n.strip()):
            found = await self.services.directory.lookup(turn.uow, name)
            if len(found.exact) == 1:
                ids.append(found.exact[0].key)
                continue
            existing = next((u for u in entries if fold(u["name"]) == fold(name)), None)
            if existing is None:
                existing = {"id": f"{record.plan_id}.u{len(entries) + 1}", "name": name,
                            "organisation": units.get("organisation", record.plan_id),
                            "kind": unit_kind(name), "is_group": is_category(name),
                            "aliases": []}
                entries.append(existing)
            ids.append(existing["id"])
        units["units"] = entries
        return ids, units

    async def _invalid(self, turn: Turn, record: PlanRecord, content: dict[str, Any],
                       units: dict[str, Any]) -> str | None:
        others = [(f"{r.plan_id} v{r.version}", r.content, r.units)
                  for r in await turn.uow.plans.approved() if r.plan_id != record.plan_id]
        try:
            await asyncio.to_thread(build_from_stored, [*others, (record.plan_id, content,
                                                                  units)])
        except PlanFileError as error:
            return f"{error.location}: {error.problem}"
        return None

    async def approve(self, turn: Turn, draft: int) -> Reply:
        decided = await turn.uow.plans.decide(draft, PlanState.APPROVED, turn.user, turn.now)
        if decided is None:
            return turn.reply(self._gone(await turn.uow.plans.get(draft), draft))
        await turn.uow.plans.bump_catalog(turn.now)
        await self.services.catalog.refresh(turn.uow)  # this instance answers from it at once
        await self.services.obligations.sync_bundled(turn.uow, turn.now, turn.today)
        kb = self.services.kb
        plan = kb.plan(decided.plan_id)
        records = [o.record for k, o in kb.obligations.items()
                   if o.record.plan.id == plan.id]
        units = {a.unit for r in records for a in r.task.units}
        turn.record("plan_approved", plan.number or plan.title[:100], draft=draft,
                    version=decided.version)
        return turn.reply(texts.APPROVED.format(
            plan=plan.number or plan.title, tasks=len(records),
            dated=sum(1 for r in records if due_date(r) is not None), units=len(units)))

    async def reject(self, turn: Turn, draft: int) -> Reply:
        decided = await turn.uow.plans.decide(draft, PlanState.REJECTED, turn.user, turn.now)
        if decided is None:
            return turn.reply(self._gone(await turn.uow.plans.get(draft), draft))
        turn.record("plan_rejected", decided.number or decided.plan_id, draft=draft)
        return turn.reply(texts.REJECTED.format(id=draft))

    @staticmethod
    def _gone(record: PlanRecord | None, draft: int) -> str:
        return (texts.DECIDED_ALREADY if record else texts.DRAFT_GONE).format(id=draft)


def _value_of(typed: str, folded_value: str) -> str:
    """The value part of a correction as the admin typed it (with its diacritics)."""
    words = typed.split()
    count = len(folded_value.split())
    return " ".join(words[-count:]) if count else ""
