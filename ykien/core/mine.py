"""A person's own contributions across the platform: "my page", "download my data", and their
erasure when the person deletes the account.

``core`` imports no app: each app that stores what a person contributed provides a module
``mine.py`` (found through ``core.apps_manifest``) with

- ``items(user) -> list[MyItem]``: what the person contributed there, each in a section of "my
  page" (a ``Section``, or none: a section of the app's own titled by its ``SECTION``, a
  translated heading) with its kind, title, public address, date, current status and, where it
  applies, what became of it — translated labels, never codes;
- ``export(user) -> dict``: everything the app stores about the person's contributions, texts
  included, JSON-serialisable, no other person's data, codes only next to their label;
- ``erase(user) -> int``: anonymise them — the contributions stay, attributed to no one, the
  person's name and contact erased wherever a contribution holds them, every aggregate (counts,
  votes, analyses) unchanged — and return how many records changed;
- optionally ``panels(request) -> dict[str, str]``: HTML added under a section (section code →
  rendered template), such as the form that attaches a petition.

``sections_for``, ``items_for``, ``export_all`` and ``erase_all`` gather them over the manifest,
in app order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ykien.core import apps_manifest
from ykien.core.models import User


class Section(models.TextChoices):
    """The sections of "my page", in the order shown."""

    DRAFTS = "drafts", _("Góp ý, biểu quyết và nhận định về dự thảo")
    PETITIONS = "petitions", _("Đơn thư của tôi")
    FEEDBACK = "feedback", _("Ý kiến bạn đọc")
    EXPERT = "expert", _("Ý kiến chuyên gia")
    # Not contributions: what the person follows (not counted with them).
    FOLLOWING = "following", _("Nội dung tôi theo dõi")
    OTHER = "other", _("Đóng góp khác")


# Shown even when empty; the others only when an app gives them items.
ALWAYS_SHOWN = (Section.DRAFTS, Section.PETITIONS, Section.FEEDBACK, Section.EXPERT)


@dataclass(frozen=True)
class MyItem:
    """One contribution of a person, as "my page" lists it (every text already translated)."""

    kind: str  # what it is: "Góp ý", "Biểu quyết", "Phản ánh"…
    title: str
    url: str  # its public page ("" when it has none)
    date: dt.datetime | dt.date | None
    status: str  # its current status, translated
    fate: str = ""  # what became of it, a short translated sentence ("" when nothing to say)
    detail: str = ""  # a short excerpt (the text of a comment, the choice of a vote …)
    # A ``Section`` code (for grouping, never shown); "": a section of the app's own, titled by
    # its module's ``SECTION``.
    section: str = ""


@dataclass(frozen=True)
class MySection:
    """One section of "my page"."""

    code: str  # the ``Section`` code: anchors and tests, never shown
    title: str
    items: list[MyItem] = field(default_factory=list)
    panel: SafeString = field(default_factory=lambda: SafeString(""))


def _modules() -> list[tuple[str, Any]]:
    return apps_manifest.modules("mine")


def items_for(user: User) -> dict[str, list[MyItem]]:
    """Every app's items for ``user`` (app label → items, newest first), in app order; apps with
    no ``mine.py`` are left out, apps with nothing for the person give an empty list."""
    if not user.is_authenticated:
        return {}
    return {label: _newest_first(module.items(user)) for label, module in _modules()}


def sections_for(request: HttpRequest) -> list[MySection]:
    """ "My page": its sections in order — the shared ones (``Section``), each app's own before
    ``Section.OTHER`` — each with its items (newest first) and the apps' panels; a section outside
    ``ALWAYS_SHOWN`` only when it has something to show."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return []
    titles: dict[str, str] = {code: str(label) for code, label in Section.choices}
    order = [code for code in Section.values if code != Section.OTHER]
    items: dict[str, list[MyItem]] = {code: [] for code in Section.values}
    panels: dict[str, list[str]] = {code: [] for code in Section.values}
    for label, module in _modules():
        own = f"app-{label}"
        for item in module.items(user):
            code = item.section or (own if hasattr(module, "SECTION") else Section.OTHER)
            if code == own and own not in titles:
                titles[own], items[own], panels[own] = str(module.SECTION), [], []
                order.append(own)
            items[code if code in items else Section.OTHER].append(item)
        panel: Callable[[HttpRequest], dict[str, str]] | None = getattr(module, "panels", None)
        for code, html in (panel(request) if panel is not None else {}).items():
            panels[code if code in panels else Section.OTHER].append(html)
    order.append(Section.OTHER)
    return [
        MySection(
            code=code,
            title=titles[code],
            items=_newest_first(items[code]),
            panel=mark_safe("".join(panels[code])),  # noqa: S308 (templates the apps rendered)
        )
        for code in order
        if code in ALWAYS_SHOWN or items[code] or panels[code]
    ]


def _sort_key(item: MyItem) -> dt.datetime:
    value = item.date
    if value is None:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime.combine(value, dt.time.min, tzinfo=dt.UTC)


def _newest_first(items: list[MyItem]) -> list[MyItem]:
    return sorted(items, key=_sort_key, reverse=True)


def export_all(user: User) -> dict[str, Any]:
    """Every app's ``export(user)`` (app label → its dict), in app order: what the platform stores
    about the person's contributions. The account's own fields are the caller's to add."""
    return {label: module.export(user) for label, module in _modules()}


@transaction.atomic
def erase_all(user: User) -> dict[str, int]:
    """Anonymise every contribution of ``user`` in every app, in one transaction (app label →
    how many records changed). The account itself is left to the caller (which deletes it)."""
    return {label: int(module.erase(user)) for label, module in _modules()}
