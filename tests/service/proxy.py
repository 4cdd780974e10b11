"""A round-robin reverse proxy for webhooks, as deploy/Caddyfile sets Caddy up in front of
several instances: each call goes to the next instance, or to the one after it when that one
does not answer; the instance's status is passed back (Telegram and Zalo retry on errors)."""

from __future__ import annotations

import itertools
from collections import Counter
from types import TracebackType
from typing import Self

from aiohttp import ClientError, ClientSession, ClientTimeout, web

from tests.fakes.webhook_host import free_port

FORWARDED = ("Content-Type", "X-Telegram-Bot-Api-Secret-Token", "X-Bot-Api-Secret-Token")


class RoundRobinProxy:
    def __init__(self, upstreams: list[str]) -> None:
        self.upstreams = upstreams
        self.port = free_port()
        self.calls: Counter[str] = Counter()  # upstream -> calls it answered
        self._next = itertools.cycle(range(len(upstreams)))
        self._runner: web.AppRunner | None = None
        self._http: ClientSession | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> Self:
        self._http = ClientSession(timeout=ClientTimeout(total=60))
        app = web.Application()
        app.router.add_post("/webhook/{channel}", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._http is not None:
            await self._http.close()

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._http is not None
        body = await request.read()
        headers = {name: request.headers[name] for name in FORWARDED if name in request.headers}
        first = next(self._next)
        for offset in range(len(self.upstreams)):
            upstream = self.upstreams[(first + offset) % len(self.upstreams)]
            try:
                async with self._http.post(f"{upstream}{request.path}", data=body,
                                           headers=headers) as response:
                    self.calls[upstream] += 1
                    return web.Response(status=response.status, body=await response.read())
            except (ClientError, OSError):
                continue
        return web.Response(status=502)
