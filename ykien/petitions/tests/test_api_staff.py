"""The officers' petitions API (/api/v1/petitions/staff/): who gets in, the list with the staff
list's scope and filters, one petition, its steps, the actions the lifecycle allows, and each
transition through the same services (history, audit), with bad input answered 4xx and
nothing changed."""

from __future__ import annotations

import pytest
from django.test import Client

from ykien.core import apikeys
from ykien.core.models import AuditEvent
from ykien.petitions import services
from ykien.petitions.models import Petition, PetitionEvent
from ykien.petitions.tests.conftest import PLANTED, otp_login, submit

pytestmark = pytest.mark.django_db
BASE = "/api/v1/petitions/staff/petitions"


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to("2026-03-02T09:00:00+07:00", tick=False)


def bearer(user) -> dict[str, str]:
    _key, raw = apikeys.apikey_create(actor=user, name="Phần mềm một cửa")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def world(tree, people):
    road = submit(tree.prov_new, subject="Đường liên ấp xuống cấp")
    light = submit(tree.commune_new, kind="request", subject="Đèn chiếu sáng hỏng")
    secret = submit(
        tree.prov_new,
        kind="denunciation",
        subject="Cán bộ xã nhận tiền",
        content="Nội dung tố cáo chi tiết.",
    )
    sent_out = submit(tree.prov_new, subject="Cấp giấy chứng nhận chậm")
    services.petition_transfer(
        actor=people.handler,
        petition=sent_out,
        to_unit=tree.agency_new,
        note="Thuộc thẩm quyền UBND",
    )
    other = submit(tree.prov_b, subject="Đường ở Cà Mau")
    return {"road": road, "light": light, "secret": secret, "sent_out": sent_out, "other": other}


def test_credentials_are_required(client, world):
    response = client.get(BASE)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert client.get(BASE, HTTP_AUTHORIZATION="Bearer yk_nope").status_code == 401


def test_a_session_waiting_for_its_second_factor_does_not_sign_in(client, people, world):
    """The web sends such a session to the second factor; the API, which answers machines,
    takes it as no credentials: the documented 401, never a redirect."""
    client.force_login(people.handler)  # a confidential role, no OTP passed
    response = client.get(BASE)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    otp_login(client, people.handler)
    assert client.get(BASE).status_code == 200


def test_a_citizen_is_refused(client, people, world):
    response = client.get(BASE, **bearer(people.citizen))
    assert response.status_code == 403
    assert response.json() == {
        "detail": "forbidden: Chỉ cán bộ tiếp nhận, xử lý đơn thư được dùng API này."
    }


def test_the_list_is_the_staff_list_of_the_officer(client, people, world):
    response = client.get(BASE, **bearer(people.officer))
    assert response.status_code == 200
    body = response.json()
    ids = [row["id"] for row in body["results"]]
    assert body["count"] == 3
    assert sorted(ids) == sorted([world["road"].pk, world["light"].pk, world["secret"].pk])
    row = next(r for r in body["results"] if r["id"] == world["road"].pk)
    assert row["subject"] == "Đường liên ấp xuống cấp"
    assert row["unit"] == {"code": "N", "name": "Ủy ban MTTQ tỉnh Vĩnh Long"}
    assert row["status_label"] == "Đã tiếp nhận, chờ thụ lý"
    assert row["url"] == f"/can-bo/don-thu/{world['road'].pk}/"
    assert row["outside_front"] is False
    # never a denunciation's subject in a list, never a sender anywhere
    assert next(r for r in body["results"] if r["id"] == world["secret"].pk)["subject"] is None
    assert not any(value in response.content.decode() for value in PLANTED)


def test_filters_sort_and_pages(client, people, world):
    auth = bearer(people.officer)
    get = lambda **q: [r["id"] for r in client.get(BASE, q, **auth).json()["results"]]  # noqa: E731
    assert get(kind="request") == [world["light"].pk]
    assert get(q="xuong cap") == [world["road"].pk]
    assert get(q=f"#{world['light'].pk}") == [world["light"].pk]
    assert get(unit="N1") == [world["light"].pk]
    assert get(sort="number") == sorted(get(sort="-number"))
    assert len(get(limit=1, offset=1, sort="number")) == 1
    assert get(transferred="true") == [world["sent_out"].pk]
    assert client.get(BASE, {"transferred": "true"}, **auth).json()["results"][0]["outside_front"]


