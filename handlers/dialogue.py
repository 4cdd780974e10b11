"""Typed dialogue state: where a user is in a multi-step exchange, saved between messages.

Each flow declares one small frozen model (a subclass of :class:`Dialogue`) with its name and
version. What is stored is ``{"flow", "version", "state"}``; a saved state that no longer
fits — written by an older release, or for a feature that is gone — is not an error: the
dialogue is closed politely and the message is handled afresh.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

log = logging.getLogger(__name__)


class Dialogue(BaseModel):
    """Base of every flow's state; ``options`` are the choices offered with the last reply."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    FLOW: ClassVar[str]
    VERSION: ClassVar[int] = 1

    options: tuple[str, ...] = ()

    def offering(self, options: tuple[str, ...]) -> Dialogue:
        return self.model_copy(update={"options": options})


class RerunDialogue(Dialogue):
    """Choices that stand for a command or a question to run again ("Ý đồng chí là…?")."""

    FLOW: ClassVar[str] = "rerun"


def encode(state: Dialogue) -> dict[str, Any]:
    return {"flow": state.FLOW, "version": state.VERSION,
            "state": state.model_dump(mode="json")}


def decode(saved: Mapping[str, Any], kinds: Mapping[str, type[Dialogue]]) -> Dialogue | None:
    """The saved state as its flow's model, or None when it no longer fits any flow."""
    kind = kinds.get(str(saved.get("flow")))
    if kind is None or saved.get("version") != kind.VERSION:
        log.info("closed a dialogue saved in another form flow=%s version=%s",
                 saved.get("flow"), saved.get("version"))
        return None
    try:
        return kind.model_validate(saved.get("state") or {})
    except ValidationError:
        log.info("closed a dialogue whose state no longer validates flow=%s", kind.FLOW)
        return None
