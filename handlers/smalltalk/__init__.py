"""Small talk: thanks, greetings, "dạ rõ", "ok", 🙏, wishes and "để em hỏi lại" get a short
polite reply, not an answer search nor a list of suggestions.

The feature declares no command. Its reading of a free message comes after the reports' (a
contact's "ok xong rồi" is a report) and before the answers' (which take every question): it
takes a message only when the message is nothing but small talk.
"""

from __future__ import annotations

from handlers.commands import Feature, TextRoute
from handlers.messages import Reply
from handlers.roles import EVERYONE
from handlers.smalltalk.reading import small_talk_kind
from handlers.texts import smalltalk as texts
from handlers.turn import Turn

__all__ = ["SMALL_TALK_ORDER", "smalltalk_feature"]
SMALL_TALK_ORDER = 500  # after the reports' reading (200), before the answers' (1000)


def smalltalk_feature() -> Feature:
    async def reply(turn: Turn, text: str) -> Reply:
        kind = small_talk_kind(text)
        turn.outcome = f"small_talk_{kind}" if kind else "small_talk"
        if turn.dialogue is not None:
            turn.keep()  # a word of thanks does not close what the user was asked
        return turn.reply(texts.REPLIES.get(kind or "", texts.DEFAULT))

    return Feature(
        name="smalltalk",
        routes=(TextRoute(outcome="small_talk", order=SMALL_TALK_ORDER, roles=EVERYONE,
                          accepts=lambda _turn, text: small_talk_kind(text) is not None,
                          run=reply),),
    )
