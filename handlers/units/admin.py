"""/donvi and /moi: admins list, add, rename, group, retire and import units, and invite contacts.

Every change is checked first and then made whole, or not at all, with an audit line.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict

from handlers.commands import split_args
from handlers.directory import clean_name, guess_kind
from handlers.messages import Reply
from handlers.services import Services
from handlers.texts import units as texts
from handlers.turn import Turn
from handlers.units import invites
from handlers.units.table import UnitTableError, UnitTableRow, read_unit_table
from knowledge.textnorm import fold
from storage.records import UnitRecord

MAX_NAME_LENGTH = 300


class UnitsAdmin:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.directory = services.directory

    # -- /moi ------------------------------------------------------------------------------

    async def invite(self, turn: Turn, args: str) -> Reply:
        unit = await self.directory.resolve(turn, args, "/moi", include_retired=True)
        if isinstance(unit, Reply):
            return unit
        return await invites.create(turn, unit, bot_link=self.services.bot_link)

    # -- /donvi ----------------------------------------------------------------------------

    async def handle(self, turn: Turn, args: str) -> Reply:
        sub, _, rest = args.strip().partition(" ")
        action = {
            "": self.list_units, "ds": self.list_units, "xem": self.show, "them": self.add,
            "doiten": self.rename, "nhom": self.set_group, "ngung": self.retire,
            "nhap": self.import_table,
        }.get(fold(sub))
        if action is None:
            return turn.reply(texts.UNITS_USAGE)
        return await action(turn, rest.strip())

    async def list_units(self, turn: Turn, _args: str) -> Reply:
        units = await turn.uow.units.all()
        counts = await turn.uow.contacts.counts()
        groups: dict[str, list[str]] = defaultdict(list)
        for unit in units:
            group = unit.group_name or texts.UNITS_NO_GROUP
            groups[group].append(texts.UNITS_LIST_LINE.format(name=unit.name,
                                                         contacts=counts.get(unit.id, 0)))
        lines = [texts.UNITS_TITLE.format(count=len(units))]
        for group in sorted(groups, key=lambda g: (g == texts.UNITS_NO_GROUP, fold(g))):
            lines.append(f"{group}:")
            lines.extend(groups[group])
        lines.append(texts.UNITS_USAGE)
        return turn.reply("\n".join(lines))

    async def show(self, turn: Turn, args: str) -> Reply:
        unit = await self.directory.resolve(turn, args, "/donvi xem", include_retired=True)
        if isinstance(unit, Reply):
            return unit
        contacts = await turn.uow.contacts.of_unit(unit.id)
        tasks = await turn.uow.assignments.of_unit(unit.id)
        lines = [texts.UNIT_CARD.format(name=unit.name, group=unit.group_name or "—",
                                        tasks=len(tasks))]
        if unit.retired_at is not None:
            lines.append(texts.UNIT_IS_RETIRED)
        for contact in contacts:
            role = texts.CONTACT_PRIMARY if contact.is_primary else texts.CONTACT_DEPUTY
            lines.append(texts.UNIT_CONTACT_LINE.format(
                user=contact.user, name=contact.display_name or "", role=role))
        if not contacts:
            lines.append(texts.UNIT_NO_CONTACTS.format(name=unit.name))
        return turn.reply("\n".join(lines))

    async def add(self, turn: Turn, args: str) -> Reply:
        parts = split_args(args)
        name = clean_name(parts[0])
        group = clean_name(parts[1]) if len(parts) > 1 and parts[1] else None
        if not name or len(name) > MAX_NAME_LENGTH:
            return turn.reply(texts.UNIT_NAME_MISSING.format(command="/donvi them"))
        found = await self.directory.lookup(turn.uow, name, include_retired=True)
        if found.exact:
            return turn.reply(texts.UNIT_EXISTS.format(name=found.exact[0].name))
        unit = await self._create(turn, name, None, origin="admin")
        kept, given = await self.services.obligations.join_group(turn.uow, unit, group,
                                                                 turn.now, turn.today)
        turn.record("unit_added", unit.name, group=kept)
        lines = [texts.UNIT_ADDED.format(name=unit.name, group=kept or "—")]
        lines.extend(texts.UNIT_GIVEN_CATEGORY_TASKS.format(count=count, category=category)
                     for category, count in given)
        return turn.reply("\n".join(lines))

    async def _create(self, turn: Turn, name: str, group: str | None, *, origin: str,
                      parent_id: int | None = None) -> UnitRecord:
        number = await turn.uow.units.next_local_number()
        return await turn.uow.units.add(
            key=f"local.{number}", name=name, name_key=self.directory.key(name),
            kind=guess_kind(name), origin=origin, now=turn.now, group_name=group,
            parent_id=parent_id)

    async def rename(self, turn: Turn, args: str) -> Reply:
        parts = split_args(args)
        if len(parts) != 2 or not clean_name(parts[1]):
            return turn.reply(texts.UNIT_RENAME_USAGE)
        unit = await self.directory.resolve(turn, parts[0], "/donvi doiten")
        if isinstance(unit, Reply):
            return unit
        new_name = clean_name(parts[1])
        clash = await self.directory.lookup(turn.uow, new_name, include_retired=True)
        if any(u.id != unit.id for u in clash.exact):
            return turn.reply(texts.UNIT_EXISTS.format(name=new_name))
        old_name = unit.name
        await turn.uow.units.add_aliases(unit.id, [(old_name, self.directory.key(old_name))])
        await turn.uow.units.rename(unit.id, new_name, self.directory.key(new_name))
        turn.record("unit_renamed", new_name, old=old_name)
        return turn.reply(texts.UNIT_RENAMED.format(old=old_name, new=new_name))

    async def set_group(self, turn: Turn, args: str) -> Reply:
        parts = split_args(args)
        if len(parts) != 2:
            return turn.reply(texts.UNIT_GROUP_USAGE)
        unit = await self.directory.resolve(turn, parts[0], "/donvi nhom")
        if isinstance(unit, Reply):
            return unit
        group = clean_name(parts[1]) or None
        if unit.is_group:
            return turn.reply(texts.UNIT_IS_CATEGORY.format(name=unit.name))
        kept, given = await self.services.obligations.join_group(turn.uow, unit, group,
                                                                 turn.now, turn.today)
        turn.record("unit_grouped", unit.name, old=unit.group_name, new=kept)
        lines = [texts.UNIT_GROUPED.format(name=unit.name, group=kept or "—")]
        lines.extend(texts.UNIT_GIVEN_CATEGORY_TASKS.format(count=count, category=category)
                     for category, count in given)
        return turn.reply("\n".join(lines))

    async def retire(self, turn: Turn, args: str) -> Reply:
        unit = await self.directory.resolve(turn, args, "/donvi ngung")
        if isinstance(unit, Reply):
            return unit
        await turn.uow.units.retire(unit.id, turn.now)
        turn.record("unit_retired", unit.name)
        return turn.reply(texts.UNIT_RETIRED.format(name=unit.name))

    # -- /donvi nhap -------------------------------------------------------------------------

    async def import_table(self, turn: Turn, _args: str) -> Reply:
        attachment = turn.message.attachment
        if attachment is None:
            return turn.reply(texts.IMPORT_NEEDS_FILE)
        try:  # read off the event loop: a large file holds up no one else's message
            rows = await asyncio.to_thread(read_unit_table, attachment.name, attachment.content)
        except UnitTableError as error:
            return turn.reply(texts.IMPORT_REFUSED.format(
                file=attachment.name, problems="\n".join(f"- {p}" for p in error.problems)))
        problems, parents = await self._check_import(turn, rows)
        if problems:
            return turn.reply(texts.IMPORT_REFUSED.format(
                file=attachment.name, problems="\n".join(f"- {p}" for p in problems)))
        added = updated = contacts = 0
        created: dict[str, UnitRecord] = {}
        for row in rows:
            found = await self.directory.lookup(turn.uow, row.name, include_retired=True)
            unit = found.exact[0] if found.exact else None
            if unit is None:
                unit = await self._create(turn, row.name, None, origin="import")
                added += 1
            else:
                updated += 1
            if row.group:  # a plan's category: the unit gets its open obligations
                await self.services.obligations.join_group(turn.uow, unit, row.group,
                                                           turn.now, turn.today)
            created[fold(row.name)] = unit
            await turn.uow.units.add_aliases(
                unit.id, [(a, self.directory.key(a)) for a in row.aliases])
            for user in row.contacts:
                await turn.uow.contacts.join(unit_id=unit.id, user=user,
                                             chat=user.partition(":")[2], display_name=None,
                                             now=turn.now)
                contacts += 1
        for row in rows:
            if row.parent:
                parent = created.get(fold(row.parent)) or parents.get(fold(row.parent))
                await turn.uow.units.set_parent(created[fold(row.name)].id,
                                                parent.id if parent else None)
        turn.record("units_imported", attachment.name, added=added, updated=updated,
                    contacts=contacts)
        return turn.reply(texts.IMPORT_DONE.format(file=attachment.name, added=added,
                                                   updated=updated, contacts=contacts))

    async def _check_import(self, turn: Turn, rows: list[UnitTableRow]
                            ) -> tuple[list[str], dict[str, UnitRecord]]:
        problems: list[str] = []
        parents: dict[str, UnitRecord] = {}
        in_file = {fold(row.name) for row in rows}
        for row in rows:
            found = await self.directory.lookup(turn.uow, row.name, include_retired=True)
            if len(found.exact) > 1:
                problems.append(texts.IMPORT_AMBIGUOUS_NAME.format(line=row.line, name=row.name))
            if found.exact and found.exact[0].retired_at is not None:
                problems.append(texts.IMPORT_RETIRED.format(line=row.line, name=row.name))
            if row.parent and fold(row.parent) not in in_file:
                parent = await self.directory.lookup(turn.uow, row.parent)
                if len(parent.exact) != 1:
                    problems.append(texts.IMPORT_UNKNOWN_PARENT.format(line=row.line,
                                                                       parent=row.parent))
                else:
                    parents[fold(row.parent)] = parent.exact[0]
        return problems, parents
