"""The reference tables of citizen reception an administrator keeps: the heads who must receive
citizens, and the legal minimum frequency (a new version with its own ``valid_from`` when the law
changes). Sessions, registrations and the log change only through the services."""

from django.contrib import admin

from ykien.reception.models import FrequencyRule, Head


@admin.register(FrequencyRule)
class FrequencyRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "office", "level", "count", "period", "valid_from", "valid_to")
    list_filter = ("office", "level")
    search_fields = ("code", "name", "legal_basis")


@admin.register(Head)
class HeadAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "office", "unit", "valid_from", "valid_to")
    list_filter = ("office",)
    search_fields = ("name", "title")
    raw_id_fields = ("unit",)
