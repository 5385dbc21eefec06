"""`ykien serve`: the production server (granian, WSGI).

Environment: ``HOST`` (127.0.0.1), ``PORT`` (8000), ``WEB_WORKERS`` (2), ``WEB_THREADS`` (4),
``WEB_BACKLOG`` (1024).
"""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


def run_granian(*, host: str, port: int, workers: int, threads: int) -> None:
    from granian import Granian
    from granian.constants import Interfaces

    server = Granian(
        "ykien.wsgi:application",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        backlog=int(os.environ.get("WEB_BACKLOG", "1024")),
        log_access=os.environ.get("WEB_ACCESS_LOG", "") == "1",
        respawn_failed_workers=True,
    )
    server.serve()


class Command(BaseCommand):
    help = "Chạy máy chủ web (granian, WSGI)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(
            f"Ý Kiến: http://{options['host']}:{options['port']}/ ({options['workers']} workers)"
        )
        run_granian(
            host=options["host"],
            port=options["port"],
            workers=options["workers"],
            threads=options["threads"],
        )
