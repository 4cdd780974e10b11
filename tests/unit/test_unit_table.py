"""Reading unit lists from .xlsx and .csv, and refusing bad ones with every problem named."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence

import pytest
from openpyxl import Workbook

from handlers.units.table import UnitTableError, read_unit_table


def _xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = ["Tên đơn vị", "Tên gọi khác", "Nhóm", "Đơn vị cấp trên", "Liên hệ"]


def test_xlsx_with_a_title_row_and_every_column() -> None:
    content = _xlsx([
        ["DANH SÁCH ĐƠN VỊ"], [],
        HEADER,
        ["Chi bộ Văn phòng", "CB VP; Chi bộ VP", "Khối cơ quan", "Đảng bộ Khối",
         "telegram:123456789, zalo:6ede12"],
        [None, None, None, None, None],
        ["Chi bộ Phường 1", "", "Xã, phường", "", ""],
    ])
    rows = read_unit_table("don-vi.xlsx", content)
    assert [r.name for r in rows] == ["Chi bộ Văn phòng", "Chi bộ Phường 1"]
    assert rows[0].aliases == ("CB VP", "Chi bộ VP") and rows[0].line == 4
    assert rows[0].contacts == ("telegram:123456789", "zalo:6ede12")
    assert rows[1].group == "Xã, phường" and rows[1].parent is None


def test_csv_with_bom_semicolons_and_nfd_headers() -> None:
    header = ";".join(unicodedata.normalize("NFD", h) for h in HEADER)
    text = f"{header}\nChi bộ Kế toán;;Khối cơ quan;;console:ketoan\n"
    rows = read_unit_table("ds.csv", text.encode("utf-8-sig"))
    assert rows[0].name == "Chi bộ Kế toán" and rows[0].contacts == ("console:ketoan",)


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("a.pdf", b"%PDF", "không phải .xlsx"),
    ("a.xlsx", b"not a zip", "Không đọc được"),
    ("a.csv", "Tên đơn vị\nĐảng\n".encode("utf-16"), "UTF-8"),
    ("a.csv", "Nhóm;Liên hệ\nA;B\n".encode(), "Không thấy cột \"Tên đơn vị\""),
])
def test_unreadable_files_are_refused(name: str, content: bytes, expected: str) -> None:
    with pytest.raises(UnitTableError) as error:
        read_unit_table(name, content)
    assert expected in error.value.problems[0]


def test_every_problem_is_named_at_once() -> None:
    content = _xlsx([
        HEADER,
        ["Chi bộ A", "", "", "", "facebook:1"],
        ["", "bí danh", "", "", ""],
        ["chi bo a", "", "", "", ""],
        ["Chi bộ B", "", "", "Chi bộ B", ""],
    ])
    with pytest.raises(UnitTableError) as error:
        read_unit_table("x.xlsx", content)
    problems = " | ".join(error.value.problems)
    assert "Dòng 2: liên hệ \"facebook:1\"" in problems
    assert "Dòng 3: thiếu tên" in problems
    assert "dòng 2 và dòng 4" in problems
    assert "Dòng 5: đơn vị \"Chi bộ B\" không thể là cấp trên" in problems
