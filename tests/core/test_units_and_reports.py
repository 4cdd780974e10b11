"""Units, invites, roles and status reports through Core.handle, on SQLite and PostgreSQL:
the conversations the maintainers script through `troly chat --jsonl`."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from openpyxl import load_workbook
from PIL import Image

from handlers.clock import FixedClock
from handlers.core import Core
from handlers.messages import Attachment, IncomingMessage, Reply
from handlers.texts import broadcasts as broadcasts_texts
from handlers.texts import core as core_texts
from handlers.texts import reports as reports_texts
from handlers.texts import units as units_texts
from storage.database import Database
from storage.uow import UnitOfWork
from tests.conftest import NOW, CoreFactory

ADMIN = "btg"
UNIT = "Văn phòng Đảng ủy Khối"


async def say(core: Core, sender: str, text: str, *, at: dt.datetime = NOW) -> Reply:
    [reply] = await core.handle(IncomingMessage("console", sender, text, at))
    return reply


def code_in(reply: Reply) -> str:
    match = re.search(r"\b([A-Z2-9]{8})\b", reply.text)
    assert match, reply.text
    return match.group(1)


async def join(core: Core, sender: str, unit: str = UNIT) -> None:
    code = code_in(await say(core, ADMIN, f"/moi {unit}"))
    reply = await say(core, sender, code)
    assert "đã được ghi nhận là" in reply.text, reply.text


async def reports(database: Database) -> list[tuple[str, str, str | None]]:
    async with UnitOfWork(database.session()) as uow:
        unit = await uow.units.by_key("bd-duk.vp-duk")
        assert unit is not None
        rows = []
        for assignment in await uow.assignments.of_unit(unit.id):
            rows += await uow.reports.history(assignment.task_key, unit.id)
    return [(r.status, r.raw_text, r.evidence_number) for r in sorted(rows, key=lambda r: r.id)]


async def test_bundled_units_exist_with_their_tasks(make_core: CoreFactory,
                                                    database: Database) -> None:
    core = await make_core()
    await make_core()  # seeding twice adds nothing
    async with UnitOfWork(database.session()) as uow:
        units = await uow.units.all()
        office = await uow.units.by_key("bd-duk.vp-duk")
        assert office is not None
        tasks = await uow.assignments.of_unit(office.id)
    assert len(units) == len(core.services.kb.units)
    assert tasks and all(t.source == "plan" for t in tasks)


async def test_invite_join_report_and_status(make_core: CoreFactory, database: Database) -> None:
    core = await make_core()
    invite = await say(core, ADMIN, "/moi VP ĐUK")
    assert UNIT in invite.text and "72 giờ" in invite.text
    joined = await say(core, "chanh-vp", f"/start {code_in(invite)}")
    assert "đầu mối chính" in joined.text and UNIT in joined.text
    whoami = await say(core, "chanh-vp", "/vaitro")
    assert "đầu mối đơn vị" in whoami.text and UNIT in whoami.text

    guided = await say(core, "chanh-vp", "/baocao")
    assert guided.options and "sơ kết" in " ".join(guided.options).lower()
    number = next(i for i, o in enumerate(guided.options, 1) if "sơ kết" in o.lower())
    status = await say(core, "chanh-vp", str(number))
    assert status.options[0] == reports_texts.STATUS_DONE
    note = await say(core, "chanh-vp", "2")
    assert note.text == reports_texts.REPORT_ASK_NOTE
    saved = await say(core, "chanh-vp", "đã xong khoảng 70%, đang chờ số liệu chi bộ")
    assert "Đã ghi nhận" in saved.text and reports_texts.STATUS_IN_PROGRESS in saved.text

    overview = await say(core, ADMIN, "/tinhhinh")  # a few lines per plan, not every task
    assert "Tình hình thực hiện đến ngày" in overview.text
    assert "Kế hoạch 103-KH/ĐUK" in overview.text and "Quá hạn nhiều nhất" in overview.text
    assert len(overview.text.splitlines()) < 20
    per_task = await say(core, ADMIN, "/tinhhinh 103")
    assert per_task.text.startswith("Kế hoạch 103-KH/ĐUK") and "chưa báo cáo" in per_task.text
    mine = await say(core, "chanh-vp", "/viec")
    assert f"Việc của {UNIT}" in mine.text and reports_texts.STATUS_IN_PROGRESS in mine.text
    unit_view = await say(core, ADMIN, f"/tinhhinh {UNIT}")
    assert reports_texts.STATUS_IN_PROGRESS in unit_view.text
    assert "Chưa hoàn thành (chưa quá hạn)" in unit_view.text
    assert [s for s, _, _ in await reports(database)] == ["in_progress"]


async def test_free_text_report_with_evidence_and_correction(make_core: CoreFactory,
                                                              database: Database) -> None:
    core = await make_core()
    await join(core, "vp")
    asked = await say(core, "vp", "đã gửi báo cáo sơ kết số 45-BC/ĐUK ngày 20/3")
    if asked.options:  # several open tasks match: the contact picks one
        pick = next(i for i, o in enumerate(asked.options, 1) if "sơ kết" in o.lower())
        asked = await say(core, "vp", str(pick))
    assert "Đã ghi nhận" in asked.text and "45-BC/ĐUK" in asked.text
    fix = await say(core, "vp", "/sua")
    assert "Báo cáo gần nhất" in fix.text and fix.options
    await say(core, "vp", "2")
    await say(core, "vp", "0")
    history = await reports(database)
    assert [s for s, _, _ in history] == ["done", "in_progress"]  # nothing overwritten
    async with UnitOfWork(database.session()) as uow:
        last = await uow.reports.last_by_author("console:vp")
        assert last is not None and last.corrects_id is not None


async def test_wrong_expired_used_codes_and_slow_down(make_core: CoreFactory) -> None:
    core = await make_core()
    code = code_in(await say(core, ADMIN, f"/moi {UNIT}"))
    assert (await say(core, "a", "ABCD2345")).text == units_texts.CODE_WRONG
    assert "đầu mối chính" in (await say(core, "b", code.lower())).text
    assert (await say(core, "c", code)).text == units_texts.CODE_USED
    later = NOW + dt.timedelta(hours=73)
    old = code_in(await say(core, ADMIN, f"/moi {UNIT}"))
    late_core = await make_core(FixedClock(later))
    assert (await say(late_core, "d", old, at=later)).text == units_texts.CODE_EXPIRED
    for _ in range(5):  # five wrong codes in a quarter of an hour are allowed
        assert (await say(core, "e", "ZZZZ9999")).text == units_texts.CODE_WRONG
    slowed = await say(core, "e", "ZZZZ9998")
    assert "thử lại sau" in slowed.text
    assert "thử lại sau" in (await say(core, "e", code)).text  # even a right code waits


async def test_invite_for_a_retired_unit_changes_nothing(make_core: CoreFactory) -> None:
    core = await make_core()
    code = code_in(await say(core, ADMIN, f"/moi {UNIT}"))
    assert "Đã ngừng theo dõi" in (await say(core, ADMIN, f"/donvi ngung {UNIT}")).text
    assert UNIT in (await say(core, "x", code)).text
    assert "ngừng theo dõi" in (await say(core, "x", code)).text
    assert "ngừng theo dõi" in (await say(core, ADMIN, f"/moi {UNIT}")).text
    assert (await say(core, "x", "/baocao")).text == core_texts.NOT_A_CONTACT


async def test_units_add_rename_group_and_unknown_names(make_core: CoreFactory) -> None:
    core = await make_core()
    added = await say(core, ADMIN, "/donvi them Chi bộ Phòng Tổng hợp | Khối cơ quan")
    assert "Đã thêm đơn vị Chi bộ Phòng Tổng hợp" in added.text
    again = await say(core, ADMIN, "/donvi them chi bo phong tong hop")
    assert "đã có trong danh sách" in again.text
    renamed = await say(core, ADMIN, "/donvi doiten Chi bộ Phòng Tổng hợp | Chi bộ Văn phòng 2")
    assert "Đã đổi tên" in renamed.text
    assert "Chi bộ Văn phòng 2" in (await say(core, ADMIN, "/donvi xem chi bo phong tong hop")
                                    ).text
    grouped = await say(core, ADMIN, "/donvi nhom Chi bộ Văn phòng 2 | Xã, phường")
    assert "Xã, phường" in grouped.text
    unknown = await say(core, ADMIN, "/moi Chi bộ Không Tồn Tại Ở Đâu")
    assert "không tìm thấy" in unknown.text.lower()
    near = await say(core, ADMIN, "/moi Chi bộ Văn phòng 3")
    assert near.options == ("/moi Chi bộ Văn phòng 2",)
    chosen = await say(core, ADMIN, "1")
    assert "Mã mời đầu mối cho Chi bộ Văn phòng 2" in chosen.text


async def test_assign_to_all_cells_and_report_a_task_the_unit_lacks(
        make_core: CoreFactory) -> None:
    core = await make_core()
    await say(core, ADMIN, "/donvi them Chi bộ Phòng Tổng hợp")
    await say(core, ADMIN, "/donvi them Chi bộ Phòng Kế toán")
    assigned = await say(core, ADMIN, "/giao báo cáo sơ kết 3 năm | tất cả chi bộ cơ sở")
    if assigned.options:
        assigned = await say(core, ADMIN, "1")
    # The two new cells and the single cells the bundled plans name (not their groups).
    assert "cho 6 đơn vị (6 đơn vị mới" in assigned.text
    unknown = await say(core, ADMIN, "/giao báo cáo sơ kết 3 năm | Chi bộ Ma")
    assert "chưa giao nhiệm vụ cho đơn vị nào" in unknown.text or unknown.options
    await join(core, "ketoan", "Chi bộ Phòng Kế toán")
    picked = await say(core, "ketoan", "/baocao")
    assert len(picked.options) == 1 and "sơ kết" in picked.options[0]
    status = await say(core, ADMIN, "/tinhhinh Chi bộ Phòng Tổng hợp")
    assert "chưa báo cáo" in status.text


async def test_audit_log_is_readable_by_admins_only(make_core: CoreFactory) -> None:
    core = await make_core()
    await join(core, "vp")
    log = await say(core, ADMIN, "/nhatky")
    assert "tạo mã mời" in log.text and "trở thành đầu mối" in log.text
    refused = await say(core, "vp", "/nhatky")
    assert refused.text == core_texts.ADMIN_ONLY.format(command="/nhatky")


async def test_export_sends_a_workbook_and_a_chart(make_core: CoreFactory) -> None:
    core = await make_core()
    await join(core, "vp")
    await say(core, "vp", "/baocao")
    await say(core, "vp", "1")
    await say(core, "vp", "1")
    await say(core, "vp", "0")
    reply = await say(core, ADMIN, "/xuat")
    names = [f.name for f in reply.files]
    assert names[0].endswith(".xlsx") and names[1].endswith(".png")
    assert reply.files[0].content[:2] == b"PK" and reply.files[1].content[:4] == b"\x89PNG"


async def test_a_report_on_a_task_the_unit_lacks_changes_nothing(
        make_core: CoreFactory, database: Database) -> None:
    core = await make_core()
    await join(core, "vp")
    reply = await say(core, "vp",
                      "đã xong việc lựa chọn mô hình tiêu biểu ghi danh Thành ủy Lai Châu")
    assert "không được giao cho Văn phòng Đảng ủy Khối" in reply.text, reply.text
    assert await reports(database) == []


async def test_a_bad_unit_file_is_refused_and_changes_nothing(make_core: CoreFactory,
                                                             database: Database) -> None:
    core = await make_core()
    content = "Tên đơn vị\nChi bộ A\nchi bo a\n".encode()
    reply = (await core.handle(IncomingMessage(
        "console", ADMIN, "/donvi nhap", NOW,
        attachment=Attachment("ds.csv", content, "text/csv"))))[0]
    assert "Chưa nhập tệp ds.csv" in reply.text and "xuất hiện hai lần" in reply.text
    missing = (await core.handle(IncomingMessage(
        "console", ADMIN, "/donvi nhap", NOW,
        attachment=Attachment("ds.csv", "Nhóm\nA\n".encode(), "text/csv"))))[0]
    assert "Tên đơn vị" in missing.text
    async with UnitOfWork(database.session()) as uow:
        assert len(await uow.units.all()) == len(core.services.kb.units)


async def test_broadcast_of_a_quoted_message_to_a_group_and_its_cancel(
        make_core: CoreFactory, database: Database) -> None:
    core = await make_core()
    await say(core, ADMIN, "/donvi them Chi bộ Phòng Tổng hợp | Khối cơ quan")
    await join(core, "th", "Chi bộ Phòng Tổng hợp")
    [audience] = await core.handle(IncomingMessage("console", ADMIN, "/thongbao", NOW,
                                                   quoted="Nộp báo cáo trước thứ Sáu."))
    assert audience.options == broadcasts_texts.BROADCAST_AUDIENCES
    assert broadcasts_texts.BROADCAST_ASK_TARGET["group"] in (await say(core, ADMIN, "2")).text
    missing = await say(core, ADMIN, "Khối không có")
    assert "chưa có đơn vị nào" in missing.text
    preview = await say(core, ADMIN, "khoi co quan")
    assert "1 đầu mối" in preview.text and "dòng lệnh: 1" in preview.text
    queued = await say(core, ADMIN, "1")
    assert "Đã xếp 1 tin" in queued.text
    cancelled = await say(core, ADMIN, "/thongbao huy 1")
    assert "1 tin chưa gửi" in cancelled.text
    async with UnitOfWork(database.session()) as uow:
        assert await uow.outbox.counts(1) == {"cancelled": 1}
    assert "/thongbao huy" in (await say(core, ADMIN, "/thongbao huy x")).text


async def test_export_charts_of_the_seed_plans_are_readable(make_core: CoreFactory,
                                                             tmp_path: Path) -> None:
    """The pictures an admin gets: one A4 chart per plan, short distinct labels per task."""
    core = await make_core(clock=FixedClock(dt.datetime(2024, 3, 26, 3, tzinfo=dt.UTC)))
    reply = await say(core, ADMIN, "/xuat", at=dt.datetime(2024, 3, 26, 3, tzinfo=dt.UTC))
    charts = [f for f in reply.files if f.mime == "image/png"]
    assert len(charts) >= 3  # the three seed plans, a page of 30 tasks at most each
    for chart in charts:
        image = Image.open(io.BytesIO(chart.content))
        assert image.size == (1402, 992)
        (tmp_path / chart.name).write_bytes(chart.content)
    book = load_workbook(io.BytesIO(next(f for f in reply.files if f.name.endswith(".xlsx"))
                                    .content))
    labels = [c.value for c in book["Đơn vị × nhiệm vụ"][7][1:]]
    assert len(labels) == len(set(labels)) and all(len(str(label)) <= 64 for label in labels)
