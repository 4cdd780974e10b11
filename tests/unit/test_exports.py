"""The .xlsx report and the PNG chart, opened back with openpyxl and checked."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from openpyxl import load_workbook
from PIL import Image

from handlers.reports.charts import render_charts
from handlers.reports.exports import render_xlsx
from handlers.reports.rows import StatusRow, task_labels
from handlers.tasks import OfficeState

AS_OF = dt.datetime(2024, 3, 26, 2, 15, tzinfo=dt.UTC)


def _row(unit: str, task: str, state: OfficeState, reported: bool = True) -> StatusRow:
    return StatusRow(
        unit=unit, group="Khối cơ quan", plan="Kế hoạch 103-KH/ĐUK", task_ref="mục III.2",
        task=task, deadline="trước ngày 25/3/2024", state=state,
        last_status="Đã hoàn thành" if reported else None,
        reported_at=AS_OF if reported else None, note="Đã gửi qua hệ thống" if reported else None,
        evidence="45-BC/ĐU ngày 20/03/2024" if reported else None)


def test_workbook_bytes_do_not_depend_on_the_wall_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [_row("Chi bộ Văn phòng", "Báo cáo sơ kết 3 năm", OfficeState.DONE_ON_TIME)]
    first = render_xlsx("TÌNH HÌNH THỰC HIỆN", AS_OF, rows)
    later = time.time() + 3 * 3600 + 7  # another hour and an odd second: zip stamps change
    monkeypatch.setattr(time, "time", lambda: later)
    assert render_xlsx("TÌNH HÌNH THỰC HIỆN", AS_OF, rows) == first
    assert load_workbook(io.BytesIO(first)).properties.modified == AS_OF.replace(tzinfo=None)


def test_workbook_has_title_header_rows_and_print_setup() -> None:
    rows = [_row("Chi bộ Văn phòng", "Báo cáo sơ kết 3 năm", OfficeState.DONE_ON_TIME),
            _row("Chi bộ Kế toán", "Báo cáo sơ kết 3 năm", OfficeState.OPEN_OVERDUE, False)]
    content = render_xlsx("TÌNH HÌNH THỰC HIỆN", AS_OF, rows)
    book = load_workbook(io.BytesIO(content))
    sheet = book["Tình hình báo cáo"]
    assert sheet["A1"].value == "TÌNH HÌNH THỰC HIỆN"
    assert sheet["A2"].value == "Số liệu tính đến 09:15 ngày 26/03/2024"
    assert [c.value for c in sheet[4]][:3] == ["STT", "Đơn vị", "Nhóm"]
    assert [c.value for c in sheet[5]][1] == "Chi bộ Văn phòng"
    assert sheet.cell(row=5, column=8).value == "Hoàn thành đúng hạn"
    assert sheet.cell(row=5, column=10).value == "26/03/2024 09:15"
    assert sheet.cell(row=6, column=9).value == "chưa báo cáo"
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$4:$4"
    summary = book["Tổng hợp"]
    assert [c.value for c in summary[5]][1:] == [1, 0, 0, 1, 2]


def test_charts_are_a4_pngs_per_plan_for_none_one_and_many_tasks() -> None:
    for count, pages in ((0, 1), (1, 1), (50, 2)):
        rows = [_row(f"Chi bộ {n}", f"Nhiệm vụ số {n} về học tập và làm theo tư tưởng Bác",
                     list(OfficeState)[n % 4]) for n in range(count)]
        charts = render_charts(AS_OF, rows)
        assert len(charts) == pages
        for _, png in charts:
            assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
            image = Image.open(io.BytesIO(png))
            assert image.size == (1402, 992)  # A4 landscape at 120 dpi


def test_task_labels_are_short_and_distinct_within_a_plan() -> None:
    rows = [_row("A", "Gửi báo cáo sơ kết 03 năm thực hiện Kết luận số 01-KL/TW về Ban Thường vụ",
                 OfficeState.DONE_ON_TIME),
            _row("A", "Gửi báo cáo sơ kết 03 năm thực hiện Kết luận số 01-KL/TW về Đoàn Khối",
                 OfficeState.OPEN_OVERDUE)]
    labels = list(task_labels(rows).values())
    assert len(set(labels)) == 2 and all(len(label) <= 64 for label in labels)
    assert all(label.startswith("III.2 Gửi báo cáo sơ kết 03 năm") for label in labels)
    single = task_labels(rows[:1])
    assert list(single.values()) == ["III.2 Gửi báo cáo sơ kết 03 năm…"]


def test_workbook_has_a_units_by_tasks_sheet_coloured_by_state() -> None:
    rows = [_row("Chi bộ Văn phòng", "Báo cáo sơ kết 3 năm", OfficeState.DONE_ON_TIME),
            _row("Chi bộ Kế toán", "Báo cáo sơ kết 3 năm", OfficeState.OPEN_OVERDUE, False)]
    sheet = load_workbook(io.BytesIO(render_xlsx("T", AS_OF, rows)))["Đơn vị × nhiệm vụ"]
    assert sheet.cell(row=7, column=2).value == "III.2 Báo cáo sơ kết 3 năm"
    assert [sheet.cell(row=r, column=1).value for r in (8, 9)] == ["Chi bộ Kế toán",
                                                                   "Chi bộ Văn phòng"]
    assert sheet.cell(row=8, column=2).value == "Quá hạn"
    assert sheet.cell(row=8, column=2).fill.fgColor.rgb.endswith("FFC7CE")
    assert sheet.cell(row=9, column=2).fill.fgColor.rgb.endswith("C6EFCE")
