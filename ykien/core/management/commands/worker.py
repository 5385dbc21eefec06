"""`ykien worker`: run background tasks (django-tasks, database backend).

django-tasks-db's worker ends its process on a database error it does not expect, such as
SQLite's "database is locked" while a backup or a long write holds the lock, or a PostgreSQL
restart; background tasks then stopped until someone restarted it. Here the worker's loop is
run again after such an error, with a capped exponential back-off, and each retry is logged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandParser
from django.db import InterfaceError, OperationalError
from django.utils.crypto import get_random_string
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger("ykien.worker")

# Back-off after consecutive database errors: 1, 2, 4, … seconds, at most a minute.
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 60.0
# A loop that ran this long before failing was healthy: the back-off starts again from the first.
HEALTHY_AFTER = 300.0

RETRYABLE = (OperationalError, InterfaceError)


def backoff_delay(failures: int) -> float:
    """Seconds to wait after the ``failures``-th consecutive error (1-based)."""
    return min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** (failures - 1))


def run_resilient(
    step: Callable[[], None],
    *,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Call ``step`` (the worker's loop) until it returns; after a database error wait (capped
    exponential back-off, logged) and call it again (the loop itself closes a broken connection
    first thing). Any other exception, and SystemExit from the worker's signal handlers (SIGTERM
    during the wait), ends the process as before."""
    failures = 0
    while True:
        started = clock()
        try:
            step()
        except RETRYABLE as exc:
            if clock() - started >= HEALTHY_AFTER:
                failures = 0
            failures += 1
            delay = backoff_delay(failures)
            logger.warning(
                "Database error in the task worker (%s: %s); retry %d in %.0f s",
                type(exc).__name__,
                exc,
                failures,
                delay,
            )
            (sleep or time.sleep)(delay)
        else:
            return


class Command(BaseCommand):
    help = "Chạy tác vụ nền (django-tasks, lưu trong cơ sở dữ liệu)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue-name", default="*")
        parser.add_argument("--batch", action="store_true", help="xử lý hết hàng đợi rồi dừng")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args: Any, **options: Any) -> None:
        # The task log (started, finished, failed) as `db_worker` prints it.
        DbWorkerCommand(
            stdout=cast(TextIO, self.stdout), stderr=cast(TextIO, self.stderr)
        ).configure_logging(options["verbosity"])
        worker = Worker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=not options["batch"],
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()

        def step() -> None:
            try:
                worker.run()
            finally:
                worker.startup_delay = False  # the random start-up delay only once

        run_resilient(step)
