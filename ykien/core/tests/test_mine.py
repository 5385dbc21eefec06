"""The "my contributions" contract (``core.mine``), "my page", the download of one's data, and
the experts' part of it."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.urls import reverse

from ykien.consultations import services as consultations
from ykien.consultations.models import Comment, Node
from ykien.core import apps_manifest, mine
from ykien.core.models import AuditEvent, Role
from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.core.tests.factories import UserFactory, grant
from ykien.experts import mine as experts_mine
from ykien.experts.models import Expert
from ykien.experts.services import expert_create
from ykien.petitions import services as petitions
from ykien.petitions.models import Petition

pytestmark = pytest.mark.django_db
EMAIL = "cuc.le@example.vn"
TEXT = "NGHỊ QUYẾT\nHỗ trợ hợp tác xã\nĐiều 1. Phạm vi\nNghị quyết này quy định hỗ trợ.\n"


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path):
    settings.PII_KEYS = Fernet.generate_key().decode()
    settings.PRIVATE_ROOT = tmp_path / "private"
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def citizen():
    return UserFactory(username="cuc", full_name="Lê Thị Cúc", email=EMAIL, phone="0912000111")


@pytest.fixture
def contributions(tree, citizen):
    """The citizen's comment on a draft, a petition sent signed in, and a roster entry."""
    officer = UserFactory(username="canbo")
    grant(officer, tree.prov_new, Role.OFFICER)
    draft = consultations.draft_register(
        actor=officer,
        unit=tree.prov_new,
        drafting_unit=tree.agency_new,
        title="Dự thảo hỗ trợ hợp tác xã",
        kind="resolution",
        form="written",
        received_on=dt.date(2026, 3, 1),
        comment_end=dt.date(2026, 3, 30),
        filename="du-thao.txt",
        data=TEXT.encode(),
    )
    consultations.version_publish(actor=officer, version=draft.versions.get(number=1))
    node = Node.objects.get(draft=draft, label="Điều 1")
    comment = consultations.comment_post(
        draft_id=draft.pk,
        node_id=node.pk,
        participant=consultations.Participant.of_user(citizen),
        stance="agree",
        reasons="Rất cần thiết cho hợp tác xã.",
    )
    petition = petitions.petition_submit(
        actor=citizen,
        kind="report",
        subject="Cống thoát nước bị tắc",
        content="Cống thoát nước ở ấp 2 bị tắc, nước tràn lên đường.",
        unit=tree.prov_new,
        identity=SenderIdentity(name="Lê Thị Cúc", email=EMAIL),
        anonymous=False,
        sender_account=citizen,
    )
    expert = expert_create(
        actor=officer,
        unit=tree.prov_new,
        data={"full_name": "Lê Thị Cúc", "kind": "scientist", "fields": "nông nghiệp"},
    )
    Expert.objects.filter(pk=expert.pk).update(user=citizen)
    return comment, petition, expert


def test_every_app_with_contributions_provides_the_contract():
    labels = [label for label, _module in apps_manifest.modules("mine")]
    assert {"experts", "consultations", "petitions"} <= set(labels)
    assert "core" not in labels  # core's mine.py is the contract
    for _label, module in apps_manifest.modules("mine"):
        assert all(callable(getattr(module, name)) for name in ("items", "export", "erase"))


def test_sections_gather_the_items_of_every_app(rf, contributions, citizen):
    request = rf.get("/")
    request.user = citizen
    sections = mine.sections_for(request)
    assert [(s.code, s.title, [i.kind for i in s.items]) for s in sections] == [
        ("drafts", "Góp ý, biểu quyết và nhận định về dự thảo", ["Góp ý"]),
        ("petitions", "Đơn thư của tôi", ["Phản ánh"]),
        ("feedback", "Ý kiến bạn đọc", []),
        ("expert", "Ý kiến chuyên gia", ["Hồ sơ chuyên gia"]),
    ]
    assert 'action="/tai-khoan/cua-toi/gan-don/"' in sections[1].panel


def test_erase_all_anonymises_in_every_app_and_keeps_the_contributions(contributions, citizen):
    comment, petition, expert = contributions
    counts = mine.erase_all(citizen)
    assert {k: counts[k] for k in ("experts", "consultations", "petitions")} == {
        "experts": 1,
        "consultations": 1,
        "petitions": 1,
    }
    comment.refresh_from_db()
    petition.refresh_from_db()
    expert.refresh_from_db()
    assert (comment.author, petition.sender_account, expert.user) == (None, None, None)
    assert comment.reasons == "Rất cần thiết cho hợp tác xã."
    assert (Comment.objects.count(), Petition.objects.count(), Expert.objects.count()) == (1, 1, 1)
    assert {k: v for k, v in mine.items_for(citizen).items() if v} == {}


def test_my_page_needs_a_signed_in_person(client):
    response = client.get("/tai-khoan/cua-toi/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")
    assert client.get("/tai-khoan/cua-toi/du-lieu.json").status_code == 302


