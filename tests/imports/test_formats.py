"""Every format the importer reads, and every kind of file it refuses with a typed error."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from knowledge.imports import (
    DEFAULT_MAX_BYTES,
    ImportErrorCode,
    PlanImportError,
    read_limited,
    read_plan,
)
from tests.imports.samples import plan_text

DATA = Path(__file__).parent / "data"


def _docx(with_table: bool = True) -> bytes:
    document = docx.Document()
    for line in ("ĐẢNG ỦY XÃ AN BÌNH", "Số 07-KH/ĐU", "An Bình, ngày 02 tháng 3 năm 2026"):
        document.add_paragraph(line)
    document.add_paragraph().add_run("KẾ HOẠCH").bold = True
    document.add_paragraph().add_run("tổ chức Đại hội chi bộ").bold = True
    document.add_heading("I. TỔ CHỨC THỰC HIỆN", level=1)
    document.add_heading("1. Chuẩn bị", level=2)
    document.add_paragraph("1.1. Chi ủy xây dựng dự thảo báo cáo chính trị, hoàn thành chậm nhất "
                           "ngày 25/3/2026.")
    if with_table:
        document.add_heading("2. Phân công", level=2)
        table = document.add_table(rows=2, cols=4)
        for cell, text in zip(table.rows[0].cells, ("STT", "Nội dung", "Đơn vị chủ trì",
                                                    "Thời gian"), strict=True):
            cell.text = text
        row = ("1", "Chuẩn bị hội trường", "Văn phòng Đảng ủy", "Trước ngày 20/4/2026")
        for cell, text in zip(table.rows[1].cells, row, strict=True):
            cell.text = text
    document.add_paragraph("T/M CHI BỘ")
    document.add_paragraph("BÍ THƯ")
    document.add_paragraph("Lê Thị Hoa")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_headings_and_tables() -> None:
    draft = read_plan("ke-hoach.docx", _docx())
    assert (draft.document.number, draft.document.issuer, draft.document.signer) == (
        "07-KH/ĐU", "Đảng ủy xã An Bình", "Lê Thị Hoa")
    assert [(t.section, t.deadline.phrase if t.deadline else None) for t in draft.tasks] == [
        ("I.1.1", "chậm nhất ngày 25/3/2026"), ("I.2", "Trước ngày 20/4/2026")]
    assert [(u.name, u.role) for u in draft.tasks[1].units] == [("Văn phòng Đảng ủy", "lead")]


@pytest.mark.parametrize("name", ["table_plan.pdf", "table_plan_tight.pdf"])
def test_pdf_tables_drawn_as_text(name: str) -> None:
    draft = read_plan(name, (DATA / name).read_bytes())
    rows = [t for t in draft.tasks if t.deadline and t.section in ("II", "II.2")]
    phrases = [t.deadline.phrase for t in rows if t.deadline]
    assert phrases == ["Trong tháng 3/2026", "Quý II/2026", "Từ tháng 8 đến tháng 10/2026",
                       "hằng quý", "chậm nhất ngày 25/11/2026"]
    assert [(u.name, u.role) for u in rows[1].units] == [
        ("Ban Tuyên giáo Đảng ủy", "lead"), ("Trung tâm Chính trị", "support"),
        ("Văn phòng Đảng ủy", "support")]
    assert all("Trang" not in t.text for t in draft.tasks)


def test_pdf_identity_and_signature_on_the_last_page() -> None:
    draft = read_plan("table_plan.pdf", (DATA / "table_plan.pdf").read_bytes())
    assert (draft.document.number, draft.document.signer, draft.document.signer_capacity) == (
        "09-KH/ĐUK", "Trần Văn Bình", "T/M BAN THƯỜNG VỤ, BÍ THƯ")


def _code(name: str, content: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportErrorCode:
    with pytest.raises(PlanImportError) as caught:
        read_plan(name, content, max_bytes=max_bytes)
    return caught.value.code


def _pdf_bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_bad_files_are_refused_with_their_reason() -> None:
    pdf = (DATA / "table_plan.pdf").read_bytes()
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
    assert _code("a.txt", b"") is ImportErrorCode.EMPTY
    assert _code("a.txt", b" \n\t ") is ImportErrorCode.EMPTY
    assert _code("a.bin", bytes(range(256)) * 8) is ImportErrorCode.UNSUPPORTED
    assert _code("a.xlsx", b"PK\x03\x04" + b"\x00" * 64) is ImportErrorCode.UNSUPPORTED
    assert _code("a.doc", ole + "WordDocument".encode("utf-16-le")) is ImportErrorCode.OLD_DOC
    assert _code("a.docx", ole + "EncryptedPackage".encode("utf-16-le")) \
        is ImportErrorCode.PASSWORD
    assert _code("a.docx", b"PK\x03\x04 damaged beyond repair") is ImportErrorCode.CORRUPT
    assert _code("a.pdf", b"%PDF-1.7\nnot really a pdf") is ImportErrorCode.CORRUPT
    assert _code("a.txt", plan_text().encode(), max_bytes=100) is ImportErrorCode.TOO_LARGE
    assert _code("a.txt", "Ghi chú cuộc họp chi bộ.\n".encode()) \
        is ImportErrorCode.NO_OBLIGATIONS
    locked = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    locked.encrypt("mật khẩu", algorithm="RC4-128")
    assert _code("a.pdf", _pdf_bytes(locked)) is ImportErrorCode.PASSWORD
    scanned = PdfWriter()
    scanned.add_blank_page(595, 842)
    scanned.add_blank_page(595, 842)
    assert _code("scan.pdf", _pdf_bytes(scanned)) is ImportErrorCode.SCANNED


def test_a_docx_that_unpacks_to_too_much_is_refused_unread() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx(with_table=False))) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item))
        bomb.writestr("word/media/filler.bin", b"\x00" * 3_000_000)
    assert _code("bomb.docx", buffer.getvalue(), max_bytes=100_000) is ImportErrorCode.TOO_LARGE


class _Endless(io.RawIOBase):
    """A stream of a gigabyte of text that counts what is read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        size = min(len(buffer), (1 << 30) - self.read_bytes)
        buffer[:size] = b"a" * size
        self.read_bytes += size
        return size


def test_the_size_limit_is_checked_while_reading() -> None:
    stream = _Endless()
    with pytest.raises(PlanImportError) as caught:
        read_limited(io.BufferedReader(stream), max_bytes=1000)
    assert caught.value.code is ImportErrorCode.TOO_LARGE
    assert stream.read_bytes < 100_000
