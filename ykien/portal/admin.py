"""Read-mostly admin for the portal (writes go through the officers' pages and services)."""

from __future__ import annotations

from django.contrib import admin

from ykien.portal.models import Article, AudioTrack, Feedback, SearchEntry, Tag


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "status", "publish_at", "view_count")
    list_filter = ("status",)
    search_fields = ("title", "summary")
    readonly_fields = ("status", "publish_at", "view_count", "slug")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("title", "article", "status", "created_at")
    list_filter = ("status",)
    readonly_fields = ("token", "status", "moderated_by", "replied_by")
    exclude = ("author",)  # the sender's account is theirs alone ("my page")


@admin.register(AudioTrack)
class AudioTrackAdmin(admin.ModelAdmin):
    list_display = ("key", "status", "mime", "duration", "generated_at")
    list_filter = ("status",)
    readonly_fields = ("text_hash", "file", "mime", "duration", "error", "generated_at")


admin.site.register(Tag)
admin.site.register(SearchEntry, list_display=("kind", "key", "title", "published"))
