"""`ykien backup PATH [--keys KEYFILE]`: a consistent backup (database, media and private files,
manifest with checksums) while the site runs. The keys are never in it: `--keys` writes them to
a separate file (0600); without it a reminder is printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ykien.core import backup as backup_mod
from ykien.core.errors import DomainError


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu, tệp công khai và tệp riêng tư vào một tệp tar (không kèm khóa)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument(
            "--keys",
            metavar="KEYFILE",
            help="xuất khóa (YKIEN_PII_KEYS, SECRET_KEY) ra tệp riêng, quyền 0600; cất khác chỗ",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        keys_path = Path(options["keys"]) if options["keys"] else None
        try:
            info = backup_mod.backup(Path(options["path"]), keys_path=keys_path)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(
            _("Đã sao lưu (%(vendor)s, %(files)s tệp, %(bytes)s byte) → %(path)s") % info
        )
        if info["keys"]:
            self.stdout.write(
                _(
                    "Đã xuất khóa (%(names)s, quyền 0600) → %(path)s; cất tệp này riêng, "
                    "không cùng chỗ với bản sao lưu."
                )
                % {"names": ", ".join(info["keys"]["names"]), "path": info["keys"]["path"]}
            )
        else:
            self.stderr.write(
                _(
                    "Lưu ý: bản sao lưu không chứa khóa dữ liệu cá nhân (YKIEN_PII_KEYS) và "
                    "SECRET_KEY; thiếu khóa thì không đọc lại được dữ liệu cá nhân đã mã hóa. "
                    "Cất khóa riêng: ykien backup %(path)s --keys TỆP_KHÓA"
                )
                % {"path": info["path"]}
            )
