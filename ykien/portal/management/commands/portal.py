"""`ykien portal flush-views | publish-due | reindex | audio`: the portal's batch jobs.

The worker runs the same jobs by itself (a flush is queued by traffic, a re-index when an app
publishes); these commands are for cron, after a restore, or after installing espeak-ng."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Tác vụ của cổng thông tin: cộng lượt xem, đăng bài hẹn giờ, lập chỉ mục, tạo bản nghe."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("flush-views", help="cộng lượt xem đang đệm vào tin bài")
        sub.add_parser("publish-due", help="đăng các tin bài hẹn giờ đã đến giờ")
        reindex = sub.add_parser("reindex", help="lập lại chỉ mục tìm kiếm")
        reindex.add_argument("--kind", default=None, help="chỉ loại tài liệu này (article, draft…)")
        audio = sub.add_parser("audio", help="tạo bản nghe còn thiếu hoặc bị lỗi")
        audio.add_argument("--now", action="store_true", help="tạo ngay, không qua hàng đợi")

    def handle(self, *args: Any, **options: Any) -> None:
        from ykien.core.permissions import SYSTEM
        from ykien.portal import services
        from ykien.portal.models import AudioStatus, AudioTrack

        action = options["action"]
        if action == "flush-views":
            added = services.views_flush()
            self.stdout.write(f"views added: {added}")
        elif action == "publish-due":
            self.stdout.write(f"articles published: {services.article_publish_due(actor=SYSTEM)}")
        elif action == "reindex":
            counts = services.search_reindex(kind=options["kind"])
            self.stdout.write(" ".join(f"{k}={v}" for k, v in counts.items()))
        elif action == "audio":
            if options["now"]:
                done = 0
                for key, digest in AudioTrack.objects.exclude(status=AudioStatus.READY).values_list(
                    "key", "text_hash"
                ):
                    AudioTrack.objects.filter(key=key).update(status=AudioStatus.PENDING)
                    track = services.audio_generate(key=key, text_hash=digest)
                    done += int(track is not None and track.status == AudioStatus.READY)
                self.stdout.write(f"audio ready: {done}")
            else:
                self.stdout.write(f"audio queued: {services.audio_retry_failed()}")
