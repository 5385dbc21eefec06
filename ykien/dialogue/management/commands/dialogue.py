"""`ykien dialogue escalate` — refer every overdue commitment made at a dialogue to the front
committee one level up (run daily from cron, as `ykien oversight remind` is)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ykien.core.permissions import SYSTEM
from ykien.dialogue import services


class Command(BaseCommand):
    help = "Đối thoại: chuyển cấp trên đôn đốc các cam kết quá hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["escalate"])

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.commitments_escalate_overdue(actor=SYSTEM)
        self.stdout.write(f"Đã chuyển cấp trên {count} cam kết quá hạn.")
