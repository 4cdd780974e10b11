"""The command registry and typed dialogues: a command added through a spec alone is in the
help, the Telegram menu and the permission table; a saved dialogue that no longer fits is
closed politely."""

from __future__ import annotations

from typing import ClassVar

import pytest

from handlers.commands import CommandSpec, Feature, FlowSpec, Registry
from handlers.core import Core
from handlers.dialogue import Dialogue, decode, encode
from handlers.messages import IncomingMessage, Reply
from handlers.numbers import choice_number
from handlers.roles import ADMINS, EVERYONE
from handlers.texts import core as core_texts
from handlers.turn import Turn
from storage.database import Database
from storage.uow import UnitOfWork
from tests.conftest import NOW, CoreFactory


class EchoDialogue(Dialogue):
    FLOW: ClassVar[str] = "echo"

    said: str


async def echo(turn: Turn, args: str) -> Reply:
    return turn.ask(f"Tiếng vọng: {args}", ("Lần nữa",), EchoDialogue(said=args))


async def echo_again(turn: Turn, state: Dialogue, choice: int | None, _text: str) -> Reply:
    assert isinstance(state, EchoDialogue)
    return turn.reply(f"Lại: {state.said}")


ADMIN = "btg"  # console:btg, an admin in the test settings
ECHO = Feature(
    name="echo",
    commands=(CommandSpec("vongtieng", echo, action="echo", roles=ADMINS,
                          help="/vongtieng <câu> – nhắc lại câu", menu="Nhắc lại (thử)",
                          aliases=("echo",)),),
    flows=(FlowSpec(EchoDialogue, echo_again, ADMINS, "echo"),),
)


async def say(core: Core, sender: str, text: str) -> Reply:
    [reply] = await core.handle(IncomingMessage("console", sender, text, NOW))
    return reply


async def test_a_command_added_by_a_spec_alone_is_everywhere(make_core: CoreFactory) -> None:
    core = await make_core(extra=(ECHO,))
    assert core.registry.permissions["echo"] == ADMINS
    assert ("vongtieng", "Nhắc lại (thử)") in core.registry.menu()
    assert "/vongtieng <câu> – nhắc lại câu" in (await say(core, ADMIN, "/trogiup")).text
    assert "/vongtieng" not in (await say(core, "reader", "/trogiup")).text
    refused = await say(core, "reader", "/echo xin chào")
    assert refused.text == core_texts.ADMIN_ONLY.format(command="/echo")
    asked = await say(core, ADMIN, "/echo xin chào")
    assert asked.text == "Tiếng vọng: xin chào" and asked.options == ("Lần nữa",)
    assert (await say(core, ADMIN, "1")).text == "Lại: xin chào"  # the flow, from its state


def test_two_commands_of_one_name_are_refused_at_start() -> None:
    twice = Feature(name="twice", commands=(CommandSpec("trogiup", echo, action="x"),))
    with pytest.raises(ValueError, match="/trogiup"):
        Registry([twice, twice])
    clash = Feature(name="clash", commands=(
        CommandSpec("a", echo, action="same", roles=ADMINS),
        CommandSpec("b", echo, action="same", roles=EVERYONE)))
    with pytest.raises(ValueError, match="two sets of roles"):
        Registry([clash])


def test_a_dialogue_is_stored_with_its_flow_and_version() -> None:
    state = EchoDialogue(said="x").offering(("a", "b"))
    saved = encode(state)
    assert saved == {"flow": "echo", "version": 1, "state": {"options": ["a", "b"], "said": "x"}}
    assert decode(saved, {"echo": EchoDialogue}) == state
    assert decode({**saved, "version": 0}, {"echo": EchoDialogue}) is None
    assert decode(saved, {}) is None  # its feature is gone
    assert decode({**saved, "state": {"said": 3, "extra": 1}}, {"echo": EchoDialogue}) is None


@pytest.mark.parametrize("saved", [
    {"flow": "report", "step": "task", "options": ["a", "b"], "tasks": ["x", "y"]},  # 0.1
    {"flow": "gone-feature", "version": 1, "state": {}},
])
async def test_a_dialogue_that_no_longer_fits_is_closed_politely(
        make_core: CoreFactory, database: Database, saved: dict[str, object]) -> None:
    core = await make_core()
    async with UnitOfWork(database.session()) as uow:
        await uow.dialogues.put("console:reader", saved, NOW)
        await uow.commit()
    assert (await say(core, "reader", "2")).text == core_texts.DIALOGUE_CLOSED
    async with UnitOfWork(database.session()) as uow:
        assert await uow.dialogues.get("console:reader") is None
    again = await say(core, "reader", "Hạn nộp báo cáo sơ kết 03 năm là ngày nào?")
    assert "25/3/2024" in again.text and core_texts.DIALOGUE_CLOSED not in again.text


async def test_a_question_after_a_closed_dialogue_is_still_answered(
        make_core: CoreFactory, database: Database) -> None:
    core = await make_core()
    async with UnitOfWork(database.session()) as uow:
        await uow.dialogues.put("console:reader", {"flow": "assign", "tasks": []}, NOW)
        await uow.commit()
    reply = await say(core, "reader", "Hạn nộp báo cáo sơ kết 03 năm là ngày nào?")
    assert reply.text.startswith(core_texts.DIALOGUE_CLOSED) and "25/3/2024" in reply.text


@pytest.mark.parametrize(("text", "number"), [
    ("2", 2), (" 12 ", 12), ("²", 2), ("①", 1), ("٣", 3), ("x", None), ("", None),
    ("1.5", None), ("9" * 30, 0),
])
def test_choices_in_any_digits(text: str, number: int | None) -> None:
    assert choice_number(text) == number


async def test_a_choice_in_other_digits_picks_the_option(make_core: CoreFactory) -> None:
    core = await make_core(extra=(ECHO,))
    await say(core, ADMIN, "/echo a")
    assert (await say(core, ADMIN, "①")).text == "Lại: a"
    await say(core, ADMIN, "/echo a")
    assert "từ 1 đến 1" in (await say(core, ADMIN, "²")).text


async def test_a_photo_goes_through_the_core_and_is_journaled(
        make_core: CoreFactory, database: Database) -> None:
    core = await make_core()
    [reply] = await core.handle(IncomingMessage("console", "reader", "", NOW, media="photo"))
    assert reply.text == core_texts.ONLY_TEXT
    async with UnitOfWork(database.session()) as uow:
        [row] = await uow.exchanges.recent("console", "reader")
    assert (row.text, row.outcome) == ("\n[photo]", "not_text")
