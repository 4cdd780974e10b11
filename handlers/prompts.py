"""Questions the assistant puts on its own initiative, so that the answer finds its context: a
reminder (the contact's reply is a report on that task) and an extension request (the admin's
reply decides it).

A prompt is the recipient's open dialogue, set when the message is queued — unless the
recipient is in the middle of another exchange, which is never interrupted; the recipient can
then still answer in words or with /baocao, /giahan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from handlers.dialogue import Dialogue, decode, encode
from handlers.ports import UnitOfWork

MAX_ITEMS = 10


class RemindedItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: int
    task: str
    occurrence: str = ""  # a recurring obligation's period (its due day), "" for a one-off


class ReminderPrompt(Dialogue):
    """The reminders a contact has been sent and not yet answered, newest first."""

    FLOW: ClassVar[str] = "reminder"

    items: tuple[RemindedItem, ...]


class ExtensionPrompt(Dialogue):
    """The extension requests an admin has been asked to decide, newest first."""

    FLOW: ClassVar[str] = "extension_decision"

    requests: tuple[int, ...]


def with_reminders(saved: dict[str, Any] | None, items: Sequence[RemindedItem],
                   options: tuple[str, ...]) -> dict[str, Any] | None:
    """The contact's dialogue once ``items`` (in the order sent; the last is the newest) are
    what their next answers are about, or None when they are in the middle of another
    exchange (which is not interrupted)."""
    current = decode(saved, {ReminderPrompt.FLOW: ReminderPrompt}) if saved else None
    if saved is not None and not isinstance(current, ReminderPrompt):
        return None
    earlier = current.items if isinstance(current, ReminderPrompt) else ()
    newest: list[RemindedItem] = []
    for item in (*reversed(items), *earlier):
        if item not in newest:
            newest.append(item)
            if len(newest) == MAX_ITEMS:
                break
    return encode(ReminderPrompt(items=tuple(newest), options=options))


async def offer_extension(uow: UnitOfWork, user: str, request: int, options: tuple[str, ...],
                          now: dt.datetime) -> bool:
    """Make ``request`` what the admin's next answer decides; False when they are busy."""
    saved = await uow.dialogues.get(user)
    current = decode(saved, {ExtensionPrompt.FLOW: ExtensionPrompt}) if saved else None
    if saved is not None and not isinstance(current, ExtensionPrompt):
        return False
    earlier = current.requests if isinstance(current, ExtensionPrompt) else ()
    requests = (request, *(r for r in earlier if r != request))[:MAX_ITEMS]
    await uow.dialogues.put(user, encode(ExtensionPrompt(requests=requests, options=options)),
                            now)
    return True
