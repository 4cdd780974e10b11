"""Prometheus metrics for `troly run` (prometheus-client), served at ``/metrics``.

Each instance keeps its own registry (the process's own metrics included); Prometheus adds
the instance label when it scrapes. What is counted, and where:

- the core's observer port (:class:`handlers.observe.Observer`): messages in per channel and
  how they were read, answers given or abstained, status reports, handling time;
- the replies and the outbox dispatcher (:class:`bot.delivery.SendWatcher`): messages out per
  channel and kind, send errors by code;
- the planner's ticks: reminders planned, sent and skipped, digests, failed ticks;
- at each scrape, from the database and the health: outbox depth and the age of its oldest
  due row, the age of the last planner tick, whether each part works.
"""

from __future__ import annotations

import logging
import re
from importlib.metadata import PackageNotFoundError, version

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    generate_latest,
)

from bot.delivery import ChatMoved, DeliveryError, RetryLater
from handlers.observe import Handled
from handlers.reminders import TickResult

log = logging.getLogger(__name__)
CONTENT_TYPE = CONTENT_TYPE_LATEST
# The answers feature's route and its word for a question it did not answer (see
# handlers/answers/__init__.py; tests/service/test_metrics.py holds both to it).
QUESTION_ROUTE = "question"
NOT_ANSWERED = "not_found"
HANDLING_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
_STATUS = re.compile(r"\b([1-5][0-9][0-9])\b")


def error_code(error: DeliveryError) -> str:
    """A short, bounded label for a failed send: the HTTP status when the reason has one
    (429, 403, 400, 502…), else what kind of failure it was."""
    found = _STATUS.search(str(error))
    if found is not None:
        return found.group(1)
    if isinstance(error, ChatMoved):
        return "moved"
    if isinstance(error, RetryLater):
        return "timeout" if error.maybe_delivered else "network"
    return "other"


def _version() -> str:
    try:
        return version("troly")
    except PackageNotFoundError:
        return "0+unknown"


class Metrics:
    """Every metric of one `troly run`; the observer of its core and of its sends."""

    def __init__(self) -> None:
        self.registry = registry = CollectorRegistry()
        ProcessCollector(registry=registry)
        Gauge("troly_build_info", "The running release (always 1)", ["version"],
              registry=registry).labels(_version()).set(1)
        self.messages_in = Counter(
            "troly_messages_in", "Incoming messages handled, per channel and how each was "
            "read (command, flow, question, report, small_talk, duplicate, refused, error)",
            ["channel", "route"], registry=registry)
        self.messages_out = Counter(
            "troly_messages_out", "Messages sent (Bot API calls that succeeded), per channel "
            "and kind (reply, outbox)", ["channel", "kind"], registry=registry)
        self.send_errors = Counter(
            "troly_send_errors", "Sends that failed (each try), per channel, kind and code "
            "(429, 403, 400, 5xx, timeout, network, moved)", ["channel", "kind", "code"],
            registry=registry)
        self.answers = Counter(
            "troly_answers", "Questions about the plans, answered with a citation (given) or "
            "not (abstained)", ["channel", "result"], registry=registry)
        self.status_reports = Counter("troly_status_reports", "Status reports saved",
                                      ["channel"], registry=registry)
        self.handling = Histogram(
            "troly_message_handling_seconds", "Time the core took to handle one message",
            ["channel"], buckets=HANDLING_BUCKETS, registry=registry)
        self._planner_metrics(registry)
        self.outbox_pending = Gauge("troly_outbox_pending",
                                    "Outbox messages not yet sent nor given up",
                                    registry=registry)
        self.outbox_due = Gauge("troly_outbox_due", "Outbox messages due now",
                                registry=registry)
        self.outbox_oldest = Gauge(
            "troly_outbox_oldest_due_age_seconds",
            "How long the oldest due outbox message has waited (0 when none is due)",
            registry=registry)
        self.healthy = Gauge("troly_part_healthy",
                             "1 while the part works, 0 while it fails (as /healthz says)",
                             ["part"], registry=registry)

    def _planner_metrics(self, registry: CollectorRegistry) -> None:
        self.ticks = Counter("troly_planner_ticks", "Planner ticks, per result (ok, failed)",
                             ["result"], registry=registry)
        self.tick_age = Gauge("troly_planner_last_tick_age_seconds",
                              "Seconds since the last planner tick that worked (-1: none yet)",
                              registry=registry)
        self.tick_age.set(-1)
        self.reminders_planned = Counter(
            "troly_reminders_planned", "Reminder moments the planner recorded (sent or "
            "skipped)", registry=registry)
        self.reminders_sent = Counter(
            "troly_reminders_sent", "Reminders sent: their messages put in the outbox",
            registry=registry)
        self.reminders_skipped = Counter(
            "troly_reminders_skipped", "Reminders skipped: fell due during a downtime, "
            "behind a later one", registry=registry)
        self.reminder_messages = Counter("troly_reminder_messages",
                                         "Reminder messages put in the outbox",
                                         registry=registry)
        self.digests = Counter("troly_digests", "Digests put in the outbox for the admins",
                               registry=registry)

    # -- the core's observer ---------------------------------------------------------------

    def handled(self, event: Handled) -> None:
        self.messages_in.labels(event.channel, event.route).inc()
        self.handling.labels(event.channel).observe(event.seconds)
        if event.route == QUESTION_ROUTE:
            result = "abstained" if event.outcome == NOT_ANSWERED else "given"
            self.answers.labels(event.channel, result).inc()
        if event.reports:
            self.status_reports.labels(event.channel).inc(event.reports)
        log.info("handled a message channel=%s route=%s outcome=%s reports=%d in %.3fs",
                 event.channel, event.route, event.outcome, event.reports, event.seconds)

    # -- sends -----------------------------------------------------------------------------

    def sent(self, channel: str, kind: str) -> None:
        self.messages_out.labels(channel, kind).inc()

    def failed(self, channel: str, kind: str, error: DeliveryError) -> None:
        self.send_errors.labels(channel, kind, error_code(error)).inc()

    # -- the planner -----------------------------------------------------------------------

    def ticked(self, result: TickResult | None) -> None:
        """One tick: its result, or None when it failed."""
        if result is None:
            self.ticks.labels("failed").inc()
            return
        self.ticks.labels("ok").inc()
        self.reminders_planned.inc(result.sent + result.skipped)
        self.reminders_sent.inc(result.sent)
        self.reminders_skipped.inc(result.skipped)
        self.reminder_messages.inc(result.messages)
        self.digests.inc(result.digests)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
