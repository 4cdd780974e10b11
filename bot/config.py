"""Settings from the environment (prefix TROLY_), with the embedded defaults, checked at start.

A value that cannot work is refused before anything is started or registered, with a message
naming the setting (``problems`` turns pydantic's errors into those messages, in Vietnamese).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Self

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from handlers.reminders import ReminderSettings, WorkingCalendar
from handlers.reminders.policy import DEFAULT_OVERDUE_EVERY, PolicyError, ReminderPolicy
from handlers.texts import channels as texts
from storage.database import SCHEMA_NAME, async_url

PREFIX = "TROLY_"
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as secret_token
ZALO_SECRET_MIN = 8  # Zalo wants a longer one
TOKEN = re.compile(r"[A-Za-z0-9:_\-]{8,200}")
ADMIN = re.compile(r"(telegram|zalo|console):[^\s,;:]{1,64}")
DATABASE_SCHEMES = ("sqlite+aiosqlite", "postgresql+asyncpg")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("auto", "text", "json")


class Settings(BaseSettings):
    # An empty value ("TROLY_ZALO_TOKEN=" in a .env) means "not set", not "set to nothing".
    model_config = SettingsConfigDict(env_prefix=PREFIX, env_file=".env", extra="ignore",
                                      env_ignore_empty=True)

    database_url: str = "sqlite+aiosqlite:///troly.sqlite3"
    # PostgreSQL only: keep every table in this schema (created at start), so that several
    # assistants, or a test, share one database without meeting.
    database_schema: str | None = None
    max_message_length: int = Field(4000, ge=1, le=100_000)
    log_level: str = "WARNING"
    log_format: str = "auto"  # json | text | auto: text on a terminal, JSON lines otherwise
    console_user: str = Field("btg", min_length=1, max_length=64)  # the terminal: console:<it>
    # Who may run admin commands, as channel:id ("telegram:123456789, zalo:6ede…").
    admins: Annotated[list[str], NoDecode] = []
    # The terminal's own user is an admin: whoever runs it already holds the machine.
    console_is_admin: bool = True
    export_dir: Path = Path("exports")  # where the terminal writes files it is sent

    # Messengers: a channel runs when its token is set. Tokens are secrets: never logged.
    telegram_token: SecretStr | None = None
    zalo_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    zalo_api_url: str = "https://bot-api.zaloplatforms.com"
    # Webhooks instead of polling when the assistant is reachable at this HTTPS address.
    public_url: str | None = None
    webhook_secret: SecretStr | None = None  # a random one per start when not set
    listen_host: str = "0.0.0.0"
    listen_port: int = Field(8080, ge=1, le=65535)
    # Outbox pacing per channel: messages per second overall, seconds between two to one chat.
    telegram_rate: float = Field(25.0, gt=0, le=1000)
    telegram_chat_interval: float = Field(1.0, ge=0, le=3600)
    zalo_rate: float = Field(10.0, gt=0, le=1000)
    zalo_chat_interval: float = Field(1.0, ge=0, le=3600)
    outbox_max_attempts: int = Field(6, ge=1, le=100)
    # /healthz says the outbox fails once a message has been due this many seconds unsent
    # (0: never, whatever the backlog; a large broadcast legitimately takes a while).
    outbox_max_age: float = Field(3600.0, ge=0, le=30 * 86400)

    # Reminders (local time, Asia/Ho_Chi_Minh): when, how many days before the due day, every
    # how many working days while overdue, for how long; when a unit goes into the admins'
    # daily digest; the days off and make-up working days the government announces.
    reminder_time: dt.time = dt.time(8, 0)
    reminder_days_before: Annotated[list[int], NoDecode] = [7, 3, 1]
    reminder_overdue_every: int = Field(2, ge=0, le=30)
    reminder_stop_after_days: int = Field(60, ge=0, le=366)
    escalate_after_days: int = Field(5, ge=1, le=60)
    weekly_digest_time: dt.time = dt.time(7, 30)
    days_off: Annotated[list[dt.date], NoDecode] = []
    working_days: Annotated[list[dt.date], NoDecode] = []
    planner_interval: float = Field(60.0, ge=1, le=3600)  # seconds between planner ticks

    @field_validator("admins", mode="before")
    @classmethod
    def _split_admins(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
        return value

    @field_validator("reminder_days_before", "days_off", "working_days", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in re.split(r"[,;\s]+", value) if part.strip()]
        return value

    @field_validator("reminder_days_before")
    @classmethod
    def _check_days_before(cls, value: list[int]) -> list[int]:
        try:
            ReminderPolicy(tuple(value), DEFAULT_OVERDUE_EVERY).check()
        except PolicyError as error:
            raise ValueError(texts.SETTING_REMINDER_DAYS) from error
        return sorted(set(value), reverse=True)

    @field_validator("admins")
    @classmethod
    def _check_admins(cls, value: list[str]) -> list[str]:
        for admin in value:
            if ADMIN.fullmatch(admin) is None:
                raise ValueError(texts.SETTING_ADMIN.format(value=admin[:80]))
        return value

    @field_validator("database_url")
    @classmethod
    def _database(cls, value: str) -> str:
        url = async_url(value.strip())
        if not url.startswith(tuple(f"{scheme}://" for scheme in DATABASE_SCHEMES)):
            raise ValueError(texts.SETTING_DATABASE)
        return url

    @field_validator("database_schema")
    @classmethod
    def _schema(cls, value: str | None) -> str | None:
        if value is not None and SCHEMA_NAME.fullmatch(value.strip()) is None:
            raise ValueError(texts.SETTING_SCHEMA)
        return value.strip() if value is not None else None

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.strip().upper() not in LOG_LEVELS:
            raise ValueError(texts.SETTING_LOG_LEVEL.format(levels=", ".join(LOG_LEVELS)))
        return value.strip().upper()

    @field_validator("log_format")
    @classmethod
    def _log_format(cls, value: str) -> str:
        if value.strip().lower() not in LOG_FORMATS:
            raise ValueError(texts.SETTING_LOG_FORMAT.format(formats=", ".join(LOG_FORMATS)))
        return value.strip().lower()

    @field_validator("telegram_token", "zalo_token")
    @classmethod
    def _token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and TOKEN.fullmatch(value.get_secret_value()) is None:
            raise ValueError(texts.SETTING_TOKEN)
        return value

    @field_validator("telegram_api_url", "zalo_api_url", "public_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value) is None:
            raise ValueError(texts.SETTING_URL)
        return value.rstrip("/") if value else value

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and WEBHOOK_SECRET.fullmatch(value.get_secret_value()) is None:
            raise ValueError(texts.SETTING_SECRET)
        return value

    @model_validator(mode="after")
    def _schema_needs_postgres(self) -> Self:
        if self.database_schema is not None and not self.database_url.startswith("postgresql"):
            raise ValueError(texts.SETTING_SCHEMA_POSTGRES)
        return self

    @model_validator(mode="after")
    def _zalo_secret(self) -> Self:
        secret = self.webhook_secret
        if (secret is not None and self.zalo_token is not None and self.public_url
                and len(secret.get_secret_value()) < ZALO_SECRET_MIN):
            raise ValueError(texts.SETTING_ZALO_SECRET.format(length=ZALO_SECRET_MIN))
        return self

    def reminders(self) -> ReminderSettings:
        return ReminderSettings(
            at=self.reminder_time, admins=tuple(self.admin_users()),
            policy=ReminderPolicy(tuple(self.reminder_days_before),
                                  self.reminder_overdue_every),
            stop_after_days=self.reminder_stop_after_days,
            escalate_after=self.escalate_after_days, weekly_at=self.weekly_digest_time)

    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar(days_off=self.days_off, working_days=self.working_days)

    def admin_users(self) -> list[str]:
        users = list(self.admins)
        if self.console_is_admin:
            users.append(f"console:{self.console_user.removeprefix('console:')}")
        return users


_KINDS = {  # pydantic's error types, as the message says them
    "int_parsing": texts.SETTING_NOT_A_NUMBER, "float_parsing": texts.SETTING_NOT_A_NUMBER,
    "int_from_float": texts.SETTING_NOT_A_NUMBER, "bool_parsing": texts.SETTING_NOT_A_BOOL,
    "greater_than": texts.SETTING_OUT_OF_RANGE, "greater_than_equal": texts.SETTING_OUT_OF_RANGE,
    "less_than": texts.SETTING_OUT_OF_RANGE, "less_than_equal": texts.SETTING_OUT_OF_RANGE,
    "string_too_short": texts.SETTING_LENGTH, "string_too_long": texts.SETTING_LENGTH,
}


def problems(error: ValidationError) -> list[str]:
    """One line per wrong setting, naming it as it is set (``TROLY_WEBHOOK_SECRET``); never
    the value of a secret."""
    lines = []
    for item in error.errors():
        message = str(item.get("msg", "")).removeprefix("Value error, ")
        if item.get("type") != "value_error":
            message = _KINDS.get(str(item.get("type")), texts.SETTING_INVALID)
        if not item["loc"]:  # a rule across settings: its message names them
            lines.append(message)
            continue
        name = f"{PREFIX}{str(item['loc'][0]).upper()}"
        lines.append(texts.SETTING_PROBLEM.format(name=name, problem=message))
    return lines
