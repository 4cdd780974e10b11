"""What the service tests share: `troly run` as a real process (its log in a file, its web
server on a free port), its /healthz and /metrics read over HTTP, and a PostgreSQL schema
seeded with contacts as a deployment would hold them.

Timeouts are generous: these run on a loaded two-core machine, and a deadline missed there is
a slow machine, not a bug; the assertions are about what was delivered, never how fast.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import ClientError, ClientSession, ClientTimeout
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import insert

from handlers.answers import AnswerEngine
from handlers.assistant import build_core
from handlers.clock import SystemClock
from storage.database import Database
from storage.models import ContactRow
from storage.uow import UnitOfWork
from tests.conftest import POSTGRES_URL
from tests.fakes.webhook_host import free_port

TROLY = str(Path(sys.executable).parent / "troly")
START_TIMEOUT = 180.0  # seconds for a process to answer /healthz on a loaded machine
STOP_TIMEOUT = 120.0
UNIT = "bd-duk.vp-duk"  # a unit the bundled plans name: the contacts of the tests join it


@dataclass
class Instance:
    """One `troly run` process."""

    process: asyncio.subprocess.Process
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def get(self, path: str) -> tuple[int, str]:
        async with ClientSession(timeout=ClientTimeout(total=30)) as http, \
                http.get(f"{self.url}{path}") as response:
            return response.status, await response.text()

    async def health(self) -> tuple[int, dict[str, Any]]:
        status, body = await self.get("/healthz")
        return status, json.loads(body)

    async def metrics(self) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
        status, body = await self.get("/metrics")
        assert status == 200, body
        return samples(body)

    async def stop(self) -> int:
        """SIGTERM, and the exit code once it has stopped."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT)

    def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()

    def lines(self) -> list[str]:
        return self.log.read_text("utf-8", "replace").splitlines()


def samples(exposition: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a Prometheus exposition, by name and sorted labels."""
    found: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def metric(found: Mapping[tuple[str, tuple[tuple[str, str], ...]], float], name: str,
           **labels: str) -> float:
    """The sum of the samples of ``name`` whose labels include ``labels``."""
    wanted = set(labels.items())
    return sum(value for (sample, keys), value in found.items()
               if sample == name and wanted <= set(keys))


async def start(env: Mapping[str, str], log: Path, port: int | None = None) -> Instance:
    """Start `troly run` with ``env`` over the test's environment; returns once /healthz
    answers 200 (the process is killed if it never does)."""
    port = port or free_port()
    full = {**os.environ, "TROLY_LISTEN_HOST": "127.0.0.1", "TROLY_LISTEN_PORT": str(port),
            "TROLY_LOG_LEVEL": "INFO", **env}
    with log.open("ab") as stderr:
        process = await asyncio.create_subprocess_exec(
            TROLY, "run", env=full, stdout=asyncio.subprocess.DEVNULL, stderr=stderr)
    instance = Instance(process, port, log)
    try:
        await wait_healthy(instance)
    except BaseException:
        instance.kill()
        await process.wait()
        raise
    return instance


async def wait_healthy(instance: Instance, timeout: float = START_TIMEOUT) -> dict[str, Any]:
    deadline = asyncio.get_running_loop().time() + timeout
    last: object = None
    while asyncio.get_running_loop().time() < deadline:
        if instance.process.returncode is not None:
            raise AssertionError(f"troly run ended with {instance.process.returncode}: "
                                 f"{instance.lines()[-20:]}")
        try:
            status, body = await instance.health()
            if status == 200:
                return body
            last = body
        except (ClientError, OSError, ValueError) as error:
            last = error
        await asyncio.sleep(0.5)
    raise AssertionError(f"/healthz never answered 200: {last}")


async def eventually(check: Any, timeout: float, every: float = 0.5) -> None:
    """Wait until ``check()`` (sync) is true."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(every)


def json_lines(instance: Instance) -> list[dict[str, Any]]:
    """The process's log, one JSON object a line (each line must be one)."""
    return [json.loads(line) for line in instance.lines() if line.strip()]


async def seeded(database: Database, engine: AnswerEngine) -> None:
    """Migrate and seed as `troly run` would at its first start (plans, units, assignments),
    so that the test can add contacts to the units before any instance runs."""
    await database.migrate()
    core = build_core(engine, SystemClock(), lambda: UnitOfWork(database.session()))
    await core.prepare()


async def add_contacts(database: Database, channel: str, chats: list[str],
                       unit_key: str = UNIT) -> None:
    now = dt.datetime.now(dt.UTC)
    async with UnitOfWork(database.session()) as uow:
        unit = await uow.units.by_key(unit_key)
        assert unit is not None, unit_key
        await uow.session.execute(insert(ContactRow), [
            {"unit_id": unit.id, "user": f"{channel}:{chat}", "chat": chat,
             "display_name": None, "is_primary": False, "joined_at": now} for chat in chats])
        await uow.commit()


def postgres_env(database: Database) -> dict[str, str]:
    assert database.schema is not None
    return {"TROLY_DATABASE_URL": POSTGRES_URL, "TROLY_DATABASE_SCHEMA": database.schema}
