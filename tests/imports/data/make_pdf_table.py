"""Make table_plan.pdf and table_plan_tight.pdf: made-up plans with text-drawn tables.

Not run by the tests (it needs fpdf2, which the project does not depend on); kept so the
fixture can be made again: ``PYTHONPATH=<fpdf2 install> python make_pdf_table.py``. The page
header and "Trang n/m" footer repeat on every page, table cells wrap, and the signature block
falls on the last page, as in the PDFs offices send. In the tight one, rows follow each
other with no space between them and the table runs on over a page break.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

FPDF: Any = importlib.import_module("fpdf").FPDF  # fpdf2 is no dependency of the project

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
ROWS = [
    ("1", "Xây dựng kế hoạch triển khai thực hiện Kết luận của cấp mình", "Các chi bộ trực thuộc",
     "Văn phòng Đảng ủy", "Trong tháng 3/2026"),
    ("2", "Tổ chức hội nghị quán triệt, học tập chuyên đề năm 2026 cho cán bộ chủ chốt",
     "Ban Tuyên giáo Đảng ủy", "Trung tâm Chính trị; Văn phòng Đảng ủy", "Quý II/2026"),
    ("3", "Kiểm tra, giám sát việc thực hiện tại một số chi bộ trực thuộc",
     "Ủy ban Kiểm tra Đảng ủy", "Ban Tổ chức Đảng ủy", "Từ tháng 8 đến tháng 10/2026"),
    ("4", "Tổng hợp, báo cáo kết quả thực hiện định kỳ về Ban Thường vụ",
     "Văn phòng Đảng ủy", "Các chi bộ trực thuộc", "Định kỳ hằng quý"),
    ("5", "Sơ kết một năm thực hiện, biểu dương tập thể, cá nhân tiêu biểu",
     "Ban Tuyên giáo Đảng ủy", "Các ban của Đảng ủy", "chậm nhất ngày 25/11/2026"),
]


class Plan(FPDF):  # type: ignore[misc]  # FPDF is Any here
    def header(self) -> None:
        self.set_font("DejaVu", size=8)
        self.cell(0, 6, "Đảng ủy Khối Doanh nghiệp tỉnh - Kế hoạch số 09-KH/ĐUK", align="C")
        self.ln(10)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("DejaVu", size=8)
        self.cell(0, 10, f"Trang {self.page_no()}/{{nb}}", align="C")


def main() -> None:
    pdf = Plan()
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", BOLD)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 10)
    for line in ("ĐẢNG BỘ TỈNH BÌNH ĐỊNH", "ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH", "*",
                 "Số 09-KH/ĐUK"):
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.cell(0, 6, "Quy Nhơn, ngày 10 tháng 02 năm 2026", align="R", new_x="LMARGIN",
             new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(0, 7, "KẾ HOẠCH", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 7, "học tập chuyên đề năm 2026", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", "", 10)
    body = [
        ("B", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("", "1. Nâng cao nhận thức của cán bộ, đảng viên về việc học tập chuyên đề."),
        ("B", "II. TỔ CHỨC THỰC HIỆN"),
        ("", "1. Các chi bộ trực thuộc gửi báo cáo kết quả về Văn phòng Đảng ủy trước ngày "
             "20/12/2026."),
        ("B", "2. Phân công nhiệm vụ"),
    ]
    for style, text in body:
        pdf.set_font("DejaVu", style, 10)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(col_widths=(8, 52, 34, 34, 30), text_align="LEFT") as table:
        header = table.row()
        for cell in ("STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp",
                     "Thời gian hoàn thành"):
            header.cell(cell)
        for values in ROWS:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(4)
    pdf.multi_cell(0, 6, "3. Văn phòng Đảng ủy bảo đảm kinh phí thực hiện Kế hoạch.",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    for line in ("Nơi nhận:", "- Ban Thường vụ Tỉnh ủy (b/c),", "- Lưu VP."):
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 10)
    for line in ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "Trần Văn Bình"):
        pdf.cell(0, 6, line, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(Path(__file__).with_name("table_plan.pdf")))


def _row(pdf: Plan, widths: tuple[int, ...], values: tuple[str, ...], bold: bool) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", 9)
    y, x = pdf.get_y(), pdf.l_margin
    height = max(len(pdf.multi_cell(w, 5, v, dry_run=True, output="LINES")) * 5
                 for w, v in zip(widths, values, strict=True))
    if y + height > pdf.page_break_trigger:
        pdf.add_page()
        y = pdf.get_y()
    for width, value in zip(widths, values, strict=True):
        pdf.set_xy(x, y)
        pdf.multi_cell(width, 5, value)
        x += width
    pdf.set_y(y + height)


def tight() -> None:
    pdf = Plan()
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", BOLD)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 10)
    for line in ("ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH", "Số 10-KH/ĐUK", "KẾ HOẠCH",
                 "kiểm tra năm 2026", "I. NỘI DUNG"):
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for i in range(1, 35):
        pdf.multi_cell(0, 6, f"{i}. Các chi bộ trực thuộc quán triệt nội dung số {i} đến toàn "
                       "thể đảng viên.", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(0, 6, "II. PHÂN CÔNG", new_x="LMARGIN", new_y="NEXT")
    widths = (10, 62, 38, 38, 32)
    _row(pdf, widths, ("TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"), True)
    for values in ROWS:
        _row(pdf, widths, values, False)
    pdf.output(str(Path(__file__).with_name("table_plan_tight.pdf")))


if __name__ == "__main__":
    main()
    tight()
