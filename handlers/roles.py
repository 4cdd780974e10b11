"""Who may do what: the roles a user holds and the one table that says what each may do."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"  # listed in TROLY_ADMINS
    CONTACT = "contact"  # answers for a unit
    READER = "reader"  # anyone else: may ask about the plans


class Action(StrEnum):
    ASK = "ask"
    HELP = "help"
    WHOAMI = "whoami"
    JOIN = "join"
    REPORT = "report"
    CORRECT = "correct"
    INVITE = "invite"
    UNITS_VIEW = "units_view"
    UNITS_MANAGE = "units_manage"
    UNITS_IMPORT = "units_import"
    ASSIGN = "assign"
    STATUS_VIEW = "status_view"
    EXPORT = "export"
    AUDIT_VIEW = "audit_view"
    BROADCAST = "broadcast"


_EVERYONE = frozenset(Role)
_ADMIN = frozenset({Role.ADMIN})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.ASK: _EVERYONE,
    Action.HELP: _EVERYONE,
    Action.WHOAMI: _EVERYONE,
    Action.JOIN: _EVERYONE,
    Action.REPORT: frozenset({Role.CONTACT}),
    Action.CORRECT: frozenset({Role.CONTACT}),
    Action.INVITE: _ADMIN,
    Action.UNITS_VIEW: _ADMIN,
    Action.UNITS_MANAGE: _ADMIN,
    Action.UNITS_IMPORT: _ADMIN,
    Action.ASSIGN: _ADMIN,
    Action.STATUS_VIEW: _ADMIN,
    Action.EXPORT: _ADMIN,
    Action.AUDIT_VIEW: _ADMIN,
    Action.BROADCAST: _ADMIN,
}


def may(roles: Iterable[Role], action: Action) -> bool:
    return bool(PERMISSIONS[action] & set(roles))
