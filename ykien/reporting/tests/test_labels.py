"""Indicator names, groups, units and input hints are stored in Vietnamese and shown in the
reader's language: English pages (dashboard, entry form) and the English workbook show them in
English, the Vietnamese ones are unchanged, and the briefing DOCX/PDF — an official document —
stays Vietnamese whatever the reader's language. Every text the demo and the providers of computed
indicators store is marked for makemessages in ``reporting.labels``."""

import datetime as dt
from io import BytesIO

import docx
import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ykien.core.indicators import all_computed
from ykien.core.tests.factories import UserFactory
from ykien.reporting import labels, reports, selectors
from ykien.reporting.models import Indicator

pytestmark = pytest.mark.django_db


def test_every_text_the_demo_and_the_providers_store_is_marked_for_translation(tra_vinh):
    with translation.override("vi"):
        units = {str(unit) for unit in labels.UNITS}
    indicators = list(Indicator.objects.all())
    assert len(indicators) == 12 + len(all_computed())
    for indicator in indicators:
        assert indicator.name in labels.NAMES, indicator.name
        assert indicator.group in labels.GROUPS, indicator.group
        assert indicator.unit_label in ("", *units), indicator.unit_label
        assert indicator.description in ("", *labels.DESCRIPTIONS), indicator.description
    assert {c.name for c in all_computed().values()} <= set(labels.NAMES)
    counts = {code for code, c in all_computed().items() if c.measure != "percent"}
    assert set(labels.COMPUTED_UNITS) == counts
    assert set(labels.COMPUTED_UNITS.values()) <= units


@pytest.fixture
def viewer(client, tra_vinh):
    from django_otp.plugins.otp_static.models import StaticDevice

    user = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    client.force_login(user)
    device = StaticDevice.objects.create(user=user, name="test")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return user


def _page(client, name, *args, language="vi"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_english_dashboard_shows_english_names_groups_and_units(client, viewer, tra_vinh):
    html = _page(client, "reporting:dashboard", "MTTQ-84", "2024-Q1", language="en")
    assert (
        '<th scope="row">Party members in hardship who received a loan '
        '<small class="muted">(party members)</small></th>'
    ) in html
    assert '<th scope="rowgroup" colspan="8">Helping party members in hardship</th>' in html
    # Numbers are written the English way on an English page: 1,068 and 5.8, not 1.068 and 5,8.
    assert '<td class="num"><strong>5.8 billion dong</strong></td>' in html
    assert '<td class="num"><strong>1,068</strong></td>' in html
    assert '<td class="num">106.8%</td>' in html
    assert '<td class="num">+3,176</td>' in html
    assert "+0.1 percentage points" in html
    assert "5.34 billion dong" in html  # the trend's table
    assert (
        '<th scope="row">Petitions received <small class="muted">(petitions, calculated by the '
        'system)</small></th>\n        <td class="num"><span class="muted">No figures yet</span>'
    ) in html
    assert ">Money raised to lend to party members in hardship</option>" in html
    for vietnamese in ("Giúp đỡ đảng viên khó khăn", "Số đảng viên khó khăn được vay", "đảng viên)",
                       "tỷ đồng", "số lượng"):  # fmt: skip
        assert vietnamese not in html

    html = _page(client, "reporting:dashboard", "MTTQ-84", "2024-Q1")
    assert (
        '<th scope="row">Số đảng viên khó khăn được vay '
        '<small class="muted">(đảng viên)</small></th>'
    ) in html
    assert '<th scope="rowgroup" colspan="8">Giúp đỡ đảng viên khó khăn</th>' in html
    assert '<td class="num"><strong>5,8 tỷ đồng</strong></td>' in html
    assert '<td class="num"><strong>1.068</strong></td>' in html
    assert '<td class="num">106,8%</td>' in html
    assert '<span class="muted">Chưa có số liệu</span>' in html


def test_english_entry_page_shows_english_names_units_and_hints(client, viewer, tra_vinh):
    html = _page(client, "reporting:entry", "MTTQ-842", "2024-Q1", language="en")
    assert ">Money raised to lend to party members in hardship</label>" in html
    assert (
        '<small class="muted">dong — Total amount (dong) raised in the period, e.g. '
        "580.000.000.</small>"
    ) in html
    assert '<small class="muted">models</small>' in html
    html = _page(client, "reporting:entry", "MTTQ-842", "2024-Q1")
    assert ">Số tiền vận động cho đảng viên khó khăn vay</label>" in html
    assert '<small class="muted">mô hình</small>' in html


def test_english_workbook_is_english_and_the_official_document_stays_vietnamese(tra_vinh):
    report = selectors.briefing(unit=tra_vinh, code="2024-Q1", today=dt.date(2026, 11, 26))
    with translation.override("en"):
        workbook = reports.render(report, "xlsx", date=dt.date(2024, 4, 10))
        document = reports.render(report, "docx", date=dt.date(2024, 4, 10))
    sheet = openpyxl.load_workbook(BytesIO(workbook)).worksheets[0]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["DV-DUOC-VAY"][2:7] == (
        "Party members in hardship who received a loan",
        "Helping party members in hardship",
        "party members",
        1068,
        "1.068",
    )
    assert rows["DV-VAN-DONG"][6] == "5,8 billion dong"
    assert rows["petitions.received"][6] == "No figures yet"
    paragraphs = [p.text for p in docx.Document(BytesIO(document)).paragraphs]
    assert "2. Giúp đỡ đảng viên khó khăn" in paragraphs
    assert "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in paragraphs
    assert any(p.startswith("Các tổ chức đảng vận động được 5,8 tỷ đồng;") for p in paragraphs)
