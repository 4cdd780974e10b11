"""Repositories of the audit log and of each user's open dialogue. They never commit and return
plain values or frozen records (storage.records), never rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.database import upsert
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

    async def many(self, users: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The open dialogues of these users (those who have one)."""
        wanted = sorted(set(users))
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(wanted), 500):
            rows = await self.session.scalars(select(DialogueRow).where(
                DialogueRow.user.in_(wanted[start:start + 500])))
            found.update((row.user, dict(row.state)) for row in rows)
        return found

    async def put_many(self, states: dict[str, dict[str, Any]], now: dt.datetime) -> None:
        """Set the open dialogues of many users at once (the planner's reminder prompts)."""
        users = list(states)
        for start in range(0, len(users), 500):
            values = [{"user": u, "state": states[u], "updated_at": now}
                      for u in users[start:start + 500]]
            statement = upsert(self.session, DialogueRow).values(values)
            await self.session.execute(statement.on_conflict_do_update(
                index_elements=["user"], set_={"state": statement.excluded.state,
                                               "updated_at": statement.excluded.updated_at}))

    async def put(self, user: str, state: dict[str, Any], now: dt.datetime) -> None:
        row = await self.session.get(DialogueRow, user)
        if row is None:
            self.session.add(DialogueRow(user=user, state=state, updated_at=now))
        else:
            row.state = state
            row.updated_at = now

    async def clear(self, user: str) -> None:
        await self.session.execute(delete(DialogueRow).where(DialogueRow.user == user))
