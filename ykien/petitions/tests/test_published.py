"""Published reports: the public list by unit and kind, the page of one report, its map and the
GeoJSON behind it. Only reports and requests whose sender agreed to publish them; never a
complaint, a denunciation, an anonymous denunciation taken as information, an unpublished or a
merged petition; never the sender, a contact typed in the text, an attachment or an internal
note."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.petitions import selectors, services
from ykien.petitions.api import PublishedKind, PublishedStatus
from ykien.petitions.models import Kind, Status

from .conftest import PLANTED, PLANTED_EMAIL, PLANTED_PHONE, submit

pytestmark = pytest.mark.django_db

LIST = "/phan-anh/cong-khai/"
MAP = "/phan-anh/cong-khai/ban-do/"
GEOJSON = "/api/v1/petitions/published.geojson"
NOTE = "Ghi chú nội bộ: người gửi là họ hàng của trưởng ấp"


@pytest.fixture
def reports(tree):
    """One of each petition the public pages must show or hide."""
    point = {"lat": Decimal("10.253700"), "lng": Decimal("105.972200")}
    shown = submit(
        tree.commune_new,
        subject="Đèn đường ấp Mỹ Hòa không sáng",
        content=(
            f"Tuyến đèn đường ấp Mỹ Hòa tắt đã hai tháng. Liên hệ {PLANTED_PHONE} "
            f"hoặc {PLANTED_EMAIL}."
        ),
        place_address="Ấp Mỹ Hòa, gần chợ",
        publish=True,
        **point,
    )
    services.petition_accept(actor=SYSTEM, petition=shown)
    services.petition_settle(actor=SYSTEM, petition=shown, conclusion=NOTE)
    services.petition_answer(actor=SYSTEM, petition=shown, answer="Đã thay bóng đèn mới.")
    request = submit(
        tree.prov_new,
        kind="request",
        subject="Kiến nghị mở lớp dạy nghề",
        content="Đề nghị mở lớp dạy nghề cho thanh niên trong xã.",
        publish=True,
    )
    return {
        "shown": shown,
        "request": request,  # published, without a place
        "unpublished": submit(
            tree.prov_new, subject="Không công khai: rác ở chợ", publish=False, **point
        ),
        "complaint": submit(
            tree.prov_new,
            kind="complaint",
            subject="Khiếu nại quyết định thu hồi đất",
            publish=True,
            **point,
        ),
        "denunciation": submit(
            tree.prov_new,
            kind="denunciation",
            subject="Tố cáo cán bộ địa chính",
            publish=True,
            **point,
        ),
        "anonymous_denunciation": submit(
            tree.prov_new,
            kind="denunciation",
            subject="Tố cáo nặc danh về đất",
            identity=SenderIdentity(),
            anonymous=True,
            publish=True,
            **point,
        ),
    }


def _reclassify(petition, kind):
    return services.petition_classify(
        actor=SYSTEM,
        petition=petition,
        kind=kind,
        category=None,
        is_second_complaint=False,
        is_remote=False,
    )


HIDDEN = (
    "Không công khai: rác ở chợ",
    "Khiếu nại quyết định thu hồi đất",
    "Tố cáo cán bộ địa chính",
    "Tố cáo nặc danh về đất",
)


def test_the_list_shows_only_published_reports_and_requests(client, reports):
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đèn đường ấp Mỹ Hòa không sáng" in html
    assert "Kiến nghị mở lớp dạy nghề" in html
    for subject in HIDDEN:
        assert subject not in html
    for planted in PLANTED:
        assert planted not in html
    assert [p.pk for p in selectors.published_petitions()] == [
        reports["request"].pk,
        reports["shown"].pk,
    ]


def test_the_list_counts_by_unit_and_kind(client, tree, reports):
    counts = selectors.published_counts()
    assert [(c.unit.code, c.reports, c.requests, c.total) for c in counts] == [
        ("N", 0, 1, 1),
        ("N1", 1, 0, 1),
    ]
    html = client.get(LIST).content.decode()
    assert '<a href="?unit=N1">Ủy ban MTTQ xã Càng Long</a>' in html


def test_the_list_filters_by_unit_kind_and_status(client, tree, reports):
    html = client.get(LIST, {"kind": "request"}).content.decode()
    assert "Kiến nghị mở lớp dạy nghề" in html
    assert "Đèn đường ấp Mỹ Hòa không sáng" not in html
    html = client.get(LIST, {"status": "answered"}).content.decode()
    assert "Đèn đường ấp Mỹ Hòa không sáng" in html
    assert "Kiến nghị mở lớp dạy nghề" not in html
    html = client.get(LIST, {"unit": "N1"}).content.decode()
    assert "Đèn đường ấp Mỹ Hòa không sáng" in html
    assert "Kiến nghị mở lớp dạy nghề" not in html
    # the province's subtree holds its commune
    html = client.get(LIST, {"unit": "N"}).content.decode()
    assert "Đèn đường ấp Mỹ Hòa không sáng" in html


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "complaint"}, "kind"),
        ({"kind": "denunciation"}, "kind"),
        ({"status": "merged"}, "status"),
        ({"unit": "KHONG-CO"}, "unit"),
        ({"unit": "x" * 500}, "unit"),
        ({"status": "\x00"}, "status"),
        ({"unit": "\x00"}, "unit"),
    ],
)
def test_a_bad_filter_is_a_400_that_says_so(client, reports, params, field):
    for url in (LIST, MAP):
        response = client.get(url, params)
        assert response.status_code == 400, (url, params)
        html = response.content.decode()
        assert "Bộ lọc không hợp lệ" in html
        assert f'id="id_{field}_error"' in html
        for subject in HIDDEN:
            assert subject not in html


def test_a_report_classified_as_a_complaint_or_merged_leaves_the_list(client, tree, reports):
    _reclassify(reports["request"], Kind.COMPLAINT)
    other = submit(tree.prov_new, subject="Ổ gà trên đường tỉnh", publish=True)
    again = submit(tree.prov_new, subject="Ổ gà trên đường tỉnh (gửi lại)", publish=True)
    services.petition_merge(actor=SYSTEM, petition=again, into=other, note="Trùng")
    html = client.get(LIST).content.decode()
    assert "Kiến nghị mở lớp dạy nghề" not in html
    assert "Ổ gà trên đường tỉnh" in html
    assert "gửi lại" not in html
    assert client.get(reverse("petitions:published_detail", args=[again.pk])).status_code == 404


def test_the_page_of_a_report_shows_public_steps_and_the_answer_redacted(client, reports):
    petition = reports["shown"]
    response = client.get(reverse("petitions:published_detail", args=[petition.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đèn đường ấp Mỹ Hòa không sáng" in html
    assert (
        "Tuyến đèn đường ấp Mỹ Hòa tắt đã hai tháng. Liên hệ [số điện thoại] hoặc [email]." in html
    )
    assert "Ấp Mỹ Hòa, gần chợ" in html
    assert "Đã tiếp nhận đơn." in html
    assert "Đã có kết quả giải quyết." in html
    assert "Đã thay bóng đèn mới." in html
    assert "10.253700, 105.972200" in html
    assert 'data-map="point" data-lat="10.253700" data-lng="105.972200"' in html
    assert NOTE not in html
    for planted in PLANTED:
        assert planted not in html
    assert petition.display_code not in html  # the tracking code is the sender's secret


@pytest.mark.parametrize(
    "which", ["unpublished", "complaint", "denunciation", "anonymous_denunciation"]
)
def test_the_page_of_a_petition_not_published_is_a_404(client, reports, which):
    pk = reports[which].pk
    assert client.get(reverse("petitions:published_detail", args=[pk])).status_code == 404


@pytest.mark.parametrize("pk", [0, 2**63 - 1, 2**63, 10**30])
def test_the_page_of_an_id_out_of_range_is_a_404(client, reports, pk):
    assert client.get(f"{LIST}{pk}/").status_code == 404


def test_the_map_page_lists_what_the_map_shows(client, reports, settings):
    settings.MAP_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    response = client.get(MAP, {"kind": "report"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-geojson="{GEOJSON}?kind=report"' in html
    assert 'data-tiles="http://127.0.0.1:9/{z}/{x}/{y}.png"' in html
    assert 'data-attribution="&amp;copy; <a' not in html  # escaped, not markup
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in html
    assert "Đèn đường ấp Mỹ Hòa không sáng" in html  # in the table
    assert "10.253700, 105.972200" in html
    for subject in HIDDEN:
        assert subject not in html


def test_the_petitions_home_links_to_the_published_reports(client, db):
    html = client.get("/phan-anh/").content.decode()
    assert f'href="{LIST}"' in html
    assert f'href="{MAP}"' in html


# --- GeoJSON ----------------------------------------------------------------------------------


def test_the_geojson_is_a_feature_collection_with_lng_lat(client, reports):
    response = client.get(GEOJSON)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    petition = reports["shown"]
    assert response.json() == {
        "type": "FeatureCollection",
        "count": 1,
        "features": [
            {
                "type": "Feature",
                "id": petition.pk,
                "geometry": {"type": "Point", "coordinates": [105.9722, 10.2537]},
                "properties": {
                    "subject": "Đèn đường ấp Mỹ Hòa không sáng",
                    "kind": "report",
                    "kind_label": "Phản ánh",
                    "status": "answered",
                    "status_label": "Đã trả lời",
                    "category": "",
                    "unit": "Ủy ban MTTQ xã Càng Long",
                    "unit_code": "N1",
                    "received_on": petition.received_on.isoformat(),
                    "url": f"{LIST}{petition.pk}/",
                },
            }
        ],
    }


def test_the_geojson_has_no_personal_data(client, tree, reports):
    submit(
        tree.prov_new,
        subject=f"Gọi {PLANTED_PHONE} về đèn đường",
        publish=True,
        lat=Decimal("10.1"),
        lng=Decimal("106.1"),
    )
    text = json.dumps(client.get(GEOJSON).json(), ensure_ascii=False)
    for planted in PLANTED:
        assert planted not in text
    assert "Gọi [số điện thoại] về đèn đường" in text
    assert "Khiếu nại" not in text
    assert "Tố cáo" not in text


def test_the_geojson_in_english(client, reports):
    client.cookies["django_language"] = "en"
    props = client.get(GEOJSON).json()["features"][0]["properties"]
    assert (props["kind_label"], props["status_label"]) == ("Report", "Responded")


def test_the_geojson_filters(client, tree, reports):
    lat, lng = Decimal("10.0"), Decimal("106.0")
    other = submit(
        tree.prov_new, kind="request", subject="Kiến nghị làm cầu", publish=True, lat=lat, lng=lng
    )

    def ids(**params):
        response = client.get(GEOJSON, params)
        assert response.status_code == 200, response.content
        return [f["id"] for f in response.json()["features"]]

    shown = reports["shown"].pk
    assert ids() == [other.pk, shown]
    assert ids(kind="report") == [shown]
    assert ids(kind="request") == [other.pk]
    assert ids(status="answered") == [shown]
    assert ids(status="received") == [other.pk]
    assert ids(unit="N1") == [shown]
    assert ids(unit="N") == [other.pk, shown]
    assert ids(unit="B") == []
    assert ids(limit=1) == [other.pk]
    assert ids(limit=1, offset=1) == [shown]
    assert client.get(GEOJSON, {"limit": 1}).json()["count"] == 2


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (
            {"kind": "complaint"},
            "kind",
            "Trường “kind” chỉ nhận một trong các giá trị: 'report', 'request'.",
        ),
        ({"kind": "denunciation"}, "kind", None),
        ({"status": "merged"}, "status", None),
        ({"limit": 0}, "limit", "Trường “limit” phải lớn hơn hoặc bằng 1."),
        ({"limit": 1001}, "limit", "Trường “limit” phải nhỏ hơn hoặc bằng 1000."),
        ({"limit": 2**63}, "limit", None),
        ({"offset": 2**63}, "offset", None),
        ({"offset": -1}, "offset", None),
        ({"unit": "x" * 61}, "unit", "Trường “unit” dài quá 60 ký tự."),
    ],
)
def test_a_bad_geojson_filter_is_a_translated_400(client, reports, params, field, message):
    response = client.get(GEOJSON, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert [d["field"] for d in body["detail"]] == [field]
    if message:
        assert body["message"] == message


def test_an_unknown_unit_is_a_404(client, reports):
    response = client.get(GEOJSON, {"unit": "KHONG-CO"})
    assert response.status_code == 404
    assert response.json() == {"detail": "not_found: Không có đơn vị mã “KHONG-CO”."}


def test_the_api_kinds_and_statuses_are_the_published_ones():
    assert set(PublishedKind.__args__) == {k.value for k in selectors.PUBLISHED_KINDS}
    assert set(PublishedStatus.__args__) == {s.value for s in selectors.PUBLISHED_STATUSES}
    assert Status.MERGED not in selectors.PUBLISHED_STATUSES
