"""Who must do what: the bundled plans' obligations given to the units they name, a category
of units ("Cấp ủy chi, đảng bộ cơ sở") resolved to the office's group of that name, and the
data of older releases brought in line (a duty stated twice was two tasks).

An assignment to a category applies to each member unit — each reporting for itself — and a
unit put into the group later gets the category's open obligations.
"""

from __future__ import annotations

import datetime as dt

from handlers.catalog import Catalog
from handlers.directory import UnitDirectory
from handlers.ports import UnitOfWork
from handlers.tasks import due_date
from knowledge.loader import KnowledgeBase
from storage.records import UnitRecord

CATEGORY_SOURCE = "category"


class Obligations:
    def __init__(self, catalog: Catalog, directory: UnitDirectory) -> None:
        self.catalog = catalog
        self.directory = directory

    @property
    def kb(self) -> KnowledgeBase:
        return self.catalog.kb

    async def sync_bundled(self, uow: UnitOfWork, now: dt.datetime, today: dt.date) -> int:
        """Create the units the bundled plans name and give them their obligations; move what
        older releases recorded on a restated duty to the duty itself; give each category's
        members its open obligations. Idempotent; how many rows were added."""
        added = await self._add_units(uow, now)
        for record in self.kb.tasks:
            if record.obligation_key not in (None, record.key):
                await uow.assignments.rekey(record.key, record.obligation_key)
                await uow.reports.rekey(record.key, record.obligation_key)
        ids = {row.key: row.id for row in await uow.units.all(active_only=False)}
        existing = await uow.assignments.existing()
        for record in self.kb.tasks:
            key = record.obligation_key
            if key is None:
                continue  # a window: a fact of the plan, never assigned
            for assignment in record.task.units:
                unit_id = ids.get(assignment.unit)
                if unit_id is None or (key, unit_id) in existing:
                    continue
                existing.add((key, unit_id))
                await uow.assignments.add(task_key=key, unit_id=unit_id,
                                          role=assignment.role.value, source="plan",
                                          assigned_by=None, now=now)
                added += 1
        for unit in await uow.units.all():
            if unit.group_name and not unit.is_group:
                for category in await self.categories(uow, unit.group_name):
                    added += await self.give(uow, unit, category, now, today)
        return added

    async def _add_units(self, uow: UnitOfWork, now: dt.datetime) -> int:
        known = await uow.units.keys()
        added = 0
        for unit in self.kb.units.values():
            if unit.id in known:
                continue
            row = await uow.units.add(
                key=unit.id, name=unit.name, name_key=self.directory.key(unit.name),
                kind=unit.kind.value, is_group=unit.is_group, organisation=unit.organisation,
                origin="plan", now=now)
            await uow.units.add_aliases(row.id, [(a, self.directory.key(a))
                                                 for a in unit.aliases])
            added += 1
        return added

    async def categories(self, uow: UnitOfWork, name: str | None) -> list[UnitRecord]:
        """The categories of units a group name means, by their names or aliases: in an
        office of one organisation, one; a name several plans use names each of them."""
        if not name:
            return []
        found = await self.directory.lookup(uow, name)
        return [u for u in found.exact if u.is_group]

    async def join_group(self, uow: UnitOfWork, unit: UnitRecord, group: str | None,
                         now: dt.datetime, today: dt.date
                         ) -> tuple[str | None, list[tuple[str, int]]]:
        """Put ``unit`` in ``group``; when the group is a plan's category of units, the unit
        gets the category's open obligations. The group's name as kept (a category's own
        name for any of its names), and (category, obligations given) for each category."""
        categories = await self.categories(uow, group)
        if len(categories) == 1:
            group = categories[0].name
        updated = await uow.units.set_group(unit.id, group)
        given = []
        if updated is not None:
            for category in categories:
                given.append((category.name,
                              await self.give(uow, updated, category, now, today)))
        return group, given

    async def give(self, uow: UnitOfWork, unit: UnitRecord, category: UnitRecord,
                   now: dt.datetime, today: dt.date) -> int:
        """Give ``unit`` the category's obligations that are still open; how many were new."""
        given = 0
        for assignment in await uow.assignments.of_unit(category.id):
            obligation = self.kb.obligations.get(assignment.task_key)
            if obligation is None:
                continue
            due = due_date(obligation.record)
            if due is not None and due < today:
                continue
            given += await uow.assignments.add(
                task_key=assignment.task_key, unit_id=unit.id, role=assignment.role,
                source=CATEGORY_SOURCE, assigned_by=None, now=now)
        return given
