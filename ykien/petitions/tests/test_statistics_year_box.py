"""The year box of the public statistics shows the year the heading says: this year when none
was given (no filter, a quarter only, a unit only), the year asked for otherwise."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db
DAY = dt.datetime(2026, 5, 20, 3, 0, tzinfo=dt.UTC)


def _page(client, query: dict[str, str]) -> tuple[str, str | None]:
    with time_machine.travel(DAY, tick=False):
        body = client.get(reverse("petitions:statistics"), query).content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", body, re.S).group(1)
    box = re.search(r'<input[^>]*name="year"[^>]*>', body).group(0)
    value = re.search(r'value="([^"]*)"', box)
    return re.sub(r"\s+", " ", heading).strip(), value.group(1) if value else None


@pytest.mark.parametrize(
    ("query", "title", "year"),
    [
        ({}, "Năm 2026", "2026"),
        ({"quarter": "2"}, "Quý II/2026", "2026"),
        ({"year": "", "quarter": ""}, "Năm 2026", "2026"),
        ({"year": "2025"}, "Năm 2025", "2025"),
        ({"year": "2024", "quarter": "4"}, "Quý IV/2024", "2024"),
    ],
)
def test_the_year_box_says_the_year_of_the_heading(client, tree, query, title, year):
    heading, box = _page(client, query)
    assert heading.endswith(f"— {title}")
    assert box == year
