"""`ykien worker`: run background tasks (django-tasks, database backend)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Chạy tác vụ nền (django-tasks, lưu trong cơ sở dữ liệu)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue-name", default="*")
        parser.add_argument("--batch", action="store_true", help="xử lý hết hàng đợi rồi dừng")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args: Any, **options: Any) -> None:
        argv: list[str] = [
            "--queue-name",
            options["queue_name"],
            "--interval",
            str(options["interval"]),
        ]
        if options["batch"]:
            argv.append("--batch")
        call_command("db_worker", *argv)
