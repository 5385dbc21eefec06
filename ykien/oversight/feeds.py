"""Atom feeds of the accountability board and of each unit's supervision results.

What they say is what the board and the public recommendation pages show: the status history
of every public recommendation (sent, escalated, answered, closed: ``RecommendationEvent``,
public with the recommendation), and those overdue today; a unit's feed keeps the
recommendations it sent or received (its subtree and the units merged into it, as the board's
filters do) and adds the reports of its supervision activities that led to a public
recommendation. A recommendation not marked public, or still a draft, is in no feed; nobody's
name is (the event's actor, the respondent). A fixed number of queries whatever the number of
records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.core.feeds import LIMIT, Entry, EntryFeed, Target, day_start, day_text, short
from ykien.core.models import Unit
from ykien.core.selectors import today, unit_scope_ids
from ykien.oversight import selectors
from ykien.oversight.models import (
    Activity,
    ActivityStatus,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
)

S = RecommendationStatus


def _title(rec: Recommendation, what: str) -> str:
    return f"{_('Kiến nghị %(code)s') % {'code': rec.code}} — {what}"


def _public_events(scope: set[int] | None) -> QuerySet[RecommendationEvent]:
    # (the recommendation's drafting, before it was sent, is no public step)
    events = (
        RecommendationEvent.objects.filter(recommendation__is_public=True)
        .exclude(recommendation__status=S.DRAFT)
        .exclude(to_status=S.DRAFT)
    )
    if scope is not None:
        events = events.filter(
            Q(recommendation__addressee_id__in=scope) | Q(recommendation__issuer_id__in=scope)
        )
    return events.select_related(
        "recommendation", "recommendation__addressee", "recommendation__issuer"
    ).order_by("-at", "-pk")


def _event_entries(scope: set[int] | None) -> Iterator[Entry]:
    """Each move of a public recommendation's status, as its page's history shows it."""
    for event in _public_events(scope)[:LIMIT]:
        rec = event.recommendation
        note = short(event.note_text)
        if event.to_status == S.ISSUED:
            summary = _("%(issuer)s kiến nghị %(addressee)s: %(text)s") % {
                "issuer": rec.issuer.name,
                "addressee": rec.addressee.name,
                "text": short(rec.text),
            }
            summary = f"{summary} ({note})" if note else summary
        elif event.to_status in S.answered():
            summary = _("Trả lời của %(addressee)s: %(text)s") % {
                "addressee": rec.addressee.name,
                "text": note,
            }
        else:
            summary = note or short(rec.text)
        yield Entry(
            f"oversight/recommendation/{rec.pk}/event/{event.pk}",
            _title(rec, event.get_to_status_display()),
            summary,
            reverse("oversight:public_detail", args=[rec.pk]),
            event.at,
        )


def _overdue_entries(scope: set[int] | None, day: dt.date) -> Iterator[Entry]:
    """The public recommendations overdue on ``day`` (as the board counts them), each dated
    from the day after its answer date (or the planned date of an answer "in progress")."""
    recs = selectors.recommendations_public(overdue_on=day)
    if scope is not None:
        recs = recs.filter(Q(addressee_id__in=scope) | Q(issuer_id__in=scope))
    for rec in recs.order_by("-answer_due", "-pk")[:LIMIT]:
        if rec.status == S.IN_PROGRESS:
            due = rec.latest_planned_date  # type: ignore[attr-defined]
            summary = _("%(addressee)s chưa hoàn thành việc thực hiện đã hẹn trước ngày %(due)s.")
        else:
            due = rec.answer_due
            summary = _("%(addressee)s chưa trả lời kiến nghị; hạn trả lời là %(due)s.")
        if due is None:
            continue
        yield Entry(
            f"oversight/recommendation/{rec.pk}/overdue/{due.isoformat()}",
            _title(rec, _("quá hạn")),
            summary % {"addressee": rec.addressee.name, "due": day_text(due)},
            reverse("oversight:public_detail", args=[rec.pk]),
            day_start(due + dt.timedelta(days=1)),
        )


def _activity_entries(scope: set[int]) -> Iterator[Entry]:
    """The reports (and ends) of the supervision activities run by a unit of ``scope`` that led
    to a public recommendation: the board shows them through their recommendations."""
    public = Q(recommendations__is_public=True) & ~Q(recommendations__status=S.DRAFT)
    activities = (
        Activity.objects.filter(
            Q(unit_id__in=scope) | Q(board_id__in=scope),
            status__in=(ActivityStatus.REPORTED, ActivityStatus.CLOSED),
            report_date__isnull=False,
        )
        .annotate(
            public_count=Count("recommendations", filter=public),
            first=Min("recommendations", filter=public),
        )
        .filter(public_count__gt=0)
        .select_related("unit", "board", "subject")
        .order_by("-report_date", "-pk")[:LIMIT]
    )
    for activity in activities:
        assert activity.report_date is not None  # noqa: S101 (filtered above)
        link = reverse("oversight:public_detail", args=[activity.first])  # type: ignore[attr-defined]
        yield Entry(
            f"oversight/activity/{activity.pk}/report",
            f"{_('Báo cáo kết quả giám sát')}: {activity.title}",
            _(
                "%(unit)s giám sát %(subject)s (%(form)s), báo cáo kết quả ngày %(day)s; "
                "%(n)s kiến nghị công khai."
            )
            % {
                "unit": activity.issuer.name,
                "subject": activity.subject.name,
                "form": activity.get_form_display(),
                "day": day_text(activity.report_date),
                "n": activity.public_count,  # type: ignore[attr-defined]
            },
            link,
            day_start(activity.report_date),
        )
        if activity.status == ActivityStatus.CLOSED and activity.closed_on:
            yield Entry(
                f"oversight/activity/{activity.pk}/close",
                f"{_('Đã kết thúc cuộc giám sát')}: {activity.title}",
                _("Kết thúc ngày %(day)s.") % {"day": day_text(activity.closed_on)},
                link,
                day_start(activity.closed_on),
            )


class BoardFeed(EntryFeed):
    """``giam-sat/nguon-tin.atom``: every public recommendation's steps and those overdue."""

    def title(self, target: Target) -> str:
        return _("Bảng công khai trách nhiệm giải trình — kiến nghị sau giám sát")

    def subtitle(self, target: Target) -> str:
        return _(
            "Kiến nghị của Mặt trận Tổ quốc sau giám sát: gửi, trả lời, quá hạn và kết thúc "
            "theo dõi."
        )

    def link(self, target: Target) -> str:
        return reverse("oversight:board")

    def entries(self, obj: None) -> Iterable[Entry]:
        yield from _event_entries(None)
        yield from _overdue_entries(None, today())


class UnitFeed(EntryFeed):
    """``giam-sat/don-vi/<code>/nguon-tin.atom``: one unit's supervision results."""

    def target(self, request: HttpRequest, **kwargs: str) -> tuple[Unit, set[int]]:
        unit = Unit.objects.filter(code=kwargs["code"]).first()
        if unit is None:
            raise Http404
        return unit, unit_scope_ids(unit=unit)

    def title(self, target: Target) -> str:
        return _("Kết quả giám sát — %(unit)s") % {"unit": target.obj[0].name}

    def subtitle(self, target: Target) -> str:
        return _(
            "Cuộc giám sát đã báo cáo kết quả, kiến nghị đơn vị đã gửi hoặc đã nhận và trả lời."
        )

    def link(self, target: Target) -> str:
        return reverse("core:unit_detail", args=[target.obj[0].code])

    def entries(self, obj: tuple[Unit, set[int]]) -> Iterable[Entry]:
        _unit, scope = obj
        yield from _activity_entries(scope)
        yield from _event_entries(scope)
        yield from _overdue_entries(scope, today())
