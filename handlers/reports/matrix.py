"""The workbook's units x tasks sheet: one row per unit, one column per task (short labels),
each cell coloured by the unit's state on the task, so an admin sees at a glance who lags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from handlers.reports.rows import STATE_COLOURS, StatusRow, as_of_line, task_labels
from handlers.tasks import STATE_LABELS, OfficeState
from handlers.texts import reports as texts

SHORT_STATES = {OfficeState.DONE_ON_TIME: "Đúng hạn", OfficeState.DONE_LATE: "Xong, trễ",
                OfficeState.OPEN_IN_TIME: "Còn hạn", OfficeState.OPEN_OVERDUE: "Quá hạn"}
FIRST_ROW = 8  # below the title, the date and the colour legend


def titled_sheet(workbook: Workbook, name: str, title: str, as_of: dt.datetime) -> Worksheet:
    """A new sheet headed by the report's title and the moment its figures are of."""
    sheet: Worksheet = workbook.create_sheet(name)
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = as_of_line(as_of)
    return sheet


def add_matrix_sheet(workbook: Workbook, title: str, as_of: dt.datetime,
                     rows: Sequence[StatusRow]) -> None:
    sheet = titled_sheet(workbook, texts.EXPORT_MATRIX_SHEET, title, as_of)
    sheet["A3"] = texts.EXPORT_MATRIX_LEGEND
    for column, state in enumerate(OfficeState, 2):
        cell = sheet.cell(row=3, column=column, value=STATE_LABELS[state])
        cell.fill = PatternFill("solid", fgColor=STATE_COLOURS[state])
    labels = task_labels(rows)
    tasks = list(dict.fromkeys(labels[(r.plan, r.task_ref, r.task)] for r in rows))
    units = sorted({r.unit for r in rows})
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header = sheet.cell(row=FIRST_ROW - 1, column=1, value=texts.EXPORT_MATRIX_UNIT)
    header.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 34
    for column, label in enumerate(tasks, 2):
        cell = sheet.cell(row=FIRST_ROW - 1, column=column, value=label)
        cell.font = Font(bold=True, size=9)
        cell.alignment = Alignment(wrap_text=True, vertical="top", text_rotation=90)
        cell.border = border
        sheet.column_dimensions[get_column_letter(column)].width = 10
    sheet.row_dimensions[FIRST_ROW - 1].height = 200
    row_of = {unit: FIRST_ROW + n for n, unit in enumerate(units)}
    column_of = {label: 2 + n for n, label in enumerate(tasks)}
    for unit, number in row_of.items():
        sheet.cell(row=number, column=1, value=unit).border = border
    for row in rows:
        cell = sheet.cell(row=row_of[row.unit],
                          column=column_of[labels[(row.plan, row.task_ref, row.task)]],
                          value=SHORT_STATES[row.state])
        cell.fill = PatternFill("solid", fgColor=STATE_COLOURS[row.state])
        cell.border = border
        cell.alignment = Alignment(horizontal="center")
    sheet.freeze_panes = f"B{FIRST_ROW}"
    sheet.print_title_rows = f"{FIRST_ROW - 1}:{FIRST_ROW - 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
