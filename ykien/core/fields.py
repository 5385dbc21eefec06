"""The links every app's models declare again and again, written once: to a unit, and to the
person who did something."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


def unit_link(
    verbose_name: Any, *, optional: bool = False, related_name: str = "+"
) -> models.ForeignKey[Any, Any]:
    """A unit (``core.Unit``) a record belongs to or names. Units end or merge, they are never
    deleted while a record names them (``PROTECT``)."""
    return models.ForeignKey(
        "core.Unit",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
        null=optional,
        blank=optional,
    )


def person_link(
    verbose_name: Any = None, *, related_name: str = "+", blank: bool = True
) -> models.ForeignKey[Any, Any]:
    """The person who did something (``None``: the system, or no one). The record outlives the
    account: deleting it leaves the link empty (``SET_NULL``)."""
    named = {} if verbose_name is None else {"verbose_name": verbose_name}
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **named,
    )
