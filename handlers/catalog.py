"""The plans the assistant answers from, as the database holds them: seeded from the bundled
files, replaced when an admin approves an import. Every instance checks the catalog's version
(on its own tick, and after each approval) and reloads when it moved — within seconds, with no
restart.

What depends on the plans (the answer engine, task search) registers a listener: given the
new knowledge base it builds what it needs off the event loop, and returns how to put it in
place, which the catalog runs once everything is built.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable

from handlers.ports import UnitOfWork
from knowledge.catalog import build_from_stored, stored_form
from knowledge.loader import KnowledgeBase
from storage.records import NewPlan, PlanRecord, PlanState

log = logging.getLogger(__name__)
Swap = Callable[[], None]
Listener = Callable[[KnowledgeBase], Swap]
BUNDLED = "bundled"


class Catalog:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.version = -1  # not yet read from the database
        self._listeners: list[Listener] = []
        self._lock = asyncio.Lock()

    def on_change(self, listener: Listener) -> None:
        self._listeners.append(listener)

    async def seed(self, uow: UnitOfWork, now: dt.datetime) -> int:
        """Store the bundled plans the database lacks (or holds in an older release's form);
        how many were written. The caller commits."""
        stored = {p.plan_id: p for p in await uow.plans.approved()}
        written = 0
        for plan in self.kb.plans:
            content, units = stored_form(plan, self.kb)
            known = stored.get(plan.id)
            if known is None:
                await uow.plans.add(NewPlan(plan_id=plan.id, number=plan.number,
                                            issuer=plan.issuer, source=BUNDLED,
                                            content=content, units=units,
                                            created_by="troly"), PlanState.APPROVED, now)
            elif known.source == BUNDLED and (known.content, known.units) != (content, units):
                await uow.plans.replace_bundled(known.id, content, units)
            else:
                continue
            written += 1
        if written:
            await uow.plans.bump_catalog(now)
        return written

    async def refresh(self, uow: UnitOfWork) -> bool:
        """Reload when the database's catalog moved; whether it did."""
        version = await uow.plans.catalog_version()
        if version == self.version:
            return False
        async with self._lock:
            if version == self.version:
                return False
            rows = await uow.plans.approved()
            if self._holds(rows):  # the set already answered from (at start, say)
                self.version = version
                return False
            kb, swaps = await asyncio.to_thread(self._build, rows)
            self.kb = kb
            for swap in swaps:
                swap()
            self.version = version
        log.info("plans reloaded version=%d plans=%d", version, len(kb.plans))
        return True

    def _holds(self, rows: list[PlanRecord]) -> bool:
        mine = {p.id: p for p in self.kb.plans}
        return len(rows) == len(mine) and all(
            r.plan_id in mine and stored_form(mine[r.plan_id], self.kb) == (r.content, r.units)
            for r in rows)

    def _build(self, rows: list[PlanRecord]) -> tuple[KnowledgeBase, list[Swap]]:
        kb = build_from_stored((f"{r.plan_id} v{r.version}", r.content, r.units) for r in rows)
        return kb, [listener(kb) for listener in self._listeners]
