"""Open311 GeoReport v2: discovery, services, definitions, requests in JSON and XML, errors in
the spec's format; read by the third-party ``georeport`` client over HTTP."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest
from django.core.management import call_command

from ykien.core import apikeys
from ykien.core.permissions import SYSTEM
from ykien.petitions import services
from ykien.petitions.models import Channel, Petition, ServiceCategory

from .conftest import PLANTED_NAME, submit

pytestmark = pytest.mark.django_db


def parse_xml(data: bytes) -> ET.Element:
    """Our own responses, produced by the test itself: not untrusted input."""
    return ET.fromstring(data)  # noqa: S314


@pytest.fixture
def api_key(tree):
    _client, key = apikeys.apikey_create(actor=SYSTEM, name="Ứng dụng thử", unit=tree.prov_new)
    return key


@pytest.fixture
def category(tree):
    return ServiceCategory.objects.create(
        code="giao-thong", name="Giao thông", group="hạ tầng", default_unit=tree.agency_new
    )


def post(client, key, **fields):
    data = {
        "api_key": key,
        "service_code": "phan-anh",
        "lat": "10.2537",
        "long": "105.9722",
        "description": "Ổ gà lớn giữa đường, nguy hiểm cho xe máy.",
        "first_name": "Bíchngọc",
        "last_name": "Trương Thị",
        "phone": "0912345678",
    }
    data.update(fields)
    return client.post(
        "/open311/v2/requests.json", {k: v for k, v in data.items() if v is not None}
    )


def test_discovery_json_and_xml(client):
    data = client.get("/open311/v2/discovery.json").json()
    assert data["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert data["endpoints"][0]["formats"] == ["text/xml", "application/json"]
    response = client.get("/open311/v2/discovery.xml")
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = parse_xml(response.content)
    assert root.tag == "discovery"
    assert [f.text for f in root.find("endpoints/endpoint/formats")] == [
        "text/xml",
        "application/json",
    ]


def test_services_list_the_four_kinds_and_categories(client, category):
    data = client.get("/open311/v2/services.json").json()
    assert [s["service_code"] for s in data] == [
        "phan-anh",
        "kien-nghi",
        "khieu-nai",
        "to-cao",
        "giao-thong",
    ]
    assert data[4] == {
        "service_code": "giao-thong",
        "service_name": "Giao thông",
        "description": "",
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": "hạ tầng",
    }
    root = parse_xml(client.get("/open311/v2/services.xml").content)
    assert [s.findtext("service_code") for s in root.findall("service")][:2] == [
        "phan-anh",
        "kien-nghi",
    ]
    assert root.find("service/metadata").text == "true"


def test_service_definition(client):
    data = client.get("/open311/v2/services/khieu-nai.json").json()
    assert data["service_code"] == "khieu-nai"
    codes = {a["code"]: a["required"] for a in data["attributes"]}
    assert codes == {
        "subject": False,
        "unit_code": False,
        "sender_address": True,
        "id_number": False,
    }
    root = parse_xml(client.get("/open311/v2/services/to-cao.xml").content)
    assert root.tag == "service_definition"
    assert len(root.findall("attributes/attribute")) == 4
    response = client.get("/open311/v2/services/khong-co.json")
    assert response.status_code == 404
    assert response.json() == [
        {"code": 404, "description": "service_code 'khong-co' was not found"}
    ]


def test_post_creates_a_report(client, api_key):
    response = post(client, api_key)
    assert response.status_code == 201
    body = response.json()
    petition = Petition.objects.get()
    assert body[0]["service_request_id"] == str(petition.pk)
    assert petition.display_code in body[0]["service_notice"]
    assert petition.channel == Channel.OPEN311
    assert petition.unit.code == "N"
    assert str(petition.lat) == "10.253700"
    assert PLANTED_NAME not in json.dumps(body, ensure_ascii=False)
    # readable back, without the sender
    data = client.get(f"/open311/v2/requests/{petition.pk}.json").json()
    assert data[0]["status"] == "open"
    assert data[0]["description"] == "Ổ gà lớn giữa đường, nguy hiểm cho xe máy."
    assert data[0]["agency_responsible"] == "Ủy ban MTTQ tỉnh Vĩnh Long"
    assert PLANTED_NAME not in json.dumps(data, ensure_ascii=False)


def test_post_to_a_category_goes_to_its_unit(client, api_key, category):
    response = post(client, api_key, service_code="giao-thong")
    assert response.status_code == 201
    petition = Petition.objects.get()
    assert petition.category == category
    assert petition.unit.code == "N-UBND"


def test_post_to_a_merged_unit_goes_to_its_successor(client, api_key):
    response = post(client, api_key, **{"attribute[unit_code]": "A1"})
    assert response.status_code == 201
    assert Petition.objects.get().unit.code == "N1"


@pytest.mark.parametrize(
    ("fields", "status", "description"),
    [
        ({"api_key": "sai"}, 403, "Invalid api_key received -- can't proceed with create_request."),
        ({"api_key": None}, 403, "Invalid api_key received -- can't proceed with create_request."),
        ({"service_code": None}, 400, "service_code was not provided"),
        ({"service_code": "khong-co"}, 404, "service_code 'khong-co' was not found"),
        (
            {"lat": None, "long": None},
            400,
            "a location (lat & long, address_string or address_id) was not provided",
        ),
        ({"description": None}, 400, "description was not provided"),
        (
            {"lat": "bắc"},
            400,
            "Vĩ độ (lat) phải là một số từ -90 đến 90, ví dụ 10.2537; đã nhận “bắc”.",
        ),
        (
            {"description": "Xem <script>alert(1)</script>"},
            400,
            "description không được chứa mã HTML hoặc mã lệnh (script).",
        ),
        (
            {"phone": "123"},
            400,
            "Số điện thoại “123” không hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0). (phone)",
        ),
        ({"service_code": "khieu-nai"}, 400, "Cần ghi địa chỉ của người gửi. (address)"),
        ({"jurisdiction_id": "other.gov"}, 404, "jurisdiction_id 'other.gov' was not found"),
    ],
)
def test_post_errors_in_the_spec_format(client, api_key, fields, status, description):
    response = post(client, api_key, **fields)
    assert response.status_code == status
    assert response.json() == [{"code": status, "description": description}]
    assert Petition.objects.count() == 0


def test_post_error_in_xml(client, api_key):
    response = client.post(
        "/open311/v2/requests.xml", {"api_key": "sai", "service_code": "phan-anh"}
    )
    assert response.status_code == 403
    root = parse_xml(response.content)
    assert root.tag == "errors"
    assert root.findtext("error/code") == "403"


def test_get_requests_filters(client, tree, category):
    report = submit(tree.prov_new, publish=True)
    closed = submit(tree.prov_new, category=category)
    services.petition_refuse(actor=SYSTEM, petition=closed, ground="pa_unclear")
    submit(tree.prov_new, kind="complaint")
    submit(tree.prov_new, kind="denunciation")
    ids = lambda r: [x["service_request_id"] for x in r.json()]  # noqa: E731
    assert ids(client.get("/open311/v2/requests.json")) == [str(closed.pk), str(report.pk)]
    assert ids(client.get("/open311/v2/requests.json", {"status": "open"})) == [str(report.pk)]
    assert ids(client.get("/open311/v2/requests.json", {"status": "closed"})) == [str(closed.pk)]
    assert ids(client.get("/open311/v2/requests.json", {"service_code": "giao-thong"})) == [
        str(closed.pk)
    ]
    assert ids(
        client.get("/open311/v2/requests.json", {"service_request_id": f"{report.pk},999"})
    ) == [str(report.pk)]
    assert (
        ids(
            client.get(
                "/open311/v2/requests.json",
                {"start_date": "2020-01-01T00:00:00Z", "end_date": "2020-02-01T00:00:00Z"},
            )
        )
        == []
    )
    response = client.get(
        "/open311/v2/requests.json",
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-12-01T00:00:00Z"},
    )
    assert response.status_code == 400
    assert response.json()[0]["description"] == "the date range may not span more than 90 days"
    data = client.get("/open311/v2/requests.json").json()
    unpublished = next(x for x in data if x["service_request_id"] == str(closed.pk))
    assert unpublished["description"] is None
    root = parse_xml(client.get("/open311/v2/requests.xml").content)
    assert root.tag == "service_requests"
    assert len(root.findall("request")) == 2


def test_unknown_request_and_resource_are_404(client, tree):
    complaint = submit(tree.prov_new, kind="complaint")
    assert client.get("/open311/v2/requests/999999.json").status_code == 404
    assert client.get(f"/open311/v2/requests/{complaint.pk}.json").status_code == 404
    response = client.get("/open311/v2/khong-co.xml")
    assert response.status_code == 404
    assert parse_xml(response.content).findtext("error/code") == "404"


def test_apikey_command_prints_a_working_key(client, tree, capsys):
    call_command("apikey", "create", "Ứng dụng Zalo", "--unit", "N")
    key = capsys.readouterr().out.strip()
    assert key.startswith("yk_")
    assert post(client, key).status_code == 201


@pytest.mark.django_db(transaction=True)
def test_georeport_client_reads_the_endpoint(live_server, tree, category):
    from georeport import GeoReport

    report = submit(tree.prov_new, publish=True, category=category)
    for fmt in ("json", "xml"):
        client = GeoReport(f"{live_server.url}/open311/v2", output_format=fmt)
        services_list = client.get_service_list()
        assert [s["service_code"] for s in services_list][:4] == [
            "phan-anh",
            "kien-nghi",
            "khieu-nai",
            "to-cao",
        ]
        definition = client.get_service_definition("to-cao")
        assert definition["service_code"] == "to-cao"
        requests = client.get_service_requests(status="open")
        single = requests if isinstance(requests, dict) else requests[0]
        assert str(single["service_request_id"]) == str(report.pk)
        one = client.get_service_request(str(report.pk))
        assert one["service_code"] == "giao-thong"
        assert one["agency_responsible"] == "Ủy ban MTTQ tỉnh Vĩnh Long"
