"""Reports: assignments, status reports from unit contacts, and the admins' views of them.

Commands: /baocao and /sua for contacts; /giao, /tinhhinh and /xuat for admins. A contact's
free message that reads as a status ("đã gửi báo cáo số 45-BC/ĐU") is taken as a report.
"""

from __future__ import annotations

from handlers.commands import CommandSpec, Feature, FlowSpec, TextRoute
from handlers.reports.assign import AssignDialogue, Assigning
from handlers.reports.export import Export
from handlers.reports.reading import is_probably_status
from handlers.reports.reporting import ReportDialogue, Reporting
from handlers.reports.views import StatusTaskDialogue, StatusViews
from handlers.roles import ADMINS, CONTACTS, Role
from handlers.services import Services
from handlers.texts import reports as texts

STATUS_ORDER = 200  # a contact's free message is read as a report before as a question


def reports_feature(services: Services) -> Feature:
    reporting = Reporting(services.tasks)
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
            CommandSpec("giao", assigning.assign, action="assign", roles=ADMINS,
                        help=texts.HELP_ASSIGN, menu=texts.MENU_ASSIGN),
            CommandSpec("tinhhinh", views.status, action="status_view", roles=ADMINS,
                        help=texts.HELP_STATUS, menu=texts.MENU_STATUS),
            CommandSpec("xuat", export.export, action="export", roles=ADMINS,
                        help=texts.HELP_EXPORT, menu=texts.MENU_EXPORT),
        ),
        flows=(
            FlowSpec(ReportDialogue, reporting.continue_flow, CONTACTS, "report",
                     takes_text=True),
            FlowSpec(AssignDialogue, assigning.continue_flow, ADMINS, "assign"),
            FlowSpec(StatusTaskDialogue, views.continue_flow, ADMINS, "tinhhinh"),
        ),
        routes=(TextRoute(outcome="report", order=STATUS_ORDER, roles=CONTACTS,
                          accepts=lambda _turn, text: is_probably_status(text),
                          run=reporting.free_text),),
        help_notes={Role.CONTACT: texts.HELP_REPORT_NOTE},
        audit_actions=texts.AUDIT_ACTIONS,
    )
