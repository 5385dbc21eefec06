"""Demo data of the core app: units generated from the ``vietnam-provinces`` and
``vietnamadminunits`` packages, and the demo users. Idempotent: run it as often as you like.

* Trà Vinh province (84) with its nine district-level units as they stood in Q1/2024;
* Bến Tre (83) and the former Vĩnh Long (86), province level only;
* the province of Vĩnh Long formed on 1 July 2025 from those three, with its 124 communes;
* each with its front committee and mass organisations; succession links for the merger;
* each placed on the map (``Unit.lat``/``lng``) at the centre of its area as the
  ``vietnamadminunits`` dataset gives it (``provinceLat``/``Lon``, ``districtLat``/``Lon``,
  ``wardLat``/``Lon``: approximate centroids); the central committee is left without a place.

``DemoDays`` places the other apps' demo data around the day the demo is loaded.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import vietnamadminunits
from django.db import transaction
from django.utils import timezone
from vietnam_provinces import Province, ProvinceCode
from vietnam_provinces.lookup import WARD_MAPPING

from ykien.core import services
from ykien.core.calendar import WorkingCalendar
from ykien.core.models import Role, RoleGrant, Unit, UnitKind, UnitLevel, User
from ykien.core.permissions import SYSTEM

REFORM = dt.date(2025, 7, 1)
BEFORE_REFORM = REFORM - dt.timedelta(days=1)
OLD_START = dt.date(2020, 1, 1)
REFORM_BASIS = "Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh"
DEMO_PASSWORD = "ykien-demo-2026"  # noqa: S105 (printed by `ykien demo`; demo only)

OLD_PROVINCES = {"84": "Trà Vinh", "83": "Bến Tre", "86": "Vĩnh Long"}
NEW_PROVINCE = "86"

# kind → (code prefix, name at province level, at district level, at commune level)
ORGS: dict[str, tuple[str, str, str, str]] = {
    UnitKind.FRONT: (
        "MTTQ",
        "Ủy ban MTTQ Việt Nam tỉnh {n}",
        "Ủy ban MTTQ Việt Nam {t} {n}",
        "Ủy ban MTTQ Việt Nam {t} {n}",
    ),
    UnitKind.YOUTH_UNION: ("DTN", "Tỉnh Đoàn {n}", "{t_cap} Đoàn {n}", "Đoàn Thanh niên {t} {n}"),
    UnitKind.WOMEN_UNION: (
        "HPN",
        "Hội Liên hiệp Phụ nữ tỉnh {n}",
        "Hội Liên hiệp Phụ nữ {t} {n}",
        "Hội Liên hiệp Phụ nữ {t} {n}",
    ),
    UnitKind.FARMERS: (
        "HND",
        "Hội Nông dân tỉnh {n}",
        "Hội Nông dân {t} {n}",
        "Hội Nông dân {t} {n}",
    ),
    UnitKind.VETERANS: (
        "CCB",
        "Hội Cựu chiến binh tỉnh {n}",
        "Hội Cựu chiến binh {t} {n}",
        "Hội Cựu chiến binh {t} {n}",
    ),
    UnitKind.TRADE_UNION: ("LDLD", "Liên đoàn Lao động tỉnh {n}", "Liên đoàn Lao động {t} {n}", ""),
}

STATE_AGENCIES = [
    ("UBND", "Ủy ban nhân dân tỉnh {n}"),
    ("HDND", "Hội đồng nhân dân tỉnh {n}"),
    ("STP", "Sở Tư pháp tỉnh {n}"),
    ("STNMT", "Sở Nông nghiệp và Môi trường tỉnh {n}"),
    ("SXD", "Sở Xây dựng tỉnh {n}"),
]


_LOADING: ContextVar[bool] = ContextVar("ykien_demo_loading", default=False)


@contextmanager
def loading() -> Iterator[None]:
    """While ``ykien demo`` writes the demo's history: the steps it replays are nobody's news,
    so subscribers that tell people (notifications, mail) stay quiet (``is_loading``)."""
    token = _LOADING.set(True)
    try:
        yield
    finally:
        _LOADING.reset(token)


def is_loading() -> bool:
    return _LOADING.get()


class Output(Protocol):
    def write(self, msg: str, /) -> Any: ...


# The day the demo's story after the merger was written for (a Thursday). ``DemoDays`` moves that
# story by whole weeks so that this day falls in the week the demo is loaded; the Q1/2024 Trà
# Vinh records and the merger keep their real dates.
STORY_DAY = dt.date(2026, 11, 26)


class DemoDays:
    """The dates of the demo, relative to the day it is loaded (``today``, the local date unless
    given): nothing in the demo expires, whatever the day. Dates of acts land on working days
    (``core.calendar``: weekends, Tết and the other public holidays skipped); a past act never
    lands after ``today``."""

    def __init__(self, today: dt.date | None = None) -> None:
        self.today = today or timezone.localdate()
        self.calendar = WorkingCalendar()
        # Whole weeks keep the weekdays of the story; rounding down keeps its past in the past.
        self.shift = dt.timedelta(weeks=(self.today - STORY_DAY).days // 7)

    def moved(self, day: dt.date) -> dt.date:
        """A day of the story, moved to the week of the load day (weekday kept)."""
        return day + self.shift

    def past(self, day: dt.date) -> dt.date:
        """A day of the story on or before ``STORY_DAY``, moved: the working day on or before."""
        return min(self.calendar.previous_working_day(self.moved(day)), self.today)

    def ahead(self, day: dt.date) -> dt.date:
        """A day of the story, moved: the working day on or after (a session, a planned date)."""
        return self.calendar.next_working_day(self.moved(day))

    def ago(self, days: int) -> dt.date:
        """The working day on or before ``days`` calendar days before today."""
        return self.calendar.previous_working_day(self.today - dt.timedelta(days=days))

    def working_days_ahead(self, count: int) -> dt.date:
        """``count`` working days after today (``core.calendar``)."""
        return self.calendar.add_working_days(self.today, count)


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    kind: str
    role: str | None
    unit_code: str | None
    valid_from: dt.date
    valid_to: dt.date | None
    what: str


DEMO_USERS = [
    DemoUser(
        "quantri",
        "Quản trị hệ thống",
        User.Kind.ADMIN,
        None,
        None,
        OLD_START,
        None,
        "quản trị viên (trang /quan-tri/)",
    ),
    DemoUser(
        "canbo.tinh",
        "Nguyễn Thị Lan",
        User.Kind.OFFICER,
        Role.OFFICER,
        "MTTQ-86",
        REFORM,
        None,
        "cán bộ Ủy ban MTTQ tỉnh Vĩnh Long (từ 01/7/2025)",
    ),
    DemoUser(
        "lanhdao.tinh",
        "Trần Văn Hùng",
        User.Kind.LEADER,
        Role.LEADER,
        "MTTQ-86",
        REFORM,
        None,
        "lãnh đạo Ủy ban MTTQ tỉnh Vĩnh Long — cần xác thực hai bước",
    ),
    DemoUser(
        "xuly.tinh",
        "Lê Thị Mai",
        User.Kind.OFFICER,
        Role.HANDLER,
        "MTTQ-86",
        REFORM,
        None,
        "cán bộ xử lý đơn thư tỉnh Vĩnh Long — cần xác thực hai bước",
    ),
    DemoUser(
        "canbo.travinh",
        "Thạch Thị Sa Rươne",
        User.Kind.OFFICER,
        Role.OFFICER,
        "MTTQ-84",
        OLD_START,
        BEFORE_REFORM,
        "cán bộ Ủy ban MTTQ tỉnh Trà Vinh (đến 30/6/2025)",
    ),
    DemoUser(
        "lanhdao.travinh",
        "Kiên Thị Hồng",
        User.Kind.LEADER,
        Role.LEADER,
        "MTTQ-84",
        OLD_START,
        BEFORE_REFORM,
        "lãnh đạo Ủy ban MTTQ tỉnh Trà Vinh (đến 30/6/2025)",
    ),
    DemoUser(
        "canbo.canglong",
        "Nguyễn Văn Tư",
        User.Kind.OFFICER,
        Role.OFFICER,
        "MTTQ-844",
        OLD_START,
        BEFORE_REFORM,
        "cán bộ Ủy ban MTTQ huyện Càng Long (đến 30/6/2025)",
    ),
    DemoUser(
        "traloi.ubnd",
        "Phạm Minh Đức",
        User.Kind.RESPONDENT,
        Role.RESPONDENT,
        "UBND-86",
        REFORM,
        None,
        "người trả lời của UBND tỉnh Vĩnh Long",
    ),
    DemoUser(
        "vanphong.tinh",
        "Võ Thị Ngọc Hân",
        User.Kind.OFFICER,
        Role.HEAD_OFFICE,
        "MTTQ-86",
        REFORM,
        None,
        "văn phòng người đứng đầu (lịch và sổ tiếp công dân) tỉnh Vĩnh Long — cần xác thực hai bước",
    ),
    DemoUser(
        "chuyengia",
        "PGS.TS. Võ Thanh Bình",
        User.Kind.EXPERT,
        None,
        None,
        OLD_START,
        None,
        "chuyên gia",
    ),
    DemoUser(
        "congdan", "Huỳnh Văn Nam", User.Kind.CITIZEN, None, None, OLD_START, None, "công dân"
    ),
]


def _dataset() -> sqlite3.Connection:
    path = Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _converter() -> dict:
    path = Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


Point = tuple[Decimal, Decimal] | None


def _point(lat: float | None, lng: float | None) -> Point:
    if lat is None or lng is None:
        return None
    return Decimal(str(lat)).quantize(Decimal("0.000001")), Decimal(str(lng)).quantize(
        Decimal("0.000001")
    )


def _ensure(code: str, point: Point = None, **fields: object) -> Unit:
    """The unit ``code``, created when missing; placed at ``point`` when it has no place yet."""
    unit = Unit.objects.filter(code=code).first()
    lat, lng = point if point is not None else (None, None)
    if unit is None:
        unit = services.unit_create(actor=SYSTEM, code=code, lat=lat, lng=lng, **fields)  # type: ignore[arg-type]
    elif point is not None and unit.lat is None:
        unit = services.unit_update(actor=SYSTEM, unit=unit, lat=lat, lng=lng)
    return unit


def _org_set(
    *,
    area_code: str,
    suffix: str,
    name: str,
    level: str,
    area_type: str,
    parent: Unit | None,
    valid_from: dt.date,
    valid_to: dt.date | None,
    trade_union: bool,
    point: Point = None,
) -> dict[str, Unit]:
    """A front committee and its mass organisations for one administrative area, at ``point``."""
    index = {UnitLevel.PROVINCE: 1, UnitLevel.DISTRICT: 2, UnitLevel.COMMUNE: 3}[level]  # type: ignore[index]
    units: dict[str, Unit] = {}
    t_cap = area_type[:1].upper() + area_type[1:]
    for kind, spec in ORGS.items():
        template = spec[index]
        if not template or (kind == UnitKind.TRADE_UNION and not trade_union):
            continue
        code = f"{spec[0]}-{area_code}{suffix}"
        units[kind] = _ensure(
            code,
            point,
            name=template.format(n=name, t=area_type, t_cap=t_cap),
            level=level,
            kind=kind,
            parent=parent if kind == UnitKind.FRONT else None,
            valid_from=valid_from,
            valid_to=valid_to,
            admin_code=area_code,
        )
    front = units[UnitKind.FRONT]
    for kind, unit in units.items():
        if kind != UnitKind.FRONT and unit.parent_id != front.pk:
            services.unit_move(actor=SYSTEM, unit=unit, parent=front)
    return units


def _link(pred: Unit, succ: Unit) -> None:
    if not pred.succeeded_by.filter(successor=succ).exists():
        services.unit_merge(
            actor=SYSTEM, predecessors=[pred], successor=succ, effective=REFORM, basis=REFORM_BASIS
        )


@transaction.atomic
def load_units(out: Output) -> None:
    central = _ensure(
        "MTTQ-TW",
        name="Ủy ban Trung ương MTTQ Việt Nam",
        level=UnitLevel.CENTRAL,
        kind=UnitKind.FRONT,
        parent=None,
    )
    db = _dataset()

    # Provinces before the reform.
    old: dict[str, dict[str, Unit]] = {}
    old_points = {
        code: _point(lat, lng)
        for code, lat, lng in db.execute(
            "SELECT DISTINCT provinceCode, provinceLat, provinceLon FROM admin_units_legacy"
        ).fetchall()
    }
    for pcode, pname in OLD_PROVINCES.items():
        suffix = "-2025" if pcode == NEW_PROVINCE else ""
        old[pcode] = _org_set(
            point=old_points.get(pcode),
            area_code=pcode,
            suffix=suffix,
            name=pname,
            level=UnitLevel.PROVINCE,
            area_type="tỉnh",
            parent=central,
            valid_from=OLD_START,
            valid_to=BEFORE_REFORM,
            trade_union=True,
        )
        for prefix, template in STATE_AGENCIES:
            _ensure(
                f"{prefix}-{pcode}{suffix}",
                old_points.get(pcode),
                name=template.format(n=pname),
                level=UnitLevel.PROVINCE,
                kind=UnitKind.STATE,
                parent=old[pcode][UnitKind.FRONT],
                valid_from=OLD_START,
                valid_to=BEFORE_REFORM,
                admin_code=pcode,
            )
    tv_front = old["84"][UnitKind.FRONT]
    _ensure(
        "DUK-84",
        old_points.get("84"),
        name="Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh Trà Vinh",
        level=UnitLevel.PROVINCE,
        kind=UnitKind.PARTY,
        parent=tv_front,
        valid_from=OLD_START,
        valid_to=BEFORE_REFORM,
        admin_code="84",
    )

    # Trà Vinh's district-level units as in Q1/2024.
    districts: dict[str, dict[str, Unit]] = {}
    rows = db.execute(
        "SELECT DISTINCT district, districtShort, districtType, districtCode, districtKey, "
        "districtLat, districtLon FROM admin_units_legacy "
        "WHERE provinceCode = '84' ORDER BY districtCode"
    ).fetchall()
    for full, short, dtype, dcode, dkey, dlat, dlng in rows:
        area_type = dtype.lower()
        units = _org_set(
            point=_point(dlat, dlng),
            area_code=dcode,
            suffix="",
            name=short,
            level=UnitLevel.DISTRICT,
            area_type=area_type,
            parent=tv_front,
            valid_from=OLD_START,
            valid_to=BEFORE_REFORM,
            trade_union=True,
        )
        _ensure(
            f"HU-{dcode}",
            _point(dlat, dlng),
            name=f"{'Thành' if area_type == 'thành phố' else 'Thị' if area_type == 'thị xã' else 'Huyện'} ủy {short}",
            level=UnitLevel.DISTRICT,
            kind=UnitKind.PARTY,
            parent=units[UnitKind.FRONT],
            valid_from=OLD_START,
            valid_to=BEFORE_REFORM,
            admin_code=dcode,
        )
        districts[dkey] = units
        out.write(f"  {full}\n")

    # The province of Vĩnh Long from 1 July 2025, with its communes.
    province = Province.from_code(ProvinceCode(int(NEW_PROVINCE)))
    new_point = _point(
        *db.execute(
            "SELECT provinceLat, provinceLon FROM admin_units WHERE provinceCode = ? LIMIT 1",
            (NEW_PROVINCE,),
        ).fetchone()
    )
    new = _org_set(
        point=new_point,
        area_code=NEW_PROVINCE,
        suffix="",
        name=province.name,
        level=UnitLevel.PROVINCE,
        area_type="tỉnh",
        parent=central,
        valid_from=REFORM,
        valid_to=None,
        trade_union=True,
    )
    for prefix, template in STATE_AGENCIES:
        agency = _ensure(
            f"{prefix}-{NEW_PROVINCE}",
            new_point,
            name=template.format(n=province.name),
            level=UnitLevel.PROVINCE,
            kind=UnitKind.STATE,
            parent=new[UnitKind.FRONT],
            valid_from=REFORM,
            admin_code=NEW_PROVINCE,
        )
        for pcode in OLD_PROVINCES:
            suffix = "-2025" if pcode == NEW_PROVINCE else ""
            _link(Unit.objects.get(code=f"{prefix}-{pcode}{suffix}"), agency)
    for pcode in OLD_PROVINCES:
        for kind, unit in old[pcode].items():
            _link(unit, new[kind])

    key_to_code = dict(
        db.execute(
            "SELECT wardKey, wardCode FROM admin_units WHERE provinceCode = ?", (NEW_PROVINCE,)
        ).fetchall()
    )
    ward_points = {
        str(int(code)): _point(lat, lng)
        for code, lat, lng in db.execute(
            "SELECT wardCode, wardLat, wardLon FROM admin_units WHERE provinceCode = ?",
            (NEW_PROVINCE,),
        ).fetchall()
    }
    communes: dict[str, dict[str, Unit]] = {}
    wards = sorted(
        (w for w in WARD_MAPPING.values() if int(w.province_code) == int(NEW_PROVINCE)),
        key=lambda w: int(w.code),
    )
    for i, ward in enumerate(wards):
        wtype = ward.division_type.value  # xã / phường / đặc khu
        short = ward.name.split(" ", 1)[1] if ward.name.lower().startswith(wtype) else ward.name
        units = _org_set(
            point=ward_points.get(str(int(ward.code))),
            area_code=str(int(ward.code)),
            suffix="",
            name=short,
            level=UnitLevel.COMMUNE,
            area_type=wtype,
            parent=new[UnitKind.FRONT],
            valid_from=REFORM,
            valid_to=None,
            trade_union=False,
        )
        communes[str(int(ward.code))] = units
        if i < 3:  # boards of a few communes, for the supervision demo
            front = units[UnitKind.FRONT]
            _ensure(
                f"BTTND-{int(ward.code)}",
                ward_points.get(str(int(ward.code))),
                name=f"Ban Thanh tra nhân dân {wtype} {short}",
                level=UnitLevel.COMMUNE,
                kind=UnitKind.INSPECTION_BOARD,
                parent=front,
                valid_from=REFORM,
                admin_code=str(int(ward.code)),
            )
            _ensure(
                f"BGSDT-{int(ward.code)}",
                ward_points.get(str(int(ward.code))),
                name=f"Ban Giám sát đầu tư của cộng đồng {wtype} {short}",
                level=UnitLevel.COMMUNE,
                kind=UnitKind.INVESTMENT_BOARD,
                parent=front,
                valid_from=REFORM,
                admin_code=str(int(ward.code)),
            )

    # Trà Vinh's districts → the new communes that took over their wards.
    conv = _converter()
    successors: dict[str, set[str]] = defaultdict(set)
    for new_key, old_keys in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].get("tinhvinhlong", {}).items():
        for old_key in old_keys:
            prov, dkey, _ward = old_key.split("_", 2)
            if prov == "tinhtravinh" and new_key in key_to_code:
                successors[dkey].add(str(key_to_code[new_key]))
    for old_key, parts in conv["DICT_PROVINCE_WARD_DIVIDED"].get("tinhvinhlong", {}).items():
        prov, dkey, _ward = old_key.split("_", 2)
        if prov == "tinhtravinh":
            for part in parts:
                if part["newWardKey"] in key_to_code:
                    successors[dkey].add(str(key_to_code[part["newWardKey"]]))
    for dkey, units in districts.items():
        for ward_code in sorted(successors.get(dkey, ())):
            for kind, unit in units.items():
                target = communes.get(ward_code, {}).get(kind)
                if target is not None:
                    _link(unit, target)
    db.close()
    out.write(
        f"Đơn vị: {Unit.objects.count()} (trong đó {len(communes)} xã, phường của tỉnh Vĩnh Long mới)\n"
    )


BACKUP_DEVICE = "Mã dự phòng (demo)"
BACKUP_CODES = 5


def _backup_codes(user: User) -> list[str]:
    """The user's demo backup codes, as stored. Idempotent: existing codes are kept as they are;
    only codes used up since the last run are replaced, to keep five."""
    from django_otp.plugins.otp_static.models import StaticDevice

    device = StaticDevice.objects.filter(user=user, name=BACKUP_DEVICE).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE)
    for _i in range(BACKUP_CODES - device.token_set.count()):
        device.token_set.create(token=device.token_set.model.random_token())
    return list(device.token_set.order_by("pk").values_list("token", flat=True))


# Stored password hashes already known to be of DEMO_PASSWORD in this process: other apps'
# loaders call ``load_users`` again, and each check costs a full PBKDF2 (about a second).
_DEMO_HASHES: set[str] = set()


@transaction.atomic
def load_users(out: Output) -> list[tuple[DemoUser, list[str]]]:
    """Create the demo users (password reset to the demo password when changed) and return, for
    the users whose role needs two-factor authentication, their backup codes. Idempotent: running
    it again keeps the users, grants, devices and codes (other apps' loaders call it too)."""
    printed = []
    for spec in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "full_name": spec.full_name,
                "kind": spec.kind,
                "email": f"{spec.username}@demo.ykien.vn",
            },
        )
        if created or (
            user.password not in _DEMO_HASHES and not user.check_password(DEMO_PASSWORD)
        ):
            user.set_password(DEMO_PASSWORD)
        _DEMO_HASHES.add(user.password)
        if spec.kind == User.Kind.ADMIN:
            user.is_staff = user.is_superuser = True
        user.save()
        if spec.role and spec.unit_code:
            unit = Unit.objects.get(code=spec.unit_code)
            if not RoleGrant.objects.filter(user=user, unit=unit, role=spec.role).exists():
                services.role_grant(
                    actor=SYSTEM,
                    user=user,
                    unit=unit,
                    role=spec.role,
                    valid_from=spec.valid_from,
                    valid_to=spec.valid_to,
                    note="demo",
                )
        codes = _backup_codes(user) if spec.role in Role.confidential() else []
        printed.append((spec, codes))
    return printed


def demo_logins() -> list[tuple[DemoUser, list[str]]]:
    """What `ykien demo` prints, read back from the database after every loader ran: each demo
    user with the backup codes that are stored (so exactly the codes that work)."""
    from django_otp.plugins.otp_static.models import StaticToken

    logins = []
    for spec in DEMO_USERS:
        codes: list[str] = []
        if spec.role in Role.confidential():
            codes = list(
                StaticToken.objects.filter(
                    device__user__username=spec.username, device__name=BACKUP_DEVICE
                )
                .order_by("pk")
                .values_list("token", flat=True)
            )
        logins.append((spec, codes))
    return logins


def load(out: Output) -> None:
    """Core's demo data: the units, then the demo users (other apps' loaders may use both)."""
    load_units(out)
    load_users(out)
