"""The repositories on SQLite and PostgreSQL hand out frozen records, never rows, and change
what is stored only through their methods."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import inspect

from storage import models, records
from storage.database import Database
from storage.records import (
    AssignmentRecord,
    AuditRecord,
    BroadcastRecord,
    ContactRecord,
    FailureCode,
    InviteRecord,
    NewMessage,
    NewReport,
    OutboxRecord,
    OutboxState,
    StatusReportRecord,
    UnitAliasRecord,
    UnitRecord,
)
from storage.uow import UnitOfWork

NOW = dt.datetime(2024, 3, 1, 3, 0, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(hours=1)
MIRRORS: list[tuple[type[object], type[models.Base]]] = [
    (UnitRecord, models.UnitRow), (UnitAliasRecord, models.UnitAliasRow),
    (ContactRecord, models.ContactRow), (InviteRecord, models.InviteRow),
    (AssignmentRecord, models.AssignmentRow), (StatusReportRecord, models.StatusReportRow),
    (AuditRecord, models.AuditRow), (BroadcastRecord, models.BroadcastRow),
    (OutboxRecord, models.OutboxRow), (records.ExchangeRecord, models.Exchange)]


@pytest.mark.parametrize(("record", "model"), MIRRORS, ids=lambda c: c.__name__)
def test_each_record_mirrors_its_model(record: type[object], model: type[models.Base]) -> None:
    columns = {c.key for c in inspect(model).column_attrs}
    fields = {f.name for f in dataclasses.fields(record)}  # type: ignore[arg-type]
    assert fields == columns - ({"id"} if record is UnitAliasRecord else set())
    assert record.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert hasattr(record, "__slots__")


async def _unit(uow: UnitOfWork, key: str = "u1", name: str = "Chi bộ Văn phòng") -> UnitRecord:
    return await uow.units.add(key=key, name=name, name_key=name.lower(), kind="chi_bo",
                               origin="admin", now=NOW)


async def test_units_change_only_through_the_repository(database: Database) -> None:
    async with UnitOfWork(database.session()) as uow:
        unit = await _unit(uow)
        parent = await _unit(uow, "u2", "Đảng ủy Khối")
        await uow.commit()
    assert isinstance(unit, UnitRecord) and unit.active and unit.id > 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        unit.name = "khác"  # type: ignore[misc]

    async with UnitOfWork(database.session()) as uow:
        renamed = await uow.units.rename(unit.id, "Chi bộ Ban Tuyên giáo", "chi bo ban tuyen giao")
        grouped = await uow.units.set_group(unit.id, "Khối cơ quan")
        placed = await uow.units.set_parent(unit.id, parent.id)
        retired = await uow.units.retire(unit.id, LATER)
        assert await uow.units.rename(9999, "x", "x") is None
        assert await uow.units.set_group(9999, None) is None
        assert await uow.units.set_parent(9999, None) is None
        assert await uow.units.retire(9999, LATER) is None
        await uow.commit()
    assert renamed is not None and renamed.name == "Chi bộ Ban Tuyên giáo"
    assert renamed.name_key == "chi bo ban tuyen giao" and renamed.group_name is None
    assert grouped is not None and grouped.group_name == "Khối cơ quan"
    assert placed is not None and placed.parent_id == parent.id
    assert retired is not None and not retired.active and retired.retired_at == LATER
    assert unit.name == "Chi bộ Văn phòng"  # a record is a snapshot

    async with UnitOfWork(database.session()) as uow:
        stored = await uow.units.get(unit.id)
        assert stored == retired
        assert [u.id for u in await uow.units.all()] == [parent.id]
        assert await uow.units.by_key("u1") == stored
        assert await uow.units.many([unit.id]) == {unit.id: stored}
        ungrouped = await uow.units.set_group(unit.id, None)
        assert ungrouped is not None and ungrouped.group_name is None


async def test_aliases_are_records(database: Database) -> None:
    async with UnitOfWork(database.session()) as uow:
        unit = await _unit(uow)
        await uow.units.add_aliases(unit.id, [("VP", "vp"), ("Văn phòng", "van phong"),
                                              ("vp", "vp")])
        await uow.commit()
    async with UnitOfWork(database.session()) as uow:
        aliases = await uow.units.aliases()
    assert sorted(aliases, key=lambda a: a.alias_key) == [
        UnitAliasRecord(unit.id, "Văn phòng", "van phong"), UnitAliasRecord(unit.id, "VP", "vp")]


async def test_contacts_join_and_are_marked_blocked(database: Database) -> None:
    async with UnitOfWork(database.session()) as uow:
        unit = await _unit(uow)
        first = await uow.contacts.join(unit_id=unit.id, user="telegram:1", chat="1",
                                        display_name="Anh Minh", now=NOW)
        second = await uow.contacts.join(unit_id=unit.id, user="zalo:2", chat="2",
                                         display_name=None, now=NOW)
        await uow.commit()
    assert isinstance(first, ContactRecord) and first.is_primary and not second.is_primary
    assert (first.channel, second.channel) == ("telegram", "zalo")

    async with UnitOfWork(database.session()) as uow:
        blocked = await uow.contacts.mark_blocked(first.id, LATER)
        assert await uow.contacts.mark_blocked(9999, LATER) is None
        await uow.commit()
    assert blocked is not None and blocked.blocked_at == LATER and first.blocked_at is None
    async with UnitOfWork(database.session()) as uow:
        assert [c.id for c in await uow.contacts.reachable()] == [second.id]
        again = await uow.contacts.join(unit_id=unit.id, user="telegram:1", chat="-100",
                                        display_name=None, now=LATER)
        assert again.id == first.id and again.blocked_at is None and again.chat == "-100"
        assert [c.id for c in await uow.contacts.of_user("telegram:1")] == [first.id]
        assert await uow.contacts.of_unit(unit.id) == [again, second]


async def test_invites_reports_assignments_and_audit_are_records(database: Database) -> None:
    async with UnitOfWork(database.session()) as uow:
        unit = await _unit(uow)
        made = uow.invites.add(code="ABC123", unit_id=unit.id, created_by="console:btg",
                               now=NOW, expires_at=LATER)
        assert await uow.assignments.add(task_key="kh103.t1", unit_id=unit.id, role="lead",
                                         source="plan", assigned_by=None, now=NOW)
        report = await uow.reports.add(NewReport(
            task_key="kh103.t1", unit_id=unit.id, status="done", raw_text="xong",
            author="telegram:1", channel="telegram", reported_at=NOW, percent=100))
        uow.audit.add(actor="console:btg", action="unit_added", target=unit.name, now=NOW,
                      details={"key": unit.key})
        await uow.commit()
    assert isinstance(report, StatusReportRecord) and report.id > 0 and report.percent == 100
    async with UnitOfWork(database.session()) as uow:
        assert await uow.invites.get("ABC123") == made
        assert await uow.invites.use("ABC123", "telegram:1", LATER)
        await uow.commit()
    async with UnitOfWork(database.session()) as uow:
        used = await uow.invites.get("ABC123")
        assert used is not None and (used.used_at, used.used_by) == (LATER, "telegram:1")
        assert await uow.invites.get("NOPE") is None
        [assignment] = await uow.assignments.of_unit(unit.id)
        assert isinstance(assignment, AssignmentRecord) and assignment.role == "lead"
        assert await uow.assignments.of_task("kh103.t1") == [assignment]
        assert await uow.assignments.all() == [assignment]
        assert await uow.reports.latest() == {("kh103.t1", unit.id): report}
        assert await uow.reports.last_by_author("telegram:1") == report
        assert await uow.reports.last_by_author("telegram:9") is None
        assert await uow.reports.history("kh103.t1", unit.id) == [report]
        [entry] = await uow.audit.recent()
        assert isinstance(entry, AuditRecord) and entry.details == {"key": "u1"}


async def _broadcast_to(uow: UnitOfWork, contact: ContactRecord, count: int) -> BroadcastRecord:
    broadcast = await uow.broadcasts.add(created_by="telegram:9", notify_chat="telegram:9",
                                         text="Họp", audience="tất cả", now=NOW)
    await uow.outbox.enqueue([NewMessage(f"b{broadcast.id}:{n}", "telegram", str(n), "Họp",
                                         contact_id=contact.id if n == 0 else None,
                                         broadcast_id=broadcast.id) for n in range(count)], NOW)
    return broadcast


async def test_claimed_rows_are_records_with_the_attempt_counted(database: Database) -> None:
    async with UnitOfWork(database.session()) as uow:
        unit = await _unit(uow)
        contact = await uow.contacts.join(unit_id=unit.id, user="telegram:0", chat="0",
                                          display_name=None, now=NOW)
        await _broadcast_to(uow, contact, 2)
        await uow.commit()
    async with UnitOfWork(database.session()) as uow:
        claimed = await uow.outbox.claim("w1", NOW, dt.timedelta(minutes=1), 10, ["telegram"])
        await uow.commit()
    assert [type(r) for r in claimed] == [OutboxRecord, OutboxRecord]
    assert {(r.attempts, r.claimed_by, r.claimed_until) for r in claimed} == {
        (1, "w1", NOW + dt.timedelta(minutes=1))}
    assert all(r.state is OutboxState.PENDING and r.failure is None for r in claimed)


async def test_a_row_given_up_keeps_its_code_and_detail(database: Database) -> None:
    async with UnitOfWork(database.session()) as uow:
        unit = await _unit(uow)
        contact = await uow.contacts.join(unit_id=unit.id, user="telegram:0", chat="0",
                                          display_name="Chị Lan", now=NOW)
        broadcast = await _broadcast_to(uow, contact, 3)
        await uow.commit()
    async with UnitOfWork(database.session()) as uow:
        first, second, third = await uow.outbox.claim("w1", NOW, dt.timedelta(minutes=1), 10,
                                                      ["telegram"])
        await uow.outbox.fail(first.id, FailureCode.BLOCKED, "Telegram 403")
        await uow.outbox.fail(second.id, FailureCode.EXHAUSTED, "6 tries, last: Telegram 502")
        await uow.outbox.mark_sent([third.id], NOW)
        await uow.commit()
    async with UnitOfWork(database.session()) as uow:
        failures = await uow.outbox.failures(broadcast.id)
        counts = await uow.outbox.counts(broadcast.id)
    assert [(r.id, r.state, r.failure, r.last_error, c) for r, c in failures] == [
        (first.id, OutboxState.FAILED, FailureCode.BLOCKED, "Telegram 403", contact),
        (second.id, OutboxState.FAILED, FailureCode.EXHAUSTED, "6 tries, last: Telegram 502",
         None)]
    assert all(r.claimed_until is None for r, _ in failures)
    assert counts == {OutboxState.FAILED: 2, OutboxState.SENT: 1}


async def test_broadcasts_are_cancelled_once_and_reported(database: Database) -> None:
    async with UnitOfWork(database.session()) as uow:
        unit = await _unit(uow)
        contact = await uow.contacts.join(unit_id=unit.id, user="telegram:0", chat="0",
                                          display_name=None, now=NOW)
        running = await _broadcast_to(uow, contact, 2)
        stopped = await _broadcast_to(uow, contact, 2)
        await uow.commit()
    async with UnitOfWork(database.session()) as uow:
        assert sorted(b.id for b in await uow.broadcasts.sending()) == [running.id, stopped.id]
        assert await uow.outbox.cancel_broadcast(stopped.id) == 2
        cancelled = await uow.broadcasts.cancel(stopped.id, NOW)
        again = await uow.broadcasts.cancel(stopped.id, LATER)
        assert await uow.broadcasts.cancel(9999, NOW) is None
        await uow.commit()
    assert cancelled is not None and cancelled.cancelled_at == NOW and again == cancelled
    async with UnitOfWork(database.session()) as uow:
        assert [b.id for b in await uow.broadcasts.sending()] == [running.id]
        [finished] = await uow.broadcasts.finished_unreported()
        assert finished == cancelled
        reported = await uow.broadcasts.mark_reported(finished.id, LATER)
        assert await uow.broadcasts.mark_reported(9999, LATER) is None
        await uow.commit()
    assert reported is not None and reported.reported_at == LATER
    async with UnitOfWork(database.session()) as uow:
        assert await uow.broadcasts.finished_unreported() == []
        assert await uow.broadcasts.get(stopped.id) == reported
        assert [b.id for b in await uow.broadcasts.recent()] == [stopped.id, running.id]
