"""The respondent's recommendation list and the positions list on the list layer (``core.lists``):
search without diacritics, filters, sort, pages kept in the URL, CSV / XLSX export of the filtered
list with formulas neutralised; bad input is a translated 400 and lists nothing."""

import csv
import io

import pytest
from django.urls import reverse

from ykien.core.models import Role
from ykien.core.tests.factories import UserFactory, grant
from ykien.oversight import services as s

from .conftest import D, issued, reported_review, written

pytestmark = pytest.mark.django_db

ANSWER = reverse("oversight:respondent_list")
POSITIONS = reverse("oversight:positions")


@pytest.fixture
def recs(world):
    """To the provincial People's Committee: one overdue (sent 30/9, 20 days); to the
    construction department: one sent two days ago (due in 30 days); a respondent of both."""
    w = world
    overdue = issued(w, on=D(2026, 9, 30), days=20)
    fresh = written(
        w, reported_review(w), "Công khai quy hoạch khu dân cư", addressee=w.sxd,
        created_on=D(2026, 11, 24),
    )  # fmt: skip
    fresh = s.recommendation_issue(actor=w.officer, recommendation=fresh, on=D(2026, 11, 24))
    both = UserFactory(username="traloi.ca.hai")
    grant(both, w.ubnd, Role.RESPONDENT)
    grant(both, w.sxd, Role.RESPONDENT)
    return overdue, fresh, both


def _codes(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()[:300]
    return [r.code for r in response.context["page"]]


def test_respondent_list_search_filters_sort(client, world, recs, no_otp):
    overdue, fresh, both = recs
    client.force_login(both)
    # Awaiting an answer first, each by its answer date.
    assert _codes(client.get(ANSWER)) == [overdue.code, fresh.code]
    assert _codes(client.get(ANSWER, {"q": "CÔNG KHAI"})) == [fresh.code]
    assert _codes(client.get(ANSWER, {"q": "cong khai quy"})) == [fresh.code]
    assert _codes(client.get(ANSWER, {"q": overdue.code.lower()})) == [overdue.code]
    assert _codes(client.get(ANSWER, {"q": "khong co tu nay"})) == []
    assert _codes(client.get(ANSWER, {"due": "overdue"})) == [overdue.code]
    assert _codes(client.get(ANSWER, {"due": "today"})) == []
    assert _codes(client.get(ANSWER, {"status": "done"})) == []
    assert _codes(client.get(ANSWER, {"sort": "-number"})) == [fresh.code, overdue.code]
    assert _codes(client.get(ANSWER, {"sort": "-due"})) == [fresh.code, overdue.code]
    html = client.get(ANSWER, {"due": "overdue", "sort": "due"}).content.decode()
    assert 'href="/can-bo/giam-sat/tra-loi/danh-sach.csv?due=overdue&amp;sort=due"' in html
    # Each respondent sees only their own unit's.
    client.force_login(world.respondent_sxd)
    assert _codes(client.get(ANSWER)) == [fresh.code]


def test_respondent_list_refuses_bad_input(client, recs, no_otp):
    client.force_login(recs[2])
    for params in ({"sort": "password"}, {"due": "nam-sau"}, {"page": "99"}, {"q": "x" * 201}):
        response = client.get(ANSWER, params)
        assert response.status_code == 400, params
        assert response.context["page"] is None
        assert '<div class="form-errors" role="alert">' in response.content.decode()
    assert client.get(reverse("oversight:respondent_export", args=["pdf"])).status_code == 404


def test_respondent_export_is_the_filtered_list(client, recs, no_otp):
    overdue, _fresh, both = recs
    client.force_login(both)
    url = reverse("oversight:respondent_export", args=["csv"])
    response = client.get(url, {"due": "overdue"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Số"
    assert [r[0] for r in rows[1:]] == [overdue.code]
    xlsx = client.get(reverse("oversight:respondent_export", args=["xlsx"]))
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.fixture
def positions(world):
    made = [
        s.position_create(actor=world.officer, unit=world.ubnd, title="Chủ tịch Ủy ban nhân dân"),
        s.position_create(actor=world.officer, unit=world.sxd, title="Giám đốc Sở"),
        s.position_create(actor=world.officer, unit=world.sxd, title='=HYPERLINK("x")'),
    ]
    return made


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()[:300]
    return [p.title for p in response.context["page"]]


def test_positions_search_sort_and_export(client, world, positions, no_otp):
    client.force_login(world.officer)
    assert _titles(client.get(POSITIONS, {"q": "giam doc"})) == ["Giám đốc Sở"]
    assert _titles(client.get(POSITIONS, {"q": "uy ban nhan"})) == ["Chủ tịch Ủy ban nhân dân"]
    assert _titles(client.get(POSITIONS, {"q": "so xay dung"})) == [
        '=HYPERLINK("x")',
        "Giám đốc Sở",
    ]
    assert _titles(client.get(POSITIONS, {"sort": "-title"})) == [
        "Giám đốc Sở",
        "Chủ tịch Ủy ban nhân dân",
        '=HYPERLINK("x")',
    ]
    response = client.get(POSITIONS, {"sort": "nope"})
    assert response.status_code == 400
    assert response.context["page"] is None
    export = client.get(reverse("oversight:positions_export", args=["csv"]), {"q": "so xay dung"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows == [
        ["Đơn vị", "Chức danh"],
        ["Sở Xây dựng tỉnh Vĩnh Long", '\'=HYPERLINK("x")'],
        ["Sở Xây dựng tỉnh Vĩnh Long", "Giám đốc Sở"],
    ]
