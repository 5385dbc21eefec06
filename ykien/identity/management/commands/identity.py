"""`ykien identity mint-token …` — ID tokens signed with the demo provider's key, one per line, for
benchmarks and tests that act as many distinct citizens without a browser (demo provider only:
YKIEN_IDENTITY_DEMO_PROVIDER, on in the demo, development and tests).

    ykien identity mint-token --sub cong-dan-1 --province 01 --birthdate 1990-05-14 --gender male
    ykien identity mint-token --count 1000 --prefix bench-     # 1000 people, provinces in turn
    ykien identity check-token TOKEN                            # what verify_identity_token says
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from ykien.identity import demo
from ykien.identity.errors import IdentityError
from ykien.identity.person import AGE_BANDS, province_codes
from ykien.identity.tokens import verify_identity_token


class Command(BaseCommand):
    help = "Định danh điện tử: tạo mã định danh (ID token) mẫu, kiểm tra một mã định danh."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        mint = sub.add_parser("mint-token", help="tạo ID token ký bằng khóa trình diễn")
        mint.add_argument("--sub", default="", help="mã người dùng tại nhà cung cấp")
        mint.add_argument("--province", default="", help="mã tỉnh (2 chữ số), ví dụ 01, 79, 86")
        mint.add_argument("--birthdate", default=None, help="YYYY-MM-DD")
        mint.add_argument("--age-band", default=None, choices=AGE_BANDS)
        mint.add_argument("--gender", default=None, choices=["male", "female"])
        mint.add_argument("--expires-in", type=int, default=3600, help="giây")
        mint.add_argument("--count", type=int, default=1, help="số người khác nhau")
        mint.add_argument("--prefix", default="bench-", help="tiền tố mã người dùng khi --count")
        check = sub.add_parser("check-token", help="kiểm tra một ID token")
        check.add_argument("token")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "check-token":
            self._check(options["token"])
            return
        try:
            demo.require_demo()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        count = options["count"]
        if count < 1:
            raise CommandError("--count ≥ 1")
        provinces = sorted(province_codes())
        if options["province"] and options["province"].zfill(2) not in provinces:
            raise CommandError(f"--province: one of {', '.join(provinces)}")
        for index in range(count):
            sub = options["sub"] if count == 1 and options["sub"] else f"{options['prefix']}{index}"
            province = options["province"] or provinces[index % len(provinces)]
            token = demo.mint_id_token(
                sub,
                province,
                birthdate=options["birthdate"],
                age_band=options["age_band"],
                gender=options["gender"],
                expires_in=options["expires_in"],
            )
            self.stdout.write(token)

    def _check(self, token: str) -> None:
        try:
            person = verify_identity_token(token.strip())
        except IdentityError as exc:
            with translation.override("vi"):
                sys.stderr.write(f"{exc.reason.value}: {exc.reason.label}\n")
            raise SystemExit(1) from None
        self.stdout.write(
            f"province={person.province_code} age_band={person.age_band or '-'} "
            f"sex={person.sex or '-'} subject_hash={person.subject_hash[:12]}…"
        )
