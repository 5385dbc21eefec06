"""`ykien serve`: the production server (granian, WSGI).

Environment: ``HOST`` (127.0.0.1), ``PORT`` (8000), ``WEB_WORKERS`` (2), ``WEB_THREADS`` (4),
``WEB_BACKLOG`` (1024), ``WEB_ACCESS_LOG`` (1 to log each request), ``WEB_KILL_TIMEOUT`` (30:
seconds a worker gets to stop gracefully before it is killed; a worker still starting up when
asked to stop would otherwise keep the server from ever exiting).

A web worker that dies is started again (granian's ``respawn_failed_workers``). Granian also
has a crash-loop guard, not configurable in 2.x: when a respawned worker dies again within
5.5 seconds, the whole server exits, and ``/healthz`` stops answering until someone restarts
it. :func:`server_class` replaces that exit with a capped exponential back-off per worker, so
the other workers keep serving and the failing one is retried. A supervisor (systemd,
``docs/deploy/``) still restarts the server if the process itself ends.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

logger = logging.getLogger("ykien.serve")

# Back-off before respawning a worker that died again soon after its last respawn.
RESPAWN_BACKOFF_FIRST = 1.0
RESPAWN_BACKOFF_MAX = 30.0
# A worker that lived this long since its last respawn was healthy: its back-off starts over.
RESPAWN_HEALTHY_AFTER = 60.0


def respawn_delay(crashes: int) -> float:
    """Seconds to wait before respawning a worker after its ``crashes``-th quick crash."""
    return min(RESPAWN_BACKOFF_MAX, RESPAWN_BACKOFF_FIRST * 2 ** (crashes - 1))


def granian_options(*, host: str, port: int, workers: int, threads: int) -> dict[str, Any]:
    """The keyword arguments ``ykien serve`` gives granian's server."""
    from granian.constants import Interfaces

    return {
        "target": "ykien.wsgi:application",
        "address": host,
        "port": port,
        "interface": Interfaces.WSGI,
        "workers": workers,
        "blocking_threads": threads,
        "backlog": settings.WEB_BACKLOG,
        "log_access": settings.WEB_ACCESS_LOG,
        # A worker that dies is started again, and never brings the server down (server_class).
        "respawn_failed_workers": True,
        "workers_kill_timeout": settings.WEB_KILL_TIMEOUT,
    }


def server_class() -> type:
    """Granian's server, keeping on serving when a worker crashes again and again."""
    from granian.server import Server

    # Overrides granian's internal `_respawn_workers` (2.x): test_serve's real server test
    # tells whether a new granian still behaves.
    class KeepServing(Server):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.crash_streaks: dict[int, int] = {}

        def _respawn_workers(  # type: ignore[no-untyped-def]
            self, workers, spawn_target, target_loader, delay: float = 0
        ):
            # Dead workers (a crash; a reload or a lifetime respawn replaces live ones): one that
            # died soon after its start waits 1, 2, 4 … 30 s, one that lived a while none.
            now = time.monotonic()
            wait = 0.0
            for idx in workers:
                old = self.wrks[idx]
                if old.is_alive():
                    continue
                birth = getattr(old, "birth", None)
                quick = birth is None or now - birth < RESPAWN_HEALTHY_AFTER
                streak = self.crash_streaks.get(idx, 0) + 1 if quick else 0
                self.crash_streaks[idx] = streak
                if streak:
                    wait = max(wait, respawn_delay(streak))
            if wait:
                logger.warning(
                    "Web worker %s died %s s after its start; restarting it in %.0f s",
                    ", ".join(str(idx + 1) for idx in workers),
                    ", ".join(
                        f"{now - getattr(self.wrks[idx], 'birth', now):.0f}" for idx in workers
                    ),
                    wait,
                )
                deadline = now + wait
                while (left := deadline - time.monotonic()) > 0:
                    if self.interrupt_signal:  # stopping: nothing to respawn
                        return None
                    time.sleep(min(0.2, left))
            result = super()._respawn_workers(workers, spawn_target, target_loader, delay=delay)
            # Granian's crash-loop guard exits the whole server when a worker listed here dies
            # within 5.5 s; the back-off above takes its place.
            self.respawned_wrks.clear()
            return result

    return KeepServing


def run_granian(*, host: str, port: int, workers: int, threads: int) -> None:
    options = granian_options(host=host, port=port, workers=workers, threads=threads)
    server = server_class()(**options)
    server.serve()


class Command(BaseCommand):
    help = "Chạy máy chủ web (granian, WSGI)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=settings.WEB_HOST)
        parser.add_argument("--port", type=int, default=settings.WEB_PORT)
        parser.add_argument("--workers", type=int, default=settings.WEB_WORKERS)
        parser.add_argument("--threads", type=int, default=settings.WEB_THREADS)

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
