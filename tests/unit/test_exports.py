"""The .xlsx report and the PNG chart, opened back with openpyxl and checked."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from handlers.reports.exports import StatusRow, render_chart, render_xlsx
from handlers.tasks import OfficeState

AS_OF = dt.datetime(2024, 3, 26, 2, 15, tzinfo=dt.UTC)


def _row(unit: str, task: str, state: OfficeState, reported: bool = True) -> StatusRow:
    return StatusRow(
        unit=unit, group="Khối cơ quan", plan="Kế hoạch 103-KH/ĐUK", task_ref="mục III.2",
        task=task, deadline="trước ngày 25/3/2024", state=state,
        last_status="Đã hoàn thành" if reported else None,
        reported_at=AS_OF if reported else None, note="Đã gửi qua hệ thống" if reported else None,
        evidence="45-BC/ĐU ngày 20/03/2024" if reported else None)


def test_workbook_has_title_header_rows_and_print_setup() -> None:
    rows = [_row("Chi bộ Văn phòng", "Báo cáo sơ kết 3 năm", OfficeState.DONE_ON_TIME),
            _row("Chi bộ Kế toán", "Báo cáo sơ kết 3 năm", OfficeState.OPEN_OVERDUE, False)]
    content = render_xlsx("TÌNH HÌNH THỰC HIỆN", AS_OF, rows)
    assert content == render_xlsx("TÌNH HÌNH THỰC HIỆN", AS_OF, rows)  # deterministic
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


def test_chart_is_a_png_for_none_one_and_many_tasks() -> None:
    for count in (0, 1, 50):
        rows = [_row(f"Chi bộ {n}", f"Nhiệm vụ số {n} về học tập và làm theo tư tưởng Bác",
                     list(OfficeState)[n % 4]) for n in range(count)]
        png = render_chart("Tình hình", AS_OF, rows)
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
