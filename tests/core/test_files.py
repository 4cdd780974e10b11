"""Files are read and written off the event loop, streamed with their limits checked as they are
read; a file that cannot be read gets a clear message naming the problem, never an internal
error."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Awaitable
from typing import TypeVar

import pytest
from openpyxl import Workbook

from handlers.core import Core
from handlers.messages import Attachment, IncomingMessage
from handlers.texts import core as core_texts
from handlers.units.table import MAX_COLUMNS, UnitTableError, read_unit_table
from tests.conftest import NOW, CoreFactory

T = TypeVar("T")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(rows: int, columns: int = 2) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Tên đơn vị", "Nhóm"] + [f"Cột {n}" for n in range(columns - 2)])
    for number in range(rows):
        sheet.append([f"Chi bộ số {number}", "Khối cơ quan"] + ["x"] * (columns - 2))
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def upload(name: str, content: bytes, text: str = "/donvi nhap") -> IncomingMessage:
    return IncomingMessage("console", "btg", text, NOW,
                           attachment=Attachment(name, content, XLSX))


async def longest_stall(work: Awaitable[T]) -> tuple[T, float]:
    """Run ``work`` while a ticker measures the longest time the event loop was held."""
    gaps: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        last = time.monotonic()
        while not done.is_set():
            await asyncio.sleep(0.01)
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    ticking = asyncio.create_task(ticker())
    try:
        result = await work
    finally:
        done.set()
        await ticking
    return result, max(gaps, default=0.0)


@pytest.fixture
async def core(make_core: CoreFactory) -> Core:
    return await make_core()


async def test_a_huge_workbook_is_refused_early_and_holds_up_no_one(core: Core) -> None:
    content = workbook(60_000)
    started = time.monotonic()
    [reply], stall = await longest_stall(core.handle(upload("don-vi.xlsx", content)))
    assert "quá 2000 dòng" in reply.text
    # Read on the loop, the file held everyone up for seconds; off it, a GIL hand-over at most.
    assert time.monotonic() - started < 20 and stall < 1.0


async def test_an_export_holds_up_no_one(core: Core) -> None:
    [reply], stall = await longest_stall(core.handle(IncomingMessage("console", "btg", "/xuat",
                                                                     NOW)))
    names = [f.name[-4:] for f in reply.files]
    assert names[0] == "xlsx" and set(names[1:]) == {".png"}  # one chart per plan
    assert stall < 1.0  # rendering holds the GIL in its thread; on the loop it was seconds


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("don-vi.xlsx", workbook(50)[:3000], "Không đọc được tệp Excel"),  # truncated
    ("don-vi.xlsx", b"PK\x03\x04 not really a zip", "Không đọc được tệp Excel"),
    ("don-vi.csv", b"T\xc3\xaan \xc4\x91\xc6\xa1n v\xe1\xbb\x8b\n\"" + b"x" * 200_000 + b"\"\n",
     "dài quá"),
    ("don-vi.csv", "Tên đơn vị\n\"không đóng ngoặc\n".encode() + b"y" * 200_000, "Dòng"),
    ("don-vi.xlsx", workbook(3, columns=MAX_COLUMNS + 5), "cột"),
    ("don-vi.csv", "Tên đơn vị\n".encode() + "Chi bộ ".encode() * 1_000_000, "MB"),
    ("don-vi.csv", f"Tên đơn vị,Nhóm\n{'Đ' * 400},Khối\n".encode(), "tên dài quá 300"),
])
async def test_an_unreadable_file_gets_a_clear_message(core: Core, name: str, content: bytes,
                                                       problem: str) -> None:
    [reply] = await core.handle(upload(name, content))
    assert reply.text != core_texts.INTERNAL_ERROR
    assert "Chưa nhập" in reply.text or "không" in reply.text.lower()
    assert problem in reply.text, reply.text


def test_rows_are_counted_as_they_are_read() -> None:
    with pytest.raises(UnitTableError, match="2000"):
        read_unit_table("x.csv", ("Tên đơn vị\n" + "Chi bộ A\n" * 3000).encode())
