"""`troly demo`: a whole conversation, played in the terminal on a database of its own (a
temporary file, nothing of yours is touched): an admin invites a unit's contact, the contact
joins with the code, is reminded before the due day and reports; the admin reads the status.

It plays the same lines a person would type, through the same core, so what it shows is what
the assistant does."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import tempfile
from pathlib import Path

from bot.app import console_outbox, start_assistant
from bot.channels.console import ConsoleChannel, render
from bot.commands.common import bundled_engine
from bot.config import Settings
from handlers.clock import PLAN_TIMEZONE, ManualClock, SystemClock
from handlers.messages import Reply
from handlers.texts import channels as texts

CODE = re.compile(r"\b([A-Z2-9]{8})\b")
UNIT = "Chi bộ Sở Tư pháp"
ADMIN, CONTACT = "btg", "tuphap"


def at(day: str, hour: int) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour),
                               tzinfo=PLAN_TIMEZONE).astimezone(dt.UTC)


class Player:
    def __init__(self, channel: ConsoleChannel, clock: ManualClock) -> None:
        self.channel, self.clock = channel, clock

    async def say(self, who: str, text: str, when: dt.datetime) -> list[Reply]:
        self.clock.set(when)
        print(texts.DEMO_LINE.format(who=who, text=text))
        replies = await self.channel.core.handle(self.channel.message(who, text))
        for reply in replies:
            print(render(reply), end="\n\n")
        await self.sent()
        return replies

    async def tick(self, when: dt.datetime) -> None:
        self.clock.set(when)
        print(texts.DEMO_TICK.format(when=f"{when.astimezone(PLAN_TIMEZONE):%H:%M %d/%m/%Y}"))
        await self.channel.tick(when)
        await self.sent()

    async def sent(self) -> None:
        for message in await self.channel.deliver():
            print(texts.CONSOLE_DELIVERED.format(to=message.to, text=render(message)), end="\n\n")


async def main(_args: argparse.Namespace, settings: Settings) -> int:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'demo.sqlite3'}"
        demo = settings.model_copy(update={"database_url": url, "admins": [],
                                           "console_user": ADMIN, "console_is_admin": True})
        clock = ManualClock(SystemClock())
        clock.set(at("2024-03-01", 9))
        assistant = await start_assistant(demo, bundled_engine(), clock)
        try:
            channel = ConsoleChannel(assistant.core, clock, ADMIN, Path(folder),
                                     console_outbox(assistant, clock), tick=assistant.tick)
            await play(Player(channel, clock))
        finally:
            await assistant.close()
    return 0


async def play(player: Player) -> None:
    print(texts.DEMO_INTRO)
    await player.say(ADMIN, f"/donvi them {UNIT} | Cấp ủy chi, đảng bộ cơ sở", at("2024-03-01", 9))
    [invite] = await player.say(ADMIN, f"/moi {UNIT}", at("2024-03-01", 9))
    code = CODE.search(invite.text)
    if code is None:
        return
    await player.say(CONTACT, code.group(1), at("2024-03-01", 10))
    await player.say(CONTACT, "/viec", at("2024-03-01", 10))
    await player.tick(at("2024-03-18", 8))
    await player.say(CONTACT, "đã gửi báo cáo số 12-BC/CB ngày 18/3", at("2024-03-18", 9))
    await player.say(ADMIN, f"/tinhhinh {UNIT}", at("2024-03-18", 10))
    print(texts.DEMO_END)
