"""The public accountability board: recommendations per addressee and period, each with its
answer and history; filters; CSV and JSON; charts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ykien.core import navigation
from ykien.core.charts import Series, grouped_bars
from ykien.core.selectors import today
from ykien.oversight import exports, selectors
from ykien.oversight.forms import BoardFilterForm, MapFilterForm


def _filtered(request: HttpRequest) -> tuple[BoardFilterForm, dict[str, Any]]:
    form = BoardFilterForm(
        request.GET or None,
        addressees=selectors.addressees_public(),
        issuers=selectors.issuers_public(),
    )
    params: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        start, end = form.period()
        params = {
            "addressee": data.get("addressee"),
            "issuer": data.get("issuer"),
            "status": data.get("status") or "",
            "start": start,
            "end": end,
            "query": (data.get("q") or "").strip(),
            "overdue_on": today() if data.get("overdue") else None,
        }
    return form, params


def _staff_links(request: HttpRequest) -> dict[str, bool]:
    """Which staff pages the board may link to: only those the reader can open."""
    user = request.user
    if not user.is_authenticated:
        return {"show_desk": False, "show_respondent": False}
    respondent = selectors.recommendations_for_respondent(user=user).exists()
    desk = user.is_superuser or bool(selectors.front_units_for(user=user))
    return {"show_desk": desk, "show_respondent": respondent}


#: The addressees drawn on the board's chart (the most recommendations first); the table lists all.
CHART_ADDRESSEES = 10


def board(request: HttpRequest) -> HttpResponse:
    """Public: the accountability board."""
    day = today()
    form, params = _filtered(request)
    recs = selectors.recommendations_public(**params)
    acc = selectors.accountability(
        today=day,
        start=params.get("start"),
        end=params.get("end"),
        addressee=params.get("addressee"),
        issuer=params.get("issuer"),
    )
    top = acc.rows[:CHART_ADDRESSEES]
    # What the chart shows, said as it is: every addressee, or the first ones of how many.
    if len(top) == len(acc.rows):
        description = _(
            "Số kiến nghị đã nhận, đã trả lời đúng hạn, đã thực hiện và đang quá hạn của từng cơ "
            "quan nhận; số liệu chi tiết ở bảng bên dưới."
        )
        caption = ngettext(
            "Biểu đồ: kiến nghị của %(n)s cơ quan nhận. Số liệu đầy đủ trong bảng dưới đây.",
            "Biểu đồ: kiến nghị của cả %(n)s cơ quan nhận. Số liệu đầy đủ trong bảng dưới đây.",
            len(top),
        ) % {"n": len(top)}
    else:
        description = _(
            "Số kiến nghị đã nhận, đã trả lời đúng hạn, đã thực hiện và đang quá hạn của %(n)s cơ "
            "quan nhận nhiều kiến nghị nhất; số liệu chi tiết ở bảng bên dưới."
        ) % {"n": len(top)}
        caption = _(
            "Biểu đồ: %(shown)s trong số %(total)s cơ quan nhận nhiều kiến nghị nhất. Số liệu "
            "của tất cả các cơ quan trong bảng dưới đây."
        ) % {"shown": len(top), "total": len(acc.rows)}
    chart = grouped_bars(
        title=_("Kiến nghị theo cơ quan nhận"),
        description=description,
        categories=[r.unit.name for r in top],
        series=[
            Series(_("Đã nhận"), "bar-received", "#5b6b8c"),
            Series(_("Trả lời đúng hạn"), "bar-ontime", "#136f2d"),
            Series(_("Đã thực hiện"), "bar-done", "#2f7fb5"),
            Series(_("Quá hạn"), "bar-overdue", "#a50e0e"),
        ],
        values=[[r.received, r.answered_on_time, r.done, r.overdue] for r in top],
    )
    page = Paginator(recs, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "oversight/board.html",
        {
            # Other apps' blocks beside the recommendations (``core.navigation``'s registry).
            "board_sections": [
                render_to_string(section.template, section.context(request), request=request)
                for section in navigation.board_sections()
            ],
            "form": form,
            "acc": acc,
            "total": acc.total,
            "chart": chart.svg(ident="chart-addressees", scroll=True),
            "chart_caption": caption,
            "page": page,
            "overdue_ids": {r.pk for r in page if r.is_overdue(day)},
            "today": day,
            "query": query.urlencode(),
            **_staff_links(request),
        },
    )


def recommendation_public(request: HttpRequest, pk: int) -> HttpResponse:
    rec = selectors.recommendation_public_get(pk=pk)
    if rec is None:
        raise Http404
    day = today()
    return render(
        request,
        "oversight/recommendation_public.html",
        {
            "rec": rec,
            "answers": rec.answers.prefetch_related("documents"),
            "events": rec.events.all(),
            "overdue": rec.is_overdue(day),
            "today": day,
        },
    )


def export_recommendations(request: HttpRequest, fmt: str) -> HttpResponse:
    """Open data: the filtered public recommendations as CSV or JSON (no personal data)."""
    _form, params = _filtered(request)
    recs = selectors.recommendations_public(**params).select_related("escalated_to", "previous")
    day = today()
    if fmt == "json":
        return JsonResponse(
            {
                "generated_on": day.isoformat(),
                "recommendations": exports.recommendations_json(recs, today=day),
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    if fmt == "csv":
        response = HttpResponse(
            exports.recommendations_csv(recs, today=day), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="kien-nghi.csv"'
        return response
    raise Http404


def export_figures(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, params = _filtered(request)
    day = today()
    acc = selectors.accountability(
        today=day,
        start=params.get("start"),
        end=params.get("end"),
        addressee=params.get("addressee"),
        issuer=params.get("issuer"),
    )
    if fmt == "json":
        payload = {
            "generated_on": day.isoformat(),
            "start": acc.start.isoformat() if acc.start else None,
            "end": acc.end.isoformat() if acc.end else None,
            "addressees": exports.figures_rows(acc),
        }
        return HttpResponse(
            json.dumps(payload, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
    if fmt == "csv":
        response = HttpResponse(exports.figures_csv(acc), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="thong-ke-kien-nghi.csv"'
        return response
    raise Http404


def board_map(request: HttpRequest) -> HttpResponse:
    """Public: supervision activities and recommendations by unit on a map (the GeoJSON of the
    API), with every unit in a table and those without a place listed beside the map."""
    form = MapFilterForm(request.GET or None)
    year = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            year = form.cleaned_data.get("year")
        else:
            status = 400
    start, end = (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year else (None, None)
    rows = selectors.units_on_map(today=today(), start=start, end=end)
    geojson = reverse("api:oversight_map_geojson") + (f"?year={year}" if year else "")
    return render(
        request,
        "oversight/board_map.html",
        {
            "form": form,
            "rows": rows,
            "unplaced": [r for r in rows if r.unit.lat is None or r.unit.lng is None],
            "geojson": geojson,
            "year": year,
        },
        status=status,
    )


def home_section_context(request: HttpRequest) -> dict[str, Any]:
    """The headline figures for the home page block."""
    day = today()
    year_start = day.replace(month=1, day=1)
    acc = selectors.accountability(today=day, start=year_start, end=day)
    total = acc.total
    return {
        "oversight_year": day.year,
        "oversight_total": total,
        "oversight_on_time": None
        if not total.received
        else round(100 * total.answered_on_time / total.received),
    }
