"""Demo data of citizen reception, built through the services:

* Trà Vinh, 2024: the chairman of Càng Long district's People's Committee and the district's
  Party secretary (the district level still existed), with their reception days from January to
  June 2024; the chairman held only one of the two days the law asks in March (one missed).
* Vĩnh Long, relative to the load day (``core.demo.DemoDays``): the chairman and the Party
  secretary of a commune formed on 1 July 2025, their reception days of the last three months and
  the coming weeks; the secretary held none of last month's days (one missed, one delegated to a
  deputy), which the supervision view flags. The chairman's last session has its log: a walk-in
  whose complaint became a petition, a group of households with its representatives; a citizen
  registered ahead for the next session.

Idempotent: nothing is added when the commune already has a head on the calendar.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ykien.core.calendar import WorkingCalendar
from ykien.core.demo import DemoDays, Output
from ykien.core.models import Unit
from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.core.unit_titles import area_word, head_title
from ykien.reception import services
from ykien.reception.models import Head, Office, Session, SessionStatus

D = dt.date
HELD, MISSED, DELEGATED = SessionStatus.HELD, SessionStatus.MISSED, SessionStatus.DELEGATED
# The deputies who receive in a head's place; their titles follow the unit's kind of area (a
# ward's deputy is "Phó Chủ tịch UBND phường …", never "… xã").
DEPUTY = ("party_standing_deputy", "Huỳnh Thanh Phong")
CHAIR_DEPUTY = ("pc_vice_chair_short", "Trần Văn Lợi")


def deputy_name(head: Head) -> str:
    """The deputy (title and name) who receives in ``head``'s place."""
    office, name = CHAIR_DEPUTY if head.office == Office.PC_CHAIR else DEPUTY
    return f"{head_title(head.unit, office)} {name}"


def _head(unit: Unit, office: str, name: str, title: str, start: D, end: D | None) -> Head:
    return services.head_create(
        actor=SYSTEM,
        unit=unit,
        office=office,
        name=name,
        title=title,
        valid_from=start,
        valid_to=end,
    )


def _session(head: Head, day: D, place: str, to: str | None = None) -> Session:
    session = services.session_schedule(
        actor=SYSTEM, head=head, day=day, starts_at=dt.time(7, 30), place=place
    )
    if to is not None:
        deputy = deputy_name(head) if to == DELEGATED else ""
        session = services.session_transition(
            actor=SYSTEM, session=session, to=to, deputy_name=deputy
        )
    return session


def _tra_vinh(out: Output) -> None:
    district = Unit.objects.filter(code="MTTQ-844").first()
    if district is None:
        return
    end = D(2025, 6, 30)
    chair = _head(
        district,
        Office.PC_CHAIR,
        "Nguyễn Minh Thành",
        "Chủ tịch UBND huyện Càng Long",
        D(2021, 7, 1),
        end,
    )
    secretary = _head(
        district,
        Office.PARTY_SECRETARY,
        "Trần Văn Hùng",
        "Bí thư Huyện ủy Càng Long",
        D(2020, 10, 15),
        end,
    )
    days = WorkingCalendar()
    place = "Trụ sở Tiếp công dân huyện Càng Long"
    for month in range(1, 7):
        first = days.next_working_day(D(2024, month, 10))
        second = days.next_working_day(D(2024, month, 24))
        _session(chair, first, place, HELD)
        _session(chair, second, place, MISSED if month == 3 else HELD)
        _session(secretary, days.next_working_day(D(2024, month, 17)), place, HELD)
    out.write("  Huyện Càng Long 2024: tháng 03/2024 Chủ tịch UBND huyện tiếp thiếu 1 buổi\n")


def _month_days(today: D, back: int) -> tuple[D, D]:
    """The 8th and the 22nd (or the next working days) of the month ``back`` months ago."""
    year, month = today.year, today.month - back
    while month < 1:
        year, month = year - 1, month + 12
    days = WorkingCalendar()
    return days.next_working_day(D(year, month, 8)), days.next_working_day(D(year, month, 22))


