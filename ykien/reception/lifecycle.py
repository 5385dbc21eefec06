"""The lifecycle of a reception session, declared once. An action is named after the state it
leads to (``reception.session.held`` …). No legal period starts here: the petitions created from
the log carry their own deadlines (petitions domain).

    scheduled ──held──────▶ held
        │ ────delegated───▶ delegated   (a deputy received citizens in the head's place)
        │ ────missed──────▶ missed      (the session did not take place)
        └─────cancelled───▶ cancelled ──scheduled──▶ scheduled
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ykien.core.lifecycle import Edge, Lifecycle
from ykien.reception.models import Session, SessionStatus

S = SessionStatus
MANAGE = "reception.manage"

SESSION = Lifecycle(
    name="reception.session",
    model=Session,
    states=S,
    edges=(
        Edge.to(S.HELD, {S.SCHEDULED}, MANAGE, _("Ghi nhận đã tiếp")),
        Edge.to(S.DELEGATED, {S.SCHEDULED}, MANAGE, _("Ủy quyền cấp phó tiếp")),
        Edge.to(S.MISSED, {S.SCHEDULED}, MANAGE, _("Ghi nhận không tiếp")),
        Edge.to(S.CANCELLED, {S.SCHEDULED}, MANAGE, pgettext_lazy("thao tác", "Hủy lịch")),
        Edge.to(S.SCHEDULED, {S.CANCELLED}, MANAGE, _("Khôi phục lịch")),
    ),
    unit=lambda session: session.head.unit,
    related=("head", "head__unit"),
)

LIFECYCLES = (SESSION,)
