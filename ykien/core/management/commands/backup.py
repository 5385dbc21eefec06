"""`ykien backup PATH`: a consistent copy of the database while the site runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ykien.core import backup as backup_mod
from ykien.core.errors import DomainError


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu (SQLite: sao lưu trực tuyến; PostgreSQL: pg_dump)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            info = backup_mod.backup(Path(options["path"]))
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"Đã sao lưu ({info['vendor']}, {info['bytes']} bytes) → {info['path']}")
