"""What the Open311 endpoint and the public form refuse, in the spec's error format or on the
form, never a 500 and nothing stored: coordinates that are no point on the globe (NaN, infinities,
1e999, text, 91, -181) and text holding a character XML 1.0 does not allow (the naughty strings of
``shared/data/security/blns.json``); and a row stored before those characters were refused does not
break the XML feed."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from ykien.core import apikeys
from ykien.core.permissions import SYSTEM
from ykien.core.tests.naughty import forbidden_naughty_strings, needs_blns
from ykien.petitions.models import Petition

from .conftest import submit
from .test_open311 import post
from .test_public import form_data

pytestmark = pytest.mark.django_db
# The naughty strings holding a forbidden character (controls, escapes, U+FFFE).
NAUGHTY = forbidden_naughty_strings()
LAT = "Vĩ độ (lat) phải là một số từ -90 đến 90, ví dụ 10.2537; đã nhận “{}”."
LONG = "Kinh độ (long) phải là một số từ -180 đến 180, ví dụ 105.9722; đã nhận “{}”."


@pytest.fixture
def api_key(tree):
    _client, key = apikeys.apikey_create(actor=SYSTEM, name="Ứng dụng thử", unit=tree.prov_new)
    return key


def parse_xml(data: bytes) -> ET.Element:
    """Our own responses, produced by the test itself: not untrusted input."""
    return ET.fromstring(data)  # noqa: S314


@needs_blns
def test_the_naughty_strings_are_read():
    assert len(NAUGHTY) == 6
    assert "\ufffe" in NAUGHTY


@pytest.mark.parametrize(
    ("fields", "description"),
    [
        ({"lat": "NaN"}, LAT.format("NaN")),
        ({"lat": "nan"}, LAT.format("nan")),
        ({"lat": "sNaN"}, LAT.format("sNaN")),
        ({"lat": "inf"}, LAT.format("inf")),
        ({"lat": "-inf"}, LAT.format("-inf")),
        ({"lat": "Infinity"}, LAT.format("Infinity")),
        ({"lat": "1e999"}, LAT.format("1e999")),
        ({"lat": "abc"}, LAT.format("abc")),
        ({"lat": "bắc"}, LAT.format("bắc")),
        ({"lat": "91"}, LAT.format("91")),
        ({"lat": "-90.0000001"}, LAT.format("-90.0000001")),
        ({"long": "-181"}, LONG.format("-181")),
        ({"long": "NaN"}, LONG.format("NaN")),
        ({"long": "1e999"}, LONG.format("1e999")),
        ({"long": "180.5"}, LONG.format("180.5")),
    ],
)
def test_coordinates_that_are_no_point_get_the_spec_400(client, api_key, fields, description):
    response = post(client, api_key, **fields)
    assert response.status_code == 400
    assert response.json() == [{"code": 400, "description": description}]
    assert Petition.objects.count() == 0


def test_coordinate_error_in_xml_and_in_english(client, api_key):
    data = {"api_key": api_key, "service_code": "phan-anh", "lat": "NaN", "long": "105.97",
            "description": "Ổ gà lớn giữa đường, nguy hiểm cho xe máy."}  # fmt: skip
    response = client.post("/open311/v2/requests.xml", data)
    assert response.status_code == 400
    root = parse_xml(response.content)
    assert (root.tag, root.findtext("error/code")) == ("errors", "400")
    assert root.findtext("error/description") == LAT.format("NaN")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = post(client, api_key, long="inf")
    assert response.json() == [
        {
            "code": 400,
            "description": "long must be a number from -180 to 180, e.g. 105.9722; got “inf”.",
        }
    ]
    assert Petition.objects.count() == 0


def test_edge_coordinates_are_stored(client, api_key):
    assert post(client, api_key, lat="-90", long="180").status_code == 201
    petition = Petition.objects.get()
    assert (str(petition.lat), str(petition.lng)) == ("-90.000000", "180.000000")


@pytest.mark.parametrize("naughty", NAUGHTY)
@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("description", "description"),
        ("attribute[subject]", "Tiêu đề"),
        ("last_name", "Họ và tên"),
        ("address_string", "Địa điểm"),
    ],
)
def test_open311_refuses_characters_xml_does_not_allow(client, api_key, field, label, naughty):
    cache.clear()  # the per-key rate limit
    text = f"Ổ gà lớn giữa đường {naughty} nguy hiểm"
    response = post(client, api_key, **{field: text})
    assert response.status_code == 400
    [error] = response.json()
    assert error["code"] == 400
    assert re.fullmatch(
        rf"{re.escape(label)} chứa ký tự không hợp lệ\.( \(\w+\))?", error["description"]
    )
    assert Petition.objects.count() == 0


@needs_blns
def test_the_petition_form_refuses_them_too(client, tree):
    for naughty in NAUGHTY:
        cache.clear()  # the per-address rate limit
        for field in ("subject", "content", "name"):
            text = f"Đèn đường ở ấp 3 không sáng {naughty} đã hai tháng"
            response = client.post(reverse("petitions:submit"), form_data(tree, **{field: text}))
            assert response.status_code == 200
            assert "chứa ký tự không hợp lệ." in response.content.decode()
    assert Petition.objects.count() == 0


def test_an_old_row_with_such_a_character_does_not_break_the_feed(client, tree):
    report = submit(tree.prov_new, publish=True)
    Petition.objects.filter(pk=report.pk).update(
        content="Đèn \ufffe đường \x1b[0;31mhỏng\x1b[0m", place_address="Ấp 3\x07\x1f"
    )
    response = client.get("/open311/v2/requests.xml")
    assert response.status_code == 200
    root = parse_xml(response.content)
    assert root.findtext("request/description") == "Đèn  đường [0;31mhỏng[0m"
    data = client.get("/open311/v2/requests.json").json()
    assert data[0]["description"] == "Đèn  đường [0;31mhỏng[0m"
    assert data[0]["address"] == "Ấp 3"


def test_an_echoed_code_with_such_a_character_does_not_break_the_error(client, api_key):
    data = {"api_key": api_key, "service_code": "x\ufffey", "address_string": "Ấp 3",
            "description": "Ổ gà lớn giữa đường, nguy hiểm cho xe máy."}  # fmt: skip
    response = client.post("/open311/v2/requests.xml", data)
    assert response.status_code == 404
    assert parse_xml(response.content).findtext("error/description") == (
        "service_code 'xy' was not found"
    )


@pytest.mark.parametrize("ids", ["²", "1,٣", "99999999999999999999999", "1,-2"])
def test_request_ids_that_are_no_record_number_get_the_spec_400(client, tree, ids):
    """Python's isdigit() accepts "²" and "٣", which int() refuses, and a number past 64 bits
    overflows the database: each is the spec's 400, never a 500."""
    response = client.get("/open311/v2/requests.json", {"service_request_id": ids})
    assert response.status_code == 400
    assert response.json()[0]["description"] == (
        "service_request_id must be a comma-separated list of numbers"
    )


