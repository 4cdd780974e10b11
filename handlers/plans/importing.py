"""A plan document an admin sends becomes a draft: read off the event loop, its units matched
to the office's, its tasks given the ids of the version it replaces (so assignments and reports
carry over), checked as the knowledge base will check it, and stored for review."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from handlers.messages import Attachment, Reply
from handlers.plans.draft import numbered, render
from handlers.plans.review import PlanReviewDialogue
from handlers.services import Services
from handlers.texts import plans as texts
from handlers.turn import Turn
from knowledge.catalog import build_from_stored
from knowledge.imports import DEFAULT_MAX_BYTES, PlanDraft, PlanImportError, draft_json, read_plan
from knowledge.imports.to_plan import to_plan
from knowledge.loader import PlanFileError
from knowledge.textnorm import fold
from storage.records import NewPlan, PlanRecord, PlanState

PLAN_SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".doc")
SAME_TASK = 80  # rapidfuzz token-set ratio of two tasks' texts that makes them one task


def is_plan_file(attachment: Attachment | None) -> bool:
    return attachment is not None and attachment.name.lower().endswith(PLAN_SUFFIXES)


def plan_slug(number: str | None, issuer: str, year: int) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", fold(f"{number or ''} {issuer}")).strip("-")
    return f"import-{words[:80]}-{year}"


def keep_ids(draft: PlanDraft, old: PlanRecord | None) -> dict[int, str]:
    """The id each draft task had in the version it replaces, when it is the same task (the
    same section and much the same words, or almost the same words anywhere)."""
    if old is None:
        return {}
    earlier = numbered(old.content)
    kept: dict[int, str] = {}
    for index, task in enumerate(draft.tasks):
        best, score = None, 0.0
        for ref, candidate in earlier:
            if candidate["id"] in kept.values():
                continue
            ratio = fuzz.token_set_ratio(task.text, candidate["text"])
            same_section = ref == task.section
            if ratio > score and (ratio >= 95 or (same_section and ratio >= SAME_TASK)):
                best, score = candidate["id"], ratio
        if best is not None:
            kept[index] = best
    return kept


class PlanImports:
    def __init__(self, services: Services, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.services = services
        self.max_bytes = max_bytes

    async def receive(self, turn: Turn, attachment: Attachment) -> Reply:
        try:  # reading a 50-page plan takes a second: off the event loop
            draft = await asyncio.to_thread(read_plan, attachment.name, attachment.content,
                                            max_bytes=self.max_bytes)
        except PlanImportError as error:
            return turn.reply(texts.REFUSED[error.code.value].format(
                file=attachment.name, limit=self.max_bytes // 2**20))
        doc = draft.document
        issuer = doc.issuer or ""
        old = await turn.uow.plans.find(doc.number, issuer)
        year = doc.year or (doc.date.year if doc.date else turn.today.year)
        plan_id = old.plan_id if old else plan_slug(doc.number, issuer, year)
        names = {u.name for t in draft.tasks for u in t.units}
        known = await self._known_units(turn, names)
        plan, units = to_plan(draft, plan_id=plan_id, organisation=plan_id,
                              known_unit=known.get, keep_ids=keep_ids(draft, old))
        # Units other plans already hold stay theirs: only the new ones (and those of the
        # version this one replaces) go with this plan.
        held = {u.id for u in self.services.kb.units.values() if u.organisation != plan_id}
        directory = units.model_copy(update={"units": [u for u in units.units
                                                       if u.id not in held]})
        content, unit_data = plan.model_dump(mode="json"), directory.model_dump(mode="json")
        problem = await self._invalid(turn, plan_id, content, unit_data)
        if problem is not None:
            return turn.reply(texts.REFUSED["invalid"].format(file=attachment.name,
                                                              problem=problem))
        record = await turn.uow.plans.add(NewPlan(
            plan_id=plan_id, number=doc.number, issuer=issuer, source="import",
            content=content, units=unit_data, created_by=turn.user, draft=draft_json(draft),
            file_name=attachment.name[:300]), PlanState.DRAFT, turn.now)
        turn.record("plan_drafted", doc.number or plan.title[:100], draft=record.id,
                    tasks=len(draft.tasks))
        return turn.ask(render(record, old, attachment.name), texts.DRAFT_CHOICES,
                        PlanReviewDialogue(draft=record.id))

    async def _known_units(self, turn: Turn, names: Sequence[str] | set[str]) -> dict[str, str]:
        """The office's unit for each name it already has (its key), by any of its names."""
        found: dict[str, str] = {}
        for name in names:
            lookup = await self.services.directory.lookup(turn.uow, name)
            if len(lookup.exact) == 1:
                found[name] = lookup.exact[0].key
        return found

    async def _invalid(self, turn: Turn, plan_id: str, content: dict[str, object],
                       units: dict[str, object]) -> str | None:
        """Why the knowledge base would refuse the plan beside the others, or None."""
        others = [(f"{r.plan_id} v{r.version}", r.content, r.units)
                  for r in await turn.uow.plans.approved() if r.plan_id != plan_id]
        try:
            await asyncio.to_thread(build_from_stored, [*others, (plan_id, content, units)])
        except PlanFileError as error:
            return f"{error.location}: {error.problem}"
        return None
