"""A live `troly chat --jsonl` process to talk to line by line, as the maintainers' probe does.

Each line written gets exactly one output line back (the channel's contract), so a journey can
read an invite code from one reply and use it in the next line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
TIMEOUT = 120.0


@dataclass
class Output:
    """What one input line produced: the replies, what the outbox sent, what was saved."""

    replies: list[dict[str, Any]]
    sent: list[dict[str, Any]]
    saved: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(r["text"] for r in self.replies)

    def sent_to(self, user: str) -> list[dict[str, Any]]:
        return [s for s in self.sent if s["to"] == user]

    @property
    def files(self) -> list[Path]:
        return [Path(f) for r in self.replies for f in r["files"]]


class Chat:
    """One conversation with the installed `troly` in ``folder`` (its database and exports)."""

    def __init__(self, folder: Path, *, today: str | None = None,
                 env: dict[str, str] | None = None) -> None:
        command = [str(BIN / "troly"), "chat", "--jsonl"]
        if today:
            command += ["--today", today]
        settings = {"TROLY_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'troly.sqlite3'}",
                    "TROLY_EXPORT_DIR": str(folder / "exports"), **(env or {})}
        self.process = subprocess.Popen(
            command, cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, encoding="utf-8",
            env={**os.environ, **settings})

    def send(self, user: str, text: str, **extra: Any) -> Output:
        return self.line({"from": user, "text": text, **extra})

    def tick(self, now: str) -> Output:
        return self.line({"tick": True, "now": now})

    def line(self, line: dict[str, Any]) -> Output:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, f"troly chat ended: {self.close()}"
        out = json.loads(answer)
        return Output(out["replies"], out["sent"], out.get("saved", []))

    def close(self) -> str:
        """End the conversation; what the process wrote to its standard error."""
        _, errors = self.process.communicate(timeout=TIMEOUT)  # closes its standard input
        assert self.process.returncode == 0, errors
        return errors

    def __enter__(self) -> Chat:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
