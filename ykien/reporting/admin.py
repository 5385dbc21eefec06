from django.contrib import admin

from ykien.core.admin import AuditedAdmin
from ykien.reporting.models import Indicator, Period, Target


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ("code", "name", "group", "measure", "aggregation", "source", "active")
    list_filter = ("source", "measure", "aggregation", "active", "group")
    search_fields = ("code", "name", "computed_code")
    filter_horizontal = ("parts",)


@admin.register(Period)
class PeriodAdmin(AuditedAdmin):
    list_display = ("code", "kind", "start", "end", "due")
    list_filter = ("kind", "year")
    readonly_fields = ("code", "kind", "year", "number", "start", "end")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # periods are opened with `ykien report period 2027-Q1` (due date computed)


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    list_display = ("indicator", "unit", "period", "value")
    list_filter = ("period",)
    autocomplete_fields = ("unit",)
    search_fields = ("indicator__code", "unit__code", "unit__name")
