"""The Atom feed of a public draft: its public steps, as its page shows them — opened for
comment (and reopened), closed (early, with the reason the page gives), each version published,
the critique document issued, the drafting body's answer to each critique point once published.
A draft that is not public (received, under review) has no feed: 404, as its page.

The moves of the draft's status are read from the audit log (the lifecycle engine writes one
record per move; only the action, the moment and the public fields the move changed are used),
the others from the records themselves. Five queries whatever the number of steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ykien.consultations import selectors
from ykien.consultations.lifecycle import DRAFT
from ykien.consultations.models import (
    Answer,
    CritiqueDocument,
    CritiquePoint,
    DocumentStatus,
    Draft,
    DraftVersion,
    PointStatus,
    VersionStatus,
)
from ykien.core.feeds import LIMIT, Entry, EntryFeed, Target, day_text, short
from ykien.core.selectors import audit_events

#: The moves of a draft a feed reports (by the lifecycle's audit actions, and the actions logged
#: before the lifecycle engine, by the status they led to).
OPENED = (DRAFT.event_name("publish"), "draft.open")
REOPENED = (DRAFT.event_name("reopen"),)
CLOSED = (DRAFT.event_name("close"), "draft.closed")


def _date(value: Any, default: dt.date | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else default
    except ValueError:
        return default


def _moves(draft: Draft, page: str) -> Iterator[Entry]:
    """Opened, reopened and closed, from the audit log."""
    rows = (
        audit_events(object_type="consultations.draft", object_id=str(draft.pk))
        .filter(action__in=(*OPENED, *REOPENED, *CLOSED))
        .values("pk", "at", "action", "before", "after")[:LIMIT]
    )
    for row in rows:
        after, before = row["after"] or {}, row["before"] or {}
        key = f"consultations/draft/{draft.pk}/step/{row['pk']}"
        end = _date(after.get("comment_end"), draft.comment_end)
        if row["action"] in OPENED and before.get("status") != "closed":
            start = _date(after.get("comment_start"), draft.comment_start)
            yield Entry(
                key,
                _("Dự thảo được công khai, mở lấy ý kiến"),
                _("Lấy ý kiến Nhân dân từ ngày %(start)s đến hết ngày %(end)s.")
                % {"start": day_text(start), "end": day_text(end)},
                page,
                row["at"],
            )
        elif row["action"] in OPENED or row["action"] in REOPENED:
            yield Entry(
                key,
                _("Đã mở lại lấy ý kiến"),
                _("Hạn góp ý mới: hết ngày %(end)s.") % {"end": day_text(end)},
                page,
                row["at"],
            )
        elif after.get("closed_early_at"):
            ended = parse_datetime(after["closed_early_at"]) or row["at"]
            yield Entry(
                key,
                pgettext("diễn biến dự thảo", "Kết thúc lấy ý kiến sớm"),
                _("Kết thúc ngày %(day)s, trước hạn đã công bố (%(end)s) — lý do: %(reason)s")
                % {
                    "day": day_text(timezone.localdate(ended)),
                    "end": day_text(draft.comment_end),
                    "reason": short(str(after.get("closed_early_reason") or "")),
                },
                page,
                row["at"],
            )
        else:
            yield Entry(
                key,
                _("Đã kết thúc lấy ý kiến"),
                _("Dự thảo không còn nhận góp ý; các ý kiến được tổng hợp để phản biện."),
                page,
                row["at"],
            )


def _versions(draft: Draft, page: str) -> Iterator[Entry]:
    versions = (
        DraftVersion.objects.filter(draft=draft, published_at__isnull=False)
        .exclude(status=VersionStatus.REVIEW)
        .order_by("-number")
        .values_list("number", "published_at")[:LIMIT]
    )
    for number, published_at in versions:
        if published_at is None:  # (filtered above)
            continue
        if number > 1:
            link = reverse("consultations:compare", args=[draft.pk, number - 1, number])
            summary = _("Phiên bản %(n)s thay thế phiên bản %(previous)s; xem những thay đổi.")
        else:
            link, summary = f"{page}#versions", _("Toàn văn dự thảo được công khai.")
        yield Entry(
            f"consultations/draft/{draft.pk}/version/{number}",
            _("Công khai phiên bản %(n)s của dự thảo") % {"n": number},
            summary % {"n": number, "previous": number - 1},
            link,
            published_at,
        )


def _document(draft: Draft, page: str) -> Iterator[Entry]:
    document = (
        CritiqueDocument.objects.filter(draft=draft, status=DocumentStatus.ISSUED)
        .only("number_symbol", "issue_date", "answer_due", "issued_at")
        .first()
    )
    if document is None or document.issued_at is None:
        return
    yield Entry(
        f"consultations/draft/{draft.pk}/document",
        _("Đã ban hành văn bản phản biện"),
        _("Văn bản phản biện số %(number)s ngày %(day)s; hạn trả lời: %(due)s.")
        % {
            "number": document.number_symbol,
            "day": day_text(document.issue_date),
            "due": day_text(document.answer_due),
        },
        f"{page}#versions",
        document.issued_at,
    )


def _answers(draft: Draft, page: str) -> Iterator[Entry]:
    points = (
        CritiquePoint.objects.filter(
            draft=draft, status=PointStatus.PUBLISHED, published_at__isnull=False
        )
        .order_by("-published_at", "-position")
        .only("position", "title", "answer", "answer_text", "published_at")[:LIMIT]
    )
    for point in points:
        assert point.published_at is not None  # noqa: S101 (filtered above)
        answer = Answer(point.answer).label if point.answer in Answer.values else ""
        yield Entry(
            f"consultations/draft/{draft.pk}/point/{point.pk}",
            _("Trả lời điểm phản biện %(n)s: %(title)s")
            % {"n": point.position, "title": point.title},
            f"{answer}: {short(point.answer_text)}" if answer else short(point.answer_text),
            f"{page}#diem-{point.pk}",
            point.published_at,
        )


class DraftFeed(EntryFeed):
    """``du-thao/<pk>/nguon-tin.atom``."""

    def target(self, request: HttpRequest, **kwargs: Any) -> Draft:
        draft = selectors.draft_get(pk=kwargs["pk"])
        if draft is None or not draft.is_public:
            raise Http404
        return draft

    def title(self, target: Target) -> str:
        return _("%(title)s — diễn biến dự thảo") % {"title": target.obj.title}

    def subtitle(self, target: Target) -> str:
        return _(
            "Các bước công khai của dự thảo: lấy ý kiến, phiên bản mới, văn bản phản biện và "
            "trả lời của cơ quan soạn thảo."
        )

    def link(self, target: Target) -> str:
        return reverse("consultations:draft", args=[target.obj.pk])

    def author_name(self, target: Target) -> str:
        return str(target.obj.unit.name)

    def entries(self, obj: Draft) -> Iterable[Entry]:
        page = reverse("consultations:draft", args=[obj.pk])
        yield from _moves(obj, page)
        yield from _versions(obj, page)
        yield from _document(obj, page)
        yield from _answers(obj, page)
