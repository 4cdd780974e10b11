"""Settings from the environment (prefix TROLY_), with the embedded defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TROLY_", env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///troly.sqlite3"
    max_message_length: int = 4000
    log_level: str = "WARNING"
    console_user: str = "btg"  # who the terminal speaks as: console:<this>
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
    listen_port: int = 8080
    # Outbox pacing per channel: messages per second overall, seconds between two to one chat.
    telegram_rate: float = 25.0
    telegram_chat_interval: float = 1.0
    zalo_rate: float = 10.0
    zalo_chat_interval: float = 1.0
    outbox_max_attempts: int = 6

    @field_validator("admins", mode="before")
    @classmethod
    def _split_admins(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
        return value

    def admin_users(self) -> list[str]:
        users = list(self.admins)
        if self.console_is_admin:
            users.append(f"console:{self.console_user.removeprefix('console:')}")
        return users
