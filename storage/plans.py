"""Repository of plans (drafts, approved versions, replaced ones) and of the catalog version
that tells every instance when the approved set changed. It never commits."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import CatalogRow, PlanRow, to_record
from storage.records import NewPlan, PlanRecord, PlanState

CATALOG = "plans"


class PlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, plan: NewPlan, state: PlanState, now: dt.datetime) -> PlanRecord:
        """A new version of ``plan.plan_id`` (1 for a plan never seen), in ``state``."""
        latest = await self.session.scalar(select(func.max(PlanRow.version)).where(
            PlanRow.plan_id == plan.plan_id))
        row = PlanRow(**asdict(plan), version=int(latest or 0) + 1, state=state.value,
                      created_at=now)
        self.session.add(row)
        await self.session.flush()
        return to_record(PlanRecord, row)

    async def get(self, row_id: int) -> PlanRecord | None:
        row = await self.session.get(PlanRow, row_id)
        return None if row is None else to_record(PlanRecord, row)

    async def approved(self) -> list[PlanRecord]:
        query = (select(PlanRow).where(PlanRow.state == PlanState.APPROVED.value)
                 .order_by(PlanRow.plan_id))
        return [to_record(PlanRecord, r) for r in await self.session.scalars(query)]

    async def approved_of(self, plan_id: str) -> PlanRecord | None:
        row = await self.session.scalar(select(PlanRow).where(
            PlanRow.plan_id == plan_id, PlanRow.state == PlanState.APPROVED.value))
        return None if row is None else to_record(PlanRecord, row)

    async def find(self, number: str | None, issuer: str) -> PlanRecord | None:
        """The approved plan with this number and issuer: a new import is its next version."""
        if not number:
            return None
        row = await self.session.scalar(select(PlanRow).where(
            PlanRow.number == number, PlanRow.issuer == issuer,
            PlanRow.state == PlanState.APPROVED.value))
        return None if row is None else to_record(PlanRecord, row)

    async def drafts(self) -> list[PlanRecord]:
        query = (select(PlanRow).where(PlanRow.state == PlanState.DRAFT.value)
                 .order_by(PlanRow.id))
        return [to_record(PlanRecord, r) for r in await self.session.scalars(query)]

    async def update_draft(self, row_id: int, content: dict[str, object],
                           units: dict[str, object]) -> PlanRecord | None:
        """An admin's correction of a draft not yet decided."""
        result = await self.session.execute(update(PlanRow).where(
            PlanRow.id == row_id, PlanRow.state == PlanState.DRAFT.value).values(
            content=content, units=units))
        return await self.get(row_id) if getattr(result, "rowcount", 0) else None

    async def decide(self, row_id: int, state: PlanState, by: str,
                     now: dt.datetime) -> PlanRecord | None:
        """Approve (the approved version it replaces becomes ``replaced``) or reject a draft;
        None when it is not (or no longer) a draft."""
        row = await self.session.get(PlanRow, row_id)
        if row is None or row.state != PlanState.DRAFT.value:
            return None
        if state is PlanState.APPROVED:
            await self.session.execute(update(PlanRow).where(
                PlanRow.plan_id == row.plan_id, PlanRow.state == PlanState.APPROVED.value)
                .values(state=PlanState.REPLACED.value))
        row.state, row.decided_by, row.decided_at = state.value, by, now
        await self.session.flush()
        return to_record(PlanRecord, row)

    async def replace_bundled(self, row_id: int, content: dict[str, object],
                              units: dict[str, object]) -> None:
        """A new release's bundled plan, in place of the bundled copy an older one seeded."""
        await self.session.execute(update(PlanRow).where(PlanRow.id == row_id).values(
            content=content, units=units))

    async def catalog_version(self) -> int:
        row = await self.session.get(CatalogRow, CATALOG)
        return 0 if row is None else row.version

    async def bump_catalog(self, now: dt.datetime) -> int:
        """The approved set changed: a new version, which every instance reloads."""
        row = await self.session.get(CatalogRow, CATALOG, with_for_update=True)
        if row is None:
            row = CatalogRow(name=CATALOG, version=1, updated_at=now)
            self.session.add(row)
        else:
            row.version, row.updated_at = row.version + 1, now
        await self.session.flush()
        return row.version
