from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def register_apps() -> None:
    """What every app declares in its manifest modules (``core.apps_manifest``), registered once
    for all of them: its permission rules (on import of ``permissions``), the labels of the
    actions its lifecycles write (``lifecycle.LIFECYCLES``; the edge's own label, or
    ``codes.LIFECYCLE_LABELS[name][action]`` where that would not say what was moved), the labels
    of its other audit actions (``codes.AuditAction``), of those it no longer writes
    (``codes.FORMER_AUDIT_ACTIONS``) and of the details it writes that are not fields
    (``codes.AUDIT_DETAIL_LABELS``), how the log writes what it stores under a key
    (``codes.VALUE_FORMATS``: ``(object type, key)`` → function), and its officers' work items
    (``worklist.provider``), and what may be followed and what its steps tell followers
    (``follow.FOLLOWABLES``, ``follow.NOTICES``).
    An app's ``ready()`` adds only what is its own (menu links, home sections, key rotations,
    subscribers …)."""
    from ykien.core import apps_manifest, audit, follow, worklist

    apps_manifest.modules("permissions")  # importing each registers its rules
    codes = dict(apps_manifest.modules("codes"))
    for label, module in apps_manifest.modules("lifecycle"):
        labels = getattr(codes.get(label), "LIFECYCLE_LABELS", {})
        for lifecycle in getattr(module, "LIFECYCLES", ()):
            audit.register_lifecycle(lifecycle, labels.get(lifecycle.name))
    for module in codes.values():
        if hasattr(module, "AuditAction"):
            audit.register_actions(module.AuditAction.choices)
        audit.register_actions(getattr(module, "FORMER_AUDIT_ACTIONS", {}).items())
        audit.register_detail_labels(getattr(module, "AUDIT_DETAIL_LABELS", {}))
        for (object_type, key), formatter in getattr(module, "VALUE_FORMATS", {}).items():
            audit.register_value_format(key, formatter, object_type=object_type)
    for _label, module in apps_manifest.modules("worklist"):
        worklist.register(module.provider)
    for _label, module in apps_manifest.modules("follow"):
        follow.register(getattr(module, "FOLLOWABLES", ()), getattr(module, "NOTICES", ()))


class CoreConfig(AppConfig):
    name = "ykien.core"
    label = "core"
    verbose_name = _("Lõi hệ thống")

    def ready(self) -> None:
        from ykien.core import navigation

        register_apps()
        navigation.register(_("Đơn vị"), "core:unit_list", order=80)
        navigation.register(
            _("Bàn làm việc"), "core:workspace", order=95, permission="core.view_workspace"
        )
