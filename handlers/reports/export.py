"""/xuat: the admins' report as a printable .xlsx workbook and a PNG chart."""

from __future__ import annotations

import asyncio

from handlers.citations import plan_name
from handlers.clock import PLAN_TIMEZONE
from handlers.messages import Attachment, Reply
from handlers.reports.charts import render_charts
from handlers.reports.exports import render_xlsx
from handlers.reports.rows import StatusRow
from handlers.reports.states import AssignmentState, assignment_states
from handlers.services import Services
from handlers.tasks import STATUS_LABELS, ReportStatus
from handlers.texts import reports as texts
from handlers.turn import Turn

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def status_row(row: AssignmentState, turn: Turn) -> StatusRow:
    latest = row.latest
    evidence = None
    if latest is not None and latest.evidence_number:
        evidence = latest.evidence_number
        if latest.evidence_date:
            evidence += f" ngày {latest.evidence_date:%d/%m/%Y}"
    return StatusRow(
        unit=row.unit.name, group=row.unit.group_name, plan=plan_name(row.record.plan),
        task_ref=f"mục {row.record.section_ref}", task=row.record.task.summary,
        deadline=row.record.task.deadline or "",
        state=row.state(turn.today),
        last_status=STATUS_LABELS[ReportStatus(latest.status)] if latest else None,
        reported_at=latest.reported_at if latest else None,
        note=latest.note if latest else None, evidence=evidence)


class Export:
    def __init__(self, services: Services) -> None:
        self.services = services

    async def export(self, turn: Turn, _args: str) -> Reply:
        rows = await assignment_states(turn.uow, self.services.tasks)
        if not rows:
            return turn.reply(texts.STATUS_NOTHING)
        table = [status_row(row, turn)
                 for row in sorted(rows, key=lambda r: (r.unit.name, r.record.key))]
        title = texts.EXPORT_TITLE
        stamp = turn.now.astimezone(PLAN_TIMEZONE).strftime("%Y%m%d-%H%M")
        # Rendered off the event loop: an export holds up no one else's message.
        workbook = await asyncio.to_thread(render_xlsx, title, turn.now, table)
        charts = await asyncio.to_thread(render_charts, turn.now, table)
        files = (Attachment(f"tinh-hinh-{stamp}.xlsx", workbook, XLSX_MIME),
                 *(Attachment(f"tinh-hinh-{stamp}-{number}.png", chart, "image/png")
                   for number, (_, chart) in enumerate(charts, 1)))
        turn.record("exported", files[0].name, rows=len(table))
        return turn.reply(texts.EXPORT_DONE.format(rows=len(table)), files=files)
