"""Logging that leaks nothing: no token, no webhook secret, no URL, no message text.

``configure_logging`` installs, before anything else logs, a filter on the root handler that
every record passes through, ours and third-party ones (python-telegram-bot, httpx, httpcore,
aiohttp) alike:

- every secret registered with :func:`add_secret` (the bot tokens and the part after their
  colon, the webhook secret) is replaced by ``<secret>`` in the message and in any traceback;
- every URL is replaced by ``<url>`` (a Bot API URL carries the token);
- a third-party record's arguments are reduced to what names things (numbers, short words such
  as an endpoint), so PTB's ``parameters …`` and ``returned …`` at DEBUG, which hold the
  messages users sent and the answers, show ``<…>`` instead.

Our own modules log ids, lengths and outcomes, never a message's text.

Each line says which incoming message caused it: a channel opens :func:`request` around the
handling of one message, and every line logged meanwhile in that task (the core's, the reply's,
httpx's) carries the same ``request_id``. Lines are JSON objects, one a line, for a log
collector (``TROLY_LOG_FORMAT=json``), or readable text for a person at a terminal (``text``);
``auto``, the default, writes text to a terminal and JSON otherwise.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
import secrets
import sys
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any, TextIO

OURS = ("bot", "handlers", "knowledge", "storage", "troly", "alembic", "__main__")
_URL = re.compile(r"\b(?:https?|wss?)://[^\s'\"<>`]+", re.IGNORECASE)
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,40}")
_HIDDEN = "<…>"
_MIN_SECRET = 6  # shorter strings would blank out ordinary words
LOG_FORMATS = ("auto", "text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s%(request)s: %(message)s"
REQUEST_ID: ContextVar[str | None] = ContextVar("troly_request_id", default=None)


@contextlib.contextmanager
def request(prefix: str = "") -> Iterator[str]:
    """Every line logged inside (in this task, and tasks it starts) carries a new request id,
    ``prefix`` and 12 hex digits (``tg-4f0c…``)."""
    request_id = f"{prefix}{secrets.token_hex(6)}"
    token = REQUEST_ID.set(request_id)
    try:
        yield request_id
    finally:
        REQUEST_ID.reset(token)


class _Secrets:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: tuple[str, ...] = ()

    def add(self, value: str | None) -> None:
        if not value:
            return
        parts = {value}
        if ":" in value:
            parts.add(value.partition(":")[2])
        with self._lock:
            known = set(self._values) | {p for p in parts if len(p) >= _MIN_SECRET}
            self._values = tuple(sorted(known, key=len, reverse=True))

    def scrub(self, text: str) -> str:
        for value in self._values:
            if value in text:
                text = text.replace(value, "<secret>")
        return _URL.sub("<url>", text)


SECRETS = _Secrets()


def add_secret(value: str | None) -> None:
    """Never let ``value`` (and, for a token, the part after its colon) reach a log line."""
    SECRETS.add(value)


def _ours(name: str) -> bool:
    return any(name == own or name.startswith(f"{own}.") for own in OURS)


def _plain(value: Any) -> Any:
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, str) and _PLAIN.fullmatch(value):
        return value
    return _HIDDEN


class ScrubFilter(logging.Filter):
    """Rewrites each record in place so that no handler can print a secret, a URL or, from a
    third-party library, a payload."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            if not _ours(record.name) and record.args:
                args = record.args
                record.args = (tuple(_plain(a) for a in args) if isinstance(args, tuple)
                               else {k: _plain(v) for k, v in args.items()})
            message = record.getMessage()
        except Exception:  # a record that cannot be formatted still must not leak
            message = str(record.msg)
        record.msg, record.args = SECRETS.scrub(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = SECRETS.scrub(record.exc_text)
        record.exc_info = None  # the scrubbed text above is what gets printed
        if record.stack_info:
            record.stack_info = SECRETS.scrub(record.stack_info)
        request_id = REQUEST_ID.get()
        record.request_id = request_id
        record.request = f" [{request_id}]" if request_id else ""
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, and the request
    id and the traceback when there are."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        request_id = getattr(record, "request_id", None)
        if request_id:
            entry["request_id"] = request_id
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False)


def formatter(log_format: str, stream: TextIO) -> logging.Formatter:
    """JSON lines, readable text, or (``auto``) text to a terminal and JSON elsewhere."""
    if log_format == "auto":
        log_format = "text" if stream.isatty() else "json"
    if log_format == "json":
        return JsonFormatter()
    return logging.Formatter(TEXT_FORMAT, defaults={"request": ""})


def configure_logging(level: str, stream: TextIO | None = None,
                      log_format: str = "auto") -> None:
    """Log to stderr at ``level`` through the scrubbing filter (installed once)."""
    root = logging.getLogger()
    output = stream or sys.stderr
    handler = logging.StreamHandler(output)
    handler.setFormatter(formatter(log_format, output))
    handler.addFilter(ScrubFilter())
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    # Warnings (a library's deprecation notice, say) go through the same filter.
    logging.captureWarnings(True)