def test_the_handler_filter_takes_handlers_of_the_officers_units(client, people, world):
    services.petition_assign(actor=people.leader, petition=world["road"], handler=people.handler2)
    auth = bearer(people.officer)
    response = client.get(BASE, {"handler": people.handler2.pk}, **auth)
    assert [r["id"] for r in response.json()["results"]] == [world["road"].pk]
    assert response.json()["results"][0]["handler"] == {"id": people.handler2.pk, "name": "Xuly2"}
    # a handler of another province: as one that does not exist
    response = client.get(BASE, {"handler": people.other_handler.pk}, **auth)
    assert response.status_code == 404
    assert response.json() == {
        "detail": f"not_found: Không có cán bộ xử lý số {people.other_handler.pk} "
        "trong phạm vi của bạn."
    }


@pytest.mark.parametrize(
    ("query", "status", "start"),
    [
        ({"kind": "spam"}, 400, "Trường “kind” chỉ nhận một trong các giá trị"),
        ({"sort": "password"}, 400, "Trường “sort” chỉ nhận một trong các giá trị"),
        ({"limit": "0"}, 400, "Trường “limit” phải lớn hơn hoặc bằng 1."),
        ({"limit": "201"}, 400, "Trường “limit” phải nhỏ hơn hoặc bằng 200."),
        ({"q": "x" * 201}, 400, "Trường “q” dài quá 200 ký tự."),
        ({"unit": "KHONG-CO"}, 404, "not_found: Không có đơn vị mã “KHONG-CO”."),
        (
            {"handler": "999999"},
            404,
            "not_found: Không có cán bộ xử lý số 999999 trong phạm vi của bạn.",
        ),
    ],
)
def test_bad_filters_are_4xx(client, people, world, query, status, start):
    response = client.get(BASE, query, **bearer(people.officer))
    assert response.status_code == status
    body = response.json()
    assert (body.get("message") or body.get("detail")).startswith(start)


def test_one_petition_its_steps_and_actions(client, people, world):
    auth = bearer(people.handler)
    pk = world["road"].pk
    detail = client.get(f"{BASE}/{pk}", **auth).json()
    assert detail["content"].startswith("Đoạn đường liên ấp")
    assert [a["action"] for a in detail["actions"]] == [
        "classify", "assign", "accept", "refuse", "transfer", "merge", "extend",
    ]  # fmt: skip
    transfer = next(a for a in detail["actions"] if a["action"] == "transfer")
    assert transfer == {"action": "transfer", "label": "Chuyển đơn", "fields": ["unit*", "note*"]}
    assert client.get(f"{BASE}/{pk}/actions", **auth).json() == detail["actions"]
    steps = client.get(f"{BASE}/{pk}/steps", **auth).json()
    assert [(s["action"], s["status"]) for s in steps] == [("submit", "received")]
    # an officer (not a handler) may read but not act, and never a denunciation's text
    officer = bearer(people.officer)
    assert client.get(f"{BASE}/{pk}/actions", **officer).json() == []
    secret = client.get(f"{BASE}/{world['secret'].pk}", **officer).json()
    assert secret["subject"] is None
    assert secret["content"] is None


def test_petitions_out_of_scope_are_not_found(client, people, world):
    auth = bearer(people.officer)
    for path in ("", "/steps", "/actions"):
        response = client.get(f"{BASE}/{world['other'].pk}{path}", **auth)
        assert response.status_code == 404
        assert response.json() == {
            "detail": "not_found: Không tìm thấy đơn này trong phạm vi của bạn."
        }
    assert client.get(f"{BASE}/{2**63}", **auth).status_code == 400


