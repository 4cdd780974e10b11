"""The assistant assembled: every feature, the registry built from them, and the core.

This is the one module that knows all the features; it sits above them, as they sit above the
shared core. A new feature is added to ``FEATURES`` below and to nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable

from handlers.answers import AnswerEngine, TaskFinder, answers_feature
from handlers.basics import basics_feature
from handlers.broadcasts import BroadcastDelivery, broadcasts_feature
from handlers.clock import Clock
from handlers.commands import Feature, Registry
from handlers.core import MAX_MESSAGE_LENGTH, Core, UnitOfWorkFactory
from handlers.delivery import DeliveryPolicy, Policies
from handlers.directory import UnitDirectory
from handlers.reports import reports_feature
from handlers.services import Services
from handlers.units import units_feature


def features(services: Services, engine: AnswerEngine) -> list[Feature]:
    """Every feature, in the order their commands appear in the help and the menu."""
    return [basics_feature(services), units_feature(services), reports_feature(services),
            broadcasts_feature(services), answers_feature(engine)]


def build_core(engine: AnswerEngine, clock: Clock, unit_of_work: UnitOfWorkFactory, *,
               admins: Iterable[str] = (), max_length: int = MAX_MESSAGE_LENGTH,
               extra: Iterable[Feature] = ()) -> Core:
    """The core over one knowledge base; ``extra`` features are added after the bundled ones."""
    services = Services(kb=engine.kb, lexicon=engine.lexicon,
                        directory=UnitDirectory(engine.kb, engine.lexicon),
                        tasks=TaskFinder(engine))
    registry = Registry([*features(services, engine), *extra])
    return Core(registry, services, clock, unit_of_work, admins=admins, max_length=max_length)


def delivery_policy() -> DeliveryPolicy:
    """What the outbox dispatcher asks about deliveries: every feature that sends on its own."""
    return Policies([BroadcastDelivery()])
