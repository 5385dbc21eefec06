"""`ykien deadline RULE YYYY-MM-DD [--variant V]`: print the due date and the legal basis."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ykien.core.calendar import deadline, parse_iso_date
from ykien.core.errors import DomainError
from ykien.core.models import DeadlineRule


class Command(BaseCommand):
    help = "In hạn chót (ISO) và căn cứ pháp lý của một quy tắc thời hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule", help="mã quy tắc, ví dụ denunciation.accept")
        parser.add_argument("start", help="ngày bắt đầu, YYYY-MM-DD")
        parser.add_argument(
            "--variant", default=None, help="trường hợp: complex, remote, extended …"
        )
        parser.add_argument("--json", action="store_true", help="in JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start = parse_iso_date(options["start"])
            result = deadline(options["rule"], start, variant=options["variant"])
        except DomainError as exc:
            known = ", ".join(sorted(set(DeadlineRule.objects.values_list("code", flat=True))))
            extra = f"\nCác mã hợp lệ / valid codes: {known}" if exc.code == "unknown_rule" else ""
            raise CommandError(f"{exc.message}{extra}") from exc
        if options["json"]:
            import json

            self.stdout.write(
                json.dumps(
                    {
                        "rule": result.rule,
                        "start": result.start.isoformat(),
                        "due": result.due.isoformat(),
                        "length": result.length,
                        "counting": result.counting,
                        "direction": result.direction,
                        "variant": result.variant,
                        "legal_basis": result.legal_basis,
                    },
                    ensure_ascii=False,
                )
            )
            return
        self.stdout.write(result.due.isoformat())
        self.stdout.write(f"{result.name}: {result.describe()}")
