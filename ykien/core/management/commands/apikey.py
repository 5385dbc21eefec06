"""`ykien apikey create NAME [--unit CODE]` prints a new Open311 application key (shown once);
`ykien apikey list`; `ykien apikey revoke NAME`. (Personal API keys are made by each person on
their account page.)"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ykien.core import apikeys
from ykien.core.errors import DomainError
from ykien.core.permissions import SYSTEM
from ykien.core.selectors import unit_get

DEFAULT_UNIT = "MTTQ-86"


class Command(BaseCommand):
    help = "Khóa API Open311: tạo (in khóa một lần), liệt kê, thu hồi."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="tạo khóa mới và in ra")
        create.add_argument("name")
        create.add_argument(
            "--unit", default=DEFAULT_UNIT, help="mã đơn vị nhận đơn gửi qua khóa này"
        )
        sub.add_parser("list")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("name")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            unit = unit_get(code=options["unit"])
            if unit is None:
                raise CommandError(f"Không có đơn vị mã {options['unit']}")
            try:
                _key, raw = apikeys.apikey_create(actor=SYSTEM, name=options["name"], unit=unit)
            except DomainError as exc:
                raise CommandError(str(exc.message)) from exc
            self.stdout.write(raw)
        elif action == "list":
            for key in apikeys.application_keys():
                state = "đang dùng" if key.active else "đã thu hồi"
                code = key.unit.code if key.unit else ""
                self.stdout.write(f"{key.name}\t{key.prefix}…\t{code}\t{state}")
        else:
            found = apikeys.application_keys().filter(name=options["name"]).first()
            if found is None:
                raise CommandError(f"Không có khóa tên {options['name']}")
            apikeys.apikey_revoke(actor=SYSTEM, key=found)
            self.stdout.write(f"Đã thu hồi {found.name}")
