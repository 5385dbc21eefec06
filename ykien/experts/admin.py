from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ykien.experts.models import Expert


@admin.register(Expert)
class ExpertAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "title", "kind", "unit", "consent_contact", "participation_count")
    list_filter = ("kind", "consent_contact", "active")
    search_fields = ("full_name", "organisation", "fields")
