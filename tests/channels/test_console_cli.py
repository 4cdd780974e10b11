"""The terminal channel through the installed `troly` command, as the maintainers script it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest

BIN = Path(sys.executable).parent


def troly(*args: str, stdin: str = "", env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    command = [str(BIN / "troly"), *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})}, check=False)


@pytest.fixture
def chat_env(tmp_path: Path) -> dict[str, str]:
    return {"TROLY_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'chat.sqlite3'}",
            "TROLY_EXPORT_DIR": str(tmp_path / "exports")}


def chat(lines: list[dict[str, str]], env: dict[str, str]) -> list[list[dict[str, object]]]:
    """Run one scripted conversation; the replies to each line, in order."""
    stdin = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    result = troly("chat", "--jsonl", "--today", "2024-03-20", stdin=stdin, env=env)
    assert result.returncode == 0, result.stderr
    return [json.loads(line)["replies"] for line in result.stdout.splitlines()]


def test_ask_prints_answer_with_citation() -> None:
    result = troly("ask", "Hạn nộp báo cáo sơ kết 03 năm là ngày nào?")
    assert result.returncode == 0, result.stderr
    assert "trước ngày 25/3/2024" in result.stdout
    assert "103-KH/ĐUK" in result.stdout


def test_ask_json_contract() -> None:
    result = troly("ask", "--json", "--today", "2024-03-01", "Ai ký Kế hoạch 107-KH/ThU?")
    reply = json.loads(result.stdout)
    assert reply["answered"] is True
    assert "Đặng Quang Chung" in reply["text"]
    assert reply["citations"][0]["document"].startswith("Kế hoạch 107-KH/ThU")


def test_ask_jsonl_answers_in_order_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"q": "bc 6 thag nop truoc ngay nao", "today": None}),
        "not json",
        json.dumps({"q": "Tháng này có những hạn nào?", "today": "2024-03-01"}),
        json.dumps({"q": "Tháng này có những hạn nào?", "today": "2024-13-01"}),
        json.dumps({"q": "Giá vàng hôm nay bao nhiêu?", "today": None}),
    ]
    result = troly("ask", "--jsonl", stdin="\n".join(lines) + "\n")
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(replies) == 5
    assert "20/6/2023" in replies[0]["text"]
    assert replies[1]["answered"] is False and "JSON" in replies[1]["text"]
    assert "25/3/2024" in replies[2]["text"]
    assert replies[3]["answered"] is False and "2024-13-01" in replies[3]["text"]
    assert replies[4]["answered"] is False


def test_ask_rejects_a_bad_today() -> None:
    result = troly("ask", "--today", "01/03/2024", "Tháng này có hạn nào?")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr


def test_chat_jsonl_is_a_full_channel(chat_env: dict[str, str], tmp_path: Path) -> None:
    lines = [
        {"from": "btg", "text": "/start"},
        {"from": "console:vp", "text": "Văn phòng Đảng ủy Khối được giao nhiệm vụ gì?"},
        {"from": "btg", "text": "/khonglenh"},
        {"from": "btg", "text": ""},
    ]
    stdin = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n{oops\n"
    result = troly("chat", "--jsonl", "--today", "2024-03-01", stdin=stdin, env=chat_env)
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == 5
    greeting, duties, unknown, empty, malformed = (o["replies"] for o in outputs)
    assert greeting[0]["to"] == "btg" and "Xin chào" in greeting[0]["text"]
    assert duties[0]["to"] == "vp" and "kinh phí" in duties[0]["text"]
    assert "/khonglenh" in unknown[0]["text"]
    assert "nội dung" in empty[0]["text"]
    assert "JSON" in malformed[0]["text"]
    assert all(isinstance(r["options"], list) for o in outputs for r in o["replies"])

    with sqlite3.connect(tmp_path / "chat.sqlite3") as db:
        kept = db.execute("select sender, text, outcome from exchanges order by id").fetchall()
    assert kept[0] == ("btg", "/start", "start")
    assert kept[1][0] == "vp"
    assert [row[2] for row in kept[2:]] == ["unknown_command", "empty", "malformed"]
    assert kept[-1][1] == "{oops\n"  # the malformed line is journaled, as its reply says


def test_chat_interactive_greets_answers_and_ends_on_eof(chat_env: dict[str, str]) -> None:
    result = troly("chat", "--today", "2024-03-01",
                   stdin="Đề cương báo cáo gồm những phần nào?\n", env=chat_env)
    assert result.returncode == 0, result.stderr
    assert "Xin chào" in result.stdout
    assert "Đánh giá chung" in result.stdout.replace("ĐÁNH GIÁ CHUNG", "Đánh giá chung")
    assert "Hẹn gặp lại" in result.stdout


def test_check_validates_the_bundled_plans() -> None:
    result = troly("check")
    assert result.returncode == 0, result.stderr
    assert "3 kế hoạch" in result.stdout


def test_a_whole_reporting_conversation(chat_env: dict[str, str], tmp_path: Path) -> None:
    units = tmp_path / "don-vi.csv"
    units.write_text("Tên đơn vị,Nhóm\nChi bộ Phòng Tổng hợp,Khối cơ quan\n", "utf-8")
    invite = chat([{"from": "btg", "text": "/moi Văn phòng Đảng ủy Khối"}], chat_env)
    code = str(invite[0][0]["text"]).split(": ", 1)[1][:8]
    replies = chat([
        {"from": "zalo-user", "text": code},
        {"from": "zalo-user", "text": "đã gửi báo cáo số 45-BC/VP ngày 18/3"},
        {"from": "btg", "text": "/tinhhinh Văn phòng Đảng ủy Khối"},
        {"from": "btg", "text": "/donvi nhap", "file": str(units)},
        {"from": "zalo-user", "text": "/donvi them Chi bộ X"},
        {"from": "btg", "text": "/xuat"},
    ], chat_env)
    joined, reported, status, imported, refused, exported = (r[0] for r in replies)
    assert "đầu mối chính của Văn phòng Đảng ủy Khối" in str(joined["text"])
    assert "45-BC/VP" in str(reported["text"]) or reported["options"]
    assert "Văn phòng Đảng ủy Khối" in str(status["text"])
    assert "thêm mới 1 đơn vị" in str(imported["text"])
    assert "chỉ dành cho quản trị viên" in str(refused["text"])
    files = [Path(str(f)) for f in cast(list[str], exported["files"])]
    assert files[0].suffix == ".xlsx" and {f.suffix for f in files[1:]} == {".png"}
    assert all(f.is_file() for f in files)


def test_a_broadcast_reaches_terminal_contacts_and_the_admin_gets_the_report(
        chat_env: dict[str, str]) -> None:
    invite = chat([{"from": "btg", "text": "/moi Văn phòng Đảng ủy Khối"}], chat_env)
    code = str(invite[0][0]["text"]).split(": ", 1)[1][:8]
    stdin = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in [
        {"from": "vp", "text": code},
        {"from": "btg", "text": "/thongbao Họp giao ban lúc 8 giờ thứ Hai"},
        {"from": "btg", "text": "1"},  # all contacts
        {"from": "btg", "text": "1"},  # send
    ])
    result = troly("chat", "--jsonl", "--today", "2024-03-20", stdin=stdin, env=chat_env)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["sent"] for line in lines[:3]] == [[], [], []]
    assert "Đã xếp 1 tin" in lines[3]["replies"][0]["text"]
    to_contact, report = lines[3]["sent"]
    assert to_contact == {"to": "vp", "text": "THÔNG BÁO\nHọp giao ban lúc 8 giờ thứ Hai",
                          "options": []}
    assert report["to"] == "btg" and report["text"].startswith("Kết quả thông báo số 1")
    assert "đã gửi 1" in report["text"]


def test_the_interactive_chat_shows_what_the_outbox_sent(chat_env: dict[str, str]) -> None:
    invite = chat([{"from": "btg", "text": "/moi Văn phòng Đảng ủy Khối"}], chat_env)
    code = str(invite[0][0]["text"]).split(": ", 1)[1][:8]
    chat([{"from": "btg", "text": code}], chat_env)  # the admin is also the unit's contact
    result = troly("chat", "--today", "2024-03-20", stdin="/thongbao Họp chi bộ\n1\n1\n",
                   env=chat_env)
    assert result.returncode == 0, result.stderr
    assert "[tin nhắn gửi tới console:btg]\nTHÔNG BÁO\nHọp chi bộ" in result.stdout
    assert "Kết quả thông báo số 1" in result.stdout
