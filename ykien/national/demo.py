"""Demo data of the national app: a national-level draft (a constitutional amendment of twelve
articles) with its ballot open today (from five days ago, for a month), ballots of the demo
identity provider's citizens (all but the first, who is left to vote in the demo), and a few
hundred more from made-up people in the 34 provinces, rolled up so that the results and the map
show figures. Idempotent; dates relative to the day it is loaded (``DemoDays``)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.conf import settings

from ykien.core.demo import DemoDays
from ykien.core.models import Unit, UnitKind, UnitLevel
from ykien.core.permissions import SYSTEM
from ykien.national import services
from ykien.national.models import NationalMode
from ykien.national.provinces import provinces

TITLE = "Dự thảo Nghị quyết sửa đổi, bổ sung một số điều của Hiến pháp năm 2013"
TOPICS = [
    "Mặt trận Tổ quốc Việt Nam",
    "Quyền và nghĩa vụ của công dân",
    "Tổ chức đơn vị hành chính",
    "Chính quyền địa phương",
    "Hội đồng nhân dân",
    "Ủy ban nhân dân",
    "Công đoàn Việt Nam",
    "Giám sát và phản biện xã hội",
    "Bầu cử đại biểu",
    "Kiểm toán nhà nước",
    "Hiệu lực thi hành",
    "Quy định chuyển tiếp",
]
DRAFTING_CODE = "QH-UBDT"
#: Made-up people who vote in the demo, besides the demo provider's citizens.
EXTRA_BALLOTS = 400


def drafting_body() -> Unit:
    """The national drafting committee of the demo and the benchmark (made when missing)."""
    unit = Unit.objects.filter(code=DRAFTING_CODE).first()
    if unit is None:
        from ykien.core import services as core_services

        unit = core_services.unit_create(
            actor=SYSTEM,
            code=DRAFTING_CODE,
            name="Ủy ban Dự thảo sửa đổi, bổ sung Hiến pháp",
            level=UnitLevel.CENTRAL,
            kind=UnitKind.STATE,
            parent=None,
            valid_from=dt.date(2025, 5, 1),
        )
    return unit


def _people() -> list[Any]:
    """The demo provider's citizens (all but the first) and the made-up voters, as verified
    people; none when no identity provider is configured."""
    from ykien.identity import config
    from ykien.identity.demo import CITIZENS
    from ykien.identity.person import person_from_claims

    provider = config.provider()
    if provider is None:
        return []
    claims = [
        {
            "sub": c.sub,
            settings.OIDC_PROVINCE_CLAIM: c.province_code,
            "birthdate": c.birthdate,
            "gender": c.gender,
        }
        for c in CITIZENS[1:]
    ]
    rng = random.Random(2025)  # noqa: S311 — demo figures, not security
    codes = [p.code for p in provinces()]
    for n in range(EXTRA_BALLOTS):
        claims.append(
            {
                "sub": f"demo-phieu-{n:04d}",
                settings.OIDC_PROVINCE_CLAIM: rng.choice(codes),
                "age_band": rng.choice(["16-24", "25-34", "35-44", "45-54", "55-64", "65+"]),
                "gender": rng.choice(["male", "female"]),
            }
        )
    return [person_from_claims(c, issuer=provider.issuer) for c in claims]


def load(out: Any) -> None:
    if NationalMode.objects.filter(draft__title=TITLE).exists():
        return
    days = DemoDays()
    central = Unit.objects.get(code="MTTQ-TW")
    start = days.ago(5)
    mode = services.national_draft_create(
        actor=SYSTEM,
        unit=central,
        drafting_unit=drafting_body(),
        title=TITLE,
        text=services.draft_text(title=TITLE, articles=len(TOPICS), topics=TOPICS),
        received_on=days.ago(20),
        start=start,
        end=days.today + dt.timedelta(days=25),
    )
    rng = random.Random(15)  # noqa: S311 — demo figures, not security
    numbers = [str(a["number"]) for a in mode.articles]
    people = _people()
    for voter in people:
        lean = rng.random()  # each person leans for or against the draft as a whole
        choices = {}
        for number in numbers:
            roll = rng.random()
            stance = "agree" if roll < lean * 0.9 + 0.1 else ("disagree" if roll < 0.95 else "none")
            comment = ""
            if stance == "disagree" and rng.random() < 0.2:
                comment = f"Đề nghị làm rõ thêm nội dung Điều {number}."
            choices[number] = services.ArticleChoice(stance, comment)
        overall = "agree" if lean > 0.35 else ("disagree" if lean < 0.2 else "none")
        services.ballot_submit(
            draft_id=mode.draft_id, voter=voter, overall=overall, articles=choices, on=days.today
        )
    services.rollup(draft_id=mode.draft_id)
    out.write(f"   lấy phiếu toàn quốc: dự thảo #{mode.draft_id}, {len(people)} phiếu")
