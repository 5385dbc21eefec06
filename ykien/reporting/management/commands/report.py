"""`ykien report …`: the briefing from the command line.

ykien report briefing --unit MTTQ-84 --period 2024-Q1 --format docx -o giao-ban.docx
ykien report remind [--date 2026-10-05] [--ahead 3]
ykien report period 2027-Q1 [--due 2027-04-09]
ykien report sync-indicators
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ykien.core.errors import DomainError
from ykien.core.permissions import SYSTEM
from ykien.core.selectors import today, unit_get
from ykien.reporting import reports, selectors, services


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ (YYYY-MM-DD): {text}") from exc


class Command(BaseCommand):
    help = "Giao ban: xuất báo cáo, nhắc nộp số liệu, mở kỳ báo cáo."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        briefing = sub.add_parser("briefing", help="xuất báo cáo giao ban (DOCX, PDF, XLSX)")
        briefing.add_argument("--unit", required=True, help="mã đơn vị, ví dụ MTTQ-84")
        briefing.add_argument("--period", required=True, help="kỳ: 2024-Q1, 2024-H1 hoặc 2024")
        briefing.add_argument("--format", choices=reports.FORMATS, default="docx")
        briefing.add_argument("-o", "--output", required=True, help="tệp kết quả")
        briefing.add_argument("--date", help="ngày ghi trên báo cáo (mặc định: hôm nay)")
        briefing.add_argument("--signer", default="", help="họ tên người ký")
        remind = sub.add_parser("remind", help="gửi thư nhắc các đơn vị chưa nộp số liệu")
        remind.add_argument("--date", help="coi như hôm nay là ngày này")
        remind.add_argument("--ahead", type=int, default=3, help="nhắc trước hạn N ngày làm việc")
        period = sub.add_parser("period", help="mở kỳ báo cáo (tính hạn nộp)")
        period.add_argument("code", help="2027-Q1, 2027-H1 hoặc 2027")
        period.add_argument("--due", help="hạn nộp (mặc định 5 ngày làm việc sau khi hết kỳ)")
        sub.add_parser("sync-indicators", help="tạo chỉ tiêu cho các chỉ tiêu tự tính của ứng dụng")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action'].replace('-', '_')}")(options)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc

    def _briefing(self, options: dict[str, Any]) -> None:
        unit = unit_get(code=options["unit"])
        if unit is None:
            raise CommandError(f"Không có đơn vị mã “{options['unit']}”.")
        report = selectors.briefing(unit=unit, code=options["period"], today=today())
        day = _date(options["date"]) if options["date"] else today()
        content = reports.render(report, options["format"], date=day, signer_name=options["signer"])
        Path(options["output"]).write_bytes(content)
        self.stdout.write(
            f"{options['output']}: {report.unit.name}, {report.span.title} ({len(content)} byte)"
        )

    def _remind(self, options: dict[str, Any]) -> None:
        day = _date(options["date"]) if options["date"] else today()
        sent = services.reminders_send(actor=SYSTEM, today=day, ahead=options["ahead"])
        for reminder in sent:
            self.stdout.write(
                f"{reminder.period.code} {reminder.unit.code}: {', '.join(reminder.recipients)}"
            )
        self.stdout.write(f"Đã gửi {len(sent)} thư nhắc.")

    def _period(self, options: dict[str, Any]) -> None:
        due = _date(options["due"]) if options["due"] else None
        period = services.period_ensure(actor=SYSTEM, code=options["code"], due=due)
        self.stdout.write(f"{period.code}: {period.title}, hạn nộp {period.due:%d/%m/%Y}")

    def _sync_indicators(self, options: dict[str, Any]) -> None:
        rows = services.indicators_sync_computed(actor=SYSTEM)
        for indicator in rows:
            self.stdout.write(f"{indicator.code}: {indicator.name}")
        self.stdout.write(f"{len(rows)} chỉ tiêu tự tính.")
