"""Admin: categories are managed here (Open311 keys: ``core.ApiKey``); petitions are read-only and never show
the sender (no ciphertext, no hash, no text fields in lists)."""

from django.contrib import admin

from ykien.petitions.models import Petition, ServiceCategory


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "group", "default_unit", "active", "order")
    list_filter = ("active", "group")
    search_fields = ("code", "name")
    autocomplete_fields = ("default_unit",)


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "status", "unit", "channel", "received_on", "due_date")
    list_filter = ("kind", "status", "channel")
    fields = (
        "kind", "submitted_kind", "as_information", "category", "unit", "channel", "status",
        "is_anonymous", "received_on", "accepted_on", "settled_on", "answered_on", "due_date",
        "due_basis", "extensions", "rating",
    )  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
