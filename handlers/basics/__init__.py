"""Basics: the commands every user has (/trogiup, /vaitro, /huy) and the admins' audit log
(/nhatky)."""

from __future__ import annotations

from handlers.clock import PLAN_TIMEZONE
from handlers.commands import CommandSpec, Feature
from handlers.messages import Reply
from handlers.numbers import choice_number
from handlers.roles import ADMINS, EVERYONE
from handlers.services import Services
from handlers.texts import basics as texts
from handlers.turn import Turn

DEFAULT_AUDIT_LINES = 20
MAX_AUDIT_LINES = 50


def basics_feature(services: Services) -> Feature:
    async def help_(turn: Turn, _args: str) -> Reply:
        return turn.reply(services.help(turn.roles))

    async def cancel(turn: Turn, _args: str) -> Reply:
        return turn.reply(texts.CANCELLED if turn.dialogue else texts.NOTHING_TO_CANCEL)

    async def whoami(turn: Turn, _args: str) -> Reply:
        units = await turn.uow.units.many(c.unit_id for c in turn.contacts)
        names = [units[c.unit_id].name for c in turn.contacts if c.unit_id in units]
        roles = ", ".join(texts.ROLE_NAMES[r] for r in sorted(turn.roles))
        lines = [texts.WHOAMI.format(user=turn.user, roles=roles)]
        if names:
            lines.append(texts.WHOAMI_UNITS.format(units="; ".join(names)))
        return turn.reply("\n".join(lines))

    async def audit(turn: Turn, args: str) -> Reply:
        number = choice_number(args)
        limit = DEFAULT_AUDIT_LINES if number is None else min(max(number, 1), MAX_AUDIT_LINES)
        entries = await turn.uow.audit.recent(limit)
        if not entries:
            return turn.reply(texts.AUDIT_EMPTY)
        lines = [texts.AUDIT_TITLE.format(count=len(entries))]
        for entry in entries:
            lines.append(texts.AUDIT_LINE.format(
                at=entry.at.astimezone(PLAN_TIMEZONE).strftime("%d/%m/%Y %H:%M"),
                actor=entry.actor, action=services.audit_names.get(entry.action, entry.action),
                target=entry.target))
        return turn.reply("\n".join(lines))

    return Feature(
        name="basics",
        commands=(
            CommandSpec("trogiup", help_, action="help", roles=EVERYONE, help=texts.HELP_HELP,
                        menu=texts.MENU_HELP, aliases=("help", "huongdan")),
            CommandSpec("vaitro", whoami, action="whoami", roles=EVERYONE,
                        help=texts.HELP_WHOAMI, menu=texts.MENU_WHOAMI),
            CommandSpec("huy", cancel, action="cancel", roles=EVERYONE, help=texts.HELP_CANCEL,
                        menu=texts.MENU_CANCEL),
            CommandSpec("nhatky", audit, action="audit_view", roles=ADMINS,
                        help=texts.HELP_AUDIT, menu=texts.MENU_AUDIT),
        ),
    )
