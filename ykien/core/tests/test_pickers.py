"""The unit and people pickers' endpoints (core.pickers): diacritics ignored, the 2025 mergers
(a former unit offered with what it became, current units first), scope, permission, bounded
queries and answers."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from ykien.core.models import Role, User
from ykien.core.tests.factories import UserFactory, grant, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def officer(tree) -> User:
    user = UserFactory(username="canbo", full_name="Nguyễn Văn An", kind=User.Kind.OFFICER)
    grant(user, tree.prov_new, Role.OFFICER)
    return user


def units(client, q, **params):
    return client.get(reverse("core:suggest_units"), {"q": q, **params})


def test_tra_vinh_without_diacritics_offers_what_it_became_then_the_former_province(
    client, tree, officer
):
    client.force_login(officer)
    results = units(client, "tra vinh").json()["results"]
    assert results == [
        {
            "id": tree.prov_new.pk,
            "text": "Ủy ban MTTQ tỉnh Vĩnh Long",
            "note": "gồm Ủy ban MTTQ tỉnh Trà Vinh (trước 1/7/2025)",
            "disabled": False,
        },
        {
            "id": tree.prov_a.pk,
            "text": "Ủy ban MTTQ tỉnh Trà Vinh (trước 1/7/2025)",
            "note": "nay là: Ủy ban MTTQ tỉnh Vĩnh Long",
            "disabled": False,
        },
    ]
    current_only = units(client, "Trà Vinh", **{"hien-hanh": "1"}).json()["results"]
    assert [(r["id"], r["disabled"]) for r in current_only] == [
        (tree.prov_new.pk, False),
        (tree.prov_a.pk, True),
    ]


def test_current_units_come_first_names_beginning_with_the_words_first(client, tree, officer):
    client.force_login(officer)
    results = units(client, "CÀNG LONG").json()["results"]
    assert [r["text"] for r in results] == [
        "Ủy ban MTTQ xã Càng Long",
        "Ủy ban MTTQ huyện Càng Long (trước 1/7/2025)",
    ]
    results = units(client, "uy ban nhan dan vinh").json()["results"]
    assert [r["id"] for r in results] == [tree.agency_new.pk]


def test_scope_keeps_the_officers_units_and_what_merged_into_them(client, tree, officer):
    client.force_login(officer)
    results = units(client, "uy ban", **{"pham-vi": "cua-toi"}).json()["results"]
    ids = {r["id"] for r in results}
    assert ids == {
        tree.prov_new.pk,
        tree.commune_new.pk,
        tree.agency_new.pk,
        tree.prov_a.pk,
        tree.district_a.pk,
    }
    assert tree.prov_b.pk not in ids


def test_answers_are_bounded_to_twenty(client, tree, officer):
    for n in range(30):
        make_unit(f"Ủy ban MTTQ xã Thử {n}", parent=tree.prov_b, level="commune", code=f"T{n}")
    client.force_login(officer)
    assert len(units(client, "thu").json()["results"]) == 20


def test_a_person_who_is_not_an_officer_gets_403_json(client, tree):
    response = units(client, "tra vinh")
    assert response.status_code == 403
    assert response.json() == {"error": "Bạn không có quyền xem gợi ý này."}
    client.force_login(UserFactory(username="congdan"))
    assert units(client, "tra vinh").status_code == 403
    assert client.get(reverse("core:suggest_people"), {"q": "an"}).status_code == 403


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "a" * 101}, "Từ khóa tìm kiếm dài quá 100 ký tự; hãy gõ ngắn hơn."),
        ({"q": "tra\x00vinh"}, "Từ khóa tìm kiếm chứa ký tự không được phép."),
        ({"q": "tra", "pham-vi": "khac"}, "Tham số tìm kiếm không hợp lệ."),
        ({"q": "tra", "hien-hanh": "có"}, "Tham số tìm kiếm không hợp lệ."),
    ],
)
def test_bad_queries_get_400_with_a_translated_message(client, tree, officer, params, message):
    client.force_login(officer)
    response = client.get(reverse("core:suggest_units"), params)
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_an_empty_query_suggests_nothing(client, tree, officer):
    client.force_login(officer)
    assert units(client, "  ").json() == {"results": []}


def test_people_in_scope_by_name_without_diacritics(client, tree, officer):
    colleague = UserFactory(username="xuly", full_name="Trần Thị Bình")
    grant(colleague, tree.commune_new, Role.HANDLER)
    far = UserFactory(username="xuly.b", full_name="Lê Văn Bình")
    grant(far, tree.prov_b, Role.HANDLER)
    client.force_login(officer)
    response = client.get(reverse("core:suggest_people"), {"q": "binh"})
    assert response.json() == {
        "results": [
            {
                "id": colleague.pk,
                "text": "Trần Thị Bình",
                "note": "Ủy ban MTTQ xã Càng Long",
                "disabled": False,
            }
        ]
    }


def test_the_audit_log_filters_by_a_picked_unit_and_person_not_by_codes(client, tree):
    from ykien.core.models import AuditEvent

    leader = UserFactory(username="lanhdao", full_name="Phạm Văn Lãnh")
    grant(leader, tree.prov_new, Role.LEADER)
    clerk = UserFactory(username="xuly", full_name="Trần Thị Bình")
    grant(clerk, tree.commune_new, Role.HANDLER)
    AuditEvent.objects.create(
        actor=clerk, action="test.one", unit=tree.commune_new, object_repr="Việc của Bình"
    )
    AuditEvent.objects.create(
        actor=leader, action="test.two", unit=tree.prov_new, object_repr="Việc của Lãnh"
    )
    from django_otp.plugins.otp_static.models import StaticDevice

    client.force_login(leader)  # a leader passes two-factor authentication first
    session = client.session
    session["otp_device_id"] = StaticDevice.objects.create(user=leader, name="t").persistent_id
    session.save()
    url = reverse("core:audit_log")
    page = client.get(url).content.decode()
    assert "Mã đơn vị" not in page
    assert "tên đăng nhập" not in page
    assert 'data-picker="/can-bo/goi-y/don-vi/?pham-vi=cua-toi"' in page
    response = client.get(url, {"person": str(clerk.pk)})
    assert 'value="Trần Thị Bình"' in response.content.decode()
    assert [e.action for e in response.context["page"].object_list] == ["test.one"]
    response = client.get(url, {"unit": str(tree.prov_b.pk)})
    assert "Không có đơn vị này" in response.content.decode()  # out of the leader's scope
    response = client.get(url, {"unit": "xa cang long"})
    assert 'value="Ủy ban MTTQ xã Càng Long"' in response.content.decode()


@pytest.mark.parametrize(
    ("value", "number"),
    [("12", 12), ("0012", 12), ("²", None), ("١٢", None), ("-1", None), ("1e3", None),
     ("", None), (None, None), (str(2**70), None), ("9" * 12, 10**12 - 1), ("9" * 13, None)],
)  # fmt: skip
def test_record_id_takes_ascii_digits_only_and_never_past_64_bits(value, number):
    from ykien.core.pickers import record_id, record_number

    assert record_id(value) == number
    assert record_number("#" + (value or "")) == number
