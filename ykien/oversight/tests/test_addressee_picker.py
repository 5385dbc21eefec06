"""The addressee picker of a recommendation offers first the units the supervised subject belongs
to (the subject, the units under it, the state bodies and party committees of its area, those of
the level above), then any other unit that may receive a recommendation, found by typing."""

import json
import re

import pytest

from ykien.core.models import UnitKind, UnitLevel
from ykien.core.tests.factories import make_unit
from ykien.oversight.models import ActivityForm, Recommendation
from ykien.oversight.pickers import addressee_suggestions, related_units
from ykien.oversight.tests.conftest import planned, reported_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra(world):
    """A department under the People's Committee, the provincial party committee, and a mass
    organisation (never an addressee)."""
    w = world
    return {
        "department": make_unit(
            "Văn phòng Ủy ban nhân dân tỉnh Vĩnh Long",
            parent=w.ubnd,
            kind=UnitKind.STATE,
            code="VP-86",
        ),
        "party": make_unit(
            "Tỉnh ủy Vĩnh Long", parent=w.province, kind=UnitKind.PARTY, code="TU-86"
        ),
        "youth": make_unit(
            "Tỉnh đoàn Vĩnh Long", parent=w.province, kind=UnitKind.YOUTH_UNION, code="DTN-86"
        ),
        "far": make_unit(
            "Ủy ban nhân dân tỉnh Cà Mau", parent=w.other, kind=UnitKind.STATE, code="UBND-96"
        ),
    }


def _related(activity, day):
    return [(u.code, note) for u, note in related_units(activity=activity, on=day)]


def test_the_subject_its_units_and_its_area_come_first(world, extra):
    w = world
    activity = reported_review(w)
    assert activity.subject == w.ubnd
    assert _related(activity, activity.planned_on) == [
        ("UBND-86", "Đối tượng giám sát"),
        ("VP-86", "Trực thuộc đối tượng giám sát"),
        ("SXD-86", "Cùng cấp với đối tượng giám sát"),
        ("TU-86", "Cùng cấp với đối tượng giám sát"),
    ]


def test_a_commune_subject_gets_its_commune_then_the_province_above(world, extra):
    w = world
    make_unit(
        "Đảng ủy xã Long Hồ",
        parent=w.commune,
        level=UnitLevel.COMMUNE,
        kind=UnitKind.PARTY,
        code="DU-X",
    )
    activity = planned(
        w,
        ActivityForm.BOARD,
        unit=w.commune,
        subject=w.ubnd_xa,
        board=w.board,
        actor=w.officer,
    )
    related = _related(activity, activity.planned_on)
    assert related[:2] == [
        ("UBND-X", "Đối tượng giám sát"),
        ("DU-X", "Cùng cấp với đối tượng giám sát"),  # not the board, not the front
    ]
    # Then the province's bodies (not its departments' units, not a mass organisation).
    assert sorted(related[2:]) == [
        ("SXD-86", "Cấp trên của đối tượng giám sát"),
        ("TU-86", "Cấp trên của đối tượng giám sát"),
        ("UBND-86", "Cấp trên của đối tượng giám sát"),
    ]


def test_typed_words_find_any_addressee_the_subjects_first(world, extra):
    w = world
    activity = reported_review(w)
    found = addressee_suggestions(activity=activity, query="uy ban", on=activity.planned_on)
    texts = [s.text for s in found]
    # The subject first, then the others (Cà Mau's committee too), never a mass organisation.
    assert texts[0] == w.ubnd.name
    assert found[0].note == "Đối tượng giám sát"
    assert extra["far"].name in texts[1:]
    assert not any("đoàn" in t.lower() for t in texts)
    assert addressee_suggestions(activity=activity, query="tinh doan", on=activity.planned_on) == []


def test_the_form_offers_them_and_the_endpoint_answers_officers_only(world, extra, client, no_otp):
    w = world
    activity = reported_review(w)
    client.force_login(w.officer)
    page = client.get(f"/can-bo/giam-sat/cuoc/{activity.pk}/").content.decode()
    match = re.search(r'name="addressee"[^>]*data-picker-offered="([^"]+)"', page) or re.search(
        r'data-picker-offered="([^"]+)"[^>]*name="addressee"', page
    )
    assert match, "the addressee picker offers the subject's units"
    offered = json.loads(match.group(1).replace("&quot;", '"'))
    assert [o["text"] for o in offered] == [
        w.ubnd.name,
        extra["department"].name,
        w.sxd.name,
        extra["party"].name,
    ]
    url = f"/can-bo/giam-sat/cuoc/{activity.pk}/goi-y-co-quan/"
    answer = client.get(url, {"q": "vinh long"}).json()["results"]
    assert answer[0]["text"] == w.ubnd.name
    assert client.get(url, {"q": "x" * 101}).status_code == 400
    client.force_login(w.other_officer)
    assert client.get(url, {"q": "vinh long"}).status_code == 403
    client.logout()
    assert client.get(url, {"q": "vinh long"}).status_code == 403


def test_a_recommendation_is_written_to_a_picked_or_typed_addressee(world, extra, client, no_otp):
    w = world
    activity = reported_review(w)
    client.force_login(w.officer)
    base = f"/can-bo/giam-sat/cuoc/{activity.pk}/recommendation/"
    data = {
        "finding": activity.findings.get().pk,
        "text": "Rà soát bảng giá đất",
        "is_public": "on",
    }
    assert client.post(base, {**data, "addressee": extra["party"].pk}).status_code == 302
    # Without JavaScript: words of the name.
    assert client.post(base, {**data, "addressee": "van phong"}).status_code == 302
    assert [r.addressee.code for r in Recommendation.objects.order_by("pk")] == ["TU-86", "VP-86"]
    several = client.post(base, {**data, "addressee": "vinh long"})
    assert several.status_code == 400
    assert "Hãy gõ rõ hơn" in several.content.decode()
    refused = client.post(base, {**data, "addressee": extra["youth"].pk})
    assert refused.status_code == 400
    assert Recommendation.objects.count() == 2
    assert "Không có đơn vị này" in refused.content.decode()
