"""Reports: assignments, status reports from unit contacts, and the admins' views of them.

Commands: /baocao and /sua for contacts; /giao, /tinhhinh and /xuat for admins. A contact's
free message that reads as a status ("đã gửi báo cáo số 45-BC/ĐU") is taken as a report; one
that could be a report or a question is asked about; questions, requests and small talk are
left to the features after this one.
"""

from __future__ import annotations

from handlers.commands import CommandSpec, Feature, FlowSpec, TextRoute
from handlers.prompts import ExtensionPrompt, ReminderPrompt
from handlers.reports.assign import AssignDialogue, Assigning
from handlers.reports.export import Export
from handlers.reports.extensions import ExtensionPick, Extensions
from handlers.reports.reading import reads_as_report
from handlers.reports.replies import ReminderReplies
from handlers.reports.reporting import ReportDialogue, Reporting
from handlers.reports.views import StatusTaskDialogue, StatusViews
from handlers.roles import ADMINS, CONTACTS, Role
from handlers.services import Services
from handlers.texts import reports as texts

STATUS_ORDER = 200  # a contact's free message is read as a report before as a question


def reports_feature(services: Services) -> Feature:
    extensions = Extensions(services)
    reporting = Reporting(services.tasks, extensions)
    replies = ReminderReplies(reporting)
    assigning = Assigning(services)
    views = StatusViews(services)
    export = Export(services)
    return Feature(
        name="reports",
        commands=(
            CommandSpec("baocao", reporting.start, action="report", roles=CONTACTS,
                        help=texts.HELP_REPORT, menu=texts.MENU_REPORT),
            CommandSpec("sua", reporting.correct, action="correct", roles=CONTACTS,
                        help=texts.HELP_CORRECT, menu=texts.MENU_CORRECT),
            CommandSpec("viec", views.my_tasks, action="my_tasks", roles=CONTACTS,
                        help=texts.HELP_MY_TASKS, menu=texts.MENU_MY_TASKS),
            CommandSpec("giao", assigning.assign, action="assign", roles=ADMINS,
                        help=texts.HELP_ASSIGN, menu=texts.MENU_ASSIGN),
            CommandSpec("tinhhinh", views.status, action="status_view", roles=ADMINS,
                        help=texts.HELP_STATUS, menu=texts.MENU_STATUS),
            CommandSpec("xuat", export.export, action="export", roles=ADMINS,
                        help=texts.HELP_EXPORT, menu=texts.MENU_EXPORT),
            CommandSpec("giahan", extensions.command, action="extensions", roles=ADMINS,
                        help=texts.HELP_EXTENSIONS, menu=texts.MENU_EXTENSIONS),
        ),
        flows=(
            FlowSpec(ReportDialogue, reporting.continue_flow, CONTACTS, "report",
                     takes_text=True),
            FlowSpec(AssignDialogue, assigning.continue_flow, ADMINS, "assign"),
            FlowSpec(StatusTaskDialogue, views.continue_flow, ADMINS, "tinhhinh"),
            FlowSpec(ReminderPrompt, replies.continue_flow, CONTACTS, "report",
                     takes_text=True),
            FlowSpec(ExtensionPrompt, extensions.continue_prompt, ADMINS, "giahan",
                     takes_text=True),
            FlowSpec(ExtensionPick, extensions.continue_pick, ADMINS, "giahan"),
        ),
        routes=(TextRoute(outcome="report", order=STATUS_ORDER, roles=CONTACTS,
                          accepts=lambda turn, text: reads_as_report(text, turn.today),
                          run=reporting.free_text),),
        help_notes={Role.CONTACT: texts.HELP_REPORT_NOTE},
        audit_actions={**texts.AUDIT_ACTIONS, **texts.EXTENSION_AUDIT},
    )
