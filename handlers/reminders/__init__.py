"""Reminders: each unit's contacts are reminded of their dated obligations before the due day,
on it and while it is overdue, on Vietnamese working days; admins get daily and weekly digests.

The planner (``planner.py``) runs on a periodic tick (``troly run``'s scheduler, or a
``{"tick": true}`` line of ``troly chat --jsonl``); the database is the source of truth.
Commands, for admins: /lichnhac (preview), /tamdung and /tieptuc, /chinhnhac. A contact's
answer to a reminder is a status report, read by the reports feature.
"""

from __future__ import annotations

from handlers.commands import CommandSpec, Feature, FlowSpec
from handlers.reminders.calendar import WorkingCalendar
from handlers.reminders.commands import PickTaskDialogue, ReminderCommands
from handlers.reminders.planner import Planner, TickResult
from handlers.reminders.policy import ReminderPolicy
from handlers.reminders.settings import ReminderSettings
from handlers.roles import ADMINS
from handlers.services import Services
from handlers.texts import reminders as texts

__all__ = ["Planner", "ReminderPolicy", "ReminderSettings", "TickResult", "WorkingCalendar",
           "reminders_feature"]


def reminders_feature(services: Services, planner: Planner) -> Feature:
    commands = ReminderCommands(services, planner)
    return Feature(
        name="reminders",
        commands=(
            CommandSpec("lichnhac", commands.preview, action="reminders_preview", roles=ADMINS,
                        help=texts.HELP_PREVIEW, menu=texts.MENU_PREVIEW),
            CommandSpec("tamdung", commands.pause, action="reminders_pause", roles=ADMINS,
                        help=texts.HELP_PAUSE, menu=texts.MENU_PAUSE),
            CommandSpec("tieptuc", commands.resume, action="reminders_pause", roles=ADMINS,
                        menu=texts.MENU_RESUME),
            CommandSpec("chinhnhac", commands.set_policy, action="reminders_policy",
                        roles=ADMINS, help=texts.HELP_POLICY, menu=texts.MENU_POLICY),
        ),
        flows=(FlowSpec(PickTaskDialogue, commands.continue_flow, ADMINS, "reminders"),),
        audit_actions=texts.AUDIT_ACTIONS,
    )
