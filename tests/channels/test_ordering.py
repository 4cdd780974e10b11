"""Per-chat ordering: one chat's messages in order, other chats not held up."""

from __future__ import annotations

import asyncio

from bot.channels.ordering import PerChatOrder


async def test_one_chat_waits_its_turn_while_another_chat_goes_ahead() -> None:
    order = PerChatOrder()
    release_first = asyncio.Event()
    events: list[str] = []

    async def work(name: str, wait: asyncio.Event | None = None) -> str:
        events.append(f"start {name}")
        if wait is not None:
            await wait.wait()
        events.append(f"end {name}")
        return name

    first = asyncio.create_task(order.run("a", work("a1", release_first)))
    second = asyncio.create_task(order.run("a", work("a2")))
    other = asyncio.create_task(order.run("b", work("b1")))
    assert await other == "b1"
    assert events == ["start a1", "start b1", "end b1"]  # a2 waits for a1, b1 does not
    release_first.set()
    assert list(await asyncio.gather(first, second)) == ["a1", "a2"]
    assert events[3:] == ["end a1", "start a2", "end a2"]
    assert len(order) == 0  # nothing kept for chats with nothing pending


async def test_a_failure_releases_the_chat_for_its_next_message() -> None:
    order = PerChatOrder()

    async def fail() -> None:
        raise RuntimeError("boom")

    async def succeed() -> str:
        return "ok"

    failed = asyncio.create_task(order.run("a", fail()))
    after = asyncio.create_task(order.run("a", succeed()))
    results = await asyncio.gather(failed, after, return_exceptions=True)
    assert isinstance(results[0], RuntimeError) and results[1] == "ok"
