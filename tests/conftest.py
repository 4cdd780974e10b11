"""Shared fixtures: the bundled knowledge base and one answer engine per test session."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from handlers.answers import AnswerEngine
from knowledge.loader import KnowledgeBase, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TROLY_SHARED_DIR", ROOT.parent / "shared"))
POSTGRES_URL = os.environ.get("TROLY_TEST_POSTGRES_URL",
                              "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> AnswerEngine:
    return AnswerEngine(kb)


@pytest.fixture
def today() -> dt.date:
    return dt.date(2024, 3, 1)
