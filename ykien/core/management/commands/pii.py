"""`ykien pii rotate-keys`: re-encrypt every stored identity and file with the first key of
``YKIEN_PII_KEYS`` (after putting a new key first; remove the old key afterwards)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ykien.core import pii


class Command(BaseCommand):
    help = "Thông tin cá nhân: mã hóa lại mọi danh tính, tệp bằng khóa đầu tiên (rotate-keys)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rotate-keys", help="mã hóa lại danh tính, tệp bằng khóa đầu tiên")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = pii.rotate_keys()
        done = "; ".join(f"{pii.rotation_label(name)}: {n}" for name, n in counts.items())
        self.stdout.write(f"Đã mã hóa lại — {done} ({pii.key_count()} khóa đang cấu hình).")
