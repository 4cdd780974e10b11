"""Whatever a message held, its exchange can be written, on SQLite and PostgreSQL: NUL and lone
surrogates replaced, values longer than their column cut with their length and SHA-256, numbers
past what the databases hold kept as text."""

from __future__ import annotations

import datetime as dt
import hashlib

from storage.database import Database
from storage.exchanges import TEXT_LIMIT, bounded
from storage.uow import UnitOfWork

NOW = dt.datetime(2024, 3, 1, 3, 0, tzinfo=dt.UTC)


async def test_values_no_column_takes_are_made_safe(database: Database) -> None:
    sender = "s" * 5_000_000
    text = "a\x00b\ud800c" + "x" * 6_000_000
    async with UnitOfWork(database.session()) as uow:
        uow.exchanges.add(channel="console" * 10, sender=sender, text=text, received_at=NOW,
                          outcome="error" * 20, message_id="m" * 500,
                          replies=[{"to": "\x00", "n": 2**70, "k": -(2**70), "ok": 2**62,
                                    "nested": [{"\ud83d": "\x00"}]}])
        await uow.commit()
        assert await uow.exchanges.handled("console" * 10, "m" * 500) is False  # channel cut
    async with UnitOfWork(database.session()) as uow:
        [row] = await uow.exchanges.recent(bounded("console" * 10, 20), bounded(sender, 100))
        assert await uow.exchanges.handled(row.channel, "m" * 500)  # the same id, recognised
    assert len(row.sender) <= 100 and len(row.text) <= TEXT_LIMIT and len(row.outcome) <= 40
    assert row.text.startswith("a\ufffdb\ufffdc")
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    assert row.text.endswith(f"…[{len(text)} chars, sha256 {digest}]")
    assert row.replies == [{"to": "\ufffd", "n": str(2**70), "k": str(-(2**70)), "ok": 2**62,
                            "nested": [{"\ufffd": "\ufffd"}]}]
