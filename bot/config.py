"""Settings from the environment (prefix TROLY_), with the embedded defaults."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TROLY_", env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///troly.sqlite3"
    max_message_length: int = 4000
    log_level: str = "WARNING"
    console_user: str = "btg"  # who the terminal speaks as: console:<this>
