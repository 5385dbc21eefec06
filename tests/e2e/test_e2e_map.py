"""The maps in Chromium, with the site's Content-Security-Policy on: picking the place of a
petition on the form's map (the stored point is the one picked), the map of published reports
(clustered markers from the API's GeoJSON, a popup leading to the report), the supervision map by
unit (units without a place listed beside it), and axe-core on each new page.

The tiles come from the live server itself (a picture of Leaflet's, at a URL with {z}/{x}/{y}):
every request the browser makes must stay on 127.0.0.1."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from axe import assert_accessible  # tests/e2e/axe.py (the test directory is on sys.path)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def requests_made(page):
    """Every URL the page requests (documents, scripts, tiles, the GeoJSON)."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


@pytest.fixture
def local_tiles(settings, live_server):
    settings.MAP_TILE_URL = (
        live_server.url + "/static/vendor/leaflet/images/layers.png?t={z}/{x}/{y}"
    )
    settings.MAP_TILE_ATTRIBUTION = "© Bản đồ thử"
    return settings.MAP_TILE_URL


def _stayed_local(urls: list[str], base: str) -> None:
    outside = [u for u in urls if not (u.startswith(base + "/") or u.startswith("data:"))]
    assert urlsplit(base).hostname in ("127.0.0.1", "localhost")  # the live server, on 127.0.0.1
    assert outside == []


def _map_drawn(page, selector: str) -> None:
    page.wait_for_selector(f"{selector}.leaflet-container")
    page.wait_for_function(
        "(s) => document.querySelector(s).hasAttribute('data-features') || "
        "document.querySelector(s).dataset.map === 'picker'",
        arg=selector,
    )


def _open_popup(page, selector: str):
    """Click the map's first marker and return its popup. The map may still be fitting its
    bounds when the page is drawn (the marker moving under the pointer on a busy machine): wait
    until no zoom animation runs, and click again if no popup opened."""
    marker = page.locator(f"{selector} .leaflet-marker-icon").first
    popup = page.locator(".leaflet-popup-content")
    for _attempt in range(3):
        page.wait_for_function(
            "(s) => !document.querySelector(s).classList.contains('leaflet-zoom-anim')",
            arg=selector,
        )
        marker.click()
        try:
            popup.wait_for(state="visible", timeout=5000)
            return popup
        except PlaywrightTimeoutError:
            continue
    popup.wait_for(state="visible", timeout=5000)
    return popup


def test_pick_the_place_on_the_petition_form_and_send(
    site, page, solve_captcha, local_tiles, requests_made
):
    from ykien.petitions.models import Petition

    page.goto(site.url + "/phan-anh/gui/")
    _map_drawn(page, "#place-map")
    # the fields stay, labelled, for whoever types the point
    lat, lng = page.get_by_label("Vĩ độ"), page.get_by_label("Kinh độ")
    assert lat.input_value() == ""
    page.locator("#place-map").click(position={"x": 320, "y": 140})
    picked = (lat.input_value(), lng.input_value())
    assert all(re.fullmatch(r"-?\d{1,3}\.\d{6}", v) for v in picked), picked
    assert page.locator("#map-picked").inner_text() == (
        f"Đã chọn điểm: vĩ độ {picked[0]}, kinh độ {picked[1]}."
    )
    assert page.locator("#place-map .leaflet-marker-icon").count() == 1
    # a second click moves the one marker
    page.locator("#place-map").click(position={"x": 200, "y": 200})
    assert page.locator("#place-map .leaflet-marker-icon").count() == 1
    picked = (lat.input_value(), lng.input_value())
    assert any("layers.png?t=" in u for u in requests_made)  # the tiles were drawn
    assert "© Bản đồ thử" in page.locator("#place-map .leaflet-control-attribution").inner_text()
    assert_accessible(page)

    page.get_by_label("Phản ánh", exact=True).check()
    page.get_by_label("Gửi đến").select_option(label="Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long")
    page.get_by_label("Tiêu đề").fill("Cây đổ chắn ngang đường ấp 2")
    page.locator("textarea[name=content]").fill("Cây đổ chắn ngang đường ấp 2 từ sáng nay.")
    page.get_by_label("Gửi nặc danh (không ghi thông tin cá nhân)").check()
    page.get_by_label("Đồng ý công khai nội dung và câu trả lời").check()
    solve_captcha(page)
    page.get_by_role("button", name="Gửi đơn").click()
    page.wait_for_url(re.compile(r"/phan-anh/da-gui/"))
    sent = Petition.objects.get(subject="Cây đổ chắn ngang đường ấp 2")
    assert (sent.lat, sent.lng) == (Decimal(picked[0]), Decimal(picked[1]))
    assert sent.publish

    # its public page shows it on a map
    page.goto(site.url + f"/phan-anh/cong-khai/{sent.pk}/")
    page.wait_for_selector("[data-map=point].leaflet-container .leaflet-marker-icon")
    assert_accessible(page)
    _stayed_local(requests_made, site.url)


