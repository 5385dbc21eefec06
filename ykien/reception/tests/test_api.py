"""The public API of the reception schedule (/api/v1/reception/sessions): open data, no personal
data, bounded parameters with translated 4xx answers; the operation is in the OpenAPI document."""

from __future__ import annotations

import datetime as dt

import pytest

from ykien.reception import services
from ykien.reception.models import Session, SessionStatus
from ykien.reception.tests.conftest import citizen_identity, schedule

pytestmark = pytest.mark.django_db
URL = "/api/v1/reception/sessions"


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def sessions(heads):
    coming = schedule(heads.commune_chair, "2026-03-04", place="Hội trường UBND xã Càng Long")
    services.registration_submit(session=coming, identity=citizen_identity(), subject="Cống")
    missed = schedule(heads.commune_chair, "2026-03-11")
    Session.objects.filter(pk=missed.pk).update(status=SessionStatus.MISSED)
    schedule(heads.other_chair, "2026-03-05")
    return coming


def test_the_coming_sessions_without_personal_data(sessions, client):
    body = client.get(URL).json()
    assert body["count"] == 2  # the missed session is not on the public schedule
    first = body["results"][0]
    assert first == {
        "id": sessions.pk,
        "day": "2026-03-04",
        "starts_at": "07:30",
        "place": "Hội trường UBND xã Càng Long",
        "head": "Lê Minh Tâm",
        "title": "Chủ tịch UBND xã Càng Long",
        "office": "pc_chair",
        "office_label": "Chủ tịch Ủy ban nhân dân",
        "unit": sessions.head.unit.name,
        "unit_code": "N1",
        "status": "scheduled",
        "status_label": "Đã lên lịch",
        "deputy": "",
    }
    assert "Rươl" not in str(body)
    assert "Cống" not in str(body)


def test_filter_by_unit_and_period(sessions, client):
    assert client.get(URL, {"unit": "N1"}).json()["count"] == 1
    assert client.get(URL, {"start": "2026-03-05", "end": "2026-03-05"}).json()["count"] == 1


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"unit": "KHONG-CO"}, 404),
        ({"start": "2026-03-10", "end": "2026-03-01"}, 400),
        ({"start": "2026-01-01", "end": "2027-06-01"}, 400),
        ({"start": "NaN"}, 400),
        ({"start": "0"}, 400),
        ({"start": "2026-02-30"}, 400),
        ({"limit": str(2**64)}, 400),
        ({"offset": "-1"}, 400),
    ],
)
def test_bad_parameters_are_clear_4xx(sessions, client, query, status):
    response = client.get(URL, query)
    assert response.status_code == status
    assert response.json()["detail"]


def test_the_operation_is_documented(client):
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/reception/sessions" in document["paths"]
