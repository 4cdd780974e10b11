"""SQLAlchemy models."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Index, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import UTCDateTime


class Base(DeclarativeBase):
    pass


class Exchange(Base):
    """One message a user sent and what the assistant replied: kept whatever happened."""

    __tablename__ = "exchanges"
    __table_args__ = (Index("ix_exchanges_user", "channel", "sender", "received_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    sender: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(String(40))
    replies: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
