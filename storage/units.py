"""Repositories of units, their aliases and contacts, and invite codes. They never commit, take
plain values and return frozen records (storage.records), never rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    ContactRow,
    FailedCodeRow,
    InviteRow,
    UnitAliasRow,
    UnitRow,
    record_columns,
    to_record,
)
from storage.records import ContactRecord, InviteRecord, UnitAliasRecord, UnitRecord


def _unit(row: object) -> UnitRecord:
    return to_record(UnitRecord, row)


def _contact(row: ContactRow) -> ContactRecord:
    return to_record(ContactRecord, row)


class UnitRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *, key: str, name: str, name_key: str, kind: str, origin: str,
                  now: dt.datetime, is_group: bool = False, organisation: str | None = None,
                  group_name: str | None = None, parent_id: int | None = None) -> UnitRecord:
        row = UnitRow(key=key, name=name, name_key=name_key, kind=kind, is_group=is_group,
                      organisation=organisation, group_name=group_name, parent_id=parent_id,
                      origin=origin, created_at=now)
        self.session.add(row)
        await self.session.flush()
        return _unit(row)

    async def get(self, unit_id: int) -> UnitRecord | None:
        row = await self.session.get(UnitRow, unit_id)
        return None if row is None else _unit(row)

    async def by_key(self, key: str) -> UnitRecord | None:
        row = await self.session.scalar(select(UnitRow).where(UnitRow.key == key))
        return None if row is None else _unit(row)

    async def keys(self) -> set[str]:
        return set((await self.session.scalars(select(UnitRow.key))).all())

    async def all(self, *, active_only: bool = True) -> list[UnitRecord]:
        query = select(UnitRow).order_by(UnitRow.organisation, UnitRow.name, UnitRow.id)
        if active_only:
            query = query.where(UnitRow.retired_at.is_(None))
        # Plain rows, not ORM objects (see AssignmentRepository.all).
        columns = query.with_only_columns(*record_columns(UnitRecord, UnitRow.__table__))
        return [UnitRecord(*row) for row in await self.session.execute(columns)]

    async def many(self, unit_ids: Iterable[int]) -> dict[int, UnitRecord]:
        ids = list(unit_ids)
        if not ids:
            return {}
        rows = await self.session.scalars(select(UnitRow).where(UnitRow.id.in_(ids)))
        return {row.id: _unit(row) for row in rows}

    async def rename(self, unit_id: int, name: str, name_key: str) -> UnitRecord | None:
        """Give the unit a new name (the caller keeps the old one as an alias if it wants)."""
        return await self._change(unit_id, name=name, name_key=name_key)

    async def set_group(self, unit_id: int, group_name: str | None) -> UnitRecord | None:
        return await self._change(unit_id, group_name=group_name)

    async def retire(self, unit_id: int, now: dt.datetime) -> UnitRecord | None:
        """The unit gets no more tasks or reminders; its history stays."""
        return await self._change(unit_id, retired_at=now)

    async def set_parent(self, unit_id: int, parent_id: int | None) -> UnitRecord | None:
        return await self._change(unit_id, parent_id=parent_id)

    async def _change(self, unit_id: int, **values: object) -> UnitRecord | None:
        """Set the unit's columns; the unit as it is now, or None when there is no such unit."""
        row = await self.session.get(UnitRow, unit_id)
        if row is None:
            return None
        for name, value in values.items():
            setattr(row, name, value)
        return _unit(row)

    async def aliases(self) -> list[UnitAliasRecord]:
        return [to_record(UnitAliasRecord, row)
                for row in await self.session.scalars(select(UnitAliasRow))]

    async def add_aliases(self, unit_id: int, aliases: Sequence[tuple[str, str]]) -> None:
        """``aliases``: (alias as written, its folded key); keys the unit has are skipped."""
        have = set((await self.session.scalars(
            select(UnitAliasRow.alias_key).where(UnitAliasRow.unit_id == unit_id))).all())
        for alias, key in aliases:
            if key not in have:
                have.add(key)
                self.session.add(UnitAliasRow(unit_id=unit_id, alias=alias, alias_key=key))

    async def next_local_number(self) -> int:
        count = await self.session.scalar(
            select(func.count()).select_from(UnitRow).where(UnitRow.key.like("local.%")))
        return int(count or 0) + 1


class ContactRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_user(self, user: str) -> list[ContactRecord]:
        """The user's active contacts (one per unit they answer for)."""
        query = (select(ContactRow)
                 .where(ContactRow.user == user, ContactRow.left_at.is_(None))
                 .order_by(ContactRow.joined_at, ContactRow.id))
        return [_contact(row) for row in await self.session.scalars(query)]

    async def of_unit(self, unit_id: int) -> list[ContactRecord]:
        query = (select(ContactRow)
                 .where(ContactRow.unit_id == unit_id, ContactRow.left_at.is_(None))
                 .order_by(ContactRow.is_primary.desc(), ContactRow.joined_at))
        return [_contact(row) for row in await self.session.scalars(query)]

    async def reachable(self, unit_ids: Iterable[int] | None = None) -> list[ContactRecord]:
        """Active contacts that have not blocked the assistant, of the units or of all."""
        query = (select(ContactRow)
                 .join(UnitRow, UnitRow.id == ContactRow.unit_id)
                 .where(ContactRow.left_at.is_(None), ContactRow.blocked_at.is_(None),
                        UnitRow.retired_at.is_(None))
                 .order_by(ContactRow.id))
        if unit_ids is not None:
            query = query.where(ContactRow.unit_id.in_(list(unit_ids)))
        return [_contact(row) for row in await self.session.scalars(query)]

    async def mark_blocked(self, contact_id: int, now: dt.datetime) -> ContactRecord | None:
        row = await self.session.get(ContactRow, contact_id)
        if row is None:
            return None
        row.blocked_at = now
        return _contact(row)

    async def move_chat(self, old_chat: str, channel: str, new_chat: str) -> None:
        """A Telegram group became a supergroup: its contacts now live at the new id."""
        await self.session.execute(update(ContactRow).where(
            ContactRow.chat == old_chat, ContactRow.user.like(f"{channel}:%")).values(
            chat=new_chat))

    async def counts(self) -> dict[int, int]:
        query = (select(ContactRow.unit_id, func.count())
                 .where(ContactRow.left_at.is_(None))
                 .group_by(ContactRow.unit_id))
        return {unit_id: int(count) for unit_id, count in (await self.session.execute(query))}

    async def join(self, *, unit_id: int, user: str, chat: str, display_name: str | None,
                   now: dt.datetime) -> ContactRecord:
        """Make ``user`` a contact of the unit (again, if they had left); the first is primary."""
        existing = await self.session.scalar(
            select(ContactRow).where(ContactRow.unit_id == unit_id, ContactRow.user == user))
        has_primary = await self.session.scalar(
            select(func.count()).select_from(ContactRow).where(
                ContactRow.unit_id == unit_id, ContactRow.is_primary.is_(True),
                ContactRow.left_at.is_(None)))
        if existing is not None:
            existing.left_at = None
            existing.blocked_at = None
            existing.chat = chat
            existing.is_primary = existing.is_primary or not has_primary
            return _contact(existing)
        row = ContactRow(unit_id=unit_id, user=user, chat=chat, display_name=display_name,
                         is_primary=not has_primary, joined_at=now)
        self.session.add(row)
        await self.session.flush()
        return _contact(row)


class InviteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, *, code: str, unit_id: int, created_by: str, now: dt.datetime,
            expires_at: dt.datetime) -> InviteRecord:
        self.session.add(InviteRow(code=code, unit_id=unit_id, created_by=created_by,
                                   created_at=now, expires_at=expires_at))
        return InviteRecord(code=code, unit_id=unit_id, created_by=created_by, created_at=now,
                            expires_at=expires_at, used_at=None, used_by=None)

    async def get(self, code: str) -> InviteRecord | None:
        row = await self.session.get(InviteRow, code)
        return None if row is None else to_record(InviteRecord, row)

    async def use(self, code: str, user: str, now: dt.datetime) -> bool:
        """Mark the code used; False when someone else used it first (one-time, race-safe)."""
        result = await self.session.execute(
            update(InviteRow)
            .where(InviteRow.code == code, InviteRow.used_at.is_(None))
            .values(used_at=now, used_by=user))
        return bool(getattr(result, "rowcount", 0))

    def record_failure(self, user: str, now: dt.datetime) -> None:
        self.session.add(FailedCodeRow(user=user, at=now))

    async def failures_since(self, user: str, since: dt.datetime) -> list[dt.datetime]:
        query = (select(FailedCodeRow.at)
                 .where(FailedCodeRow.user == user, FailedCodeRow.at >= since)
                 .order_by(FailedCodeRow.at))
        return list((await self.session.scalars(query)).all())

    async def forget_failures(self, user: str) -> None:
        await self.session.execute(delete(FailedCodeRow).where(FailedCodeRow.user == user))
