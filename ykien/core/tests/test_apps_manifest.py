"""One app manifest: the optional modules of each app are found in one place, and the root
URLconf, the API, the demo, the search index, the briefing and the tests all read it."""

from __future__ import annotations

import ast
import importlib
import types
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import clear_url_caches, resolve, reverse

import ykien
from ykien.core import apps_manifest
from ykien.core.management.commands.demo import demo_loaders

ROOT = Path(ykien.__file__).parent
LOCAL_APPS = [name for name in settings.INSTALLED_APPS if name.startswith("ykien.")]


def _provides(kind: str) -> list[str]:
    return [e.label for e in apps_manifest.manifest() if kind in e.provides]


def test_manifest_lists_the_local_apps_in_installed_order():
    assert [e.name for e in apps_manifest.manifest()] == LOCAL_APPS
    assert [e.label for e in apps_manifest.manifest()] == [
        "core",
        "accounts",
        "experts",
        "consultations",
        "petitions",
        "oversight",
        "dialogue",
        "reception",
        "reporting",
        "participation",
        "national",
        "identity",
        "portal",
        "api",
    ]


def test_manifest_finds_each_optional_module():
    assert _provides("urls") == [
        "core",
        "accounts",
        "experts",
        "consultations",
        "petitions",
        "oversight",
        "dialogue",
        "reception",
        "reporting",
        "participation",
        "national",
        "identity",
        "portal",
        "api",
    ]
    assert _provides("api") == [
        "consultations",
        "petitions",
        "oversight",
        "dialogue",
        "reception",
        "reporting",
        "national",
    ]
    assert _provides("demo") == [
        "core",
        "accounts",
        "consultations",
        "petitions",
        "oversight",
        "dialogue",
        "reception",
        "reporting",
        "participation",
        "national",
        "identity",
        "portal",
    ]
    assert _provides("indicators") == [
        "consultations",
        "petitions",
        "oversight",
        "dialogue",
        "reception",
    ]
    assert _provides("search") == ["consultations", "oversight", "dialogue", "reception", "portal"]
    assert _provides("follow") == ["consultations", "petitions", "oversight", "dialogue"]
    # core's search, indicators, worklist, lifecycle, mine and follow are the contracts, not
    # contributions.
    contracts = {"search", "indicators", "worklist", "lifecycle", "mine", "follow"}
    assert not contracts & apps_manifest.app("core").provides
    # The rest follow the files (apps are adding lifecycles and codes as they move).
    for entry in apps_manifest.manifest():
        folder = ROOT / entry.label
        for kind in ("lifecycle", "codes", "worklist"):
            on_disk = (folder / f"{kind}.py").exists() or (folder / kind / "__init__.py").exists()
            expected = on_disk and not (entry.label == "core" and kind != "codes")
            assert (kind in entry.provides) == expected, (entry.label, kind)


def test_unknown_module_kind_is_refused():
    with pytest.raises(ValueError, match="views"):
        apps_manifest.modules("views")


def test_demo_loaders_come_from_the_manifest_in_app_order():
    assert [label for label, _load in demo_loaders()] == _provides("demo")


def test_root_urls_mount_every_app_api_first_portal_last():
    from ykien import urls

    mounted = [
        p.urlconf_name.__name__
        for p in urls.urlpatterns
        if isinstance(getattr(p, "urlconf_name", None), types.ModuleType)
        and p.urlconf_name.__name__.startswith("ykien.")
    ]
    assert mounted == [
        "ykien.api.urls",
        "ykien.core.urls",
        "ykien.accounts.urls",
        "ykien.experts.urls",
        "ykien.consultations.urls",
        "ykien.petitions.urls",
        "ykien.oversight.urls",
        "ykien.dialogue.urls",
        "ykien.reception.urls",
        "ykien.reporting.urls",
        "ykien.participation.urls",
        "ykien.national.urls",
        "ykien.identity.urls",
        "ykien.portal.urls",
    ]
    # The prefixes stay where they were.
    assert reverse("portal:home") == "/"
    assert reverse("core:workspace") == "/can-bo/"
    assert reverse("petitions:home").startswith("/")
    assert resolve("/api/v1/health").url_name == "health"


def test_a_new_app_with_urls_is_mounted_without_editing_the_root_urlconf(monkeypatch):
    from ykien import urls

    fake = types.ModuleType("ykien.fake_app.urls")
    fake.app_name = "fake_app"
    fake.urlpatterns = []
    real = apps_manifest.modules

    def with_fake(kind: str):
        found = real(kind)
        return [*found, ("fake_app", fake)] if kind == "urls" else found

    monkeypatch.setattr(apps_manifest, "modules", with_fake)
    try:
        importlib.reload(urls)
        names = [getattr(p, "urlconf_name", None) for p in urls.urlpatterns]
        assert fake in names
        # Still before the portal, which owns "/".
        assert names.index(fake) < names.index(importlib.import_module("ykien.portal.urls"))
    finally:
        monkeypatch.undo()
        importlib.reload(urls)
        clear_url_caches()


def _discovery_calls(path: Path) -> list[str]:
    """Calls that look for apps' modules: ``find_spec``/``import_module`` of a computed name,
    ``pkgutil.walk_packages``, ``apps.get_app_configs``."""
    found = []
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:  # removed since the listing
        return found
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = ast.unparse(node.func)
        name = called.rsplit(".", 1)[-1]
        literal = bool(node.args) and isinstance(node.args[0], ast.Constant)
        if name in {"walk_packages", "get_app_configs"} or (
            name in {"find_spec", "import_module"} and not literal
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {called}")
    return found


# Not an app's module: the analysis command's own sub-commands, by their dotted names.
ALLOWED = {"consultations/management/commands/analysis.py"}


def test_apps_are_discovered_only_by_the_manifest():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if (
            "migrations" in path.parts
            or str(path.relative_to(ROOT)) in ALLOWED
            or path.name in {"apps_manifest.py", "test_apps_manifest.py"}
        ):
            continue
        found += _discovery_calls(path)
    assert found == []
