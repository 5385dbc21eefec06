"""What people may follow in supervision — a public recommendation, a supervision activity whose
results are published, a unit's supervision results — and what each public step tells them
(``core.follow``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ykien.core.events import Event
from ykien.core.follow import Followable, Notice, Ref, getter, object_pk
from ykien.core.models import Unit
from ykien.oversight.lifecycle import ANSWER_ACTIONS
from ykien.oversight.models import Activity, ActivityStatus, Recommendation, RecommendationStatus

RECOMMENDATION = "oversight.recommendation"
ACTIVITY = "oversight.activity"
UNIT = "core.unit"
RESULTS_PUBLISHED = (ActivityStatus.REPORTED, ActivityStatus.CLOSED)


def _recommendation_public(rec: Recommendation) -> bool:
    return rec.is_public and rec.status != RecommendationStatus.DRAFT


def _board_for(unit_id: int, role: str = "issuer") -> str:
    return f"{reverse('oversight:board')}?{urlencode({role: unit_id})}"


FOLLOWABLES = (
    Followable(
        kind=RECOMMENDATION,
        label=_("kiến nghị sau giám sát"),
        get=getter(Recommendation),
        title=lambda rec: Truncator(rec.text).chars(120),
        url=lambda rec: reverse("oversight:public_detail", kwargs={"pk": rec.pk}),
        visible=lambda user, rec: _recommendation_public(rec),
    ),
    Followable(
        kind=ACTIVITY,
        label=_("cuộc giám sát"),
        get=getter(Activity, ("unit",)),
        title=lambda activity: activity.title,
        url=lambda activity: _board_for(activity.unit_id),
        visible=lambda user, activity: activity.status in RESULTS_PUBLISHED,
    ),
    Followable(
        kind=UNIT,
        label=_("đơn vị"),
        get=getter(Unit),
        title=lambda unit: unit.name,
        url=lambda unit: reverse("core:unit_detail", kwargs={"code": unit.code}),
        visible=lambda user, unit: True,
    ),
)


def _rec(event: Event) -> Ref:
    return (RECOMMENDATION, event.object_id)


def _rec_reaches(event: Event) -> list[Ref]:
    row = (
        Recommendation.objects.filter(pk=object_pk(event.object_id) or 0)
        .values_list("activity_id", "issuer_id", "addressee_id")
        .first()
    )
    if row is None:
        return []
    activity_id, issuer_id, addressee_id = row
    return [
        _rec(event),
        (ACTIVITY, str(activity_id)),
        *((UNIT, str(pk)) for pk in {issuer_id, addressee_id} if pk),
    ]


def _activity(event: Event) -> Ref:
    return (ACTIVITY, event.object_id)


def _activity_reaches(event: Event) -> list[Ref]:
    row = (
        Activity.objects.filter(pk=object_pk(event.object_id) or 0)
        .values_list("unit_id", "subject_id")
        .first()
    )
    units = {pk for pk in (row or ()) if pk}
    return [_activity(event), *((UNIT, str(pk)) for pk in units)]


def _rec_notice(action: str, text: Any) -> Notice:
    return Notice(f"oversight.recommendation.{action}", text, subject=_rec, reaches=_rec_reaches)


NOTICES = (
    _rec_notice("issue", _("Mặt trận đã gửi kiến nghị sau giám sát: “%(title)s”.")),
    *(
        _rec_notice(action, _("Cơ quan nhận kiến nghị đã trả lời kiến nghị “%(title)s”."))
        for action in ANSWER_ACTIONS.values()
    ),
    _rec_notice(
        "remind",
        _("Kiến nghị “%(title)s” đã quá hạn trả lời; Mặt trận đã nhắc cơ quan nhận kiến nghị."),
    ),
    _rec_notice(
        "escalate",
        _("Kiến nghị “%(title)s” quá hạn trả lời và đã được chuyển Mặt trận cấp trên đôn đốc."),
    ),
    _rec_notice("close", _("Đã kết thúc theo dõi kiến nghị “%(title)s”.")),
    Notice(
        "oversight.activity.report",
        _("Cuộc giám sát “%(title)s” đã có báo cáo kết quả."),
        subject=_activity,
        reaches=_activity_reaches,
    ),
)
