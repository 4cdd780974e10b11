"""A thin, typed async client for the Zalo Bot Platform API, called directly with httpx.

Every method is a JSON ``POST`` to ``{base_url}/bot{token}/{method}``. The reply envelope is
``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": N, "description": "..."}``;
``error_code`` is read from the body even when the HTTP status is not 200, and failures are
raised as the ``ZaloApiError`` subclasses below. The client never retries: the outbox
dispatcher owns retries, and ``ZaloRateLimited.retry_after`` tells it how long to wait.

The bot token is part of every request URL, so this module never logs URLs, and no exception
it raises mentions the token or the URL (transport errors are re-raised ``from None``).
httpx itself logs every request URL at INFO through the ``"httpx"`` logger: deployments must
keep that logger at WARNING or above (the bot's logging configuration does that).

Updates are read by ``bot.channels.zalo_updates``; long answers are cut for ``send_message``
by ``bot.channels.text_split``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import math
from types import TracebackType
from typing import Any, Self

import httpx

from bot.channels.text_split import MAX_TEXT_UNITS, utf16_len
from bot.channels.zalo_updates import ZaloMessage, describe, opaque_id, parse_update

__all__ = [
    "DEFAULT_BASE_URL",
    "MAX_TEXT_UNITS",
    "ZaloApiError",
    "ZaloBotApi",
    "ZaloForbidden",
    "ZaloPollTimeout",
    "ZaloRateLimited",
    "ZaloTransientError",
    "ZaloUnauthorized",
]

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://bot-api.zaloplatforms.com"
_SECRET_MIN, _SECRET_MAX = 8, 256
_SNIPPET = 160

class ZaloApiError(Exception):
    """A call failed: ``ok: false`` or a reply that is not a valid envelope.

    ``error_code`` is the body's ``error_code`` (or the HTTP status when the body has none);
    ``None`` when there was no reply at all. The text never contains the token or the URL.
    """

    def __init__(self, method: str, error_code: int | None, description: str) -> None:
        super().__init__(method, error_code, description)
        self.method = method
        self.error_code = error_code
        self.description = description

    def __str__(self) -> str:
        code = "" if self.error_code is None else f" (error {self.error_code})"
        return f"Zalo {self.method} failed{code}: {self.description}"


class ZaloUnauthorized(ZaloApiError):
    """401: the bot token is wrong or was revoked."""


class ZaloForbidden(ZaloApiError):
    """403: the user blocked the bot, or the bot may not message this chat."""


class ZaloRateLimited(ZaloApiError):
    """429: too many requests; ``retry_after`` (seconds) when the server said how long."""

    def __init__(self, method: str, error_code: int | None, description: str,
                 retry_after: float | None = None) -> None:
        super().__init__(method, error_code, description)
        self.args = (method, error_code, description, retry_after)
        self.retry_after = retry_after


class ZaloTransientError(ZaloApiError):
    """5xx, a timeout, a connection error or a malformed reply: worth retrying later.

    A send that fails this way may still have been delivered.
    """


class ZaloPollTimeout(ZaloApiError):
    """408 from ``getUpdates``: nothing arrived within the poll timeout."""


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _seconds(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        try:
            seconds = float(value.strip())
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=dt.UTC)
            seconds = (when - dt.datetime.now(dt.UTC)).total_seconds()
    else:
        return None
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _error(method: str, code: int | None, description: str,
           retry_after: float | None = None) -> ZaloApiError:
    if code == 401:
        return ZaloUnauthorized(method, code, description)
    if code == 403:
        return ZaloForbidden(method, code, description)
    if code == 429:
        return ZaloRateLimited(method, code, description, retry_after)
    if code == 408 and method == "getUpdates":
        return ZaloPollTimeout(method, code, description)
    if code is None or code == 408 or code >= 500:
        return ZaloTransientError(method, code, description)
    return ZaloApiError(method, code, description)


class ZaloBotApi:
    """The Zalo Bot API over one ``httpx.AsyncClient``; no retries, no state besides it.

    Pass ``client`` to share a connection pool (it is then not closed by ``aclose``).
    ``timeout`` bounds each call; ``get_update`` adds its poll timeout to it.
    """

    def __init__(self, token: str, *, base_url: str = DEFAULT_BASE_URL,
                 client: httpx.AsyncClient | None = None, timeout: float = 10.0) -> None:
        if not token or any(char.isspace() or char in "/?#%" for char in token):
            raise ValueError("the Zalo bot token is empty or contains URL-unsafe characters")
        if not base_url.startswith(("https://", "http://")):
            raise ValueError("base_url must be an http(s) URL")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self._token = token
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._owns_client = client is None
        self._client = client if client is not None else httpx.AsyncClient(timeout=timeout)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the HTTP client if this object created it."""
        if self._owns_client:
            await self._client.aclose()

    # ------------------------------------------------------------------ methods

    async def get_me(self) -> dict[str, Any]:
        """The bot's own account: ``{id, account_name, account_type, can_join_groups}``."""
        return self._dict("getMe", await self._call("getMe"))

    async def get_update(self, timeout: int = 30) -> ZaloMessage | None:
        """Long-poll for one update; ``None`` when nothing arrived or it was not a message."""
        if timeout < 0:
            raise ValueError("timeout must not be negative")
        try:
            result = await self._call("getUpdates", {"timeout": str(timeout)},
                                      timeout=self._timeout + timeout)
        except ZaloPollTimeout:
            return None
        message = parse_update(result)
        if message is None:
            log.warning("Ignored a Zalo update that is not a message: %s", describe(result))
        return message

    async def send_message(self, chat_id: str, text: str) -> str:
        """Send ``text`` (1..2000 UTF-16 code units; use ``split_text``) and return the new
        message id ("" if the server confirmed without one)."""
        self._check_chat(chat_id)
        units = utf16_len(text)
        if not 1 <= units <= MAX_TEXT_UNITS:
            raise ValueError(f"text must be 1..{MAX_TEXT_UNITS} UTF-16 code units, got {units}")
        result = await self._call("sendMessage", {"chat_id": chat_id, "text": text})
        message_id = opaque_id(result.get("message_id")) if isinstance(result, dict) else None
        if message_id is None:
            # The server said ok, so the message went out: raising would invite a duplicate.
            log.warning("Zalo sendMessage succeeded without a message id")
            return ""
        return message_id

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        """Show an action (only ``"typing"`` is documented) in the chat."""
        self._check_chat(chat_id)
        await self._call("sendChatAction", {"chat_id": chat_id, "action": action})

    async def set_webhook(self, url: str, secret_token: str) -> None:
        """Deliver updates to ``url`` (public HTTPS; plain HTTP only on this machine, for tests
        and development) with header ``X-Bot-Api-Secret-Token``."""
        local = url.startswith(("http://127.0.0.1", "http://localhost"))
        if not url.startswith("https://") and not local:
            raise ValueError("the webhook URL must be https://")
        if not _SECRET_MIN <= len(secret_token) <= _SECRET_MAX:
            raise ValueError(f"secret_token must be {_SECRET_MIN}..{_SECRET_MAX} characters")
        await self._call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> None:
        """Remove the webhook; succeeds when none is set (the server's 404 is swallowed)."""
        try:
            await self._call("deleteWebhook")
        except ZaloApiError as error:
            if type(error) is not ZaloApiError or error.error_code != 404:
                raise

    async def get_webhook_info(self) -> dict[str, Any] | None:
        """``{url, updated_at}`` of the current webhook, or ``None`` when none is set."""
        try:
            result = await self._call("getWebhookInfo")
        except ZaloApiError as error:
            if type(error) is ZaloApiError and error.error_code == 404:
                return None
            raise
        info = self._dict("getWebhookInfo", result)
        return info if info.get("url") else None

    # ------------------------------------------------------------------ plumbing

    @staticmethod
    def _check_chat(chat_id: str) -> None:
        if not isinstance(chat_id, str) or not chat_id:
            raise ValueError("chat_id must be a non-empty string")

    @staticmethod
    def _dict(method: str, result: object) -> dict[str, Any]:
        if not isinstance(result, dict):
            raise ZaloTransientError(method, None, f"unexpected result ({type(result).__name__})")
        return result

    def _scrub(self, text: str) -> str:
        """Remove the token from text that came from outside (a reply, an exception)."""
        text = text.replace(self._token, "<token>")
        secret = self._token.partition(":")[2]
        if len(secret) >= 16:
            text = text.replace(secret, "<token>")
        return text

    async def _call(self, method: str, payload: dict[str, Any] | None = None, *,
                    timeout: float | None = None) -> Any:
        url = f"{self._base_url}/bot{self._token}/{method}"
        try:
            response = await self._client.post(
                url, json=payload or {}, timeout=self._timeout if timeout is None else timeout)
        except httpx.TimeoutException as exc:
            # ``from None``: httpx exceptions carry the request, and so the URL and the token.
            raise ZaloTransientError(method, None, f"timed out ({type(exc).__name__})") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            detail = self._scrub(str(exc))[:_SNIPPET]
            raise ZaloTransientError(method, None,
                                     f"{type(exc).__name__}: {detail}".rstrip(": ")) from None
        return self._result(method, response)

    def _result(self, method: str, response: httpx.Response) -> Any:
        status = response.status_code
        try:
            body: object = response.json()
        except ValueError:  # JSONDecodeError and UnicodeDecodeError
            body = None
        if isinstance(body, dict) and 200 <= status < 300:
            if body.get("ok") is True:
                log.debug("Zalo %s: ok", method)
                return body.get("result")
            if method == "getUpdates" and "ok" not in body and "event_name" in body:
                return body  # an update sent bare, without the envelope
        code: int | None = None
        retry_after: float | None = None
        if isinstance(body, dict):
            code = _as_int(body.get("error_code"))
            description = body.get("description")
            description = description if isinstance(description, str) else ""
            parameters = body.get("parameters")
            if isinstance(parameters, dict):
                retry_after = _seconds(parameters.get("retry_after"))
            if not description and "ok" not in body:
                description = "reply is not a Zalo envelope"
        elif body is None:
            snippet = " ".join(response.text.split())[:_SNIPPET]
            description = f"reply is not JSON (HTTP {status}): {snippet}".rstrip(": ")
        else:
            description = f"reply is not a Zalo envelope ({type(body).__name__})"
        if code is None and not 200 <= status < 300:
            code = status
        if retry_after is None:
            retry_after = _seconds(response.headers.get("Retry-After"))
        description = self._scrub(description or f"HTTP {status}")
        log.debug("Zalo %s failed: HTTP %s, error %s", method, status, code)
        raise _error(method, code, description, retry_after)
