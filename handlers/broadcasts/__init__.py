"""Broadcasts: an admin's announcement to all contacts, a group, a plan's units or a list, and
the policy that keeps the admin told while it is delivered.

Command: /thongbao (compose, preview, confirm; ``tinhhinh`` progress; ``huy N`` stop).
"""

from __future__ import annotations

from handlers.broadcasts.compose import BroadcastDialogue, Broadcasts
from handlers.broadcasts.delivery import BroadcastDelivery
from handlers.commands import CommandSpec, Feature, FlowSpec
from handlers.roles import ADMINS
from handlers.services import Services
from handlers.texts import broadcasts as texts

__all__ = ["BroadcastDelivery", "broadcasts_feature"]


def broadcasts_feature(services: Services) -> Feature:
    broadcasts = Broadcasts(services)
    return Feature(
        name="broadcasts",
        commands=(CommandSpec("thongbao", broadcasts.command, action="broadcast", roles=ADMINS,
                              help=texts.HELP_BROADCAST, menu=texts.MENU_BROADCAST),),
        flows=(FlowSpec(BroadcastDialogue, broadcasts.continue_flow, ADMINS, "thongbao",
                        takes_text=True),),
        audit_actions=texts.AUDIT_ACTIONS,
    )
