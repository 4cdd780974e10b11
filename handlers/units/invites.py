"""Invite codes: an admin makes a one-time, expiring code for a unit; whoever sends it back
becomes that unit's contact. Wrong codes are counted, and too many in a short time wait.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from handlers.messages import Reply
from handlers.texts import units as texts
from handlers.turn import Turn
from storage.records import UnitRecord

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud too
CODE_LENGTH = 8
CODE_TTL = dt.timedelta(hours=72)
FAILURE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES = 5  # wrong codes allowed in the window before the sender must wait
_CODE_SHAPE = re.compile(r"^[A-Za-z0-9]{8}$")


def new_code() -> str:
    """A random code with both letters and digits, so a pasted code is told from a word."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if looks_like_code(code):
            return code


def looks_like_code(text: str) -> bool:
    """A lone 8-character word with both letters and digits: what a pasted code looks like."""
    word = text.strip()
    return (bool(_CODE_SHAPE.match(word)) and any(c.isdigit() for c in word)
            and any(c.isalpha() for c in word))


async def create(turn: Turn, unit: UnitRecord, ttl: dt.timedelta = CODE_TTL,
                 bot_link: str | None = None) -> Reply:
    if unit.retired_at is not None:
        return turn.reply(texts.INVITE_RETIRED_UNIT.format(unit=unit.name))
    if unit.is_group:
        return turn.reply(texts.INVITE_CATEGORY.format(unit=unit.name))
    code = new_code()
    expires = turn.now + ttl
    turn.uow.invites.add(code=code, unit_id=unit.id, created_by=turn.user, now=turn.now,
                         expires_at=expires)
    turn.record("invite_created", unit.name, code=code, expires_at=expires.isoformat())
    lines = [texts.INVITE_CREATED.format(unit=unit.name, code=code,
                                         hours=int(ttl.total_seconds() // 3600))]
    if bot_link:
        lines.append(texts.INVITE_LINK.format(link=f"{bot_link}?start={code}"))
    return turn.reply("\n".join(lines))


async def redeem(turn: Turn, code: str) -> Reply:
    invites = turn.uow.invites
    failures = await invites.failures_since(turn.user, turn.now - FAILURE_WINDOW)
    if len(failures) >= MAX_FAILURES:
        wait = failures[-MAX_FAILURES] + FAILURE_WINDOW - turn.now
        minutes = max(1, int(wait.total_seconds() // 60) + 1)
        return turn.reply(texts.CODE_TOO_MANY.format(minutes=minutes))
    invite = await invites.get(code.strip().upper())
    if invite is None:
        invites.record_failure(turn.user, turn.now)
        turn.record("invite_wrong_code", code[:16])
        return turn.reply(texts.CODE_WRONG)
    unit = await turn.uow.units.get(invite.unit_id)
    assert unit is not None
    if invite.used_at is not None:
        already = invite.used_by == turn.user
        return turn.reply(texts.CODE_ALREADY_YOURS.format(unit=unit.name) if already
                          else texts.CODE_USED)
    if invite.expires_at <= turn.now:
        return turn.reply(texts.CODE_EXPIRED)
    if unit.retired_at is not None:
        return turn.reply(texts.CODE_UNIT_RETIRED.format(unit=unit.name))
    if not await invites.use(invite.code, turn.user, turn.now):
        return turn.reply(texts.CODE_USED)
    contact = await turn.uow.contacts.join(
        unit_id=unit.id, user=turn.user, chat=turn.message.reply_to,
        display_name=turn.message.display_name, now=turn.now)
    await invites.forget_failures(turn.user)
    turn.record("contact_joined", unit.name, user=turn.user, primary=contact.is_primary)
    role = texts.CONTACT_PRIMARY if contact.is_primary else texts.CONTACT_DEPUTY
    return turn.reply(texts.CODE_ACCEPTED.format(unit=unit.name, role=role))
