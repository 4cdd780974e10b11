"""Who may do what: the roles a user holds. The table of what each role may do is built from
the features' command specs (``handlers.commands.Registry.permissions``)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"  # listed in TROLY_ADMINS
    CONTACT = "contact"  # answers for a unit
    READER = "reader"  # anyone else: may ask about the plans


EVERYONE = frozenset(Role)
ADMINS = frozenset({Role.ADMIN})
CONTACTS = frozenset({Role.CONTACT})


def may(roles: Iterable[Role], allowed: frozenset[Role]) -> bool:
    return bool(allowed & set(roles))
