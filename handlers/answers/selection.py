"""Which source answers a question: the closest match for which everything it states holds.

The search ranks sources by how much of the question they explain; a source is chosen only
when it explains enough (``MIN_COVERAGE``) and satisfies every constraint the question states.
When the closest matches all fail a constraint, nothing is chosen and the failure is kept, to
say what the plans do not hold. Another obligation competes for a "when" question only when it
too satisfies every constraint, scores nearly as well and carries another time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from handlers.answers.checks import Checker
from handlers.answers.constraints import Constraint, Kind
from knowledge.index import Hit
from knowledge.loader import TaskRecord

MIN_COVERAGE = 0.5  # share of the question a match must explain to be stated
VALID_RATIO = 0.75  # a match that holds, this close to the closest (which may not), answers
# A time answers the duty its task is called by: for a "when" question, the task's summary
# must explain this share of what the match explains, not only a clause of its text.
TITLE_SHARE = 0.2
TIMED_RATIO = 0.9  # a task with a time this close to the best match answers "when" instead
RELATED_RATIO = 0.85  # a second obligation this close, with another time, competes
OTHER_PLAN_RATIO = 0.95
MAX_RELATED = 2
# Asked of the plan itself, answered elsewhere: not a property of one source.
_NOT_OF_SOURCES = frozenset({"person"})


@dataclass
class Choice:
    hit: Hit | None = None  # the source that answers
    competitors: list[Hit] = field(default_factory=list)
    failed: Constraint | None = None  # what the closest match does not satisfy
    nearest: Hit | None = None  # the closest match: told as what the plans say nearby


def of_sources(constraints: list[Constraint]) -> list[Constraint]:
    return [c for c in constraints
            if not (c.kind is Kind.ASKED and c.value in _NOT_OF_SOURCES)]


class Selector:
    def __init__(self, checker: Checker) -> None:
        self.checker = checker

    def choose(self, constraints: list[Constraint], hits: list[Hit], *, timed: bool,
               any_plan: bool) -> Choice:
        candidates = [h for h in hits if h.coverage >= MIN_COVERAGE]
        if not candidates:
            return Choice(nearest=hits[0] if hits else None)
        wanted = of_sources(constraints)
        floor = VALID_RATIO * candidates[0].score
        valid = [h for h in candidates if h.score >= floor
                 and (not timed or h.title >= TITLE_SHARE * h.coverage)
                 and self.checker.failure(wanted, h.entry) is None]
        if not valid:
            return Choice(failed=self.checker.failure(wanted, candidates[0].entry),
                          nearest=candidates[0])
        valid = self._by_own_words(wanted, valid)
        best = _timed_first(valid) if timed else valid[0]
        choice = Choice(hit=best, nearest=best)
        if timed:
            choice.competitors = _competitors(best, valid, any_plan)
        return choice


    def _by_own_words(self, constraints: list[Constraint], valid: list[Hit]) -> list[Hit]:
        """Among near-equal matches, those whose own words carry what the question states
        first ("báo cáo năm": the task "Gửi báo cáo năm…", not its neighbour "…06 tháng")."""
        top = valid[0].score
        close = [h for h in valid if h.score >= TIMED_RATIO * top]
        fits = {id(h): self.checker.own_fit(constraints, h.entry) for h in close}
        best_fit = max(fits.values())
        if best_fit == 0:
            return valid
        return [h for h in close if fits[id(h)] == best_fit]


def _timed_first(hits: list[Hit]) -> Hit:
    """A "when" question is answered by the closest task that states a time, if one is nearly
    as close as the best match. When the best match is a report the plan gives no time
    ("báo cáo tại hội nghị biểu dương (có văn bản riêng)"), another report's date is not its
    date: the best match stays the answer, which says no time is given."""
    best = hits[0].entry.record
    untimed_report = (isinstance(best, TaskRecord) and best.deadline is None
                      and best.task.is_report)
    for hit in hits:
        if hit.score < TIMED_RATIO * hits[0].score:
            break
        record = hit.entry.record
        if isinstance(record, TaskRecord) and record.deadline is not None:
            return hits[0] if untimed_report and record.task.is_report else hit
    return hits[0]


def _competitors(best: Hit, valid: list[Hit], any_plan: bool) -> list[Hit]:
    record = best.entry.record
    if not isinstance(record, TaskRecord) or record.deadline is None:
        return []
    shown = {record.task.deadline}
    duties = {record.obligation_key or record.key}
    found: list[Hit] = []
    for hit in valid:
        other = hit.entry.record
        if hit is best or not isinstance(other, TaskRecord) or other.deadline is None:
            continue
        if other.task.deadline in shown or (other.obligation_key or other.key) in duties:
            continue
        same_plan = other.plan.id == record.plan.id
        ratio = RELATED_RATIO if same_plan else OTHER_PLAN_RATIO
        if hit.score < ratio * best.score or not (same_plan or any_plan):
            continue
        found.append(hit)
        shown.add(other.task.deadline)
        duties.add(other.obligation_key or other.key)
        if len(found) >= MAX_RELATED:
            break
    return found
