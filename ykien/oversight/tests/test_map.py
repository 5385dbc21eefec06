"""The public supervision map: per unit, activities with reported results, public recommendations
issued and received, and the received ones overdue; the GeoJSON behind it (RFC 7946: longitude
first, a null geometry for a unit without a place); the page with its table and the units without
a place listed beside the map."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ykien.core import services as core_services
from ykien.core.permissions import SYSTEM
from ykien.oversight import selectors

from .conftest import TODAY, board_review, issued, reported_review, written

pytestmark = pytest.mark.django_db

GEOJSON = "/api/v1/oversight/map.geojson"
PAGE = "/giam-sat/ban-do/"


@pytest.fixture
def mapped(world):
    """The province (placed) sent two recommendations to its People's Committee (placed), one of
    them overdue; the commune's board (not placed) ran a reported activity; a recommendation kept
    private and one not yet sent count nowhere."""
    for unit, lat, lng in (
        (world.province, "10.086128", "106.016997"),
        (world.ubnd, "10.2", "106.3"),
    ):
        core_services.unit_update(actor=SYSTEM, unit=unit, lat=Decimal(lat), lng=Decimal(lng))
    activity = reported_review(world)
    issued(world, activity=activity, days=30)  # answer due in May: overdue on TODAY
    issued(world, activity=activity, on=dt.date(2026, 11, 20), days=30)
    private = written(world, activity, "Kiến nghị nội bộ", addressee=world.sxd, is_public=False)
    from ykien.oversight import services

    services.recommendation_issue(actor=world.officer, recommendation=private, on=TODAY)
    written(world, activity, "Chưa gửi", addressee=world.sxd)
    board_review(world)
    return world


def test_units_on_map_counts_per_unit(mapped):
    rows = selectors.units_on_map(today=TODAY)
    assert [(r.unit.code, r.activities, r.issued, r.received, r.overdue) for r in rows] == [
        ("BTTND-X", 1, 0, 0, 0),
        ("MTTQ-86", 1, 2, 0, 0),
        ("UBND-86", 0, 0, 2, 1),
    ]


def test_units_on_map_within_a_unit_and_a_year(mapped):
    rows = selectors.units_on_map(today=TODAY, within=mapped.commune)
    assert [r.unit.code for r in rows] == ["BTTND-X"]
    rows = selectors.units_on_map(today=TODAY, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert rows == []


def test_the_geojson(client, mapped):
    response = client.get(GEOJSON)
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "FeatureCollection"
    features = {f["properties"]["code"]: f for f in body["features"]}
    assert set(features) == {"BTTND-X", "MTTQ-86", "UBND-86"}
    assert features["MTTQ-86"] == {
        "type": "Feature",
        "id": mapped.province.pk,
        "geometry": {"type": "Point", "coordinates": [106.016997, 10.086128]},
        "properties": {
            "name": "Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long",
            "code": "MTTQ-86",
            "level": "province",
            "level_label": "Cấp tỉnh",
            "activities": 1,
            "recommendations_issued": 2,
            "recommendations_received": 0,
            "overdue": 0,
            "issuer_url": f"/giam-sat/?issuer={mapped.province.pk}",
            "addressee_url": "",
        },
    }
    assert features["UBND-86"]["geometry"]["coordinates"] == [106.3, 10.2]
    assert features["UBND-86"]["properties"]["overdue"] == 1
    assert features["UBND-86"]["properties"]["addressee_url"] == (
        f"/giam-sat/?addressee={mapped.ubnd.pk}"
    )
    assert features["BTTND-X"]["geometry"] is None
    assert "Kiến nghị nội bộ" not in response.content.decode()


def test_the_geojson_filters(client, mapped):
    def codes(**params):
        response = client.get(GEOJSON, params)
        assert response.status_code == 200, response.content
        return sorted(f["properties"]["code"] for f in response.json()["features"])

    assert codes(unit="MTTQ-X") == ["BTTND-X"]
    assert codes(unit="MTTQ-86") == ["BTTND-X", "MTTQ-86", "UBND-86"]
    assert codes(year=2026) == ["BTTND-X", "MTTQ-86", "UBND-86"]
    assert codes(year=2025) == []


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"year": 0}, 400, "year"),
        ({"year": 10000}, 400, "year"),
        ({"year": 2**63}, 400, "year"),
        ({"year": "2026.5"}, 400, "year"),
        ({"unit": "x" * 61}, 400, "unit"),
    ],
)
def test_bad_geojson_filters_are_translated_400s(client, mapped, params, status, field):
    response = client.get(GEOJSON, params)
    assert response.status_code == status
    assert [d["field"] for d in response.json()["detail"]] == [field]


def test_an_unknown_unit_is_a_404(client, mapped):
    response = client.get(GEOJSON, {"unit": "KHONG-CO"})
    assert response.status_code == 404
    assert response.json() == {"detail": "not_found: Không có đơn vị mã “KHONG-CO”."}


def test_the_page_has_the_map_the_table_and_the_units_without_a_place(client, mapped):
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-geojson="{GEOJSON}"' in html
    assert 'data-map="features" data-popup="units"' in html
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in html
    board = mapped.board
    assert f'<li><a href="#unit-{board.pk}">Ban Thanh tra nhân dân xã Long Hồ</a></li>' in html
    assert (
        f'<tr id="unit-{mapped.ubnd.pk}"><th scope="row">Ủy ban nhân dân tỉnh Vĩnh Long</th>'
        in html
    )
    assert f'<a href="/giam-sat/?addressee={mapped.ubnd.pk}">2</a>' in html
    assert "Kiến nghị nội bộ" not in html


def test_the_page_by_year_and_a_bad_year(client, mapped):
    response = client.get(PAGE, {"year": "2026"})
    assert response.status_code == 200
    assert f'data-geojson="{GEOJSON}?year=2026"' in response.content.decode()
    response = client.get(PAGE, {"year": "hai nghìn"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bộ lọc không hợp lệ" in html
    assert f'data-geojson="{GEOJSON}"' in html


def test_the_board_links_to_the_map(client, world):
    assert f'href="{PAGE}"' in client.get("/giam-sat/").content.decode()
