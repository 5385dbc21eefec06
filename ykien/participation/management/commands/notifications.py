"""`ykien notifications digest`: mail the day's digest to those who asked for one (run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from ykien.participation import services


class Command(BaseCommand):
    help = "Gửi thư tổng hợp thông báo hằng ngày (chạy mỗi ngày một lần)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["digest"])

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.send_digests()
        self.stdout.write(_("Đã gửi %(count)s thư tổng hợp.") % {"count": sent})
