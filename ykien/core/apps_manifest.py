"""The app manifest: which optional module each local app provides, found in one place.

Every app of the platform (``ykien.*`` in ``INSTALLED_APPS``, in that order) may provide any of
the modules below; nothing is listed by hand. The root URLconf mounts the ``urls`` it finds, the
API mounts each ``api.router``, ``ykien demo`` runs each ``demo.load``, the search index reads each
``search.search_documents``, the briefing each ``indicators.INDICATORS``, core registers each
``permissions``, ``codes``, ``lifecycle`` and ``worklist`` at start (``core.apps.register_apps``),
and the tests read each ``lifecycle`` and ``codes``. Each module is looked for once per process (``find_spec``) and
imported the first time it is asked for.

=============  ==============================================================================
module         what the app provides there
=============  ==============================================================================
urls           its pages, mounted at the site root under the app's namespace
api            ``router``: a ``ninja.Router`` mounted at ``/api/v1/<app>/``
demo           ``load(out)``: its demo data (idempotent)
search         ``search_documents()``: every public document, for the portal's index
indicators     ``INDICATORS``: the briefing's indicators computed from the app's records
worklist       ``provider(user, today)``: the officer's work items
dashboard      ``area(user, today)``: the area's counts, months and approvals (``core.dashboard``)
lifecycle      ``LIFECYCLES``: its ``core.lifecycle.Lifecycle`` declarations (a module or a package)
codes          its codes (error codes, ``AuditAction`` …) as enums with translated labels
permissions    its permission rules (``rules`` predicates), registered when it is imported
follow         ``FOLLOWABLES`` and ``NOTICES`` (``core.follow``): what people may follow, and what
               each public step tells them
mine           a person's own contributions: ``items``, ``export``, ``erase`` (``core.mine``)
=============  ==============================================================================
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from django.apps import apps

MODULES = (
    "urls",
    "api",
    "demo",
    "search",
    "indicators",
    "worklist",
    "dashboard",
    "lifecycle",
    "codes",
    "permissions",
    "mine",
    "follow",
)
PREFIX = "ykien."
# core's own modules of these names are the contracts the other apps fill, not contributions.
CORE_CONTRACTS = frozenset(
    {"search", "indicators", "worklist", "dashboard", "lifecycle", "mine", "follow"}
)


@dataclass(frozen=True)
class AppEntry:
    """One local app and the names of the optional modules it has."""

    label: str
    name: str
    provides: frozenset[str]

    def module(self, kind: str) -> ModuleType | None:
        """The app's module ``kind`` (imported on first use), or ``None`` if it has none."""
        if kind not in self.provides:
            return None
        return importlib.import_module(f"{self.name}.{kind}")


def _has_module(dotted: str) -> bool:
    try:
        return importlib.util.find_spec(dotted) is not None
    except ModuleNotFoundError:
        return False


@cache
def manifest() -> tuple[AppEntry, ...]:
    """The local apps in ``INSTALLED_APPS`` order, each with the optional modules it has."""
    entries = []
    for config in apps.get_app_configs():
        if not config.name.startswith(PREFIX):
            continue
        kinds = [k for k in MODULES if not (config.label == "core" and k in CORE_CONTRACTS)]
        provides = frozenset(kind for kind in kinds if _has_module(f"{config.name}.{kind}"))
        entries.append(AppEntry(label=config.label, name=config.name, provides=provides))
    return tuple(entries)


def app(label: str) -> AppEntry | None:
    return next((entry for entry in manifest() if entry.label == label), None)


def modules(kind: str) -> list[tuple[str, ModuleType]]:
    """``(app label, module)`` of every app that has the module ``kind``, in app order."""
    if kind not in MODULES:
        raise ValueError(f"not a manifest module: {kind!r}")
    found = []
    for entry in manifest():
        module = entry.module(kind)
        if module is not None:
            found.append((entry.label, module))
    return found


def provided(kind: str, attribute: str) -> list[tuple[str, Any]]:
    """``(app label, value)`` of ``attribute`` in every module ``kind`` that defines it."""
    return [
        (label, getattr(module, attribute))
        for label, module in modules(kind)
        if getattr(module, attribute, None) is not None
    ]


def submodules(kind: str) -> list[tuple[str, ModuleType]]:
    """Like ``modules`` but, where the module is a package (``lifecycle/``), each of its
    submodules too (not the tests)."""
    found = []
    for label, module in modules(kind):
        found.append((label, module))
        for info in pkgutil.walk_packages(getattr(module, "__path__", []), module.__name__ + "."):
            if ".tests" not in info.name:
                found.append((label, importlib.import_module(info.name)))
    return found


def clear() -> None:
    """Forget what was found (for a test that adds or removes a module)."""
    manifest.cache_clear()
