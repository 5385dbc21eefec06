"""The dialogue tasks on the task list (core.worklist): for the head's office (or the
addressee's respondent), the commitments to report on; for the front committee that organised a
dialogue, the minutes to issue and the commitments past due; for the committee a commitment was
escalated to, the commitments to follow up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ykien.core.models import User
from ykien.core.selectors import role_grants_valid, user_units
from ykien.core.worklist import WorkItem
from ykien.dialogue import selectors
from ykien.dialogue.models import Commitment, CommitmentStatus, Dialogue, DialogueStatus
from ykien.dialogue.permissions import ANSWER_ROLES, FRONT_ROLES

BASIS = gettext_lazy(
    "Hạn thực hiện do người đứng đầu cam kết tại buổi đối thoại; quá hạn thì chuyển "
    "Ủy ban MTTQ cấp trên đôn đốc."
)


def _answer_items(user: User) -> Iterable[WorkItem]:
    awaiting = selectors.commitments_to_answer(user=user).filter(
        status__in=CommitmentStatus.awaiting()
    )
    for commitment in awaiting.order_by("due_on", "pk"):
        yield WorkItem(
            title=_("Báo cáo kết quả thực hiện cam kết %(code)s (%(dialogue)s)")
            % {"code": commitment.code, "dialogue": commitment.dialogue.topic},
            url=reverse("dialogue:commitment_answer", args=[commitment.pk]),
            due=commitment.due_on,
            unit=commitment.addressee.name,
            kind="dialogue.commitment",
            basis=str(BASIS),
        )


def _front_items(user: User, today: dt.date) -> Iterable[WorkItem]:
    # The committees where the person works, not their subtrees: a commune's minutes are the
    # commune committee's task; the province sees a commitment when it is escalated to it.
    scope = {unit.pk for unit in user_units(user=user, roles=FRONT_ROLES, on=today)}
    held = Dialogue.objects.filter(unit_id__in=scope, status=DialogueStatus.HELD)
    for dialogue in held.select_related("unit").order_by("held_on", "pk"):
        yield WorkItem(
            title=_("Ban hành biên bản đối thoại: %(topic)s") % {"topic": dialogue.topic},
            url=reverse("dialogue:manage", args=[dialogue.pk]),
            due=None,
            unit=dialogue.unit.name,
            kind="dialogue.dialogue",
        )
    late = Commitment.objects.filter(
        dialogue__unit_id__in=scope, status=CommitmentStatus.OPEN, due_on__lt=today
    ).select_related("dialogue", "dialogue__unit", "addressee")
    for commitment in late.order_by("due_on", "pk"):
        yield WorkItem(
            title=_("Cam kết quá hạn %(code)s (%(unit)s)")
            % {"code": commitment.code, "unit": commitment.addressee.name},
            url=reverse("dialogue:manage", args=[commitment.dialogue_id]),
            due=commitment.due_on,
            unit=commitment.dialogue.unit.name,
            kind="dialogue.commitment",
            basis=str(BASIS),
        )
    escalated = Commitment.objects.filter(
        escalated_to_id__in=scope, status=CommitmentStatus.ESCALATED
    ).select_related("dialogue", "addressee", "escalated_to")
    for commitment in escalated.order_by("due_on", "pk"):
        yield WorkItem(
            title=_("Cam kết được chuyển đến để đôn đốc: %(code)s (%(unit)s)")
            % {"code": commitment.code, "unit": commitment.addressee.name},
            url=reverse("dialogue:commitment", args=[commitment.pk]),
            due=commitment.due_on,
            unit=commitment.escalated_to.name if commitment.escalated_to else "",
            kind="dialogue.escalated",
            basis=str(BASIS),
        )


def provider(user: User, today: dt.date) -> list[WorkItem]:
    roles = set(role_grants_valid(user=user, on=today).values_list("role", flat=True))
    items: list[WorkItem] = []
    if roles & set(ANSWER_ROLES):
        items.extend(_answer_items(user))
    if roles & set(FRONT_ROLES):
        items.extend(_front_items(user, today))
    return items