def test_typing_the_point_moves_the_marker(site, page, local_tiles, requests_made):
    page.goto(site.url + "/phan-anh/gui/")
    _map_drawn(page, "#place-map")
    page.get_by_label("Vĩ độ").fill("10.2537")
    page.get_by_label("Kinh độ").fill("105.9722")
    page.get_by_label("Kinh độ").press("Tab")
    page.wait_for_selector("#place-map .leaflet-marker-icon")
    centre = page.evaluate(
        "() => { const r = document.querySelector('#place-map .leaflet-marker-icon')"
        ".getBoundingClientRect(); return [r.x, r.y]; }"
    )
    assert centre[0] > 0
    assert page.get_by_label("Vĩ độ").input_value() == "10.2537"  # typed values are kept
    # The live region reads out the typed point, as it does a clicked one.
    assert page.locator("#map-picked").inner_text() == (
        "Đã chọn điểm: vĩ độ 10.2537, kinh độ 105.9722."
    )
    _stayed_local(requests_made, site.url)


def _published(site):
    from ykien.core.models import Unit
    from ykien.core.permissions import SYSTEM
    from ykien.core.pii import SenderIdentity
    from ykien.petitions import services

    province = Unit.objects.get(code="MTTQ-86")
    made = []
    for subject, lat, lng, kind in (
        ("Đường ấp Phú Hòa sạt lở", "10.25", "105.97", "report"),
        ("Kiến nghị lắp đèn giao thông ở Trà Vinh", "9.93", "106.34", "request"),
        ("Ổ gà trên quốc lộ 53", "9.98", "106.25", "report"),
    ):
        made.append(
            services.petition_submit(
                actor=SYSTEM,
                kind=kind,
                subject=subject,
                content=f"{subject}, xin địa phương sớm xử lý. Gọi 0912345678.",
                unit=province,
                identity=SenderIdentity(),
                anonymous=True,
                publish=True,
                lat=Decimal(lat),
                lng=Decimal(lng),
            )
        )
    services.petition_submit(
        actor=SYSTEM,
        kind="report",
        subject="Không công khai: rác",
        content="Rác thải ở chợ không được thu gom.",
        unit=province,
        identity=SenderIdentity(),
        anonymous=True,
        publish=False,
        lat=Decimal("10.1"),
        lng=Decimal("106.1"),
    )
    return made


def test_the_map_of_published_reports(site, page, local_tiles, requests_made):
    made = _published(site)
    page.goto(site.url + "/phan-anh/cong-khai/ban-do/")
    _map_drawn(page, "#published-map")
    assert page.locator("#published-map").get_attribute("data-features") == "3"
    assert page.locator("#published-map .leaflet-marker-icon").count() >= 1
    assert "Không công khai" not in page.locator("main").inner_text()
    assert_accessible(page)

    # filtered by kind: one report, one marker; its popup leads to its page
    page.get_by_label("Loại").select_option(label="Kiến nghị")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"kind=request"))
    _map_drawn(page, "#published-map")
    assert page.locator("#published-map").get_attribute("data-features") == "1"
    popup = _open_popup(page, "#published-map")
    popup.get_by_role("link", name="Kiến nghị lắp đèn giao thông ở Trà Vinh").click()
    page.wait_for_url(re.compile(rf"/phan-anh/cong-khai/{made[1].pk}/$"))
    main = page.locator("main").inner_text()
    assert "[số điện thoại]" in main
    assert "0912345678" not in main

    page.goto(site.url + "/phan-anh/cong-khai/")
    assert "Đường ấp Phú Hòa sạt lở" in page.locator("main").inner_text()
    assert_accessible(page)
    _stayed_local(requests_made, site.url)


def test_the_supervision_map_by_unit(world, page, local_tiles, requests_made):
    from ykien.core import services as core_services
    from ykien.core.models import Unit
    from ykien.core.permissions import SYSTEM

    site = world.site
    province = Unit.objects.get(code="MTTQ-86")
    core_services.unit_update(
        actor=SYSTEM, unit=province, lat=Decimal("10.086128"), lng=Decimal("106.016997")
    )
    page.goto(site.url + "/giam-sat/")
    page.get_by_role("link", name="Xem giám sát và kiến nghị theo đơn vị trên bản đồ").click()
    _map_drawn(page, "#oversight-map")
    # the province issued, the agency received; only the province has a place
    assert page.locator("#oversight-map").get_attribute("data-features") == "1"
    assert page.locator("#oversight-map .leaflet-marker-icon").count() == 1
    unplaced = page.get_by_role("region", name="Đơn vị chưa có vị trí trên bản đồ")
    assert unplaced.get_by_role("link").all_inner_texts() == ["Ủy ban nhân dân tỉnh Vĩnh Long"]
    popup = _open_popup(page, "#oversight-map")
    assert "Kiến nghị đã gửi: 1" in popup.inner_text()
    popup.get_by_role("link", name="Xem kiến nghị đơn vị đã gửi").click()
    page.wait_for_url(re.compile(rf"/giam-sat/\?issuer={province.pk}$"))
    assert "Rà soát, điều chỉnh bảng giá đất ven biển." in page.locator("main").inner_text()
    page.goto(site.url + "/giam-sat/ban-do/")
    _map_drawn(page, "#oversight-map")
    assert_accessible(page)
    _stayed_local(requests_made, site.url)
