"""Units: the directory of units and their contacts, invite codes, unit tables.

Commands: /moi (an invite code for a unit), /donvi (list, show, add, rename, group, retire,
import); /start with a code, or the code alone, makes the sender a unit contact.
"""

from __future__ import annotations

from handlers.commands import CommandSpec, Feature, Subcommand, TextRoute
from handlers.messages import Reply
from handlers.roles import ADMINS, EVERYONE
from handlers.services import Services
from handlers.texts import units as texts
from handlers.turn import Turn
from handlers.units.admin import UnitsAdmin
from handlers.units.invites import looks_like_code, redeem

JOIN_ORDER = 100  # a pasted code is read before anything else


def units_feature(services: Services) -> Feature:
    admin = UnitsAdmin(services)

    async def start(turn: Turn, args: str) -> Reply:
        if args:
            return await redeem(turn, args.split()[0])
        return turn.reply(services.help(turn.roles))

    async def join(turn: Turn, text: str) -> Reply:
        return await redeem(turn, text)

    return Feature(
        name="units",
        commands=(
            CommandSpec("start", start, action="start", roles=EVERYONE,
                        help=texts.HELP_START, menu=texts.MENU_START),
            CommandSpec("moi", admin.invite, action="invite", roles=ADMINS,
                        help=texts.HELP_INVITE, menu=texts.MENU_INVITE),
            CommandSpec("donvi", admin.handle, action="units_manage", roles=ADMINS,
                        help=texts.HELP_UNITS, menu=texts.MENU_UNITS,
                        subcommands=(Subcommand(("", "ds", "xem"), "units_view", ADMINS),)),
        ),
        routes=(TextRoute(outcome="join", order=JOIN_ORDER, roles=EVERYONE,
                          accepts=lambda _turn, text: looks_like_code(text), run=join),),
        audit_actions=texts.AUDIT_ACTIONS,
    )
