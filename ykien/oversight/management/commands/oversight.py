"""`ykien oversight remind` — remind overdue recommendations now (run daily from cron);
`ykien oversight rotate-keys` — re-encrypt Regulation 124 senders after a key rotation."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ykien.core.permissions import SYSTEM
from ykien.oversight import services


class Command(BaseCommand):
    help = "Giám sát: nhắc kiến nghị quá hạn; mã hóa lại thông tin người phản ánh."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind", "rotate-keys"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "remind":
            count = services.recommendations_remind_overdue(actor=SYSTEM)
            self.stdout.write(f"Đã nhắc {count} kiến nghị quá hạn.")
        else:
            count = services.feedback_rotate_keys()
            self.stdout.write(f"Đã mã hóa lại {count} phản ánh.")
