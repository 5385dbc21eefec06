"""Public pages of the published reports: the list by unit and kind, the page of one report with
its public steps, and their map. Only what ``selectors.published_petitions`` lets through (reports
and requests whose sender agreed to publish them); never the sender, a contact, an attachment or
an internal note; e-mail addresses, phone and ID numbers typed in the texts are redacted
(``core.redact``)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from ykien.api.schemas import MAX_ID
from ykien.core.errors import NotFound
from ykien.core.redact import redact
from ykien.petitions import forms, selectors
from ykien.petitions.api import MAX_FEATURES


def _filters(request: HttpRequest) -> tuple[forms.PublishedFilterForm, dict[str, Any], int]:
    """The filter form, its valid filters, and the answer's status: 400 when a filter is not
    one of the choices (the page then says which, and lists without that filter)."""
    form = forms.PublishedFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    return form, form.filters(), 200 if valid else 400


def _query(filters: dict[str, Any]) -> str:
    """The filters as a query string (the unit by its code), for the GeoJSON and the links."""
    params = {
        "unit": filters["unit"].code if filters.get("unit") else "",
        "kind": filters.get("kind") or "",
        "status": filters.get("status") or "",
    }
    return urlencode({k: v for k, v in params.items() if v})


def published_list(request: HttpRequest) -> HttpResponse:
    """Public: published reports and requests, filtered by unit, kind and status, with their
    numbers per unit and kind."""
    form, filters, status = _filters(request)
    page = Paginator(selectors.published_petitions(**filters), 20).get_page(request.GET.get("page"))
    rows = [(p, redact(p.subject)) for p in page]
    return render(
        request,
        "petitions/published_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "counts": selectors.published_counts(**filters),
            "query": _query(filters),
        },
        status=status,
    )


def published_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Public: one published report, its public steps and the answer (redacted)."""
    if pk > MAX_ID:
        raise Http404
    try:
        petition = selectors.published_petition_get(pk=pk)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
    steps = [(s.on, redact(s.text)) for s in selectors.petition_public_steps(petition=petition)]
    return render(
        request,
        "petitions/published_detail.html",
        {
            "petition": petition,
            "subject": redact(petition.subject),
            "content": redact(petition.content),
            "place": redact(petition.place_address),
            "answer": redact(petition.answer) if petition.answered_on else "",
            "steps": steps,
        },
    )


def published_map(request: HttpRequest) -> HttpResponse:
    """Public: the map of published reports (clustered markers from the GeoJSON of the API), with
    the same reports in a table for screen readers and small screens."""
    form, filters, status = _filters(request)
    qs = selectors.published_petitions(**filters, placed=True)
    placed = [(p, redact(p.subject)) for p in qs[:MAX_FEATURES]]
    query = _query(filters)
    return render(
        request,
        "petitions/published_map.html",
        {
            "form": form,
            "placed": placed,
            "placed_count": qs.count(),
            "unplaced_count": selectors.published_petitions(**filters).count() - qs.count(),
            "max_features": MAX_FEATURES,
            "geojson": reverse("api:petitions_published_geojson") + (f"?{query}" if query else ""),
            "query": query,
        },
        status=status,
    )
