"""Time and peak memory to import each seed plan and a 50-page synthetic plan.

    python bench/import.py [--runs 5] [--seeds ../shared/seeds]

The synthetic plan is made from the seeds' own sentences: a letterhead, a title, five parts of
numbered sections and items (their deadlines renumbered so every page has some), a running
header and a "Trang n/50" footer on each of its 50 pages. It is read as .txt (pages split by
form feeds) and as .docx; a 50-page PDF is the test fixture's two pages repeated. Figures are
medians over the runs (time) and the largest peak traced (memory); the target for 50 pages is
2 s and 200 MB.

Then two assistants share one database (a fresh SQLite file; with --database, also a
PostgreSQL schema of the run's own): the first imports and approves an unseen plan, the second
follows the catalog as `troly run` does (`follow_plans`, a look every 2 s); printed is the time
from the approval's reply to the second's first answer from the new plan, per plan and median.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

import docx
from pypdf import PdfReader, PdfWriter

from bot.app import Assistant
from bot.runner import follow_plans
from handlers.answers import AnswerEngine
from handlers.assistant import Assembled, assemble
from handlers.clock import SystemClock
from handlers.messages import Attachment, IncomingMessage
from knowledge import deadlines
from knowledge.imports import read_plan, rules
from knowledge.loader import load_knowledge
from storage.database import Database
from storage.uow import UnitOfWork

ROOT = Path(__file__).resolve().parents[1]
PAGES = 50
ROMAN = ("I", "II", "III", "IV", "V")
LINES_PER_PAGE = 14
FIXTURE_PDF = ROOT / "tests" / "imports" / "data" / "table_plan.pdf"
UNSEEN = ROOT / "tests" / "data" / "plans_unseen"
# An unseen plan, and a question only that plan answers (with its number in the answer).
FOLLOWED = (
    ("04_dang_uy_xa_thanh_son_ky_niem_96_nam.md", "28-KH/ĐU",
     "Lễ trao tặng Huy hiệu Đảng của xã Thanh Sơn tổ chức khi nào?"),
    ("06_ubnd_da_nang_chuyen_doi_so_2026.docx", "35/KH-UBND",
     "Tổng kết, đánh giá kết quả chuyển đổi số năm 2026 xong trước ngày nào?"),
    ("01_huyen_uy_nong_cong_hoc_tap_2025.txt", "245-KH/HU",
     "Cuộc thi Tuổi trẻ Nông Cống kể chuyện về Bác tổ chức khi nào?"),
)
ADMIN = "btg"


def _sentences(seeds: Path) -> list[str]:
    found = []
    for path in sorted(seeds.glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            line = line.replace("*", "").strip(" -+\t")
            if len(line) > 80 and not line.startswith(("Căn cứ", "Thực hiện", "Nơi")):
                found.append(line)
    return found


def synthetic_lines(seeds: Path) -> list[list[str]]:
    """The lines of each page of a 50-page plan made of the seeds' sentences."""
    sentences = _sentences(seeds)
    head = ["ĐẢNG BỘ TỈNH BÌNH ĐỊNH\t\t\tĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
            "Số 99-KH/ĐUK\t\t\tQuy Nhơn, ngày 05 tháng 01 năm 2026", "", "KẾ HOẠCH",
            "thực hiện nhiệm vụ năm 2026", ""]
    body: list[str] = []
    for index in range(PAGES * LINES_PER_PAGE):
        part, rest = divmod(index, PAGES * LINES_PER_PAGE // 5)
        if rest == 0:
            body.append(f"{ROMAN[part]}. NỘI DUNG PHẦN {part + 1}")
        elif rest % 6 == 1:
            body.append(f"{rest // 6 + 1}. Nhiệm vụ thứ {rest // 6 + 1}")
        else:
            month = index % 12 + 1
            body.append(f"- {sentences[index % len(sentences)]} Hoàn thành trước ngày "
                        f"{index % 27 + 1}/{month}/2026.")
    lines = head + body + ["Nơi nhận:", "- Lưu VP.", "T/M BAN THƯỜNG VỤ", "BÍ THƯ",
                           "Nguyễn Văn An"]
    size = -(-len(lines) // PAGES)
    return [lines[i:i + size] for i in range(0, len(lines), size)]


def synthetic_text(seeds: Path) -> bytes:
    pages = synthetic_lines(seeds)
    framed = [["ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH - Kế hoạch số 99-KH/ĐUK", *page,
               f"\t\t\tTrang {n}/{len(pages)}"] for n, page in enumerate(pages, 1)]
    return "\f".join("\n".join(page) for page in framed).encode("utf-8")


def synthetic_docx(seeds: Path) -> bytes:
    document = docx.Document()
    for page in synthetic_lines(seeds):
        for line in page:
            document.add_paragraph(line.replace("\t", " "))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def synthetic_pdf() -> bytes:
    writer = PdfWriter()
    source = PdfReader(FIXTURE_PDF)
    while len(writer.pages) < PAGES:
        for page in source.pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def cold() -> None:
    """Forget the texts seen by an earlier run: each run reads its document afresh."""
    for cached in (rules.key, rules.folded, rules.accented, deadlines._key):
        cached.cache_clear()


def measure(read: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median seconds per read, and the largest traced peak in MB."""
    times, peaks = [], []
    for _ in range(runs):
        cold()
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    for _ in range(min(runs, 2)):
        cold()
        tracemalloc.start()
        read()
        peaks.append(tracemalloc.get_traced_memory()[1] / 1e6)
        tracemalloc.stop()
    return statistics.median(times), max(peaks)


async def _say(assembled: Assembled, user: str, text: str,
               attachment: Attachment | None = None) -> str:
    clock = SystemClock()
    replies = await assembled.core.handle(IncomingMessage("console", user, text, clock.now(),
                                                          attachment=attachment))
    return "\n".join(r.text for r in replies)


async def follow(name: str, database: Database) -> None:
    """Seconds from an approval on one instance to the other's first answer from the plan."""
    await database.migrate()
    engine = AnswerEngine(load_knowledge())
    first, second = (assemble(engine, SystemClock(), lambda: UnitOfWork(database.session()),
                              admins=(f"console:{ADMIN}",)) for _ in range(2))
    await first.core.prepare()
    await second.core.prepare()
    stop = asyncio.Event()
    watched = Assistant(second.core, database, second.planner)
    following = asyncio.create_task(follow_plans(watched, stop))
    waits = []
    try:
        for file, number, question in FOLLOWED:
            path = UNSEEN / file
            draft = await _say(first, ADMIN, "", Attachment(path.name, path.read_bytes()))
            if number not in draft:
                print(f"  {file}: draft without {number}; skipped")
                continue
            approved = await _say(first, ADMIN, "Duyệt")
            started = time.perf_counter()
            if not approved.startswith("Đã duyệt"):
                print(f"  {file}: not approved: {approved[:80]}")
                continue
            while number not in await _say(second, "reader", question):
                if time.perf_counter() - started > 30:
                    print(f"  {file}: the second instance did not answer within 30 s")
                    break
                await asyncio.sleep(0.05)
            else:
                waits.append(time.perf_counter() - started)
                print(f"  {file:50} {waits[-1]:6.2f} s")
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await following
    if waits:
        print(f"{name}: a second instance answers from a newly approved plan after "
              f"median {statistics.median(waits):.2f} s, max {max(waits):.2f} s "
              f"(its look every 2 s)")


async def second_instance(url: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        sqlite = Database(f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}")
        try:
            await follow("SQLite", sqlite)
        finally:
            await sqlite.close()
    if url:
        postgres = Database(url, schema=f"bench_import_{os.getpid()}")
        try:
            await follow("PostgreSQL", postgres)
        finally:
            await postgres.drop_schema()
            await postgres.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--database", help="PostgreSQL URL for the second-instance run")
    args = parser.parse_args()
    cases: list[tuple[str, str, bytes]] = [
        (path.name, path.name, path.read_bytes()) for path in sorted(args.seeds.glob("*.txt"))]
    cases += [("synthetic 50 pages .txt", "plan.txt", synthetic_text(args.seeds)),
              ("synthetic 50 pages .docx", "plan.docx", synthetic_docx(args.seeds)),
              ("fixture x25 = 50 pages .pdf", "plan.pdf", synthetic_pdf())]
    print(f"{'plan':34} {'KB':>7} {'tasks':>6} {'median s':>9} {'peak MB':>8}")
    for label, name, content in cases:
        draft = read_plan(name, content)
        seconds, peak = measure(partial(read_plan, name, content), args.runs)
        print(f"{label:34} {len(content) / 1024:7.0f} {len(draft.tasks):6} {seconds:9.3f} "
              f"{peak:8.1f}")
    asyncio.run(second_instance(args.database))


if __name__ == "__main__":
    main()
