"""Units in the database: seeded from the bundled plans, found by any name officials use.

A name typed by an admin or a contact ("BTG ĐUK", "chi bo van phong") is read with the same
lexicon as questions, so abbreviations and missing diacritics find the unit; a near miss is
offered as a choice, never taken silently. Every feature that names units goes through here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from handlers.dialogue import RerunDialogue
from handlers.messages import Reply
from handlers.ports import UnitOfWork
from handlers.texts import units as texts
from handlers.turn import Turn
from knowledge.lexicon import Lexicon
from knowledge.textnorm import canonical, fold
from storage.records import UnitRecord

FUZZY_CUTOFF = 88  # rapidfuzz ratio a name must reach to be offered as "did you mean"
MAX_CANDIDATES = 5
GROUP_OF_ALL_CELLS = ("tat ca chi bo co so", "tat ca chi bo", "tat ca dang bo co so",
                      "tat ca chi dang bo co so", "cac chi bo co so")

_KIND_PREFIXES: tuple[tuple[str, str], ...] = (
    ("chi bo", "party_cell"), ("dang bo", "party_cell"), ("dang uy", "committee"),
    ("ban thuong vu", "committee"), ("ban ", "board"), ("van phong", "board"),
    ("uy ban nhan dan", "government"), ("ubnd", "government"), ("so ", "government"),
    ("phong ", "government"), ("doan ", "mass_organisation"), ("hoi ", "mass_organisation"),
    ("mat tran", "mass_organisation"), ("cong doan", "mass_organisation"),
)


@dataclass(frozen=True)
class Lookup:
    """The units a name points at: one exact match, several, or near misses to offer."""

    exact: list[UnitRecord]
    near: list[UnitRecord]


def clean_name(text: str) -> str:
    return re.sub(r"\s+", " ", canonical(text)).strip(" .,;:")


def guess_kind(name: str) -> str:
    key = fold(name)
    for prefix, kind in _KIND_PREFIXES:
        if key.startswith(prefix):
            return kind
    return "other"


class UnitDirectory:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def key(self, text: str) -> str:
        """The matching key of a name: lexicon-normalised, diacritic-free words."""
        return " ".join(token.key for token in self.lexicon.normalize(text))

    async def lookup(self, uow: UnitOfWork, text: str, *, include_retired: bool = False
                     ) -> Lookup:
        units = await uow.units.all(active_only=not include_retired)
        by_id = {u.id: u for u in units}
        names: dict[str, set[int]] = {}
        for unit in units:
            names.setdefault(self.key(unit.name), set()).add(unit.id)
        for alias in await uow.units.aliases():
            if alias.unit_id in by_id:
                names.setdefault(alias.alias_key, set()).add(alias.unit_id)
        wanted = self.key(text)
        if not wanted:
            return Lookup([], [])
        if wanted in names:
            return Lookup(sorted((by_id[i] for i in names[wanted]), key=lambda u: u.id), [])
        near: list[UnitRecord] = []
        for key, _, _ in process.extract(wanted, list(names), scorer=fuzz.ratio,
                                         score_cutoff=FUZZY_CUTOFF, limit=MAX_CANDIDATES):
            near.extend(by_id[i] for i in sorted(names[key]) if by_id[i] not in near)
        return Lookup([], near[:MAX_CANDIDATES])

    async def resolve(self, turn: Turn, name: str, command: str, *,
                      include_retired: bool = False) -> UnitRecord | Reply:
        """One unit for ``name``, or the reply that says why not (with choices to rerun)."""
        if not name.strip():
            return turn.reply(texts.UNIT_NAME_MISSING.format(command=command))
        found = await self.lookup(turn.uow, name, include_retired=include_retired)
        if len(found.exact) == 1:
            return found.exact[0]
        candidates = found.exact or found.near
        if not candidates:
            return turn.reply(texts.UNIT_NOT_FOUND.format(name=name))
        options = tuple(f"{command} {unit.name}" for unit in candidates)
        text = texts.UNIT_AMBIGUOUS if found.exact else texts.UNIT_DID_YOU_MEAN
        return turn.ask(text.format(name=name), options, RerunDialogue())

    async def all_cells(self, uow: UnitOfWork) -> list[UnitRecord]:
        """'Tất cả chi bộ cơ sở': every active unit that is one party cell, not a group."""
        return [u for u in await uow.units.all() if u.kind == "party_cell" and not u.is_group]

    @staticmethod
    def names_all_cells(text: str) -> bool:
        """'tất cả chi bộ cơ sở' and the other ways of saying every basic-level cell."""
        return fold(clean_name(text)) in GROUP_OF_ALL_CELLS

    async def in_group(self, uow: UnitOfWork, group: str) -> list[UnitRecord]:
        wanted = fold(clean_name(group))
        return [u for u in await uow.units.all()
                if u.group_name is not None and fold(u.group_name) == wanted]

