"""A citizen's own petitions (``petitions.mine``): linked when sent signed in, attached on "my
page" by tracking code and e-mail, exported for their sender only, unlinked when the account is
deleted — and never tied to the sender's account in anything staff read."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse

from ykien.core.mine import Section
from ykien.core.models import AuditEvent
from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.core.tests.factories import UserFactory
from ykien.petitions import mine, services
from ykien.petitions.models import Kind, Petition, Status
from ykien.petitions.views_mine import ATTACH_LIMIT

from .conftest import PLANTED_EMAIL, PLANTED_NAME, planted_identity, submit
from .test_public import form_data

pytestmark = pytest.mark.django_db
URL = "/tai-khoan/cua-toi/gan-don/"
NO_MATCH = (
    "Mã tra cứu và địa chỉ thư điện tử không khớp với đơn nào gửi kèm thư điện tử. "
    "Xin kiểm tra lại biên nhận."
)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


# ------------------------------------------------------------------------------ sent signed in


def test_a_petition_sent_signed_in_is_the_senders_and_no_one_else_sees_the_link(
    client, tree, people
):
    client.force_login(people.citizen)
    assert client.post(reverse("petitions:submit"), form_data(tree)).status_code == 302
    petition = Petition.objects.get()
    assert petition.sender_account == people.citizen
    assert petition.recorded_by is None
    # The audit record of the submission names no one and does not copy the link.
    event = AuditEvent.objects.get(action="petitions.petition.submit")
    assert event.actor is None
    assert "sender_account" not in (event.after or {})


def test_an_anonymous_petition_or_a_visitors_is_never_linked(client, tree, people):
    assert client.post(reverse("petitions:submit"), form_data(tree)).status_code == 302
    client.force_login(people.citizen)
    anonymous = form_data(tree, name="", id_number="", phone="", anonymous="on")
    assert client.post(reverse("petitions:submit"), anonymous).status_code == 302
    assert list(Petition.objects.values_list("sender_account", flat=True)) == [None, None]


def test_an_intake_by_an_officer_is_not_linked_to_the_officer(tree, people):
    p = submit(
        tree.prov_new, actor=people.officer, channel="reception", sender_account=people.officer
    )
    assert p.sender_account is None


# ---------------------------------------------------------------------------------- attaching


def _post(client, code, email):
    return client.post(URL, {"code": code, "email": email})


def test_the_right_code_and_email_attach_the_petition(client, tree, people):
    petition = submit(tree.prov_new)
    client.force_login(people.citizen)
    response = _post(client, petition.code.lower(), PLANTED_EMAIL.upper())
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/cua-toi/#muc-petitions"
    petition.refresh_from_db()
    assert petition.sender_account == people.citizen
    # The comparison is logged as the system's read of the e-mail; the attachment names no one.
    read = AuditEvent.objects.get(action="confidential.read")
    assert (read.actor, read.after, read.object_id) == (
        None,
        {"fields": ["email"]},
        str(petition.pk),
    )
    attached = AuditEvent.objects.get(action="petitions.petition.attach")
    assert attached.actor is None
    page = client.get(reverse("core:mine")).content.decode()
    assert f"Đã gắn đơn {petition.display_code} vào tài khoản của bạn." in page
    assert "Đường liên ấp xuống cấp" in page
    # Attaching again changes nothing.
    assert _post(client, petition.display_code, PLANTED_EMAIL).status_code == 302
    assert AuditEvent.objects.filter(action="petitions.petition.attach").count() == 1


@pytest.mark.parametrize(
    "case", ["wrong_code", "wrong_email", "unknown_code", "no_email", "anonymous", "someone_elses"]
)
def test_a_wrong_pair_gets_one_message_and_attaches_nothing(client, tree, people, case):
    no_email = SenderIdentity(name=PLANTED_NAME, phone="0912345678")
    petition = submit(tree.prov_new, identity=no_email if case == "no_email" else None)
    other = submit(tree.prov_new)
    if case == "anonymous":
        petition = submit(tree.prov_new, anonymous=True, identity=SenderIdentity())
    if case == "someone_elses":
        Petition.objects.filter(pk=petition.pk).update(sender_account=UserFactory())
    code, email = {
        "wrong_code": (other.code[:-1] + ("X" if other.code[-1] != "X" else "Y"), PLANTED_EMAIL),
        "wrong_email": (petition.code, "khac@example.vn"),
        "unknown_code": ("AAA-AAA-AAA", PLANTED_EMAIL),
        "no_email": (petition.code, PLANTED_EMAIL),
        "anonymous": (petition.code, PLANTED_EMAIL),
        "someone_elses": (petition.code, PLANTED_EMAIL),
    }[case]
    client.force_login(people.citizen)
    response = _post(client, code, email)
    assert response.status_code == 400
    assert NO_MATCH in response.content.decode()
    assert not Petition.objects.filter(sender_account=people.citizen).exists()
    assert not AuditEvent.objects.filter(action="petitions.petition.attach").exists()


def test_a_denunciation_is_attached_only_with_the_email_its_sender_gave(client, tree, people):
    without = submit(
        tree.prov_new,
        kind=Kind.DENUNCIATION,
        identity=SenderIdentity(name=PLANTED_NAME, id_number="084190012345", address="Ấp 3"),
    )
    given = submit(tree.prov_new, kind=Kind.DENUNCIATION)
    client.force_login(people.citizen)
    response = _post(client, without.code, "")
    assert response.status_code == 400  # the e-mail is required by the form
    assert _post(client, without.code, PLANTED_EMAIL).status_code == 400
    assert _post(client, given.code, PLANTED_EMAIL).status_code == 302
    assert list(Petition.objects.filter(sender_account=people.citizen)) == [given]
    # Its data is shown to its sender, and to no other account.
    assert "Tố cáo" in [i.kind for i in mine.items(people.citizen)]
    assert mine.items(people.officer) == []


def test_wrong_pairs_are_limited_and_the_limit_says_so(client, tree, people):
    petition = submit(tree.prov_new)
    client.force_login(people.citizen)
    for _ in range(ATTACH_LIMIT[0]):
        assert _post(client, petition.code, "khac@example.vn").status_code == 400
    response = _post(client, petition.code, PLANTED_EMAIL)  # even the right pair, now
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Bạn đã thử gắn đơn quá nhiều lần. Xin thử lại sau một giờ." in response.content.decode()
    petition.refresh_from_db()
    assert petition.sender_account is None


def test_a_right_pair_does_not_count_against_the_limit(client, tree, people):
    petitions = [submit(tree.prov_new) for _ in range(ATTACH_LIMIT[0] + 1)]
    client.force_login(people.citizen)
    for p in petitions:
        assert _post(client, p.code, PLANTED_EMAIL).status_code == 302
    assert Petition.objects.filter(sender_account=people.citizen).count() == len(petitions)


def test_attaching_needs_a_signed_in_person_and_a_post(client, tree):
    petition = submit(tree.prov_new)
    response = _post(client, petition.code, PLANTED_EMAIL)
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")
    assert client.get(URL).status_code in (302, 405)
    assert Petition.objects.get().sender_account is None


# ------------------------------------------------------------------- items, export and erase


def _answered(tree, **kwargs) -> Petition:
    p = submit(tree.prov_new, **kwargs)
    p = services.petition_accept(actor=SYSTEM, petition=p)
    p = services.petition_settle(actor=SYSTEM, petition=p, conclusion="Đã sửa đường.")
    return services.petition_answer(actor=SYSTEM, petition=p, answer="Đã sửa xong đường.")


def test_items_show_status_and_what_became_of_it(tree, people):
    open_one = submit(tree.prov_new, sender_account=people.citizen)
    done = _answered(tree, sender_account=people.citizen, subject="Cống bị tắc")
    got = [(i.section, i.kind, i.title, i.status, i.fate) for i in mine.items(people.citizen)]
    assert got == [
        (Section.PETITIONS, "Phản ánh", "Cống bị tắc", "Đã trả lời", "Đã trả lời ngày 02/03/2026."),
        (
            Section.PETITIONS,
            "Phản ánh",
            "Đường liên ấp xuống cấp",
            "Đã tiếp nhận, chờ thụ lý",
            f"Đã tiếp nhận đơn. Hạn bước hiện tại: {open_one.due_date:%d/%m/%Y}.",
        ),
    ]
    urls = {i.url for i in mine.items(people.citizen)}
    assert urls == {
        f"/phan-anh/tra-cuu/?ma={open_one.display_code}",
        f"/phan-anh/tra-cuu/?ma={done.display_code}",
    }


def test_export_has_the_petition_and_the_senders_own_identity_logged_as_read(tree, people):
    p = _answered(tree, sender_account=people.citizen)
    before = AuditEvent.objects.filter(action="confidential.read").count()
    [data] = mine.export(people.citizen)["petitions"]
    assert data["tracking_code"] == p.display_code
    assert data["kind"] == {"code": "report", "label": "Phản ánh"}
    assert data["status"] == {"code": "answered", "label": "Đã trả lời"}
    assert data["sender"] == {
        "name": PLANTED_NAME,
        "id_number": planted_identity().id_number,
        "phone": planted_identity().phone,
        "email": PLANTED_EMAIL,
        "address": planted_identity().address,
    }
    assert data["answer"] == "Đã sửa xong đường."
    assert data["steps"] == [
        {"on": "2026-03-02", "text": "Đã tiếp nhận đơn."},
        {"on": "2026-03-02", "text": f"Đã thụ lý; hạn giải quyết {p.settle_due:%d/%m/%Y}."},
        {"on": "2026-03-02", "text": "Đã có kết quả giải quyết."},
        {"on": "2026-03-02", "text": "Trả lời người gửi"},
    ]
    assert "Đã sửa đường." not in json.dumps(data, ensure_ascii=False)  # internal conclusion
    read = AuditEvent.objects.filter(action="confidential.read").order_by("-pk").first()
    assert AuditEvent.objects.filter(action="confidential.read").count() == before + 1
    assert read.actor is None
    assert mine.export(people.officer) == {"petitions": []}


def test_erase_unlinks_every_petition_and_erases_the_identity_only_where_handling_is_over(
    tree, people
):
    open_complaint = submit(tree.prov_new, kind=Kind.COMPLAINT, sender_account=people.citizen)
    done_report = _answered(tree, sender_account=people.citizen)
    someone_elses = submit(tree.prov_new)
    counts = (Petition.objects.count(), Petition.objects.filter(is_anonymous=True).count())

    assert mine.erase(people.citizen) == 2

    assert (Petition.objects.count(), Petition.objects.filter(is_anonymous=True).count()) == counts
    assert not Petition.objects.filter(sender_account__isnull=False).exists()
    open_complaint.refresh_from_db()
    done_report.refresh_from_db()
    someone_elses.refresh_from_db()
    assert open_complaint.identity_ciphertext != ""  # the complaint must still be answered
    assert (done_report.identity_ciphertext, done_report.sender_hash) == ("", "")
    assert (done_report.status, done_report.answer) == (Status.ANSWERED, "Đã sửa xong đường.")
    assert someone_elses.identity_ciphertext != ""
    assert AuditEvent.objects.filter(action="petitions.petition.detach", actor=None).count() == 2
    assert mine.items(people.citizen) == []
