"""Repositories of the audit log and of each user's open dialogue. They never commit and return
plain values or frozen records (storage.records), never rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditRow, DialogueRow, to_record
from storage.records import AuditRecord


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, *, actor: str, action: str, target: str, now: dt.datetime,
            details: dict[str, Any] | None = None) -> None:
        self.session.add(AuditRow(at=now, actor=actor, action=action, target=target[:300],
                                  details=details or {}))

    async def recent(self, limit: int = 20) -> list[AuditRecord]:
        query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        return [to_record(AuditRecord, row) for row in await self.session.scalars(query)]


class DialogueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user: str) -> dict[str, Any] | None:
        row = await self.session.get(DialogueRow, user)
        return None if row is None else dict(row.state)

    async def put(self, user: str, state: dict[str, Any], now: dt.datetime) -> None:
        row = await self.session.get(DialogueRow, user)
        if row is None:
            self.session.add(DialogueRow(user=user, state=state, updated_at=now))
        else:
            row.state = state
            row.updated_at = now

    async def clear(self, user: str) -> None:
        await self.session.execute(delete(DialogueRow).where(DialogueRow.user == user))
