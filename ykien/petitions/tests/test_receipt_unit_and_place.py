"""The receipt is the document issued on the day a petition was received: dated at the place of
the unit that received it ("Hà Nội" for the central committee), in that unit's name even after
the petition was transferred, with the acceptance deadline that ran then."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
import time_machine
from django.urls import reverse

from ykien.petitions import services
from ykien.petitions.receipts import receipt_spec

from .conftest import submit

pytestmark = pytest.mark.django_db


def at(text: str):
    return time_machine.travel(dt.datetime.fromisoformat(text + "T09:00:00+07:00"), tick=False)


def _text(client, petition) -> str:
    response = client.get(reverse("petitions:receipt", args=[petition.display_code]))
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    ("unit", "place"),
    [("central", "Hà Nội"), ("prov_new", "Vĩnh Long"), ("commune_new", "Càng Long")],
)
def test_the_place_line_is_the_receiving_units_place(tree, unit, place):
    with at("2026-11-26"):
        spec = receipt_spec(submit(getattr(tree, unit)))
    assert spec.place == place


def test_the_central_committees_receipt_is_dated_in_ha_noi(client, tree):
    with at("2026-11-26"):
        petition = submit(tree.central)
        text = _text(client, petition)
    assert "Hà Nội, ngày 26 tháng 11 năm 2026" in text
    assert "Ủy ban Trung ương MTTQ Việt Nam, ngày" not in text


def test_a_transferred_petitions_receipt_names_the_unit_that_received_it(client, tree, people):
    with at("2026-11-26"):
        petition = submit(tree.prov_new)
        before = receipt_spec(petition)
    with at("2026-11-30"):
        petition = services.petition_transfer(
            actor=people.handler,
            petition=petition,
            to_unit=tree.agency_new,
            note="Thuộc thẩm quyền UBND tỉnh",
        )
        after = receipt_spec(petition)
        text = _text(client, petition)
    assert petition.unit == tree.agency_new
    assert petition.accept_due == dt.date(2026, 12, 14)  # the new unit's period
    assert after == before
    assert (after.superior, after.issuer, after.place) == (
        "Ủy ban MTTQ tỉnh Vĩnh Long",
        "Ban Thường trực",
        "Vĩnh Long",
    )
    rows = dict(after.body[1].rows)
    assert rows["Đơn vị tiếp nhận"] == "Ủy ban MTTQ tỉnh Vĩnh Long"
    assert rows["Hạn xem xét, thụ lý"] == "10/12/2026"  # 10 working days from 26/11
    assert after.body[0].text == (
        "Ủy ban MTTQ tỉnh Vĩnh Long xác nhận đã tiếp nhận đơn của ông/bà với các thông tin sau:"
    )
    assert "Ủy ban nhân dân tỉnh Vĩnh Long" not in text
