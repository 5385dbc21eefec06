"""What the maps share: the tile server from the settings (OpenStreetMap by default; none in
tests), its host in the Content-Security-Policy, Leaflet served from node_modules, the place of a
unit (both coordinates or neither) and where a map opens."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.template import Context, Template

from ykien.core import services
from ykien.core.errors import ValidationFailed
from ykien.core.models import UnitLevel
from ykien.core.permissions import SYSTEM
from ykien.core.selectors import VIETNAM, MapView, unit_map_view
from ykien.core.tests.factories import make_unit
from ykien.settings import tile_origin

ROOT = Path(django_settings.BASE_DIR).parent
OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        (OSM, "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.vn:8443/{z}/{x}/{y}.png", "https://*.tile.example.vn:8443"),
        ("http://127.0.0.1:9000/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:9000"),
        ("", None),
        ("/static/tiles/{z}/{x}/{y}.png", None),  # this site: 'self'
        ("javascript:alert(1)//{z}", None),
    ],
)
def test_the_tile_origin_for_the_policy(url, origin):
    assert tile_origin(url) == origin


def _settings_with(env: dict[str, str]) -> dict:
    """Settings read by a fresh process with ``env`` (settings are read once, at start)."""
    code = (
        "import json, ykien.settings as s; print(json.dumps({'url': s.MAP_TILE_URL, "
        "'attribution': s.MAP_TILE_ATTRIBUTION, "
        "'img': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MAP_TILE")}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**environ, "YKIEN_TESTING": "1", **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(out.stdout)


def test_openstreetmap_is_the_default_and_its_host_is_allowed_for_pictures():
    read = _settings_with({})
    assert read == {
        "url": OSM,
        "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">'
        "OpenStreetMap</a> contributors",
        "img": ["'self'", "data:", "https://tile.openstreetmap.org"],
    }


def test_an_operator_s_tile_server_and_no_tiles():
    read = _settings_with(
        {
            "MAP_TILE_URL": "https://{s}.tiles.example.vn/{z}/{x}/{y}.png",
            "MAP_TILE_ATTRIBUTION": "© Sở",
        }
    )
    assert read["img"] == ["'self'", "data:", "https://*.tiles.example.vn"]
    assert read["attribution"] == "© Sở"
    assert _settings_with({"MAP_TILE_URL": ""})["img"] == ["'self'", "data:"]


@pytest.mark.django_db
def test_the_header_carries_the_tile_host(client, settings):
    policy = json.loads(json.dumps(settings.CONTENT_SECURITY_POLICY))
    assert policy["DIRECTIVES"]["img-src"] == ["'self'", "data:"]  # tests fetch no tiles
    policy["DIRECTIVES"]["img-src"] = _settings_with({})["img"]
    settings.CONTENT_SECURITY_POLICY = policy
    header = client.get("/phan-anh/gui/")["Content-Security-Policy"]
    directives = dict(part.split(" ", 1) for part in header.split("; "))
    assert directives["img-src"] == "'self' data: https://tile.openstreetmap.org"
    assert directives["connect-src"] == "'self'"
    assert directives["script-src"] == "'self'"


@pytest.mark.parametrize(
    "path",
    [
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet/images/marker-icon.png",
        "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "vendor/leaflet.markercluster/MarkerCluster.css",
        "vendor/leaflet.markercluster/MarkerCluster.Default.css",
        "core/map.js",
        "core/map.css",
    ],
)
@pytest.mark.django_db
def test_the_map_libraries_are_served_from_node_modules(client, path):
    found = finders.find(path)
    assert found is not None, f"{path}: run `make install` (npm ci)"
    if path.startswith("vendor/"):
        assert Path(found).resolve().is_relative_to((ROOT / "node_modules").resolve())
    response = client.get(f"/static/{path}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body == Path(found).read_bytes()


def test_no_library_file_is_in_the_repository():
    names = {"leaflet.js", "leaflet.css", "leaflet.markercluster.js", "axe.min.js", "axe.js"}
    found = [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*")
        if p.name in names and not {"node_modules", ".venv", "var"} & set(p.parts)
    ]
    assert found == []
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert set(lock["packages"]) >= {
        "node_modules/leaflet",
        "node_modules/leaflet.markercluster",
        "node_modules/axe-core",
    }
    assert "node_modules/" in (ROOT / ".gitignore").read_text().splitlines()


def test_the_map_tag_writes_the_tiles_escaped(settings):
    settings.MAP_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = '© <a href="https://example.vn">Bản đồ "A"</a>'
    html = Template("{% load maps %}<div{% map_tiles %}></div>").render(Context())
    assert html == (
        '<div data-tiles="http://127.0.0.1:9/{z}/{x}/{y}.png" '
        'data-attribution="© &lt;a href=&quot;https://example.vn&quot;&gt;Bản đồ &quot;A&quot;'
        '&lt;/a&gt;" data-zoom-in="Phóng to" data-zoom-out="Thu nhỏ"></div>'
    )


def _placed(name, code, lat, lng, level=UnitLevel.PROVINCE):
    return services.unit_create(
        actor=SYSTEM,
        code=code,
        name=name,
        level=level,
        kind="front",
        valid_from=dt.date(2020, 1, 1),
        lat=Decimal(lat),
        lng=Decimal(lng),
    )


@pytest.mark.django_db
def test_a_map_opens_on_the_provinces_that_have_a_place(settings):
    day = dt.date(2026, 1, 1)
    html = Template("{% load maps %}<div{% map_tiles centre=True %}></div>").render(Context())
    assert 'data-center="16.0,106.5" data-zoom="5"' in html
    assert unit_map_view(on=day) == VIETNAM
    make_unit("Tỉnh không có vị trí", code="X")
    _placed("Tỉnh A", "A", "10", "106")
    _placed("Sở của tỉnh A", "A-S", "10", "106")
    _placed("Xã B", "B", "12", "108", level=UnitLevel.COMMUNE)
    assert unit_map_view(on=day) == MapView(10.0, 106.0, 9)
    _placed("Tỉnh C", "C", "11", "107")
    assert unit_map_view(on=day) == MapView(10.5, 106.5, 7)
    assert unit_map_view(on=dt.date(2019, 1, 1)) == VIETNAM  # none in force yet


@pytest.mark.django_db
@pytest.mark.parametrize(
    "point",
    [
        {"lat": Decimal("10.1"), "lng": None},
        {"lat": None, "lng": Decimal("106")},
        {"lat": Decimal("91"), "lng": Decimal("106")},
        {"lat": Decimal("10"), "lng": Decimal("-180.5")},
    ],
)
def test_a_unit_s_place_needs_both_coordinates_in_range(point):
    unit = make_unit("Tỉnh A", code="A")
    with pytest.raises(ValidationFailed) as caught:
        services.unit_update(actor=SYSTEM, unit=unit, **point)
    assert caught.value.code == "invalid"
    unit.refresh_from_db()
    assert (unit.lat, unit.lng) == (None, None)
    with pytest.raises(ValidationFailed):
        services.unit_create(
            actor=SYSTEM, code="B", name="Tỉnh B", level="province", kind="front", **point
        )


@pytest.mark.django_db
def test_a_unit_is_placed_and_moved(settings):
    unit = services.unit_create(
        actor=SYSTEM,
        code="A",
        name="Tỉnh A",
        level="province",
        kind="front",
        lat=Decimal("9.762666"),
        lng=Decimal("106.440587"),
    )
    unit.refresh_from_db()
    assert (unit.lat, unit.lng) == (Decimal("9.762666"), Decimal("106.440587"))
    unit = services.unit_update(actor=SYSTEM, unit=unit, lat=None, lng=None)
    unit.refresh_from_db()
    assert (unit.lat, unit.lng) == (None, None)
