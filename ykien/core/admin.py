from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ykien.core.audit import audit_change, audit_record, snapshot
from ykien.core.models import (
    ApiKey,
    AuditEvent,
    DeadlineRule,
    HolidayOverride,
    RoleGrant,
    Unit,
    UnitSuccession,
    User,
)


class AuditedAdmin(SimpleHistoryAdmin):
    """Administrators' edits in the Django admin leave an audit event like any service would."""

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_change(
                actor=request.user,
                action=f"admin.{'change' if change else 'add'}.{obj._meta.model_name}",
                obj=obj,
                unit=getattr(obj, "unit", None),
                before=before,
            )

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        with transaction.atomic():
            audit_record(
                actor=request.user,
                action=f"admin.delete.{obj._meta.model_name}",
                obj=obj,
                unit=getattr(obj, "unit", None),
                before=snapshot(obj),
            )
            super().delete_model(request, obj)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (  # type: ignore[misc]
        *BaseUserAdmin.fieldsets,
        (_("Ý Kiến"), {"fields": ("full_name", "phone", "kind", "position")}),
    )
    list_display = ("username", "full_name", "kind", "email", "is_staff", "is_active")
    list_filter = ("kind", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email")


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "unit"
    extra = 0
    autocomplete_fields = ("user",)
    exclude = ("granted_by",)


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "level", "kind", "valid_from", "valid_to")
    list_filter = ("level", "kind")
    search_fields = ("code", "name", "admin_code")
    readonly_fields = ("path", "depth")
    autocomplete_fields = ("parent",)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        # Keep the materialised path right and audit the change through the services.
        from ykien.core import services

        if not change:
            created = services.unit_create(
                actor=request.user,
                code=obj.code,
                name=obj.name,
                level=obj.level,
                kind=obj.kind,
                parent=obj.parent,
                valid_from=obj.valid_from,
                valid_to=obj.valid_to,
                admin_code=obj.admin_code,
                short_name=obj.short_name,
            )
            obj.pk = created.pk
            return
        old = Unit.objects.get(pk=obj.pk)
        if old.parent_id != obj.parent_id:
            services.unit_move(actor=request.user, unit=old, parent=obj.parent)
        services.unit_update(
            actor=request.user,
            unit=old,
            name=obj.name,
            short_name=obj.short_name,
            admin_code=obj.admin_code,
            valid_from=obj.valid_from,
            valid_to=obj.valid_to,
            email=obj.email,
            address=obj.address,
        )


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(AuditedAdmin):
    list_display = ("predecessor", "successor", "effective", "basis")
    autocomplete_fields = ("predecessor", "successor")


@admin.register(RoleGrant)
class RoleGrantAdmin(AuditedAdmin):
    list_display = ("user", "role", "unit", "valid_from", "valid_to")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "unit__name", "unit__code")
    autocomplete_fields = ("user", "unit")
    exclude = ("granted_by",)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedAdmin):
    # Named by what the rule is (in the reader's language), not by its code.
    list_display = (
        "rule_name",
        "length",
        "counting",
        "direction",
        "rule_basis",
        "valid_from",
        "valid_to",
    )
    search_fields = ("code", "name", "legal_basis")

    @admin.display(description=_("tên"), ordering="name")
    def rule_name(self, obj: DeadlineRule) -> str:
        return obj.name_text

    @admin.display(description=_("căn cứ pháp lý"), ordering="legal_basis")
    def rule_basis(self, obj: DeadlineRule) -> str:
        return obj.legal_basis_text


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(AuditedAdmin):
    list_display = ("date", "kind", "name", "basis")
    list_filter = ("kind",)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "kind", "action", "object_type", "object_id", "unit")
    list_filter = ("kind", "action")
    search_fields = ("object_repr", "object_id", "action")
    date_hierarchy = "at"

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are made with ``ykien apikey create`` (applications) or on a person's account page
    (personal keys), which show the key once; here they are listed and revoked."""

    list_display = ("name", "kind", "prefix", "user", "unit", "created_at", "last_used_at")
    list_filter = ("kind",)
    search_fields = ("name", "prefix", "user__username")
    fields = (*list_display, "created_by", "revoked_at")
    readonly_fields = fields
    actions = ("revoke",)

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False  # revoked, never deleted: the audit log and petitions refer to them

    @admin.action(description=_("Thu hồi các khóa đã chọn"))
    def revoke(self, request, queryset):  # type: ignore[no-untyped-def]
        from ykien.core.apikeys import apikey_revoke

        for key in queryset:
            apikey_revoke(actor=request.user, key=key)