@pytest.mark.parametrize("request_id", ["99999999999999999999999", "²"])
def test_a_request_id_past_64_bits_or_no_ascii_digit_is_a_404(client, tree, request_id):
    response = client.get(f"/open311/v2/requests/{request_id}.json")
    assert response.status_code == 404


# A right-to-left override (U+202E) typed 20th in "Ổ gà lớn giữa đường … nguy hiểm".
BIDI = "Ổ gà lớn giữa đường \u202e nguy hiểm"


@pytest.mark.parametrize(
    ("field", "label", "suffix"),
    [
        ("description", "Description", ""),
        ("attribute[subject]", "Tiêu đề", " (subject)"),
        ("last_name", "Họ và tên", " (name)"),
        ("address_string", "Địa điểm", " (place_address)"),
    ],
)
def test_open311_refuses_a_bidirectional_control(client, api_key, field, label, suffix):
    cache.clear()  # the per-key rate limit
    response = post(client, api_key, **{field: BIDI})
    assert response.status_code == 400
    assert response.json() == [
        {
            "code": 400,
            "description": f"{label} chứa ký tự không được phép (U+202E, ký tự thứ 21); hãy xóa "
            f"ký tự đó rồi gửi lại.{suffix}",
        }
    ]
    assert Petition.objects.count() == 0


@pytest.mark.parametrize("char", ["\u202a", "\u202e", "\u2066", "\u2069"])
@pytest.mark.parametrize(
    ("field", "label"), [("subject", "Tiêu đề"), ("content", "Nội dung"), ("name", "Họ và tên")]
)
def test_the_petition_form_refuses_a_bidirectional_control(client, tree, field, label, char):
    text = f"Đèn đường ở ấp 3 không sáng {char} đã hai tháng"
    response = client.post(reverse("petitions:submit"), form_data(tree, **{field: text}))
    assert response.status_code == 200
    assert (
        f"{label} chứa ký tự không được phép (U+{ord(char):04X}, ký tự thứ 29); hãy xóa ký tự đó "
        "rồi gửi lại."
    ) in response.content.decode()
    assert Petition.objects.count() == 0
