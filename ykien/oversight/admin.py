from django.contrib import admin

from ykien.oversight.models import (
    Activity,
    Answer,
    BoardMember,
    ConductFeedback,
    Finding,
    OfficialPosition,
    Programme,
    ProgrammeItem,
    Recommendation,
    RecommendationEvent,
)


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0
    raw_id_fields = ("subject", "lead_unit")


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "year", "status")
    list_filter = ("status", "year")
    raw_id_fields = ("unit",)
    inlines = [ProgrammeItemInline]


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "form", "status", "planned_on")
    list_filter = ("form", "status")
    search_fields = ("title",)
    raw_id_fields = ("unit", "subject", "board", "programme_item", "follows")
    inlines = [FindingInline]


class AnswerInline(admin.StackedInline):
    model = Answer
    extra = 0
    raw_id_fields = ("unit", "respondent")


class EventInline(admin.TabularInline):
    model = RecommendationEvent
    extra = 0
    readonly_fields = ("on", "actor", "from_status", "to_status", "note")


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("code", "addressee", "status", "issued_on", "answer_due")
    list_filter = ("status", "is_public")
    search_fields = ("text",)
    raw_id_fields = (
        "activity", "finding", "issuer", "addressee", "addressee_position", "escalated_to", "previous",
    )  # fmt: skip
    # Changes go through the services (status history, audit); the admin only reads.
    readonly_fields = ("status", "issued_on", "answer_due", "escalated_to", "escalated_on")
    inlines = [AnswerInline, EventInline]


@admin.register(BoardMember)
class BoardMemberAdmin(admin.ModelAdmin):
    list_display = ("full_name", "board", "position", "valid_from", "valid_to")
    raw_id_fields = ("board",)


@admin.register(OfficialPosition)
class OfficialPositionAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "active")
    raw_id_fields = ("unit",)


@admin.register(ConductFeedback)
class ConductFeedbackAdmin(admin.ModelAdmin):
    # No sender here: the identity is encrypted and revealed only through the feedback page.
    list_display = ("tracking_code", "position", "front", "status", "received_on")
    exclude = ("sender_ciphertext", "sender_hash")
    raw_id_fields = ("position", "front", "handler")