def test_a_transition_goes_through_the_service(client, people, world):
    auth = bearer(people.handler)
    pk = world["road"].pk
    response = client.post(
        f"{BASE}/{pk}/transitions", {"action": "accept"}, content_type="application/json", **auth
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "accepted"
    assert body["accepted_on"] == "2026-03-02"
    assert body["settle_due"] == "2026-04-01"
    assert [a["action"] for a in body["actions"]] == [
        "assign",
        "transfer",
        "merge",
        "extend",
        "settle",
    ]
    step = PetitionEvent.objects.filter(petition_id=pk).latest("id")
    assert (step.action, step.actor) == ("accept", people.handler)
    assert (
        AuditEvent.objects.filter(action="petitions.petition.accept", object_id=str(pk)).count()
        == 1
    )

    response = client.post(
        f"{BASE}/{pk}/transitions",
        {"action": "assign", "handler": people.handler2.pk},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 200
    assert response.json()["handler"] == {"id": people.handler2.pk, "name": "Xuly2"}


def test_a_transfer_by_unit_code(client, people, world, tree):
    response = client.post(
        f"{BASE}/{world['road'].pk}/transitions",
        {"action": "transfer", "unit": "N-UBND", "note": "Thuộc thẩm quyền UBND tỉnh"},
        content_type="application/json",
        **bearer(people.leader),
    )
    assert response.status_code == 200
    assert response.json()["unit"] == {"code": "N-UBND", "name": "Ủy ban nhân dân tỉnh Vĩnh Long"}
    assert response.json()["outside_front"] is True


@pytest.mark.parametrize(
    ("who", "body", "status", "detail"),
    [
        ("officer", {"action": "accept"}, 403, "forbidden: Bạn không có quyền thực hiện thao tác này."),
        ("handler", {"action": "settle", "conclusion": "Xong"}, 409,
         "invalid_transition: Không thể thực hiện “Giải quyết” khi đang ở trạng thái “Đã tiếp nhận, chờ thụ lý”."),
        ("handler", {"action": "transfer", "note": "Chuyển đơn"}, 400, "required: Thiếu trường “unit”."),
        ("handler", {"action": "transfer", "unit": "N-UBND", "note": "   "}, 400,
         "required: Thiếu trường “note”."),
        ("handler", {"action": "transfer", "unit": "ZZZ", "note": "Chuyển đơn đi"}, 400,
         "invalid: Không có đơn vị mã “ZZZ”."),
        ("handler", {"action": "transfer", "unit": "N", "note": "Chuyển đơn đi"}, 400,
         "same_unit: Đơn đã ở đơn vị này."),
        ("handler", {"action": "refuse", "ground": "spam"}, 400, None),
        ("handler", {"action": "assign", "handler": 999999}, 400, "invalid: Không có cán bộ số 999999."),
        ("handler", {"action": "merge", "into": 999999}, 400,
         "invalid: Không tìm thấy đơn số 999999 trong phạm vi của bạn."),
        ("handler", {"action": "classify", "kind": "report", "category": 999999}, 400,
         "invalid: Không có lĩnh vực số 999999."),
    ],
)  # fmt: skip
def test_refused_transitions_change_nothing(client, people, world, who, body, status, detail):
    pk = world["road"].pk
    before = (
        Petition.objects.get(pk=pk).status,
        PetitionEvent.objects.count(),
        AuditEvent.objects.count(),
    )
    response = client.post(
        f"{BASE}/{pk}/transitions",
        body,
        content_type="application/json",
        **bearer(getattr(people, who)),
    )
    assert response.status_code == status
    if detail is not None:
        assert response.json() == {"detail": detail}
    else:
        assert response.json()["detail"].startswith("bad_ground: ")
    after = (
        Petition.objects.get(pk=pk).status,
        PetitionEvent.objects.count(),
        AuditEvent.objects.count(),
    )
    assert after[:2] == before[:2]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[]", "Nội dung JSON của yêu cầu phải là một đối tượng {…}."),
        ('{"action": "fly"}', "Trường “action” chỉ nhận một trong các giá trị"),
        ('{"action": "assign", "handler": "5"}', "Trường “handler” phải là số nguyên."),
        ('{"action": "answer", "answer": ' + '"x"' * 1 + "}", None),
    ],
)
def test_bodies_outside_the_schema_are_400(client, people, world, body, message):
    response = client.post(
        f"{BASE}/{world['road'].pk}/transitions",
        body,
        content_type="application/json",
        **bearer(people.handler),
    )
    if message is None:  # answer from "received": the state does not allow it
        assert response.status_code == 409
        return
    assert response.status_code == 400
    assert response.json()["message"].startswith(message)


def test_a_session_works_and_needs_its_csrf_token(people, world):
    csrf_client = Client(enforce_csrf_checks=True)
    otp_login(csrf_client, people.handler)
    pk = world["road"].pk
    assert csrf_client.get(f"{BASE}/{pk}").status_code == 200
    response = csrf_client.post(
        f"{BASE}/{pk}/transitions", {"action": "accept"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["detail"].startswith("csrf_failed: ")
    assert Petition.objects.get(pk=pk).status == "received"