def _log(head: Head, session: Session) -> None:
    services.entry_record(
        actor=SYSTEM,
        head=head,
        day=session.day,
        visit="walk_in",
        identity=SenderIdentity(
            name="Thạch Văn Sóc", phone="0918123456", id_number="084080012345", address="Ấp 3"
        ),
        content="Khiếu nại quyết định thu hồi đất làm đường liên ấp, chưa được bồi thường cây "
        "trồng trên đất.",
        conclusion="Giao Phòng Kinh tế kiểm tra hồ sơ bồi thường, trả lời theo Luật Khiếu nại.",
        petitions=[
            services.PetitionDraft(
                kind="complaint",
                subject="Khiếu nại bồi thường cây trồng khi thu hồi đất làm đường",
                content="Công dân khiếu nại tại buổi tiếp công dân của "
                f"{head_title(head.unit, 'pc_chair_short')}: "
                "chưa được bồi thường cây trồng trên phần đất bị thu hồi làm đường liên ấp.",
            )
        ],
    )
    services.entry_record(
        actor=SYSTEM,
        head=head,
        day=session.day,
        visit="walk_in",
        identity=SenderIdentity(name="Lê Văn Út", phone="0939555111", address="Ấp Bình Hòa"),
        content="Đoàn 14 hộ dân ấp Bình Hòa phản ánh cống thoát nước bị nghẹt gây ngập.",
        conclusion=f"{area_word(head.unit).capitalize()} nạo vét cống trong tháng; cán bộ địa chính báo kết quả cho đại diện đoàn.",
        group_size=14,
        representatives=["Lê Văn Út", "Nguyễn Thị Bé Sáu"],
    )


def _vinh_long(out: Output, commune: Unit) -> None:
    since = D(2025, 7, 1)
    area = commune.name.replace("Ủy ban MTTQ Việt Nam ", "").replace("Ủy ban MTTQ ", "")
    chair = _head(
        commune, Office.PC_CHAIR, "Nguyễn Văn Thành", f"Chủ tịch UBND {area}", since, None
    )
    secretary = _head(
        commune, Office.PARTY_SECRETARY, "Lâm Thị Kim Phượng", f"Bí thư Đảng ủy {area}", since, None
    )
    place = f"Trụ sở UBND {area}"
    demo = DemoDays()
    today = demo.today
    last: Session | None = None
    for back in (3, 2, 1):
        first, second = _month_days(today, back)
        _session(chair, first, place, HELD)
        last = _session(chair, second, place, HELD)
        _session(secretary, first, place, MISSED if back == 1 else HELD)
        _session(secretary, second, place, DELEGATED if back == 1 else HELD)
    # Two months ago the chairman also had a deputy receive in his place: from 1 July 2026 (the
    # 2025 amendment of Luật Tiếp công dân) the supervision flags it though the minimum is met.
    first, _second = _month_days(today, 2)
    _session(
        chair, WorkingCalendar().next_working_day(first + dt.timedelta(days=7)), place, DELEGATED
    )
    if last is not None:
        _log(chair, last)
    coming = _session(chair, demo.working_days_ahead(5), place)
    _session(secretary, demo.working_days_ahead(8), place)
    _session(chair, demo.working_days_ahead(15), place)
    services.registration_submit(
        session=coming,
        identity=SenderIdentity(name="Huỳnh Văn Nam", phone="0907000111", address="Ấp 1"),
        subject=f"Đề nghị {area_word(commune)} cho biết tiến độ cấp giấy chứng nhận quyền sử dụng đất sau sáp nhập.",
    )
    out.write(
        f"  {area}: Bí thư Đảng ủy không trực tiếp tiếp buổi nào trong tháng trước "
        "(1 buổi không tiếp, 1 buổi ủy quyền cấp phó)\n"
    )
    out.write(
        f"  {area}: Chủ tịch UBND ủy quyền cấp phó tiếp 1 buổi hai tháng trước "
        "(từ 01/7/2026 không được ủy quyền)\n"
    )


def load(out: Output) -> None:
    province = Unit.objects.filter(code="MTTQ-86").first()
    front = (
        Unit.objects.filter(code__startswith="BTTND-", parent__parent=province)
        .order_by("code")
        .values_list("parent", flat=True)
        .first()
        if province is not None
        else None
    )
    commune = Unit.objects.filter(pk=front).first() if front else None
    if commune is None:
        out.write("Tiếp công dân: chưa có xã của tỉnh Vĩnh Long, bỏ qua.\n")
        return
    if Head.objects.filter(unit=commune).exists():
        out.write("Tiếp công dân: dữ liệu mẫu đã có.\n")
        return
    out.write("Tiếp công dân:\n")
    with transaction.atomic():
        _tra_vinh(out)
        _vinh_long(out, commune)
