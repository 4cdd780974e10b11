"""The SQLAlchemy unit of work is the core's port (handlers.ports): mypy checks the assignment
below, and the tests check each repository Protocol names exactly the repository's methods."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import storage.uow
from handlers import ports
from storage import exchanges, journal_rows, outbox, reports, units

ROOT = Path(__file__).resolve().parents[2]
PAIRS: list[tuple[type[object], type[object]]] = [
    (ports.UnitRepository, units.UnitRepository),
    (ports.ContactRepository, units.ContactRepository),
    (ports.InviteRepository, units.InviteRepository),
    (ports.AssignmentRepository, reports.AssignmentRepository),
    (ports.StatusReportRepository, reports.StatusReportRepository),
    (ports.AuditRepository, journal_rows.AuditRepository),
    (ports.DialogueRepository, journal_rows.DialogueRepository),
    (ports.ExchangeRepository, exchanges.ExchangeRepository),
    (ports.OutboxRepository, outbox.OutboxRepository),
    (ports.BroadcastRepository, outbox.BroadcastRepository),
]


def _the_storage_unit_of_work_is_the_port(uow: storage.uow.UnitOfWork) -> ports.UnitOfWork:
    port: ports.UnitOfWork = uow  # mypy (strict) proves storage implements the port
    return port


def _public_methods(cls: type[object]) -> dict[str, inspect.Signature]:
    return {name: inspect.signature(member) for name, member in vars(cls).items()
            if inspect.isfunction(member) and not name.startswith("_")}


@pytest.mark.parametrize(("port", "repository"), PAIRS, ids=lambda c: c.__qualname__)
def test_each_port_has_exactly_the_repositorys_methods(port: type[object],
                                                       repository: type[object]) -> None:
    wanted, offered = _public_methods(port), _public_methods(repository)
    assert wanted.keys() == offered.keys()
    for name, signature in wanted.items():
        assert signature == offered[name], name  # names, kinds, defaults and annotations
        assert (inspect.iscoroutinefunction(getattr(port, name))
                == inspect.iscoroutinefunction(getattr(repository, name))), name


def test_the_unit_of_work_port_names_every_repository() -> None:
    made = storage.uow.UnitOfWork.__init__.__code__.co_names
    for name in ("units", "contacts", "invites", "assignments", "reports", "audit",
                 "dialogues", "exchanges", "outbox", "broadcasts"):
        assert isinstance(inspect.getattr_static(ports.UnitOfWork, name), property), name
        assert name in made, name


def test_the_ports_import_only_records_and_the_standard_library() -> None:
    probe = ("import sys, handlers.ports; print(sorted(m for m in sys.modules "
             "if m.split('.')[0] in {'storage', 'sqlalchemy', 'handlers'}))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True, cwd=ROOT).stdout.strip()
    assert loaded == str(["handlers", "handlers.ports", "storage", "storage.records"])
