"""`ykien apikey create NAME [--unit CODE]` prints a new Open311 key (shown once);
`ykien apikey list`; `ykien apikey revoke NAME`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ykien.core.audit import audit_record
from ykien.core.errors import DomainError
from ykien.core.selectors import unit_get
from ykien.petitions import services
from ykien.petitions.models import ApiClient

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
                _client, key = services.apikey_create(actor=None, name=options["name"], unit=unit)
            except DomainError as exc:
                raise CommandError(str(exc.message)) from exc
            self.stdout.write(key)
        elif action == "list":
            for c in ApiClient.objects.select_related("unit").order_by("name"):
                state = "đang dùng" if c.active else "đã thu hồi"
                self.stdout.write(f"{c.name}\t{c.prefix}…\t{c.unit.code}\t{state}")
        else:
            client = ApiClient.objects.filter(name=options["name"]).first()
            if client is None:
                raise CommandError(f"Không có khóa tên {options['name']}")
            client.active = False
            client.save(update_fields=["active"])
            audit_record(actor=None, action="petition.apikey.revoke", obj=client, unit=client.unit)
            self.stdout.write(f"Đã thu hồi {client.name}")