def test_my_page_lists_each_item_with_its_status_and_no_code(client, contributions, citizen):
    comment, petition, _expert = contributions
    client.force_login(citizen)
    response = client.get(reverse("core:mine"))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    html = response.content.decode()
    text = re.sub(r"<[^>]+>", " ", html)
    for shown in (
        "Trang của tôi",
        "Góp ý, biểu quyết và nhận định về dự thảo",
        "Đơn thư của tôi",
        "Ý kiến chuyên gia",
        "Dự thảo hỗ trợ hợp tác xã — Điều 1",
        "Đang hiển thị",
        "Cống thoát nước bị tắc",
        "Đã tiếp nhận, chờ thụ lý",
        "Trong danh sách chuyên gia",
        "Gắn đơn đã gửi vào tài khoản",
        "Tải về dữ liệu của tôi (JSON)",
    ):
        assert shown in text, shown
    for code in ("visible", "received", "scientist", "agree"):
        assert not re.search(rf"\b{code}\b", text), code
    assert f'href="/du-thao/{comment.draft_id}/gop-y/{comment.pk}/"' in html
    assert f"/phan-anh/tra-cuu/?ma={petition.display_code}" in html


def test_my_page_of_someone_else_shows_none_of_it(client, contributions):
    other = UserFactory(username="khac")
    client.force_login(other)
    html = client.get(reverse("core:mine")).content.decode()
    assert "Cống thoát nước bị tắc" not in html
    assert "Rất cần thiết" not in html
    assert html.count("Chưa có.") == 4


def test_download_my_data_is_an_attachment_with_everything_and_is_audited(
    client, contributions, citizen
):
    client.force_login(citizen)
    response = client.get(reverse("core:mine_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="du-lieu-cua-toi-2026-03-02.json"'
    )
    data = json.loads(response.content)
    assert data["account"] == {
        "username": "cuc",
        "full_name": "Lê Thị Cúc",
        "email": EMAIL,
        "phone": "0912000111",
        "kind": {"code": "citizen", "label": "Công dân"},
        "position": "",
        "date_joined": data["account"]["date_joined"],
        "last_login": data["account"]["last_login"],
    }
    contributions_ = data["contributions"]
    assert [c["reasons"] for c in contributions_["consultations"]["comments"]] == [
        "Rất cần thiết cho hợp tác xã."
    ]
    [sent] = contributions_["petitions"]["petitions"]
    assert (sent["subject"], sent["sender"]["email"]) == ("Cống thoát nước bị tắc", EMAIL)
    [entry] = contributions_["experts"]["roster"]
    assert entry["kind"] == {"code": "scientist", "label": "Nhà khoa học"}
    event = AuditEvent.objects.get(action="account.export")
    assert (event.actor, event.object_id) == (citizen, str(citizen.pk))


def test_experts_part_lists_exports_and_unlinks_the_roster_entry(contributions, citizen):
    _comment, _petition, expert = contributions
    [item] = experts_mine.items(citizen)
    assert (item.kind, item.title, item.status, item.detail) == (
        "Hồ sơ chuyên gia",
        "Lê Thị Cúc",
        "Trong danh sách chuyên gia",
        f"Đơn vị quản lý danh sách: {expert.unit.name}",
    )
    assert [e["full_name"] for e in experts_mine.export(citizen)["roster"]] == ["Lê Thị Cúc"]
    assert experts_mine.erase(citizen) == 1
    assert experts_mine.items(citizen) == []
    expert.refresh_from_db()
    assert (expert.full_name, expert.user) == ("Lê Thị Cúc", None)  # the unit's record stays
    assert experts_mine.erase(citizen) == 0


def test_a_petition_sent_by_the_system_is_nobodys(tree, citizen):
    p = petitions.petition_submit(
        actor=SYSTEM,
        kind="report",
        subject="Đèn đường hỏng",
        content="Đèn đường ở ấp 3 hỏng đã lâu.",
        unit=tree.prov_new,
        identity=SenderIdentity(name="Lê Thị Cúc", email=EMAIL),
        anonymous=False,
    )
    assert p.sender_account is None
    assert mine.items_for(citizen)["petitions"] == []


def test_an_app_may_give_its_items_a_section_of_its_own(rf, monkeypatch, citizen):
    class Own:
        SECTION = "Nội dung tôi theo dõi"

        @staticmethod
        def items(user):
            return [mine.MyItem(kind="Theo dõi", title="Dự thảo", url="", date=None, status="")]

    class Shared:
        @staticmethod
        def items(user):
            return [
                mine.MyItem(kind="X", title="Khác", url="", date=None, status=""),
                mine.MyItem(
                    kind="Góp ý", title="A", url="", date=None, status="", section="drafts"
                ),
            ]

    monkeypatch.setattr(mine, "_modules", lambda: [("own", Own), ("shared", Shared)])
    request = rf.get("/")
    request.user = citizen
    got = [(s.code, s.title, [i.title for i in s.items]) for s in mine.sections_for(request)]
    assert got == [
        ("drafts", "Góp ý, biểu quyết và nhận định về dự thảo", ["A"]),
        ("petitions", "Đơn thư của tôi", []),
        ("feedback", "Ý kiến bạn đọc", []),
        ("expert", "Ý kiến chuyên gia", []),
        ("app-own", "Nội dung tôi theo dõi", ["Dự thảo"]),
        ("other", "Đóng góp khác", ["Khác"]),
    ]
