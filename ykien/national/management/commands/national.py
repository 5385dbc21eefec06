"""`ykien national rollup` and `ykien national bench-draft`.

* ``rollup [--draft ID] [--every SECONDS]``: roll the queued ballots up into the counts (every
  open ballot, or one draft); with ``--every``, keep doing it (a worker without django-tasks).
* ``bench-draft [--articles 120] [--days 30]``: make a national-level draft of that many articles
  open for ballots from today, through the services, and print its id (the benchmark's setup).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ykien.core.models import Unit, UnitKind, UnitLevel
from ykien.core.permissions import SYSTEM
from ykien.national import services
from ykien.national.demo import drafting_body


class Command(BaseCommand):
    help = "Lấy phiếu toàn quốc: tổng hợp phiếu (rollup), tạo dự thảo cho benchmark (bench-draft)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rollup = sub.add_parser("rollup", help="tổng hợp phiếu vào số liệu kết quả")
        rollup.add_argument("--draft", type=int, default=None)
        rollup.add_argument("--every", type=float, default=0.0, help="lặp lại sau bấy nhiêu giây")
        bench = sub.add_parser("bench-draft", help="tạo một dự thảo đang lấy phiếu toàn quốc")
        bench.add_argument("--articles", type=int, default=120)
        bench.add_argument("--days", type=int, default=30)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rollup":
            self._rollup(options["draft"], options["every"])
        else:
            self._bench_draft(options["articles"], options["days"])

    def _rollup(self, draft: int | None, every: float) -> None:
        while True:
            started = time.monotonic()
            if draft is not None:
                counted = {draft: services.rollup(draft_id=draft)}
            else:
                counted = services.rollup_open()
            for draft_id, n in counted.items():
                self.stdout.write(f"draft={draft_id} counted={n}")
            if not every:
                return
            time.sleep(max(0.0, every - (time.monotonic() - started)))

    def _bench_draft(self, articles: int, days: int) -> None:
        if not 1 <= articles <= services.MAX_ARTICLES:
            raise CommandError(f"--articles must be 1–{services.MAX_ARTICLES}")
        today = timezone.localdate()
        central = Unit.objects.filter(level=UnitLevel.CENTRAL, kind=UnitKind.FRONT).first()
        if central is None:
            from ykien.core import services as core_services

            central = core_services.unit_create(
                actor=SYSTEM,
                code="MTTQ-TW",
                name="Ủy ban Trung ương MTTQ Việt Nam",
                level=UnitLevel.CENTRAL,
                kind=UnitKind.FRONT,
                parent=None,
            )
        drafting = drafting_body()
        title = f"Dự thảo đo tải ({articles} điều, {timezone.now():%Y-%m-%d %H:%M:%S})"
        mode = services.national_draft_create(
            actor=SYSTEM,
            unit=central,
            drafting_unit=drafting,
            title=title,
            text=services.draft_text(title=title, articles=articles),
            received_on=today,
            start=today,
            end=today + dt.timedelta(days=days),
        )
        self.stdout.write(str(mode.draft_id))
