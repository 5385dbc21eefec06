"""The lifecycle of a unit's briefing figures (``Submission``), declared once.

draft ──submitted──▶ submitted ──approved──▶ approved (final)
returned ──submitted──▶   └──────returned──▶ returned

Each action is named after the state it leads to, so the audit log and the event stream write
``reporting.submission.submitted`` / ``.approved`` / ``.returned``. No statutory period applies:
the due date of a period is the standing committee's (``services.default_due``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ykien.core.lifecycle import Edge, Lifecycle
from ykien.reporting.models import Submission
from ykien.reporting.permissions import APPROVE, ENTER

S = Submission.Status

SUBMISSION = Lifecycle(
    name="reporting.submission",
    model=Submission,
    states=S,
    edges=(
        Edge.to(S.SUBMITTED, {S.DRAFT, S.RETURNED}, ENTER, _("Gửi số liệu")),
        Edge.to(S.APPROVED, {S.SUBMITTED}, APPROVE, _("Duyệt số liệu")),
        Edge.to(S.RETURNED, {S.SUBMITTED}, APPROVE, _("Trả lại số liệu")),
    ),
)
LIFECYCLES = (SUBMISSION,)

# The figures can be edited (saved again) in the states from which they are sent.
EDITABLE = SUBMISSION.edge(S.SUBMITTED.value).sources
