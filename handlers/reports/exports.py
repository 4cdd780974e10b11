"""The status report as a printable .xlsx workbook: every unit's state on every task, a
summary per task, and a units x tasks table coloured by state (the chart is in charts.py).

Pure functions from rows to bytes, laid out for A4 landscape with the header repeated on every
page.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import Counter
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.writer.excel import ExcelWriter

from handlers.clock import PLAN_TIMEZONE
from handlers.reports.matrix import add_matrix_sheet, titled_sheet
from handlers.reports.rows import STATE_COLOURS, StatusRow, as_of_line
from handlers.tasks import STATE_LABELS, OfficeState
from handlers.texts import reports as texts

COLUMN_WIDTHS = (6, 28, 16, 26, 10, 48, 20, 22, 28, 17, 30, 24)


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(PLAN_TIMEZONE)


def render_xlsx(title: str, as_of: dt.datetime, rows: Sequence[StatusRow]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = texts.EXPORT_SHEET
    columns = texts.EXPORT_COLUMNS
    last = get_column_letter(len(columns))
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.merge_cells(f"A2:{last}2")
    sheet["A2"] = as_of_line(as_of)
    sheet["A2"].alignment = Alignment(horizontal="center")
    sheet["A2"].font = Font(italic=True)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, name in enumerate(columns, 1):
        cell = sheet.cell(row=4, column=column, value=name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = border
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        sheet.column_dimensions[get_column_letter(column)].width = COLUMN_WIDTHS[column - 1]
    for number, row in enumerate(rows, 1):
        reported = (f"{_local(row.reported_at):%d/%m/%Y %H:%M}" if row.reported_at else "")
        values: tuple[int | str, ...] = (
            number, row.unit, row.group or "", row.plan, row.task_ref, row.task, row.deadline,
            STATE_LABELS[row.state], row.last_status or texts.NOT_REPORTED, reported,
            row.note or "", row.evidence or "")
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=4 + number, column=column, value=value)
            cell.alignment = wrap
            cell.border = border
        sheet.cell(row=4 + number, column=8).fill = PatternFill(
            "solid", fgColor=STATE_COLOURS[row.state])
    sheet.freeze_panes = "C5"
    sheet.print_title_rows = "4:4"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    _summary_sheet(workbook, title, as_of, rows)
    add_matrix_sheet(workbook, title, as_of, rows)
    created = as_of.astimezone(dt.UTC).replace(tzinfo=None)
    workbook.properties.created = created
    workbook.properties.modified = created
    workbook.properties.creator = texts.EXPORT_CREATOR
    return _stable_bytes(workbook, _local(as_of))


def _stable_bytes(workbook: Workbook, moment: dt.datetime) -> bytes:
    """The workbook's bytes, the same for the same rows: `Workbook.save` stamps the document
    and every archive entry with the wall clock, so the writer is run directly and each entry
    is re-stamped with the report's own moment."""
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    stamp = (max(moment.year, 1980), moment.month, moment.day,
             moment.hour, moment.minute, moment.second)
    stable = io.BytesIO()
    with zipfile.ZipFile(written) as source, \
            zipfile.ZipFile(stable, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=stamp),
                            source.read(entry), compress_type=zipfile.ZIP_DEFLATED)
    return stable.getvalue()


def _summary_sheet(workbook: Workbook, title: str, as_of: dt.datetime,
                   rows: Sequence[StatusRow]) -> None:
    sheet = titled_sheet(workbook, texts.EXPORT_SUMMARY_SHEET, title, as_of)
    header = (texts.EXPORT_SUMMARY_TASK, *STATE_LABELS.values(), texts.EXPORT_SUMMARY_TOTAL)
    for column, name in enumerate(header, 1):
        cell = sheet.cell(row=4, column=column, value=name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    sheet.column_dimensions["A"].width = 60
    for column in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 16
    for number, (label, counts) in enumerate(_counts_per_task(rows), 5):
        sheet.cell(row=number, column=1, value=label).alignment = Alignment(wrap_text=True)
        for column, state in enumerate(OfficeState, 2):
            sheet.cell(row=number, column=column, value=counts.get(state, 0))
        sheet.cell(row=number, column=len(header), value=sum(counts.values()))
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def _counts_per_task(rows: Sequence[StatusRow]) -> list[tuple[str, Counter[OfficeState]]]:
    per_task: dict[str, Counter[OfficeState]] = {}
    for row in rows:
        label = f"{row.plan}, {row.task_ref}: {row.task}"
        per_task.setdefault(label, Counter())[row.state] += 1
    return list(per_task.items())
