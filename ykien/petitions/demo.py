"""Demo data of the petitions app: categories, an Open311 key, and the year of petitions up to the
day the demo is loaded (not before the province was formed on 1 July 2025) for the new Vĩnh Long
province: every kind, unit and state, some overdue, some merged, some transferred, denunciations
with protected identities.

Idempotent: petitions are generated only when the province has none. Each step goes through the
services as the system (``SYSTEM``), with the services' "today" set to the day the step
happened (``services.as_of``), so deadlines, events and
audit rows are what they would have been.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any, Protocol

from django.db import transaction

from ykien.core import apikeys
from ykien.core.models import Unit, User
from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.core.selectors import today as real_today
from ykien.petitions import lifecycle, services
from ykien.petitions.models import Channel, Kind, Petition, ServiceCategory, Status

PROVINCE = "MTTQ-86"
FORMED = dt.date(2025, 7, 1)  # the province of Vĩnh Long after the merger
SEED = 2026

CATEGORIES = [
    (
        "giao-thong",
        "Giao thông, đường sá, cầu cống",
        "hạ tầng",
        "đường, cầu, cống, đèn đường",
        "SXD-86",
    ),
    (
        "moi-truong",
        "Môi trường, rác thải, ô nhiễm",
        "môi trường",
        "rác, nước thải, khói, tiếng ồn",
        "STNMT-86",
    ),
    (
        "dat-dai",
        "Đất đai, xây dựng",
        "đất đai",
        "đất, sổ đỏ, giải phóng mặt bằng, xây dựng",
        "STNMT-86",
    ),
    (
        "chinh-sach-xa-hoi",
        "Chính sách xã hội, người có công",
        "xã hội",
        "trợ cấp, hộ nghèo, bảo hiểm y tế",
        "UBND-86",
    ),
]

SUBJECTS: dict[str, list[tuple[str, str, str]]] = {
    Kind.REPORT: [
        (
            "giao-thong",
            "Đường liên ấp xuống cấp",
            "Đoạn đường liên ấp dài khoảng 2 km bị sụt lún, nhiều ổ gà; mùa mưa xe cộ đi lại rất khó khăn, học sinh đi học nguy hiểm.",
        ),
        (
            "giao-thong",
            "Cầu khỉ cần thay bằng cầu bê tông",
            "Cây cầu khỉ bắc qua kênh đã mục, mỗi ngày có hàng chục người dân và học sinh qua lại. Đề nghị địa phương sớm thay bằng cầu bê tông.",
        ),
        (
            "moi-truong",
            "Bãi rác tự phát gây ô nhiễm",
            "Bãi rác tự phát cạnh chợ xã bốc mùi hôi thối, ruồi nhặng nhiều, ảnh hưởng sức khỏe người dân xung quanh.",
        ),
        (
            "moi-truong",
            "Cơ sở chế biến xả nước thải ra kênh",
            "Cơ sở chế biến thủy sản xả nước thải chưa qua xử lý ra kênh thủy lợi, cá chết, nước có mùi.",
        ),
        (
            "",
            "Đèn đường không sáng nhiều tháng",
            "Tuyến đèn chiếu sáng công cộng trên đường trung tâm xã không sáng đã nhiều tháng, ban đêm rất tối.",
        ),
    ],
    Kind.REQUEST: [
        (
            "chinh-sach-xa-hoi",
            "Đề nghị xem xét hộ cận nghèo",
            "Gia đình tôi có hoàn cảnh khó khăn, chồng bệnh nặng, đề nghị xã xem xét đưa vào danh sách hộ cận nghèo để được hỗ trợ bảo hiểm y tế.",
        ),
        (
            "chinh-sach-xa-hoi",
            "Kiến nghị rút ngắn thủ tục trợ cấp",
            "Thủ tục hưởng trợ cấp người cao tuổi còn nhiều giấy tờ, đề nghị đơn giản hóa và cho nộp trực tuyến.",
        ),
        (
            "dat-dai",
            "Kiến nghị công khai quy hoạch sử dụng đất",
            "Đề nghị công khai bản đồ quy hoạch sử dụng đất của xã tại trụ sở và trên mạng để người dân biết.",
        ),
        (
            "",
            "Kiến nghị mở lớp dạy nghề cho thanh niên",
            "Đề nghị Đoàn Thanh niên phối hợp mở lớp dạy nghề sửa chữa máy nông nghiệp cho thanh niên nông thôn.",
        ),
    ],
    Kind.COMPLAINT: [
        (
            "dat-dai",
            "Khiếu nại quyết định thu hồi đất",
            "Tôi khiếu nại quyết định thu hồi đất của UBND xã vì giá bồi thường thấp hơn giá thị trường và chưa tính tài sản trên đất.",
        ),
        (
            "dat-dai",
            "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
            "Hồ sơ cấp giấy chứng nhận của gia đình tôi bị trả lại không rõ lý do dù đã đủ giấy tờ theo hướng dẫn.",
        ),
        (
            "chinh-sach-xa-hoi",
            "Khiếu nại việc cắt trợ cấp",
            "Mẹ tôi bị cắt trợ cấp người có công mà không được thông báo, đề nghị xem xét lại.",
        ),
    ],
    Kind.DENUNCIATION: [
        (
            "dat-dai",
            "Tố cáo cán bộ địa chính nhận tiền",
            "Tôi tố cáo cán bộ địa chính xã nhận tiền của người dân để làm nhanh hồ sơ đất đai, có người chứng kiến.",
        ),
        (
            "chinh-sach-xa-hoi",
            "Tố cáo lập danh sách hộ nghèo sai",
            "Tố cáo trưởng ấp đưa người thân không thuộc diện hộ nghèo vào danh sách để hưởng hỗ trợ.",
        ),
        (
            "giao-thong",
            "Tố cáo thi công sai thiết kế",
            "Tố cáo nhà thầu thi công đường bê tông ấp mỏng hơn thiết kế, có dấu hiệu thông đồng với giám sát.",
        ),
    ],
}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Thạch", "Kim", "Sơn", "Dương", "Lâm"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hữu"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Hạnh",
    "Khánh",
    "Lợi",
    "Mai",
    "Nhân",
    "Phúc",
    "Sương",
    "Tâm",
    "Út",
    "Xuân",
]
ANSWERS = {
    Kind.REPORT: "UBND xã đã kiểm tra thực tế, bố trí kinh phí và giao đơn vị thi công khắc phục trong tháng.",
    Kind.REQUEST: "Kiến nghị đã được chuyển cơ quan chuyên môn nghiên cứu; kết quả sẽ được thông báo tại trụ sở xã.",
    Kind.COMPLAINT: "Đã ban hành quyết định giải quyết khiếu nại lần đầu; ông/bà có quyền khiếu nại lần hai hoặc khởi kiện theo quy định.",
    Kind.DENUNCIATION: "Đã ban hành kết luận nội dung tố cáo và xử lý người vi phạm theo quy định; thông báo kết quả gửi người tố cáo.",
}


class Output(Protocol):
    def write(self, msg: str, /) -> Any: ...


def _identity(rng: random.Random, index: int) -> SenderIdentity:
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return SenderIdentity(
        name=name,
        id_number=f"0{rng.choice(['84', '86', '83'])}{rng.randint(100000000, 199999999)}",
        phone=f"09{rng.randint(10000000, 99999999)}",
        email=f"nguoidan{index}@example.vn" if rng.random() < 0.4 else "",
        address=f"Ấp {rng.randint(1, 9)}, tỉnh Vĩnh Long",
    )


def load_categories() -> dict[str, ServiceCategory]:
    result = {}
    for order, (code, name, group, keywords, unit_code) in enumerate(CATEGORIES, start=1):
        category, _created = ServiceCategory.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "group": group,
                "keywords": keywords,
                "description": name,
                "default_unit": Unit.objects.filter(code=unit_code).first(),
                "order": order,
            },
        )
        result[code] = category
    return result


def _advance(
    p: Petition,
    rng: random.Random,
    received: dt.date,
    today: dt.date,
    units: dict[str, Unit],
    handler: User | None,
) -> Petition:
    """Take a petition through the steps its age allows, with some overdue on purpose."""
    age = (today - received).days
    roll = rng.random()
    step = received + dt.timedelta(days=rng.randint(1, 6))
    if step >= today:
        return p
    with services.as_of(step):
        if handler is not None and rng.random() < 0.85:
            p = services.petition_assign(actor=SYSTEM, petition=p, handler=handler)
        if roll < 0.06:
            ground = lifecycle.grounds_for(p.kind)[0]
            return services.petition_refuse(
                actor=SYSTEM, petition=p, ground=ground.code, note="demo"
            )
        if roll < 0.12 and "UBND" in units:
            p = services.petition_transfer(
                actor=SYSTEM, petition=p, to_unit=units["UBND"], note="Thuộc thẩm quyền UBND tỉnh"
            )
            if rng.random() < 0.5:
                return p
        if age < 12 and roll < 0.6:
            return p  # still waiting for acceptance
        p = services.petition_accept(actor=SYSTEM, petition=p)
    if p.kind in (Kind.COMPLAINT, Kind.DENUNCIATION) and rng.random() < 0.3:
        with services.as_of(step + dt.timedelta(days=10)):
            if step + dt.timedelta(days=10) < today:
                p = services.petition_extend(
                    actor=SYSTEM, petition=p, reason="Vụ việc phức tạp, cần xác minh thêm"
                )
    if p.settle_due is None or p.accepted_on is None:
        return p
    late = rng.random() < 0.15
    settle_day = (
        p.settle_due + dt.timedelta(days=rng.randint(1, 20))
        if late
        else (
            p.accepted_on
            + dt.timedelta(days=rng.randint(3, max(4, (p.settle_due - p.accepted_on).days)))  # type: ignore[operator]
        )
    )
    if settle_day >= today or (rng.random() < 0.12 and age < 200):
        return p  # open: on time or overdue
    with services.as_of(settle_day):
        p = services.petition_settle(
            actor=SYSTEM, petition=p, conclusion="Đã xác minh, có kết quả giải quyết."
        )
    answer_day = settle_day + dt.timedelta(days=rng.randint(0, 3))
    if answer_day >= today:
        return p
    with services.as_of(answer_day):
        p = services.petition_answer(actor=SYSTEM, petition=p, answer=ANSWERS[Kind(p.kind)])
    if rng.random() < 0.6:
        p = services.petition_rate(
            actor=SYSTEM, petition=p, rating=rng.choice([2, 3, 4, 4, 5, 5]), comment=""
        )
    return p


@transaction.atomic
def load_petitions(out: Output, count: int = 320) -> None:
    province = Unit.objects.filter(code=PROVINCE).first()
    if province is None or Petition.objects.filter(unit__path__startswith=province.path).exists():
        return
    rng = random.Random(SEED)  # noqa: S311 (demo data, not security)
    today = real_today()
    categories = load_categories()
    communes = list(
        Unit.objects.filter(parent=province, kind="front", valid_to__isnull=True).order_by("code")[
            :8
        ]
    )
    targets = [province, province, province, *communes]
    units = (
        {"UBND": Unit.objects.get(code="UBND-86")}
        if Unit.objects.filter(code="UBND-86").exists()
        else {}
    )
    handler = User.objects.filter(username="xuly.tinh").first()
    if handler is None:  # `ykien demo` creates the demo users after the apps' data
        from ykien.core.demo import load_users

        load_users(out)
        handler = User.objects.filter(username="xuly.tinh").first()
    start = max(today - dt.timedelta(days=365), FORMED)
    span = (today - start).days
    kinds = [Kind.REPORT] * 5 + [Kind.REQUEST] * 3 + [Kind.COMPLAINT] * 2 + [Kind.DENUNCIATION] * 2
    made = 0
    for index in range(count):
        received = start + dt.timedelta(days=int(span * (index / count)) + rng.randint(0, 2))
        received = min(received, today)
        kind = rng.choice(kinds)
        code, subject, content = rng.choice(SUBJECTS[kind])
        anonymous = kind in (Kind.REPORT, Kind.REQUEST, Kind.DENUNCIATION) and rng.random() < 0.12
        identity = _identity(rng, index)
        channel = rng.choice(
            [Channel.WEB, Channel.WEB, Channel.RECEPTION, Channel.POST, Channel.OPEN311]
        )
        fields: dict[str, Any] = {
            "kind": kind,
            "subject": subject,
            "unit": rng.choice(targets),
            "identity": SenderIdentity() if anonymous else identity,
            "anonymous": anonymous,
            "category": categories.get(code),
            "place_address": f"Ấp {rng.randint(1, 9)}, tỉnh Vĩnh Long"
            if rng.random() < 0.7
            else "",
            "publish": rng.random() < 0.5,
        }
        spot = random.Random(SEED * 1000 + index)  # noqa: S311 (demo data, not security)
        fields.update(_place(spot, kind, fields["unit"], communes))
        with services.as_of(received):
            p = services.petition_submit(
                actor=SYSTEM,
                content=content,
                channel=channel,
                reception_date=received if channel in (Channel.RECEPTION, Channel.POST) else None,
                reception_place="Trụ sở Ủy ban MTTQ tỉnh" if channel == Channel.RECEPTION else "",
                **fields,
            )
        made += 1
        if p.sender_hash and rng.random() < 0.07:
            # The same sender writes again a few days later about the same thing: merged.
            again = min(received + dt.timedelta(days=rng.randint(1, 4)), today)
            with services.as_of(again):
                dup = services.petition_submit(
                    actor=SYSTEM,
                    content=content + " Tôi gửi lại đơn vì chưa nhận được trả lời.",
                    channel=Channel.WEB,
                    **fields,
                )
                if dup.unit_id == p.unit_id:
                    services.petition_merge(
                        actor=SYSTEM, petition=dup, into=p, note="Trùng nội dung"
                    )
            made += 1
        _advance(p, rng, received, today, units, handler)
    out.write(f"Đơn thư mẫu: {made} (một năm, đủ loại và trạng thái)\n")


def _place(rng: random.Random, kind: str, unit: Unit, communes: list[Unit]) -> dict[str, Any]:
    """Most reports and requests point at a place near their commune (a province's, near one of
    its communes), as a sender picks it on the map. Its own generator: the rest of the demo
    stays what it was."""
    placed = [c for c in communes if c.lat is not None and c.lng is not None]
    if kind not in (Kind.REPORT, Kind.REQUEST) or not placed or rng.random() < 0.2:
        return {}
    base = unit if unit in placed else rng.choice(placed)
    lat, lng = base.lat or Decimal(0), base.lng or Decimal(0)
    return {
        "lat": (lat + Decimal(rng.uniform(-0.012, 0.012))).quantize(Decimal("0.000001")),
        "lng": (lng + Decimal(rng.uniform(-0.012, 0.012))).quantize(Decimal("0.000001")),
    }


def load_api_client(out: Output) -> None:
    province = Unit.objects.filter(code=PROVINCE).first()
    if province is None or apikeys.application_keys().filter(name="Ứng dụng demo").exists():
        return
    _client, key = apikeys.apikey_create(actor=SYSTEM, name="Ứng dụng demo", unit=province)
    out.write(f"Khóa Open311 demo (in một lần) / demo Open311 key: {key}\n")


def load(out: Output) -> None:
    load_categories()
    load_api_client(out)
    load_petitions(out)
    out.write(
        f"Đơn thư: {Petition.objects.count()}, quá hạn: "
        f"{Petition.objects.overdue(real_today()).count()}, đã gộp: "
        f"{Petition.objects.filter(status=Status.MERGED).count()}\n"
    )
