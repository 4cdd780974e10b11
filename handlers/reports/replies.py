"""A contact's answer to a reminder is a status report on the reminded task, with no need to
name it: a button ("Đã xong", "Đang thực hiện", "Xin gia hạn") or a few words. A question, a
request or a word of thanks meanwhile is answered as such, and the reminder stays open; a
message that could be a report or a question is asked about."""

from __future__ import annotations

from handlers.dialogue import Dialogue
from handlers.messages import Reply
from handlers.prompts import ReminderPrompt
from handlers.reports.reading import Intent, read_status
from handlers.reports.reporting import ReportDialogue, Reporting, reading_dialogue
from handlers.tasks import ReportStatus
from handlers.texts import reports as texts
from handlers.turn import Turn

ANSWERS = (ReportStatus.DONE, ReportStatus.IN_PROGRESS, ReportStatus.EXTENSION)


class ReminderReplies:
    def __init__(self, reporting: Reporting) -> None:
        self.reporting = reporting

    async def continue_flow(self, turn: Turn, state: Dialogue, choice: int | None,
                            text: str) -> Reply | None:
        assert isinstance(state, ReminderPrompt)
        if choice is not None:
            answer = ReportDialogue(status=ANSWERS[choice], raw=state.options[choice])
        else:
            reading = read_status(text, turn.today)
            if reading.intent is Intent.REPORT_OR_QUESTION:
                return None  # read afresh: the contact is asked which it is
            if reading.intent is not Intent.REPORT:
                turn.keep()  # a question or a word of thanks: the reminder stays open
                return None
            answer = reading_dialogue(text, reading)
        items = [i for i in state.items if i.unit in {c.unit_id for c in turn.contacts}]
        if not items:
            return None
        if len(items) > 1:
            return turn.ask(texts.REPLY_WHICH_TASK,
                            tuple(self._label(i.task) for i in items),
                            answer.at("reminded", reminded=tuple(items)))
        item = items[0]
        chosen = answer.at("save", unit=item.unit, task=item.task, occurrence=item.occurrence)
        if chosen.status is None:
            return self.reporting.offer_status(turn, chosen)
        return await self.reporting.save(turn, chosen)

    def _label(self, key: str) -> str:
        record = self.reporting.tasks.tasks.get(key)
        return record.task.summary if record else key
