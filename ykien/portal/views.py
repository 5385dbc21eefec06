"""The public site."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ykien.core import navigation
from ykien.core import selectors as core_selectors


def home(request: HttpRequest) -> HttpResponse:
    """What the platform is, the units in force today, and the public services."""
    today = core_selectors.today()
    provinces = core_selectors.units_search(query="", on=today).filter(
        level="province", kind="front"
    )
    sections = [
        {"template": section.template, "context": section.context(request)}
        for section in navigation.home_sections()
    ]
    return render(
        request,
        "portal/home.html",
        {"provinces": provinces, "today": today, "sections": sections},
    )
