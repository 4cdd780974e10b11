"""Small talk gets a short polite reply through Core.handle, and takes nothing else: a report
("ok xong rồi") stays a report, a question after a greeting is answered."""

from __future__ import annotations

import re

import pytest

from handlers.core import Core
from handlers.messages import IncomingMessage, Reply
from handlers.smalltalk.reading import small_talk_kind
from handlers.texts import core as core_texts
from handlers.texts import smalltalk as texts
from tests.conftest import NOW, CoreFactory

ADMIN = "btg"


async def say(core: Core, sender: str, text: str) -> Reply:
    [reply] = await core.handle(IncomingMessage("console", sender, text, NOW))
    return reply


@pytest.mark.parametrize(("text", "kind"), [
    ("dạ rõ", "ack"), ("Dạ vâng ạ", "ack"), ("ok", "ack"), ("ok anh", "ack"), ("👍", "ack"),
    ("🙏", "ack"), ("Dạ em nhận được rồi ạ", "ack"), ("cảm ơn đồng chí", "thanks"),
    ("cảm ơn anh đã nhắc ạ", "thanks"), ("vâng ạ, em cảm ơn", "thanks"),
    ("thanks", "thanks"), ("a lô", "greeting"), ("chào đồng chí", "greeting"),
    ("alo anh ơi", "greeting"), ("chúc anh cuối tuần vui vẻ", "wish"),
    ("em xin lỗi vì trả lời muộn", "apology"), ("tạm biệt anh", "goodbye"),
    ("Dạ để em hỏi lại văn thư rồi báo anh sau", "later"),
])
def test_small_talk_is_recognised(text: str, kind: str) -> None:
    assert small_talk_kind(text) == kind


@pytest.mark.parametrize("text", [
    "ok xong rồi", "chào anh, cho hỏi hạn nộp báo cáo sơ kết 3 năm", "dạ đã gửi rồi ạ",
    "cảm ơn anh, em gửi rồi nhé", "chúc anh vui, cho em hỏi hạn nộp", "ok?",
    "xin lỗi anh, em nộp muộn", "dạ xong ạ", "/trogiup", "", "r",
])
def test_anything_more_is_not_small_talk(text: str) -> None:
    assert small_talk_kind(text) is None


@pytest.mark.parametrize(("text", "kind"), [
    ("dạ rõ", "ack"), ("cảm ơn đồng chí", "thanks"), ("a lô", "greeting"), ("🙏", "ack"),
])
async def test_small_talk_gets_a_short_polite_reply(make_core: CoreFactory, text: str,
                                                    kind: str) -> None:
    core = await make_core()
    reply = await say(core, "someone", text)
    assert reply.text == texts.REPLIES[kind]
    assert not reply.options
    assert "Tôi chưa tìm thấy" not in reply.text


async def test_a_greeting_with_a_question_is_answered(make_core: CoreFactory) -> None:
    core = await make_core()
    reply = await say(core, "someone", "chào anh, cho hỏi hạn nộp báo cáo sơ kết 3 năm")
    assert reply.text not in texts.REPLIES.values()
    assert "25/3/2024" in reply.text or "sơ kết" in reply.text.lower()


async def _join(core: Core, sender: str) -> None:
    invite = await say(core, ADMIN, "/moi VP ĐUK")
    code = re.search(r"\b([A-Z2-9]{8})\b", invite.text)
    assert code
    await say(core, sender, code.group(1))


async def test_a_contacts_ok_done_is_a_report(make_core: CoreFactory) -> None:
    core = await make_core()
    await _join(core, "vp")
    reply = await say(core, "vp", "ok xong rồi")
    assert reply.text not in texts.REPLIES.values()
    assert reply.options or "Đã ghi nhận" in reply.text  # which task, or saved
    thanks = await say(core, "vp", "/huy")
    assert thanks.text
    assert (await say(core, "vp", "cảm ơn anh đã nhắc ạ")).text == texts.REPLIES["thanks"]


async def test_small_talk_keeps_an_open_choice(make_core: CoreFactory) -> None:
    core = await make_core()
    await _join(core, "vp")
    asked = await say(core, "vp", "chị gửi lại giúp em KH 103 được ko, em làm mất file rồi")
    assert len(asked.options) == 2  # report or question?
    assert (await say(core, "vp", "dạ vâng ạ")).text == texts.REPLIES["ack"]
    chosen = await say(core, "vp", "2")  # the choice offered before still stands
    assert chosen.text not in (core_texts.CHOICE_EXPIRED, core_texts.OPTION_OUT_OF_RANGE)
    assert "Đã ghi nhận" not in chosen.text
