"""`ykien restore PATH [--force]`: restore a backup (database and files) into an empty
installation, after checking every checksum."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ykien.core import backup as backup_mod
from ykien.core.errors import DomainError


class Command(BaseCommand):
    help = "Khôi phục bản sao lưu (cơ sở dữ liệu và tệp) vào bản cài đặt trống."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument(
            "--force",
            action="store_true",
            help="ghi đè cơ sở dữ liệu và thư mục tệp không trống",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            info = backup_mod.restore(Path(options["path"]), force=options["force"])
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(_("Đã khôi phục (%(vendor)s, %(files)s tệp) từ %(path)s") % info)
        self.stdout.write(
            _("Đặt YKIEN_PII_KEYS (và SECRET_KEY) bằng khóa đã cất riêng trước khi chạy trang.")
        )
