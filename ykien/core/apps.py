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
        from django.db.models.signals import post_delete, post_migrate, post_save

        from ykien.core import fulltext

        post_migrate.connect(fulltext.ensure_indexes, dispatch_uid="core-fulltext-indexes")

        from ykien.core.models import RoleGrant, Unit, UnitSuccession
        from ykien.core.selectors import forget_grants

        # A person's grants are read once per request (core.selectors): any change to grants or
        # to the unit tree makes every user object read them again.
        for model in (RoleGrant, Unit, UnitSuccession):
            post_save.connect(forget_grants, sender=model, dispatch_uid=f"forget-{model.__name__}")
            post_delete.connect(
                forget_grants, sender=model, dispatch_uid=f"forget-{model.__name__}-del"
            )
        navigation.register(_("Đơn vị"), "core:unit_list", order=80)
        navigation.register(
            _("Bàn làm việc"), "core:workspace", order=95, permission="core.view_workspace"
        )
        register_staff_menu()


def _admin_may_view(model: str) -> object:
    """Who may open a Django admin list (``/quan-tri/``): staff accounts with its view permission."""
    return lambda user: bool(
        user.is_active and user.is_staff and user.has_perm(f"core.view_{model}")
    )


def register_staff_menu() -> None:
    """The staff areas (each app adds its entries) and core's own: the audit log, and for the
    platform's administrators the Django admin lists of people, roles, units, holidays and
    deadline rules (no own pages for them)."""
    from ykien.core import navigation

    area, entry = navigation.register_staff_area, navigation.register_staff
    area("drafts", _("Dự thảo"), order=10)
    area("petitions", _("Đơn thư"), order=20)
    area("oversight", _("Giám sát"), order=30)
    area("briefings", _("Giao ban"), order=40)
    area("portal", _("Tin tức, hình ảnh"), order=50)
    area("system", _("Quản trị"), order=90)
    navigation.register_staff_page("core:workspace", _("Bàn làm việc"))
    navigation.register_staff_page("core:audit_export", _("Xuất danh sách"))
    entry(
        "system", _("Nhật ký hoạt động"), "core:audit_log", permission="core.view_audit", order=10
    )
    for order, (model, label) in enumerate(
        [
            ("user", _("Người dùng")),
            ("rolegrant", _("Phân quyền")),
            ("unit", _("Đơn vị")),
            ("holidayoverride", _("Ngày nghỉ, ngày làm bù")),
            ("deadlinerule", _("Quy tắc thời hạn")),
        ]
    ):
        entry(
            "system",
            label,
            f"admin:core_{model}_changelist",
            visible=_admin_may_view(model),
            order=20 + order,
        )
