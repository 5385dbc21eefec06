"""Test data built through the same services the app uses, acting as ``SYSTEM`` (the services
refuse ``None``), so that tests need not say who sets their data up."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import factory

from ykien.core import services
from ykien.core.models import DeadlineRule, Unit, UnitKind, UnitLevel, User
from ykien.core.permissions import SYSTEM

_seq = itertools.count(1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-du-dai-2026")

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            self.save()


def make_unit(
    name: str,
    *,
    parent: Unit | None = None,
    level: str = UnitLevel.PROVINCE,
    kind: str = UnitKind.FRONT,
    code: str | None = None,
    valid_from: dt.date = dt.date(2020, 1, 1),
    valid_to: dt.date | None = None,
) -> Unit:
    return services.unit_create(
        actor=SYSTEM,
        code=code or f"U{next(_seq)}",
        name=name,
        level=level,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def grant(
    user: User,
    unit: Unit,
    role: str,
    *,
    valid_from: dt.date = dt.date(2020, 1, 1),
    valid_to: dt.date | None = None,
):  # type: ignore[no-untyped-def]
    return services.role_grant(
        actor=SYSTEM, user=user, unit=unit, role=role, valid_from=valid_from, valid_to=valid_to
    )


def rule_version(
    code: str, name: str, length: int, valid_from: dt.date, basis: str, *, actor: Any = SYSTEM
) -> DeadlineRule:
    """A new version of the deadline rule ``code`` from ``valid_from``: ``length`` working days
    under ``basis``, set through the service (by ``actor``)."""
    return services.deadline_rule_set(
        actor=actor,
        code=code,
        name=name,
        length=length,
        counting="working",
        legal_basis=basis,
        valid_from=valid_from,
    )
