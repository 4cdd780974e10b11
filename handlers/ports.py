"""The ports the core needs from storage: one unit of work per message, and the repositories on
it, as Protocols. They take plain values and give back frozen records (storage.records).

``storage.uow.UnitOfWork`` (SQLAlchemy) implements them structurally; tests may hand the core
anything else that does. This module imports nothing but storage.records and the standard
library, so the core never sees SQLAlchemy or an ORM row. Repositories never commit: the unit of
work does, once, when the message is handled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any, Protocol, Self

from storage.records import (
    AssignmentRecord,
    AuditRecord,
    BroadcastRecord,
    ContactRecord,
    ExchangeRecord,
    FailureCode,
    InviteRecord,
    NewMessage,
    NewReport,
    OutboxRecord,
    StatusReportRecord,
    UnitAliasRecord,
    UnitRecord,
)


class UnitRepository(Protocol):
    async def add(self, *, key: str, name: str, name_key: str, kind: str, origin: str,
                  now: dt.datetime, is_group: bool = False, organisation: str | None = None,
                  group_name: str | None = None, parent_id: int | None = None
                  ) -> UnitRecord: ...

    async def get(self, unit_id: int) -> UnitRecord | None: ...

    async def by_key(self, key: str) -> UnitRecord | None: ...

    async def keys(self) -> set[str]: ...

    async def all(self, *, active_only: bool = True) -> list[UnitRecord]: ...

    async def many(self, unit_ids: Iterable[int]) -> dict[int, UnitRecord]: ...

    async def rename(self, unit_id: int, name: str, name_key: str) -> UnitRecord | None: ...

    async def set_group(self, unit_id: int, group_name: str | None) -> UnitRecord | None: ...

    async def retire(self, unit_id: int, now: dt.datetime) -> UnitRecord | None: ...

    async def set_parent(self, unit_id: int, parent_id: int | None) -> UnitRecord | None: ...

    async def aliases(self) -> list[UnitAliasRecord]: ...

    async def add_aliases(self, unit_id: int, aliases: Sequence[tuple[str, str]]) -> None:
        """``aliases``: (alias as written, its folded key); keys the unit has are skipped."""
        ...

    async def next_local_number(self) -> int: ...


class ContactRepository(Protocol):
    async def of_user(self, user: str) -> list[ContactRecord]: ...

    async def of_unit(self, unit_id: int) -> list[ContactRecord]: ...

    async def reachable(self, unit_ids: Iterable[int] | None = None) -> list[ContactRecord]: ...

    async def mark_blocked(self, contact_id: int, now: dt.datetime) -> ContactRecord | None: ...

    async def move_chat(self, old_chat: str, channel: str, new_chat: str) -> None: ...

    async def counts(self) -> dict[int, int]: ...

    async def join(self, *, unit_id: int, user: str, chat: str, display_name: str | None,
                   now: dt.datetime) -> ContactRecord: ...


class InviteRepository(Protocol):
    def add(self, *, code: str, unit_id: int, created_by: str, now: dt.datetime,
            expires_at: dt.datetime) -> InviteRecord: ...

    async def get(self, code: str) -> InviteRecord | None: ...

    async def use(self, code: str, user: str, now: dt.datetime) -> bool:
        """Mark the code used; False when someone else used it first."""
        ...

    def record_failure(self, user: str, now: dt.datetime) -> None: ...

    async def failures_since(self, user: str, since: dt.datetime) -> list[dt.datetime]: ...

    async def forget_failures(self, user: str) -> None: ...


class AssignmentRepository(Protocol):
    async def existing(self) -> set[tuple[str, int]]: ...

    async def add(self, *, task_key: str, unit_id: int, role: str, source: str,
                  assigned_by: str | None, now: dt.datetime) -> bool:
        """Assign the task; False when the unit already has it."""
        ...

    async def of_unit(self, unit_id: int) -> list[AssignmentRecord]: ...

    async def of_task(self, task_key: str) -> list[AssignmentRecord]: ...

    async def all(self) -> list[AssignmentRecord]: ...


class StatusReportRepository(Protocol):
    async def add(self, report: NewReport) -> StatusReportRecord: ...

    async def latest(self, pairs: Iterable[tuple[str, int]] | None = None
                     ) -> dict[tuple[str, int], StatusReportRecord]:
        """The newest report per (task, unit); all pairs when ``pairs`` is None."""
        ...

    async def last_by_author(self, author: str) -> StatusReportRecord | None: ...

    async def history(self, task_key: str, unit_id: int) -> list[StatusReportRecord]: ...

    async def count(self) -> int: ...


class AuditRepository(Protocol):
    def add(self, *, actor: str, action: str, target: str, now: dt.datetime,
            details: dict[str, Any] | None = None) -> None: ...

    async def recent(self, limit: int = 20) -> list[AuditRecord]: ...


class DialogueRepository(Protocol):
    async def get(self, user: str) -> dict[str, Any] | None: ...

    async def put(self, user: str, state: dict[str, Any], now: dt.datetime) -> None: ...

    async def clear(self, user: str) -> None: ...


class ExchangeRepository(Protocol):
    def add(self, *, channel: str, sender: str, text: str, received_at: dt.datetime,
            outcome: str, replies: list[dict[str, Any]],
            message_id: str | None = None) -> None: ...

    async def handled(self, channel: str, message_id: str) -> bool: ...

    async def recent(self, channel: str, sender: str, limit: int = 20
                     ) -> list[ExchangeRecord]: ...


class OutboxRepository(Protocol):
    async def enqueue(self, messages: Sequence[NewMessage], now: dt.datetime) -> int:
        """Add the messages not already queued (by dedupe key); how many were added."""
        ...

    async def known(self, dedupe_key: str) -> bool: ...

    async def claim(self, worker: str, now: dt.datetime, lease: dt.timedelta, limit: int,
                    channels: Sequence[str]) -> list[OutboxRecord]:
        """Take up to ``limit`` due rows for this worker, this attempt already counted."""
        ...

    async def mark_sent(self, row_ids: Sequence[int], now: dt.datetime) -> None: ...

    async def retry(self, row_id: int, at: dt.datetime, error: str,
                    chat: str | None = None) -> None: ...

    async def fail(self, row_id: int, failure: FailureCode, detail: str) -> None:
        """Give the row up: the code, and the technical detail (never a Vietnamese sentence)."""
        ...

    async def cancel_broadcast(self, broadcast_id: int) -> int: ...

    async def counts(self, broadcast_id: int) -> dict[str, int]: ...

    async def failures(self, broadcast_id: int
                       ) -> list[tuple[OutboxRecord, ContactRecord | None]]: ...

    async def pending_count(self, channel: str | None = None) -> int: ...


class BroadcastRepository(Protocol):
    async def add(self, *, created_by: str, notify_chat: str, text: str, audience: str,
                  now: dt.datetime) -> BroadcastRecord: ...

    async def get(self, broadcast_id: int) -> BroadcastRecord | None: ...

    async def recent(self, limit: int = 5) -> list[BroadcastRecord]: ...

    async def cancel(self, broadcast_id: int, now: dt.datetime) -> BroadcastRecord | None:
        """Mark it cancelled (the first time only); its waiting messages are left to
        ``OutboxRepository.cancel_broadcast``."""
        ...

    async def mark_reported(self, broadcast_id: int, now: dt.datetime
                            ) -> BroadcastRecord | None: ...

    async def sending(self) -> list[BroadcastRecord]: ...

    async def finished_unreported(self) -> list[BroadcastRecord]:
        """Broadcasts with nothing left to send and no report yet, held (locked) until the
        unit of work ends: ``mark_reported`` each in it."""
        ...


class UnitOfWork(Protocol):
    """``async with make_uow() as uow: ...; await uow.commit()``; rolled back otherwise."""

    # Read-only properties, so an implementation may type them more narrowly.
    @property
    def units(self) -> UnitRepository: ...

    @property
    def contacts(self) -> ContactRepository: ...

    @property
    def invites(self) -> InviteRepository: ...

    @property
    def assignments(self) -> AssignmentRepository: ...

    @property
    def reports(self) -> StatusReportRepository: ...

    @property
    def audit(self) -> AuditRepository: ...

    @property
    def dialogues(self) -> DialogueRepository: ...

    @property
    def exchanges(self) -> ExchangeRepository: ...

    @property
    def outbox(self) -> OutboxRepository: ...

    @property
    def broadcasts(self) -> BroadcastRepository: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None: ...
