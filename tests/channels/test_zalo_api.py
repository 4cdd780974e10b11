"""The Zalo Bot API client against the fake Zalo server over real HTTP, update parsing and
message splitting."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import pickle
import random
import time
import traceback
import unicodedata
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from aiohttp import web

from bot.channels.text_split import split_text, utf16_len
from bot.channels.zalo_api import (
    ZaloApiError,
    ZaloBotApi,
    ZaloForbidden,
    ZaloPollTimeout,
    ZaloRateLimited,
    ZaloTransientError,
    ZaloUnauthorized,
)
from bot.channels.zalo_updates import ZaloMessage, parse_update
from tests.fakes.zalo_server import FakeZalo, event_update, text_update

TOKEN = "12345:secret-abcdefghijklmnop"
SECRET = "webhook-secret-0001"


@pytest.fixture
async def zalo() -> AsyncIterator[FakeZalo]:
    async with FakeZalo(token=TOKEN) as server:
        yield server


@pytest.fixture
async def api(zalo: FakeZalo) -> AsyncIterator[ZaloBotApi]:
    async with ZaloBotApi(TOKEN, base_url=zalo.base_url, timeout=5.0) as client:
        yield client


def assert_no_token(*texts: object) -> None:
    for text in texts:
        assert TOKEN not in str(text)
        assert TOKEN.partition(":")[2] not in str(text)


# --------------------------------------------------------------------------- calls


async def test_get_me(api: ZaloBotApi, zalo: FakeZalo) -> None:
    me = await api.get_me()
    assert me["id"] == "12345"
    assert {"account_name", "account_type", "can_join_groups"} <= me.keys()
    [call] = zalo.calls
    assert (call.method, call.body, call.status, call.token_ok) == ("getMe", {}, 200, True)


async def test_send_message_returns_the_message_id(api: ZaloBotApi, zalo: FakeZalo) -> None:
    message_id = await api.send_message("chat-1", "Xin chào 👋")
    [sent] = zalo.sent("chat-1")
    assert message_id == sent.message_id != ""
    assert zalo.sent_texts() == ["Xin chào 👋"]
    assert zalo.delivered[("chat-1", "Xin chào 👋")] == 1
    assert zalo.calls[0].body == {"chat_id": "chat-1", "text": "Xin chào 👋"}


@pytest.mark.parametrize("text", ["", "x" * 2001, "😀" * 1001])
async def test_send_message_rejects_bad_lengths_before_calling(
        api: ZaloBotApi, zalo: FakeZalo, text: str) -> None:
    with pytest.raises(ValueError, match="UTF-16"):
        await api.send_message("chat-1", text)
    with pytest.raises(ValueError, match="chat_id"):
        await api.send_message("", "xin chào")
    assert zalo.calls == []


async def test_send_message_accepts_exactly_2000_units(api: ZaloBotApi, zalo: FakeZalo) -> None:
    await api.send_message("chat-1", "😀" * 1000)
    await api.send_message("chat-1", "ắ" * 2000)
    assert len(zalo.sent_texts("chat-1")) == 2


async def test_send_chat_action(api: ZaloBotApi, zalo: FakeZalo) -> None:
    await api.send_chat_action("chat-1")
    assert zalo.calls[0].body == {"chat_id": "chat-1", "action": "typing"}
    assert zalo.calls[0].status == 200
    assert zalo.sent() == []


async def test_webhook_lifecycle(api: ZaloBotApi, zalo: FakeZalo) -> None:
    assert await api.get_webhook_info() is None
    await api.delete_webhook()  # none set: the server's 404 is not an error
    await api.set_webhook("https://troly.example/zalo/webhook", SECRET)
    assert zalo.webhook is not None and zalo.webhook["secret_token"] == SECRET
    info = await api.get_webhook_info()
    assert info is not None and info["url"] == "https://troly.example/zalo/webhook"
    with pytest.raises(ZaloApiError) as caught:  # polling is refused while a webhook is set
        await api.get_update(timeout=0)
    assert caught.value.error_code == 409
    await api.delete_webhook()
    assert await api.get_webhook_info() is None
    assert await api.get_update(timeout=0) is None


@pytest.mark.parametrize(("url", "secret"), [
    ("http://troly.example/hook", SECRET), ("https://troly.example/hook", "short"),
    ("https://troly.example/hook", "x" * 257)])
async def test_set_webhook_validates(api: ZaloBotApi, zalo: FakeZalo, url: str,
                                     secret: str) -> None:
    with pytest.raises(ValueError):
        await api.set_webhook(url, secret)
    assert zalo.calls == []


async def test_delete_webhook_still_raises_other_errors(api: ZaloBotApi,
                                                        zalo: FakeZalo) -> None:
    zalo.fail_next("deleteWebhook", 500)
    with pytest.raises(ZaloTransientError):
        await api.delete_webhook()


# --------------------------------------------------------------------------- polling


@pytest.mark.parametrize("wrapped", [True, False])
async def test_get_update_text(api: ZaloBotApi, zalo: FakeZalo, wrapped: bool) -> None:
    update = zalo.push_text("chat-1", "Hạn nộp báo cáo?", wrapped=wrapped)
    message = await api.get_update(timeout=5)
    assert message == ZaloMessage(
        message_id=update["message"]["message_id"], chat_id="chat-1", chat_type="PRIVATE",
        sender_id="chat-1", sender_name="Nguyễn Văn A", text="Hạn nộp báo cáo?",
        event_name="message.text.received",
        date=dt.datetime.fromtimestamp(update["message"]["date"] / 1000, tz=dt.UTC))
    assert zalo.calls[0].body == {"timeout": "5"}
    assert zalo.pending_updates == 0


async def test_get_update_group_message(api: ZaloBotApi, zalo: FakeZalo) -> None:
    zalo.push_text("group-1", "@bot báo cáo", sender_id="user-7", chat_type="GROUP",
                   message_id="m-1", display_name=None)
    message = await api.get_update(timeout=1)
    assert message is not None
    assert (message.chat_id, message.chat_type, message.sender_id, message.sender_name,
            message.message_id) == ("group-1", "GROUP", "user-7", None, "m-1")


@pytest.mark.parametrize("kind", ["image", "sticker", "unsupported", "voice"])
async def test_get_update_non_text_event(api: ZaloBotApi, zalo: FakeZalo, kind: str) -> None:
    zalo.push_event(kind, "chat-1")
    message = await api.get_update(timeout=1)
    assert message is not None
    assert message.text is None and not message.is_text
    assert message.event_name == f"message.{kind}.received"


async def test_get_update_timeout_is_none(api: ZaloBotApi, zalo: FakeZalo) -> None:
    started = time.monotonic()
    assert await api.get_update(timeout=1) is None
    assert 0.8 < time.monotonic() - started < 4
    assert zalo.calls[0].status == 408


async def test_get_update_long_polls_until_an_update_arrives(api: ZaloBotApi,
                                                             zalo: FakeZalo) -> None:
    poll = asyncio.create_task(api.get_update(timeout=10))
    await zalo.wait_for("getUpdates")
    await asyncio.sleep(0.1)
    assert not poll.done()
    zalo.push_text("chat-2", "đây rồi")
    message = await asyncio.wait_for(poll, 5)
    assert message is not None and message.text == "đây rồi"


async def test_get_update_returns_one_update_per_call(api: ZaloBotApi, zalo: FakeZalo) -> None:
    for text in ("một", "hai", "ba"):
        zalo.push_text("chat-1", text)
    texts = [message.text for _ in range(3) if (message := await api.get_update(timeout=1))]
    assert texts == ["một", "hai", "ba"]
    assert await api.get_update(timeout=0) is None


@pytest.mark.parametrize("payload", [
    None, [], "chuỗi", 42, {}, {"event_name": "bot.added"},
    {"event_name": "message.text.received", "message": "not a dict"},
    {"event_name": "message.text.received", "message": {"text": "bí mật riêng tư"}}])
async def test_get_update_logs_and_drops_what_is_not_a_message(
        api: ZaloBotApi, zalo: FakeZalo, caplog: pytest.LogCaptureFixture,
        payload: Any) -> None:
    caplog.set_level(logging.DEBUG, logger="bot.channels.zalo_api")
    zalo.push_raw(payload)
    assert await api.get_update(timeout=1) is None
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "bí mật" not in warnings[0].getMessage()  # user content stays out of the log


async def test_get_update_rejects_a_body_that_is_not_an_envelope(api: ZaloBotApi,
                                                                 zalo: FakeZalo) -> None:
    zalo.push_raw(["not", "an", "envelope"], wrapped=False)
    with pytest.raises(ZaloTransientError):
        await api.get_update(timeout=1)


# --------------------------------------------------------------------------- error mapping


@pytest.mark.parametrize(("status", "error_type"), [
    (400, ZaloApiError), (403, ZaloForbidden), (404, ZaloApiError), (429, ZaloRateLimited),
    (500, ZaloTransientError), (502, ZaloTransientError), (503, ZaloTransientError),
    (401, ZaloUnauthorized)])
async def test_error_envelopes_map_to_exceptions(api: ZaloBotApi, zalo: FakeZalo, status: int,
                                                 error_type: type[ZaloApiError]) -> None:
    zalo.fail_next("sendMessage", status)
    with pytest.raises(ZaloApiError) as caught:
        await api.send_message("chat-1", "xin chào")
    assert type(caught.value) is error_type
    assert caught.value.error_code == status
    assert caught.value.method == "sendMessage"
    assert caught.value.description
    assert zalo.sent() == []
    await api.send_message("chat-1", "xin chào")  # the fault was used up
    assert zalo.sent_texts() == ["xin chào"]


async def test_wrong_token_is_unauthorized(zalo: FakeZalo) -> None:
    async with ZaloBotApi("12345:wrong", base_url=zalo.base_url) as api:
        with pytest.raises(ZaloUnauthorized) as caught:
            await api.get_me()
    assert caught.value.error_code == 401
    assert zalo.calls[0].token_ok is False


async def test_blocked_chat_is_forbidden(api: ZaloBotApi, zalo: FakeZalo) -> None:
    zalo.block("chat-9")
    with pytest.raises(ZaloForbidden):
        await api.send_message("chat-9", "xin chào")
    with pytest.raises(ZaloForbidden):
        await api.send_chat_action("chat-9")
    await api.send_message("chat-1", "xin chào")
    zalo.unblock("chat-9")
    await api.send_message("chat-9", "xin chào")
    assert [sent.chat_id for sent in zalo.sent()] == ["chat-1", "chat-9"]


@pytest.mark.parametrize(("source", "expected"), [
    ("body", 2.5), ("header", 3.0), ("both", 2.5)])
async def test_rate_limited_retry_after(api: ZaloBotApi, zalo: FakeZalo, source: Any,
                                        expected: float) -> None:
    zalo.fail_next("sendMessage", 429, retry_after=2.5, retry_after_source=source)
    with pytest.raises(ZaloRateLimited) as caught:
        await api.send_message("chat-1", "xin chào")
    assert caught.value.retry_after == expected


async def test_rate_limited_without_retry_after(api: ZaloBotApi, zalo: FakeZalo) -> None:
    zalo.fail_next("sendMessage", 429)
    with pytest.raises(ZaloRateLimited) as caught:
        await api.send_message("chat-1", "xin chào")
    assert caught.value.retry_after is None


async def test_fake_rate_cap() -> None:
    async with FakeZalo(token=TOKEN, rate=3, per_chat_rate=1) as capped, \
            ZaloBotApi(TOKEN, base_url=capped.base_url) as api:
        await api.send_message("a", "1")
        with pytest.raises(ZaloRateLimited) as caught:
            await api.send_message("a", "2")
        assert caught.value.retry_after is not None and 0 < caught.value.retry_after <= 1
        await api.send_message("b", "1")
        await api.send_message("c", "1")
        with pytest.raises(ZaloRateLimited):
            await api.send_message("d", "1")
        assert capped.rate_violations == 2
        assert sorted(capped.delivered) == [("a", "1"), ("b", "1"), ("c", "1")]


async def test_body_error_code_wins_over_http_status(api: ZaloBotApi, zalo: FakeZalo) -> None:
    zalo.fail_next("sendMessage", 429, http_status=200, retry_after=1)
    with pytest.raises(ZaloRateLimited):
        await api.send_message("chat-1", "xin chào")
    zalo.fail_next("sendMessage", 400, http_status=502)
    with pytest.raises(ZaloApiError) as caught:
        await api.send_message("chat-1", "xin chào")
    assert type(caught.value) is ZaloApiError and caught.value.error_code == 400


async def test_poll_timeout_with_http_200(api: ZaloBotApi, zalo: FakeZalo) -> None:
    zalo.fail_next("getUpdates", 408, http_status=200, description="Request timeout")
    assert await api.get_update(timeout=5) is None


async def test_408_outside_polling_is_transient(api: ZaloBotApi, zalo: FakeZalo) -> None:
    zalo.fail_next("sendMessage", 408)
    with pytest.raises(ZaloTransientError) as caught:
        await api.send_message("chat-1", "xin chào")
    assert not isinstance(caught.value, ZaloPollTimeout)


async def test_client_timeout_is_transient(zalo: FakeZalo) -> None:
    zalo.fail_next("sendMessage", timeout=True)
    async with ZaloBotApi(TOKEN, base_url=zalo.base_url, timeout=0.3) as api:
        started = time.monotonic()
        with pytest.raises(ZaloTransientError) as caught:
            await api.send_message("chat-1", "xin chào")
        assert time.monotonic() - started < 3
        assert caught.value.error_code is None
        assert "timed out" in str(caught.value)
        assert caught.value.__cause__ is None and caught.value.__suppress_context__
        await api.send_message("chat-1", "lần nữa")  # the client still works
    assert zalo.sent_texts() == ["lần nữa"]


async def test_poll_gets_its_timeout_on_top_of_the_client_timeout(zalo: FakeZalo) -> None:
    async with ZaloBotApi(TOKEN, base_url=zalo.base_url, timeout=0.3) as api:
        assert await api.get_update(timeout=1) is None  # 1 s poll > 0.3 s client timeout
        zalo.fail_next("getUpdates", timeout=True)
        with pytest.raises(ZaloTransientError):
            await api.get_update(timeout=0)


async def test_connection_error_is_transient() -> None:
    async with FakeZalo(token=TOKEN) as gone:
        base_url = gone.base_url
    async with ZaloBotApi(TOKEN, base_url=base_url, timeout=2) as api:
        with pytest.raises(ZaloTransientError) as caught:
            await api.get_me()
    assert caught.value.error_code is None
    assert_no_token(caught.value, repr(caught.value))


async def test_malformed_json_is_transient(api: ZaloBotApi, zalo: FakeZalo) -> None:
    zalo.fail_next("getMe", 200, malformed=True)
    with pytest.raises(ZaloTransientError) as caught:
        await api.get_me()
    assert caught.value.error_code is None
    assert "not JSON" in caught.value.description


@pytest.mark.parametrize(("status", "error_type"), [
    (502, ZaloTransientError), (200, ZaloTransientError), (401, ZaloUnauthorized),
    (429, ZaloRateLimited), (404, ZaloApiError)])
async def test_html_body_maps_by_http_status(api: ZaloBotApi, zalo: FakeZalo, status: int,
                                             error_type: type[ZaloApiError]) -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    zalo.fail_next("sendMessage", status, body=page)
    with pytest.raises(ZaloApiError) as caught:
        await api.send_message("chat-1", "xin chào")
    assert type(caught.value) is error_type
    assert caught.value.error_code == (None if status == 200 else status)
    assert "Bad Gateway" in caught.value.description


def mock_client(body: object, status: int = 200) -> httpx.AsyncClient:
    """For reply shapes the fake never produces."""
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body)

    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


async def test_unexpected_result_shapes() -> None:
    async with mock_client({"ok": True, "result": []}) as http:
        api = ZaloBotApi(TOKEN, client=http)
        with pytest.raises(ZaloTransientError, match="unexpected result"):
            await api.get_me()
        with pytest.raises(ZaloTransientError, match="unexpected result"):
            await api.get_webhook_info()
        assert await api.send_message("chat-1", "xin chào") == ""  # sent, but no id came back
    async with mock_client({"result": {"id": "1"}}) as http:  # neither ok nor error_code
        with pytest.raises(ZaloTransientError, match="not a Zalo envelope"):
            await ZaloBotApi(TOKEN, client=http).get_me()
    async with mock_client({"ok": False}) as http:  # a refusal without a code
        with pytest.raises(ZaloTransientError) as caught:
            await ZaloBotApi(TOKEN, client=http).get_me()
        assert caught.value.error_code is None  # malformed, so transient


# --------------------------------------------------------------------------- the token


async def test_token_never_in_errors_or_logs(zalo: FakeZalo,
                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.WARNING, logger="httpx")  # as the bot's logging config does
    zalo.fail_next("getMe", 404, description=f"no route for /bot{TOKEN}/getMe")
    zalo.fail_next("sendMessage", 502, body=f"<h1>Bad Gateway</h1> POST /bot{TOKEN}/sendMessage")
    zalo.fail_next("sendChatAction", 200, malformed=True)
    zalo.fail_next("getWebhookInfo", timeout=True)
    zalo.fail_next("setWebhook", 429, retry_after=1)
    zalo.push_raw({"garbage": TOKEN})
    errors: list[ZaloApiError] = []
    async with ZaloBotApi(TOKEN, base_url=zalo.base_url, timeout=0.3) as api:
        assert_no_token(repr(api))
        calls = [api.get_me(), api.send_message("c", "x"), api.send_chat_action("c"),
                 api.get_webhook_info(), api.set_webhook("https://x.example/h", SECRET),
                 api.get_update(timeout=0)]
        for call in calls:
            try:
                await call
            except ZaloApiError as failure:
                errors.append(failure)
    async with FakeZalo(token=TOKEN) as gone:
        base_url = gone.base_url
    async with ZaloBotApi(TOKEN, base_url=base_url) as api:
        try:
            await api.get_me()
        except ZaloApiError as failure:
            errors.append(failure)
    async with ZaloBotApi("12345:wrong-token-value", base_url=zalo.base_url) as api:
        with pytest.raises(ZaloUnauthorized) as caught:
            await api.get_me()
        assert "wrong-token-value" not in str(caught.value)
    assert len(errors) == 6
    for error in errors:
        assert isinstance(error, ZaloApiError)
        logging.getLogger("troly.test").exception("failed", exc_info=error)
        assert_no_token(error, repr(error), error.description,
                        "".join(traceback.format_exception(error)))
    assert "<token>" in errors[0].description  # the fake's echo was scrubbed
    assert caplog.records
    for record in caplog.records:
        assert_no_token(record.getMessage(), caplog.text)


def test_exceptions_pickle_and_read_well() -> None:
    error = ZaloRateLimited("sendMessage", 429, "Too Many Requests", 2.0)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.method, copy.error_code, copy.description, copy.retry_after) == (
        "sendMessage", 429, "Too Many Requests", 2.0)
    assert str(error) == "Zalo sendMessage failed (error 429): Too Many Requests"
    assert str(ZaloTransientError("getMe", None, "timed out")) == "Zalo getMe failed: timed out"


# --------------------------------------------------------------------------- lifecycle


async def test_aclose_closes_only_its_own_client(zalo: FakeZalo) -> None:
    async with httpx.AsyncClient() as shared:
        api = ZaloBotApi(TOKEN, base_url=zalo.base_url, client=shared)
        await api.get_me()
        await api.aclose()
        assert not shared.is_closed
        await ZaloBotApi(TOKEN, base_url=zalo.base_url + "/", client=shared).get_me()
    own = ZaloBotApi(TOKEN, base_url=zalo.base_url)
    await own.get_me()
    await own.aclose()
    assert own._client.is_closed


@pytest.mark.parametrize("token", ["", "12345:a/b", "12345:a b", "12345:a?b"])
def test_bad_token_is_refused_without_echo(token: str) -> None:
    with pytest.raises(ValueError) as caught:
        ZaloBotApi(token)
    assert token == "" or token not in str(caught.value)


# --------------------------------------------------------------------------- the fake itself


async def test_fake_validates_send_message(zalo: FakeZalo) -> None:
    async with httpx.AsyncClient(base_url=zalo.base_url) as http:
        for body in ({"chat_id": "c", "text": ""}, {"text": "x"}, {"chat_id": "c"},
                     {"chat_id": "c", "text": "😀" * 1001}):
            reply = await http.post(f"/bot{TOKEN}/sendMessage", json=body)
            assert reply.status_code == 400
            assert reply.json()["ok"] is False and reply.json()["error_code"] == 400
        reply = await http.post(f"/bot{TOKEN}/noSuchMethod", json={})
        assert reply.json()["error_code"] == 404
    assert zalo.sent() == []


async def test_fake_wait_for(zalo: FakeZalo, api: ZaloBotApi) -> None:
    async def later() -> None:
        await asyncio.sleep(0.05)
        await api.send_message("chat-1", "một")
        await api.send_message("chat-1", "hai")

    task = asyncio.create_task(later())
    calls = await zalo.wait_for("sendMessage", 2, timeout=5)
    await task
    assert [call.body["text"] for call in calls] == ["một", "hai"]
    with pytest.raises(AssertionError, match="saw 2"):
        await zalo.wait_for("sendMessage", 3, timeout=0.1)


async def test_fake_delivers_webhooks(zalo: FakeZalo) -> None:
    received: list[tuple[str | None, Any]] = []

    async def hook(request: web.Request) -> web.Response:
        secret = request.headers.get("X-Bot-Api-Secret-Token")
        received.append((secret, await request.json()))
        return web.Response(status=200 if secret == SECRET else 403)

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        update = text_update("chat-1", "xin chào", message_id="m-7")
        assert await zalo.deliver_webhook(f"http://{host}:{port}/hook", update, SECRET) == 200
        assert await zalo.deliver_webhook(f"http://{host}:{port}/hook", update, "nope") == 403
        assert await zalo.deliver_webhook(f"http://{host}:{port}/hook", update, SECRET,
                                          wrapped=True) == 200
    finally:
        await runner.cleanup()
    assert [secret for secret, _ in received] == [SECRET, "nope", SECRET]
    assert parse_update(received[0][1]) == parse_update(received[2][1]) is not None
    assert zalo.webhook_deliveries == [("m-7", 200), ("m-7", 403), ("m-7", 200)]


# --------------------------------------------------------------------------- parse_update


def test_parse_update_wrapped_and_bare_agree() -> None:
    update = text_update("chat-1", "Xin chào", message_id="m-1", date_ms=1750316131602)
    bare = parse_update(update)
    assert bare is not None
    assert parse_update({"ok": True, "result": update}) == bare
    assert bare.date == dt.datetime(2025, 6, 19, 6, 55, 31, 602000, tzinfo=dt.UTC)
    assert bare.date.tzinfo is dt.UTC


def test_parse_update_documented_example() -> None:
    payload = {"ok": True, "result": {
        "event_name": "message.text.received",
        "message": {"message_id": "2d758cb5e", "date": 1750316131602,
                    "chat": {"id": "6ede9afa", "chat_type": "PRIVATE"},
                    "from": {"id": "6ede9afa", "display_name": "Ted", "is_bot": False},
                    "text": "Xin chào"}}}
    assert parse_update(payload) == ZaloMessage(
        message_id="2d758cb5e", chat_id="6ede9afa", chat_type="PRIVATE", sender_id="6ede9afa",
        sender_name="Ted", text="Xin chào", event_name="message.text.received",
        date=dt.datetime.fromtimestamp(1750316131.602, tz=dt.UTC))


def test_parse_update_tolerates_loose_fields() -> None:
    update = text_update("chat-1", "x", message_id="m")
    message = update["message"]
    message["message_id"], message["chat"]["id"], message["from"]["id"] = 77, 5, 5
    message["date"] = str(message["date"])
    del message["chat"]["chat_type"]
    parsed = parse_update(update)
    assert parsed is not None
    assert (parsed.message_id, parsed.chat_id, parsed.sender_id, parsed.chat_type) == (
        "77", "5", "5", "PRIVATE")
    message["from"]["id"] = "someone-else"
    parsed = parse_update(update)
    assert parsed is not None and parsed.chat_type == "GROUP"
    message["chat"]["chat_type"] = "group"
    parsed = parse_update(update)
    assert parsed is not None and parsed.chat_type == "GROUP"
    message["text"] = ""  # an empty text is still a text
    parsed = parse_update(update)
    assert parsed is not None and parsed.text == ""


@pytest.mark.parametrize("kind", ["image", "sticker", "unsupported", "voice", "file"])
def test_parse_update_non_text_events(kind: str) -> None:
    parsed = parse_update(event_update(kind, "chat-1", text="a caption is not text"))
    assert parsed is not None and parsed.text is None
    assert parsed.event_name == f"message.{kind}.received"


def _broken(path: tuple[str, ...], value: object = "<delete>") -> dict[str, Any]:
    update = text_update("chat-1", "xin chào")
    target: Any = update
    for key in path[:-1]:
        target = target[key]
    if value == "<delete>":
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return update


GARBAGE: list[object] = [
    None, 0, 1.5, True, "", "message.text.received", b"bytes", [], [text_update("c", "x")],
    {}, {"ok": True}, {"ok": True, "result": None}, {"ok": True, "result": []},
    {"ok": False, "result": text_update("c", "x")}, {"ok": True, "result": "chuỗi"},
    {"event_name": "message.text.received"}, {"event_name": 5, "message": {}},
    {"event_name": "bot.added", "message": text_update("c", "x")["message"]},
    {"event_name": "message.text.received", "message": None},
    {"event_name": "message.text.received", "message": ["not", "a", "dict"]},
    {"event_name": "message.text.received", "message": "text"},
    _broken(("message", "text")), _broken(("message", "text"), 42),
    _broken(("message", "message_id")), _broken(("message", "message_id"), ""),
    _broken(("message", "message_id"), True), _broken(("message", "message_id"), 1.5),
    _broken(("message", "chat")), _broken(("message", "chat"), "chat-1"),
    _broken(("message", "chat", "id")), _broken(("message", "chat", "id"), None),
    _broken(("message", "from")), _broken(("message", "from"), []),
    _broken(("message", "from", "id")), _broken(("message", "from", "id"), {"id": 1}),
    _broken(("message", "date")), _broken(("message", "date"), "yesterday"),
    _broken(("message", "date"), -1), _broken(("message", "date"), 10**30),
    _broken(("message", "date"), float("nan")), _broken(("message", "date"), float("inf")),
    _broken(("message", "date"), None), _broken(("event_name",)),
]


@pytest.mark.parametrize("payload", GARBAGE, ids=range(len(GARBAGE)))
def test_parse_update_rejects_garbage_without_raising(payload: object) -> None:
    assert parse_update(payload) is None


def test_parse_update_never_raises_on_random_mutations() -> None:
    rng = random.Random(7)
    values: list[object] = [None, "", "x", 0, -5, 10**40, 1.5, True, [], {}, [1], {"id": 1}]
    for _ in range(2000):
        update: Any = {"ok": True, "result": text_update("chat-1", "xin chào")}
        target = update
        while isinstance(target, dict) and target and rng.random() < 0.7:
            key = rng.choice(list(target))
            if not isinstance(target[key], dict) or rng.random() < 0.3:
                target[key] = rng.choice(values)
                break
            target = target[key]
        result = parse_update(update)
        assert result is None or isinstance(result, ZaloMessage)


# --------------------------------------------------------------------------- split_text


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def assert_split(text: str, chunks: list[str], limit: int) -> None:
    """Every chunk fits, is not empty and is not only newlines, and the chunks are ``text``
    with only newlines at the cuts removed."""
    assert all(chunk and units(chunk) <= limit for chunk in chunks)
    if chunks != [text]:
        assert all(chunk.strip("\n") for chunk in chunks)
    positions = {0}
    for chunk in chunks:
        following: set[int] = set()
        for position in positions:
            start = position
            while True:
                if text.startswith(chunk, start):
                    following.add(start + len(chunk))
                if start >= len(text) or text[start] != "\n":
                    break
                start += 1
        assert following, f"chunk {chunk[:30]!r}… does not continue the text"
        positions = following
    assert any(not text[position:].strip("\n") for position in positions)
    assert "".join(chunks).replace("\n", "") == text.replace("\n", "")


def test_split_text_short_and_empty() -> None:
    assert split_text("") == []
    assert split_text("Xin chào") == ["Xin chào"]
    assert split_text("a\nb", limit=3) == ["a\nb"]
    assert split_text("x" * 2000) == ["x" * 2000]
    assert split_text("a\n", limit=2) == ["a\n"]
    assert split_text("\n\nabc\n", limit=8) == ["\n\nabc\n"]  # fits: unchanged


def test_split_text_drops_blank_lines_at_cuts() -> None:
    assert split_text("aaa\n\nbbb", limit=3) == ["aaa", "bbb"]
    assert split_text("aaa\n\n\n\nbbb", limit=3) == ["aaa", "bbb"]
    assert split_text("\n\naaa\nbbb\n\n", limit=4) == ["aaa", "bbb"]
    assert split_text("aa\n\nbb\n\ncc", limit=6) == ["aa\n\nbb", "cc"]


def test_split_text_on_line_boundaries() -> None:
    lines = [f"{i}. Nội dung dòng thứ {i}" for i in range(200)]
    text = "\n".join(lines)
    chunks = split_text(text, limit=100)
    assert_split(text, chunks, 100)
    assert "\n".join(chunks) == text  # only line cuts: every dropped character is a newline
    assert all(line in lines for chunk in chunks for line in chunk.split("\n"))
    assert len(chunks) == len(split_text(text, limit=100))


def test_split_text_packs_greedily() -> None:
    assert split_text("aaaa\nbbbb\ncccc", limit=9) == ["aaaa\nbbbb", "cccc"]
    assert split_text("aaaa\nbbbb\ncccc", limit=8) == ["aaaa", "bbbb", "cccc"]


def test_split_text_long_line_on_word_boundaries() -> None:
    words = [f"từ{i}" for i in range(500)]
    text = " ".join(words)
    chunks = split_text(text, limit=50)
    assert_split(text, chunks, 50)
    assert "".join(chunks) == text  # the spaces stay, at the end of the earlier chunk
    assert [word for chunk in chunks for word in chunk.split()] == words
    assert all(chunk.endswith(" ") for chunk in chunks[:-1])


def test_split_text_hard_split() -> None:
    assert split_text("x" * 5000) == ["x" * 2000, "x" * 2000, "x" * 1000]
    assert split_text("ab " + "x" * 10, limit=5) == ["ab ", "xxxxx", "xxxxx"]
    assert split_text(" " * 7, limit=3) == ["   ", "   ", " "]


def test_split_text_counts_utf16_units() -> None:
    chunks = split_text("😀" * 1500)
    assert chunks == ["😀" * 1000, "😀" * 500]
    assert utf16_len("😀") == 2 and utf16_len("ắ") == 1 and utf16_len("a😀b") == 4
    mixed = "a😀" * 1000  # 3000 units, 2000 code points
    chunks = split_text(mixed)
    assert_split(mixed, chunks, 2000)
    assert [units(chunk) for chunk in chunks] == [1999, 1001]  # 😀 won't straddle the limit
    odd = "a" + "😀" * 10  # an emoji never straddles the limit
    assert split_text(odd, limit=4) == ["a😀", "😀😀", "😀😀", "😀😀", "😀😀", "😀"]


def test_split_text_keeps_combining_marks_with_their_letter() -> None:
    word = unicodedata.normalize("NFD", "nghiễmnhiênhữuhiệu" * 20)  # no spaces, combining marks
    chunks = split_text(word, limit=37)
    assert_split(word, chunks, 37)
    assert not any(unicodedata.combining(chunk[0]) for chunk in chunks)
    family = "👨\u200d👩\u200d👧" * 10
    chunks = split_text(family, limit=9)
    assert_split(family, chunks, 9)
    assert not any(chunk.startswith("\u200d") or chunk.endswith("\u200d") for chunk in chunks)


def test_split_text_100kb() -> None:
    rng = random.Random(2024)
    vocabulary = ["Kế", "hoạch", "số", "15-KH/TU", "triển", "khai", "nghị", "quyết", "Đảng",
                  "bộ", "tỉnh", "năm", "2025", "📌", "✅", "báo", "cáo", "sơ", "kết", "—"]
    lines: list[str] = []
    while sum(map(len, lines)) < 100_000:
        width = rng.choice([0, 5, 40, 200, 3000])
        lines.append(" ".join(rng.choice(vocabulary) for _ in range(width)))
    text = "\n".join(lines)
    started = time.monotonic()
    chunks = split_text(text)
    assert time.monotonic() - started < 2
    assert len(text) >= 100_000
    assert_split(text, chunks, 2000)
    assert units(text) / len(chunks) > 1500  # packed, not one line per message
    one_line = "x" * 100_000
    assert split_text(one_line, limit=10) == ["x" * 10] * 10_000


def test_split_text_random_properties() -> None:
    rng = random.Random(11)
    alphabet = ["a", "b", "ắ", " ", " ", "\n", "\n", "😀", "\u0301", "\u200d", "\t"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        limit = rng.randint(2, 12)
        chunks = split_text(text, limit)
        assert_split(text, chunks, limit)
        if text and units(text) <= limit:
            assert chunks == [text]


def test_split_text_rejects_tiny_limits() -> None:
    with pytest.raises(ValueError):
        split_text("abc", limit=1)
