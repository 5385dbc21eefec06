"""A step's text is stored as a code and values, whatever language the officer works in, and
shown in the reader's language; steps are named by their label, never by their code."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ykien.core.permissions import SYSTEM
from ykien.petitions import services
from ykien.petitions.models import Kind, Petition, PetitionEvent

from .conftest import otp_login, submit

pytestmark = pytest.mark.django_db


def at(text: str):
    return time_machine.travel(dt.datetime.fromisoformat(text + "T09:00:00+07:00"), tick=False)


@pytest.fixture
def walked(tree, people) -> Petition:
    """A report taken through every public step, by an officer working in English."""
    with translation.override("en"), at("2026-11-26"):
        p = submit(tree.prov_new)
        p = services.petition_classify(actor=people.handler, petition=p, kind=Kind.REQUEST)
        p = services.petition_accept(actor=people.handler, petition=p)
        p = services.petition_extend(actor=people.handler, petition=p, reason="Cần xác minh thêm")
        p = services.petition_settle(actor=people.handler, petition=p, conclusion="Đã sửa xong.")
        p = services.petition_answer(actor=people.handler, petition=p, answer="Đã sửa đường.")
        services.petition_rate(actor=SYSTEM, petition=p, rating=4)
    return Petition.objects.get(pk=p.pk)


VI = [
    "Đã tiếp nhận đơn.",
    "Phân loại: Kiến nghị.",
    "Đã thụ lý; hạn giải quyết 28/12/2026.",
    "Gia hạn đến 25/01/2027.",
    "Đã có kết quả giải quyết.",
    "Trả lời người gửi",
    "Người gửi đánh giá mức hài lòng: 4/5.",
]
EN = [
    "Petition received.",
    "Classification: Request.",
    "Accepted; settlement due 28/12/2026.",
    "Extended to 25/01/2027.",
    "A settlement result has already been recorded.",
    "Responded to the sender",
    "Sender rated satisfaction: 4/5.",
]


def test_step_texts_are_stored_as_codes_whatever_the_officers_language(walked):
    rows = list(walked.events.filter(public=True).values_list("text_code", "params", "public_text"))
    assert rows == [
        ("received", {}, ""),
        ("classified", {"kind": "request"}, ""),
        ("accepted", {"due": "2026-12-28"}, ""),
        ("extended", {"due": "2027-01-25"}, ""),
        ("settled", {}, ""),
        ("", {}, ""),
        ("rated", {"n": 4}, ""),
    ]


def test_status_page_shows_the_steps_in_the_readers_language(walked, client):
    url = reverse("petitions:lookup")
    page = client.get(url, {"ma": walked.code}).content.decode()
    for text in VI:
        assert f"— {text}</li>" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url, {"ma": walked.code}).content.decode()
    for text in EN:
        assert f"— {text}</li>" in page
    for text in VI:
        assert text not in page


def test_staff_page_names_steps_by_label_never_by_code(walked, client, people):
    otp_login(client, people.handler)
    url = reverse("petitions:staff_detail", args=[walked.pk])
    page = client.get(url).content.decode()
    for label in ("Tiếp nhận đơn", "Phân loại", "Thụ lý", "Gia hạn", "Giải quyết"):
        assert f"<td>{label}</td>" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url).content.decode()
    # A step is something done: named as a state, never as a command.
    steps = ("Petition received", "Classified", "Accepted", "Extended", "Settled")
    for label in (*steps, "Responded to the sender"):
        assert f"<td>{label}</td>" in page
    for command in ("Receive petition", "Classify", "Accept", "Extend", "Settle", "Reply"):
        assert f"<td>{command}</td>" not in page
    for code in ("submit", "classify", "accept", "extend", "settle", "answer", "rate"):
        assert f"<td>{code}</td>" not in page


def test_buttons_say_what_they_do_and_steps_what_was_done(tree, people, client):
    with at("2026-11-26"):
        p = submit(tree.prov_new)
    otp_login(client, people.handler)
    url = reverse("petitions:staff_detail", args=[p.pk])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url).content.decode()
    for command in ("Classify", "Accept", "Do not accept", "Transfer petition", "Extend"):
        assert f'<button class="btn" type="submit">{command}</button>' in page, command
    assert "<td>Petition received</td>" in page
    response = client.post(reverse("petitions:staff_action", args=[p.pk, "accept"]), follow=True)
    page = response.content.decode()
    assert "Updated: Accepted." in page
    assert "<td>Accepted</td>" in page
    assert '<button class="btn" type="submit">Settle</button>' in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = client.get(url).content.decode()
    assert '<button class="btn" type="submit">Giải quyết</button>' in page
    assert "<td>Thụ lý</td>" in page


def test_refusal_transfer_and_merge_texts_in_both_languages(tree, people):
    with at("2026-11-26"):
        refused = services.petition_refuse(
            actor=people.handler,
            petition=submit(tree.prov_new, kind=Kind.COMPLAINT),
            ground="kn_time_barred",
        )
        moved = submit(tree.prov_new)
        first = submit(tree.prov_new)
    with at("2026-12-10"):  # after the 5 working days to forward (3/12)
        moved = services.petition_transfer(
            actor=people.handler, petition=moved, to_unit=tree.district_a, note="Việc ở xã"
        )
        services.petition_merge(actor=people.handler, petition=first, into=moved)
    refusal = refused.events.get(action="refuse")
    transfer = moved.events.get(action="transfer")
    merged_in = moved.events.get(action="merge")
    assert (refusal.text_code, refusal.params) == ("refused", {"ground": "kn_time_barred"})
    assert refusal.text == (
        "Không thụ lý: Thời hiệu, thời hạn khiếu nại đã hết mà không có lý do chính đáng"
        " (Luật Khiếu nại 2011, Điều 11, khoản 6)."
    )
    assert transfer.text == (
        "Chuyển đơn từ Ủy ban MTTQ tỉnh Vĩnh Long đến Ủy ban MTTQ xã Càng Long."
        " (Ủy ban MTTQ huyện Càng Long đã sáp nhập vào đơn vị này.)"
    )
    assert transfer.note_text == "Việc ở xã Chuyển quá hạn 03/12/2026."
    assert merged_in.note_text == f"Gộp đơn #{first.pk} vào đơn này."
    with translation.override("en"):
        assert refusal.text.startswith("Not accepted: The limitation period")
        assert refusal.text.endswith("(Law on Complaints 2011, Article 11, clause 6).")
        assert transfer.text == (
            "Transferred from Ủy ban MTTQ tỉnh Vĩnh Long to Ủy ban MTTQ xã Càng Long."
            " (Ủy ban MTTQ huyện Càng Long has been merged into this unit.)"
        )
        assert transfer.note_text == "Việc ở xã Transferred after the deadline 03/12/2026."
        assert merged_in.note_text == f"Merged petition #{first.pk} into this petition."


def test_migration_turns_stored_vietnamese_texts_into_codes(tree, people):
    p = submit(tree.prov_new)
    Petition.objects.filter(pk=p.pk).update(refusal_ground="pa_unclear")
    old = {
        "submit": "Đã tiếp nhận đơn. Đơn vị đã chọn không còn hoạt động; đơn được chuyển tới"
        " Ủy ban MTTQ tỉnh Vĩnh Long.",
        "classify": "Phân loại: Tố cáo.",
        "accept": "Đã thụ lý; hạn giải quyết 28/12/2026.",
        "refuse": "Không thụ lý: Nội dung không rõ ràng (Luật Tiếp công dân 2013, Điều 28).",
        "transfer": "Chuyển đơn từ Ủy ban MTTQ tỉnh Vĩnh Long đến Ủy ban MTTQ xã Càng Long.",
        "answer": "Trả lời người gửi",
        "rate": "Người gửi đánh giá mức hài lòng: 5/5.",
        "settle": "Result recorded.",  # stored in English before: kept as stored
    }
    PetitionEvent.objects.filter(petition=p).delete()
    for action, text in old.items():
        PetitionEvent.objects.create(
            petition=p,
            on=p.received_on,
            action=action,
            status=p.status,
            public_text=text,
            note="Ghi chú Chuyển quá hạn 03/12/2026." if action == "transfer" else "",
        )
    PetitionEvent.objects.create(
        petition=p, on=p.received_on, action="merge", status=p.status, public=False,
        note="Gộp đơn #7 vào đơn này.",
    )  # fmt: skip
    importlib.import_module("ykien.petitions.migrations.0004_step_texts_to_codes_data").forwards(
        apps, None
    )
    rows = {
        e.action: (e.text_code, e.params, e.public_text, e.note)
        for e in PetitionEvent.objects.filter(petition=p)
    }
    assert rows == {
        "submit": ("received", {"rerouted_to": "Ủy ban MTTQ tỉnh Vĩnh Long"}, "", ""),
        "classify": ("classified", {"kind": "denunciation"}, "", ""),
        "accept": ("accepted", {"due": "2026-12-28"}, "", ""),
        "refuse": ("refused", {"ground": "pa_unclear"}, "", ""),
        "transfer": (
            "transferred",
            {
                "from": "Ủy ban MTTQ tỉnh Vĩnh Long",
                "to": "Ủy ban MTTQ xã Càng Long",
                "late_due": "2026-12-03",
            },
            "",
            "Ghi chú",
        ),
        "answer": ("", {}, "", ""),
        "rate": ("rated", {"n": 5}, "", ""),
        "settle": ("", {}, "Result recorded.", ""),
        "merge": ("", {"merged_from": 7}, "", ""),
    }
    with translation.override("en"):
        shown = {e.action: e.text for e in PetitionEvent.objects.filter(petition=p)}
    assert shown["submit"] == (
        "Petition received. The selected unit is no longer active; the petition has been"
        " forwarded to Ủy ban MTTQ tỉnh Vĩnh Long."
    )
    assert shown["settle"] == "Result recorded."
    assert shown["answer"] == "Responded to the sender"
