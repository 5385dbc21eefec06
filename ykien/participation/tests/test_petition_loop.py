"""Petitions close their loop: the sender hears of every public step (in the site when the
petition is attached to their account, by mail at the address they gave otherwise); anyone may
follow a published report by e-mail (double opt-in); nothing of a denunciation reaches anyone
but its sender; a report whose sender withdrew consent stops reaching its followers."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from ykien.core.tests.factories import UserFactory
from ykien.participation import services as participation
from ykien.participation.models import Follow, Notification, OptOut
from ykien.petitions import services
from ykien.petitions.models import Petition
from ykien.petitions.tests import conftest as petitions
from ykien.petitions.tests.conftest import PLANTED_EMAIL, submit

pytestmark = pytest.mark.django_db(transaction=True)

# The petitions tests' fixtures: isolated keys, mail and cache; their people.
_isolated = petitions._isolated
people = petitions.people
NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _published_report(tree):
    return submit(tree.prov_new, kind="report", publish=True)


def _follow_by_mail(petition, address="nguoitheodoi@example.vn") -> Follow:
    client = Client()
    form = client.get(
        reverse("participation:follow_email"),
        {"kind": "petitions.petition", "id": str(petition.pk)},
    )
    assert form.status_code == 200
    sent = client.post(
        reverse("participation:follow_email"),
        {
            "kind": "petitions.petition",
            "object_id": str(petition.pk),
            "email": address,
            "captcha_0": "x",
            "captcha_1": "PASSED",
        },
    )
    assert sent.status_code == 200
    assert 'data-testid="follow-email-sent"' in sent.content.decode()
    [confirm] = [m for m in mail.outbox if m.to == [address]]
    link = next(line for line in confirm.body.splitlines() if "/theo-doi/xac-nhan/" in line)
    path = "/" + link.strip().split("://", 1)[1].split("/", 1)[1]
    assert "@" not in path  # the link does not carry the address
    asked = Client().get(path)  # opening the link (a mail scanner may) confirms nothing
    assert asked.status_code == 200
    assert 'data-testid="confirm-follow"' in asked.content.decode()
    assert Follow.objects.get(email=address).confirmed_at is None
    assert Client().post(path).status_code == 200
    again = Client().post(path)  # a second click changes nothing
    assert again.status_code == 200
    assert 'data-testid="follow-confirmed"' in again.content.decode()
    return Follow.objects.get(email=address)


def test_a_published_report_is_followed_by_mail_and_the_sender_is_mailed_each_step(tree, people):
    petition = _published_report(tree)
    f = _follow_by_mail(petition)
    assert f.confirmed_at is not None
    mail.outbox.clear()
    services.petition_accept(actor=people.handler, petition=petition)
    to_follower = [m for m in mail.outbox if m.to == ["nguoitheodoi@example.vn"]]
    to_sender = [m for m in mail.outbox if m.to == [PLANTED_EMAIL]]
    assert [m.subject for m in to_follower] == [
        "[Ý Kiến] Phản ánh, kiến nghị “Đường liên ấp xuống cấp” đã được thụ lý."
    ]
    assert [m.subject for m in to_sender] == [
        "[Ý Kiến] Đơn của bạn “Đường liên ấp xuống cấp” đã được thụ lý."
    ]
    for message in to_follower + to_sender:
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        # Never the sender's identity, never an internal note.
        for secret in ("Tố Bích Ngọc", "084190012345", "0912345678"):
            assert secret not in message.body


def test_an_email_follow_link_that_expired_or_was_tampered_with_changes_nothing(tree, people):
    petition = _published_report(tree)
    Client().post(
        reverse("participation:follow_email"),
        {
            "kind": "petitions.petition",
            "object_id": str(petition.pk),
            "email": "cham@example.vn",
            "captcha_0": "x",
            "captcha_1": "PASSED",
        },
    )
    [confirm] = mail.outbox
    link = next(line for line in confirm.body.splitlines() if "/theo-doi/xac-nhan/" in line)
    path = "/" + link.strip().split("://", 1)[1].split("/", 1)[1]
    with time_machine.travel(NOW + dt.timedelta(days=3, minutes=1), tick=False):
        late = Client().post(path)
    assert late.status_code == 400
    assert "đã hết hạn" in late.content.decode()
    forged = Client().post(path.replace("/xac-nhan/", "/xac-nhan/x"))
    assert forged.status_code == 400
    assert Follow.objects.get().confirmed_at is None
    # Unconfirmed: told nothing.
    mail.outbox.clear()
    services.petition_accept(actor=people.handler, petition=petition)
    assert [m for m in mail.outbox if m.to == ["cham@example.vn"]] == []


def test_one_click_unsubscribe_of_an_address(tree, people):
    petition = _published_report(tree)
    _follow_by_mail(petition, "huy@example.vn")
    mail.outbox.clear()
    services.petition_accept(actor=people.handler, petition=petition)
    [message] = [m for m in mail.outbox if m.to == ["huy@example.vn"]]
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    asked = Client().get(path)  # a link scanner's GET unsubscribes no one
    assert asked.status_code == 200
    assert Follow.objects.filter(email="huy@example.vn").exists()
    done = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert not Follow.objects.filter(email="huy@example.vn").exists()
    # Opened again, the link says it was used.
    assert 'data-testid="unsubscribed"' in Client().get(path).content.decode()
    bad = Client().post(path[:-5] + "AAAA/")
    assert bad.status_code == 400


def test_the_sender_can_stop_the_mails_about_their_petition(tree, people):
    petition = _published_report(tree)
    services.petition_accept(actor=people.handler, petition=petition)
    [message] = [m for m in mail.outbox if m.to == [PLANTED_EMAIL]]
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert Client().post(path).status_code == 200
    assert OptOut.objects.count() == 1
    assert PLANTED_EMAIL not in str(list(OptOut.objects.values()))  # only a keyed hash
    mail.outbox.clear()
    services.petition_extend(actor=people.handler, petition=petition, reason="Phức tạp.")
    assert [m for m in mail.outbox if m.to == [PLANTED_EMAIL]] == []


def test_nothing_of_a_denunciation_reaches_anyone_but_its_sender(tree, people):
    denunciation = submit(tree.prov_new, kind="denunciation", publish=True)
    # Not followable, by account or by mail.
    client = Client()
    client.force_login(people.citizen)
    answer = client.post(
        reverse("participation:follow"),
        {"kind": "petitions.petition", "object_id": str(denunciation.pk)},
    )
    assert answer.status_code == 404
    answer = Client().get(
        reverse("participation:follow_email"),
        {"kind": "petitions.petition", "id": str(denunciation.pk)},
    )
    assert answer.status_code == 404
    # Even a follow row put there by hand is never told.
    Follow.objects.create(
        user=people.citizen,
        kind="petitions.petition",
        object_id=str(denunciation.pk),
        confirmed_at=NOW,
    )
    mail.outbox.clear()
    services.petition_accept(actor=people.handler, petition=denunciation)
    assert not Notification.objects.filter(user=people.citizen).exists()
    [message] = mail.outbox
    assert message.to == [PLANTED_EMAIL]
    # Its subject is not written in the mail, even to its sender.
    assert "Đường liên ấp" not in message.subject + message.body
    assert "đơn nhận ngày 26/11/2026" in message.subject


def test_a_report_whose_consent_was_withdrawn_stops_reaching_its_followers(tree, people):
    petition = _published_report(tree)
    follower = UserFactory(username="nguoitheodoi", email="theodoi@example.vn")
    participation.follow_record(
        user=follower, kind="petitions.petition", object_id=str(petition.pk)
    )
    Petition.objects.filter(pk=petition.pk).update(publish=False)
    mail.outbox.clear()
    services.petition_accept(actor=people.handler, petition=petition)
    assert not Notification.objects.filter(user=follower).exists()
    assert [m.to for m in mail.outbox] == [[PLANTED_EMAIL]]
    # Its page in the follower's settings names it no more.
    client = Client()
    client.force_login(follower)
    page = client.get(reverse("participation:settings")).content.decode()
    assert "Đường liên ấp" not in page
    assert "Nội dung không còn được công khai" in page


def test_a_petition_attached_to_the_account_is_told_in_the_site(tree, people):
    petition = _published_report(tree)
    Petition.objects.filter(pk=petition.pk).update(sender_account=people.citizen, publish=False)
    mail.outbox.clear()
    services.petition_accept(actor=people.handler, petition=petition)
    [n] = Notification.objects.filter(user=people.citizen)
    assert (n.kind, n.object_id, n.direct) == ("petitions.petition", str(petition.pk), True)
    # No second mail to the address on the petition: the account is told.
    assert [m for m in mail.outbox if m.to == [PLANTED_EMAIL]] == []


def test_following_by_mail_is_rate_limited_and_needs_the_captcha(tree, people):
    petition = _published_report(tree)
    data = {"kind": "petitions.petition", "object_id": str(petition.pk), "email": "a@example.vn"}
    wrong = Client().post(reverse("participation:follow_email"), {**data, "captcha_1": ""})
    assert wrong.status_code == 400
    assert Follow.objects.count() == 0
    client = Client()
    codes = [
        client.post(
            reverse("participation:follow_email"),
            {**data, "captcha_0": "x", "captcha_1": "PASSED"},
        ).status_code
        for _ in range(5)
    ]
    # Five tries in ten minutes from one address, the refused captcha counted.
    assert codes == [200] * 4 + [429]
    assert Follow.objects.count() == 1
