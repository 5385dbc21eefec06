"""`ykien demo [--port N] [--no-serve]`: migrate, load the demo data (idempotent), print the
demo logins, then serve the site with a background worker. Honours ``DATABASE_URL``; unless
``SITE_URL`` is set in the environment, the links the demo makes (expert invitations, e-mails,
receipts) point at the demo's own address, ``http://127.0.0.1:N``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from ykien.core import apps_manifest
from ykien.core.demo import DEMO_PASSWORD, demo_logins, loading


def demo_loaders() -> list[tuple[str, Any]]:
    """Each app's ``demo.load(out)``, in the order of INSTALLED_APPS (core first)."""
    return apps_manifest.provided("demo", "load")


def site_url(host: str, port: int) -> str:
    """The address a browser on this machine uses for the demo server."""
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 (a bind-all address is not a browsable host)
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def use_site_url(url: str) -> str:
    """Make ``url`` the site URL of this process and of the processes it starts (web workers,
    the task worker), unless ``SITE_URL`` is set in the environment. Returns the URL in use."""
    if settings.SITE_URL_EXPORTED:
        return settings.SITE_URL
    os.environ["SITE_URL"] = url
    settings.SITE_URL = url
    return url


class Command(BaseCommand):
    help = "Chạy bản trình diễn: tạo CSDL, nạp dữ liệu mẫu, in tài khoản và phục vụ trang web."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=settings.WEB_PORT)
        parser.add_argument("--host", default=settings.WEB_HOST)
        parser.add_argument(
            "--no-serve", action="store_true", help="chỉ nạp dữ liệu, không chạy máy chủ"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        url = site_url(options["host"], options["port"])
        use_site_url(url)
        self.stdout.write("== Ý Kiến: chuẩn bị cơ sở dữ liệu ==")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        with loading():
            for label, load in demo_loaders():
                self.stdout.write(f"-- dữ liệu mẫu: {label}")
                load(self.stdout)
        users = demo_logins()
        self.stdout.write("")
        self.stdout.write("== Tài khoản trình diễn / demo logins ==")
        self.stdout.write(f"Mật khẩu chung / password: {DEMO_PASSWORD}")
        for spec, codes in users:
            line = f"  {spec.username:<16} {spec.what}"
            if codes:
                line += f"\n  {'':<16} mã dự phòng 2FA / backup codes: {' '.join(codes)}"
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(f"Trang web / site: {url}/   Quản trị / admin: {url}/quan-tri/")
        if options["no_serve"]:
            return
        self.stdout.flush()
        worker = subprocess.Popen(
            [sys.executable, "-m", "ykien.cli", "worker"], env=os.environ.copy()
        )
        try:
            from ykien.core.management.commands.serve import run_granian

            run_granian(
                host=options["host"],
                port=options["port"],
                workers=settings.WEB_WORKERS,
                threads=settings.WEB_THREADS,
            )
        finally:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
