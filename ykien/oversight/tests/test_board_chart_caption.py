"""The board's chart says what it shows: every addressee ("kiến nghị của cả 3 cơ quan nhận"), or
the first ones and out of how many when there are more than it draws — never a fixed "10"."""

from __future__ import annotations

import pytest

from ykien.core.models import UnitKind
from ykien.core.tests.factories import make_unit
from ykien.oversight.tests.conftest import issued
from ykien.oversight.views import public

pytestmark = pytest.mark.django_db


def _figure(client) -> tuple[str, str, int]:
    """The figure's caption, the chart's description and the number of addressees drawn."""
    page = client.get("/giam-sat/").content.decode()
    figure = page.split('<figure class="chart-figure">', 1)[1].split("</figure>", 1)[0]
    caption = figure.split('<figcaption class="muted">', 1)[1].split("</figcaption>", 1)[0]
    description = figure.split("<desc", 1)[1].split(">", 1)[1].split("</desc>", 1)[0]
    drawn = sum(name in figure for name in ("Ủy ban nhân dân tỉnh", "Sở Xây dựng", "Sở Tài chính"))
    return caption, description, drawn


@pytest.fixture
def three_addressees(world):
    finance = make_unit(
        "Sở Tài chính tỉnh Vĩnh Long", parent=world.province, kind=UnitKind.STATE, code="STC-86"
    )
    for addressee in (world.ubnd, world.sxd, finance):
        issued(world, addressee=addressee)


def test_one_addressee(world, client):
    issued(world)
    caption, description, drawn = _figure(client)
    assert caption == "Biểu đồ: kiến nghị của 1 cơ quan nhận. Số liệu đầy đủ trong bảng dưới đây."
    assert "của từng cơ quan nhận" in description
    assert drawn == 1


def test_every_addressee_drawn(world, client, three_addressees):
    caption, _description, drawn = _figure(client)
    assert caption == (
        "Biểu đồ: kiến nghị của cả 3 cơ quan nhận. Số liệu đầy đủ trong bảng dưới đây."
    )
    assert drawn == 3
    assert "10" not in caption


def test_more_addressees_than_the_chart_draws(world, client, three_addressees, monkeypatch):
    monkeypatch.setattr(public, "CHART_ADDRESSEES", 2)
    caption, description, drawn = _figure(client)
    assert caption == (
        "Biểu đồ: 2 trong số 3 cơ quan nhận nhiều kiến nghị nhất. Số liệu của tất cả các cơ quan"
        " trong bảng dưới đây."
    )
    assert "của 2 cơ quan nhận nhiều kiến nghị nhất" in description
    assert drawn == 2
