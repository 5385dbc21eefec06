"""Core registers, once for every app, what the app declares in its manifest modules
(``core.apps.register_apps``): the labels of its lifecycles' actions and of its audit actions, the
details and values its log entries hold, its permission rules and its officers' work items."""

from __future__ import annotations

from pathlib import Path

import rules

from ykien.core import apps_manifest, audit, worklist


def _lifecycles():
    return [
        (label, lifecycle)
        for label, module in apps_manifest.modules("lifecycle")
        for lifecycle in getattr(module, "LIFECYCLES", ())
    ]


def test_every_declared_lifecycle_action_is_labelled():
    declared = _lifecycles()
    assert {label for label, _lc in declared} == {
        "consultations",
        "petitions",
        "oversight",
        "reporting",
        "portal",
        "dialogue",
        "reception",
        "national",
    }
    registered = audit.registered_actions()
    for _label, lifecycle in declared:
        for edge in lifecycle.edges:
            assert lifecycle.event_name(edge.action) in registered, (lifecycle.name, edge.action)


def test_the_label_a_codes_module_gives_a_lifecycle_action_wins_over_the_edge():
    from ykien.consultations.codes import LIFECYCLE_LABELS
    from ykien.consultations.lifecycle import DRAFT

    assert DRAFT.edge("upload").label != LIFECYCLE_LABELS[DRAFT.name]["upload"]
    assert audit.action_label("consultations.draft.upload") == str(
        LIFECYCLE_LABELS[DRAFT.name]["upload"]
    )


def test_every_codes_module_is_registered():
    registered = audit.registered_actions()
    for _label, module in apps_manifest.modules("codes"):
        # An app that writes no audit record of its own (participation; identity, whose citizens
        # are no accounts: ADR 0009) has no AuditAction.
        actions = getattr(module, "AuditAction", None)
        assert actions is not None or module.__name__ in {
            "ykien.participation.codes",
            "ykien.identity.codes",
        }
        assert set(actions.values if actions else ()) <= registered, module.__name__
        assert set(getattr(module, "FORMER_AUDIT_ACTIONS", {})) <= registered, module.__name__
        for (object_type, key), formatter in getattr(module, "VALUE_FORMATS", {}).items():
            assert audit._VALUE_FORMATS[(object_type, key)] is formatter


def test_every_worklist_provider_and_permission_module_is_registered():
    found = apps_manifest.modules("worklist")
    # Every app with a worklist.py (core's holds the registry itself, not a provider).
    on_disk = {
        path.parent.name for path in Path(apps_manifest.__file__).parents[1].glob("*/worklist.py")
    } - {"core"}
    assert {label for label, _module in found} == on_disk
    assert on_disk >= {"consultations", "dialogue", "oversight", "petitions", "reception"}
    providers = [module.provider for _label, module in found]
    assert all(provider in worklist._PROVIDERS for provider in providers)
    for label, _module in apps_manifest.modules("permissions"):
        if label != "core":
            assert any(name.startswith(f"{label}.") for name in rules.permissions.permissions), (
                label
            )
