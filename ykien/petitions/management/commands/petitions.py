"""`ykien petitions remind [--days N] [--queue]`; `ykien petitions purge-uploads [--queue]` (files
of the public form kept past their time); `ykien petitions rotate-keys`, the former name
of `ykien pii rotate-keys` (every store of personal data, not only petitions)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from ykien.petitions import services


class Command(BaseCommand):
    help = (
        "Đơn thư: nhắc hạn cán bộ xử lý (remind); xóa tệp tạm hết hạn (purge-uploads); "
        "rotate-keys = ykien pii rotate-keys."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser("remind", help="gửi thư nhắc các đơn sắp đến hạn, quá hạn")
        remind.add_argument("--days", type=int, default=services.REMINDER_DAYS)
        remind.add_argument(
            "--queue", action="store_true", help="đưa vào hàng đợi tác vụ thay vì gửi ngay"
        )
        purge = sub.add_parser(
            "purge-uploads", help="xóa các tệp của biểu mẫu gửi đơn đã hết hạn giữ"
        )
        purge.add_argument(
            "--queue", action="store_true", help="đưa vào hàng đợi tác vụ thay vì xóa ngay"
        )
        sub.add_parser("rotate-keys", help="như ykien pii rotate-keys")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "remind":
            if options["queue"]:
                from ykien.petitions.tasks import send_reminders

                result = send_reminders.enqueue()
                self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
                return
            sent = services.reminders_send(days=options["days"])
            self.stdout.write(f"Đã gửi {sent} thư nhắc.")
        elif options["action"] == "purge-uploads":
            if options["queue"]:
                from ykien.petitions.tasks import purge_pending_uploads

                self.stdout.write(f"Đã đưa vào hàng đợi: {purge_pending_uploads.enqueue().id}")
                return
            removed = services.pending_purge()
            self.stdout.write(f"Đã xóa {removed} tệp hết hạn.")
        else:
            call_command("pii", "rotate-keys", stdout=self.stdout)
