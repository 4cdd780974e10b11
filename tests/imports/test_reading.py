"""The importer on a small text plan: identity, sections, units, deadlines, facts, doubts."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from knowledge.imports import PlanDraft, draft_json, read_plan
from knowledge.imports.rules import bundled_rules
from knowledge.imports.units import paragraph_units
from knowledge.schema import DeadlineKind
from tests.imports.samples import PLAN, plan_text

D = dt.date


@pytest.fixture(scope="module")
def draft() -> PlanDraft:
    return read_plan("ke-hoach.txt", plan_text().encode("utf-8"))


def test_identity(draft: PlanDraft) -> None:
    doc = draft.document
    assert (doc.number, doc.issuer, doc.place, doc.date) == (
        "12-KH/HU", "Huyện ủy Hoằng Hóa", "Hoằng Hóa", D(2026, 3, 5))
    assert doc.title == "Kế hoạch tuyên truyền kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh"
    assert (doc.signer, doc.signer_capacity) == ("Nguyễn Văn Hùng", "T/M BAN THƯỜNG VỤ, PHÓ BÍ THƯ")
    assert doc.recipients == ("Ban Tuyên giáo Tỉnh ủy (b/c)", "Lưu VP")
    assert [(d.number, d.basis) for d in draft.documents] == [("45-HD/BTGTU", True)]


def test_sections_units_and_deadlines(draft: PlanDraft) -> None:
    tasks = [(t.section, t.deadline.phrase if t.deadline else None) for t in draft.tasks]
    assert tasks == [
        ("II.1.1", "trước ngày 15/4/2026"),
        ("II.1.2", "vào dịp kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - "
                   "19/5/2026)"),
        ("II.2", "trước ngày 30/5/2026"),
        ("III.1", "hằng quý"),
        ("III.2", "trong vòng 10 ngày làm việc kể từ ngày kết thúc đợt tuyên truyền"),
        ("III.3", "trước ngày 30/5/2026"),
    ]
    first = draft.tasks[0]
    assert [(u.name, u.role) for u in first.units] == [
        ("Ban Tuyên giáo Huyện ủy", "lead"), ("Trung tâm Văn hóa huyện", "support")]
    assert draft.tasks[1].deadline is not None
    assert draft.tasks[1].deadline.end == D(2026, 5, 19)
    assert draft.tasks[4].deadline is not None
    assert draft.tasks[4].deadline.kind is DeadlineKind.RELATIVE
    assert draft.tasks[5].restates == 2  # the report of II.2, said again in III.3


def test_the_plan_s_aims_dates_and_windows_are_no_duties(draft: PlanDraft) -> None:
    assert all(not t.section.startswith("I.") for t in draft.tasks)
    windows = [f for f in draft.facts if f.kind == "window"]
    assert [(f.deadline.start, f.deadline.end) for f in windows if f.deadline] == [
        (D(2025, 1, 1), D(2026, 4, 30))]
    assert any(f.kind == "duration" and "1/2 ngày" in f.text for f in draft.facts)
    assert [f.text for f in draft.facts if f.kind == "basis"] == [
        "Căn cứ Hướng dẫn số 45-HD/BTGTU ngày 20/02/2026 của Ban Tuyên giáo Tỉnh ủy"]


def test_page_furniture_footnotes_and_broken_sentences(draft: PlanDraft) -> None:
    texts = " ".join(t.text for t in draft.tasks)
    assert "Trang" not in texts and "Kế hoạch số 12-KH/HU" not in texts
    assert "¹" not in texts and "tuyên truyền, hoàn thành" in texts
    assert draft.footnotes == ("Theo Hướng dẫn số 45-HD/BTGTU.",)
    assert "trước ngày 30/5/2026" in draft.tasks[2].text  # joined across the page break


def test_json_contract(draft: PlanDraft) -> None:
    data = draft_json(draft)
    assert set(data["document"]) >= {"number", "issuer", "date", "title", "signer"}
    assert data["document"]["date"] == "2026-03-05"
    task = data["tasks"][0]
    assert set(task) >= {"text", "section", "units", "deadline"}
    assert task["units"][0] == {"name": "Ban Tuyên giáo Huyện ủy", "role": "lead"}
    assert {k: task["deadline"][k] for k in ("phrase", "kind", "start", "end", "recurrence")} == {
        "phrase": "trước ngày 15/4/2026", "kind": "exact_date", "start": None,
        "end": "2026-04-15", "recurrence": None}
    assert data["outlines"] == []


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le"])
def test_text_encodings_read_alike(encoding: str, draft: PlanDraft) -> None:
    other = read_plan("ke-hoach.txt", plan_text().encode(encoding))
    assert draft_json(other) == draft_json(draft)


def test_nfd_text_reads_as_nfc(draft: PlanDraft) -> None:
    nfd = unicodedata.normalize("NFD", plan_text())
    assert draft_json(read_plan("ke-hoach.txt", nfd.encode("utf-8"))) == draft_json(draft)


def test_replacement_characters_are_repaired_from_the_document() -> None:
    text = plan_text().replace("Ngày sinh Chủ tịch\nHồ", "Ngày sinh Ch\ufffd tịch\nHồ")
    draft = read_plan("ke-hoach.txt", text.encode("utf-8"))
    assert "Chủ tịch Hồ Chí Minh (19/5/1890" in draft.tasks[1].text


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Đơn vị thực hiện: Phòng Văn hóa - Xã hội xã chủ trì; các chi bộ trực thuộc phối hợp.",
     [("Phòng Văn hóa - Xã hội xã", "lead"), ("Các chi bộ trực thuộc", "support")]),
    ("Trung tâm Chính trị huyện chủ trì, phối hợp với Huyện đoàn tổ chức hội thi.",
     [("Trung tâm Chính trị huyện", "lead"), ("Huyện đoàn", "support")]),
])
def test_who_leads_and_who_supports_a_duty(sentence: str,
                                           expected: list[tuple[str, str]]) -> None:
    found = paragraph_units(sentence, bundled_rules())
    assert [(u.name, u.role) for u in found] == expected


def test_labelled_lines_complete_the_numbered_duty_above_them() -> None:
    text = PLAN.replace(
        "2. Báo cáo\n",
        "2. Giám sát\n2.1. Giám sát việc thực hiện chính sách bảo hiểm y tế trên địa bàn huyện.\n"
        "- Đơn vị chủ trì: Ban Dân vận Huyện ủy.\n- Đơn vị phối hợp: Hội Nông dân huyện.\n"
        "- Thời gian: quý III/2026.\n3. Báo cáo\n")
    draft = read_plan("plan.txt", text.encode())
    task = next(t for t in draft.tasks if t.text.startswith("Giám sát việc thực hiện"))
    assert [(u.name, u.role) for u in task.units] == [
        ("Ban Dân vận Huyện ủy", "lead"), ("Hội Nông dân huyện", "support")]
    assert task.deadline is not None and task.deadline.phrase == "quý III/2026"
    assert not any(t.text.startswith(("Thời gian", "Đơn vị")) for t in draft.tasks)
