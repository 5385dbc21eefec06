"""`ykien restore PATH [--force]`: restore a backup into an empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ykien.core import backup as backup_mod
from ykien.core.errors import DomainError


class Command(BaseCommand):
    help = "Khôi phục bản sao lưu vào cơ sở dữ liệu trống."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--force", action="store_true", help="ghi đè cơ sở dữ liệu không trống")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            info = backup_mod.restore(Path(options["path"]), force=options["force"])
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"Đã khôi phục ({info['vendor']}) từ {info['path']}")
