"""The lifecycle of a draft's national mode, declared once (``core.lifecycle``)::

    planned ──open──▶ open ──close──▶ closed ──reopen (new end)──▶ open

No legal period starts here: the period of the ballot is the one the Front announces.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ykien.core.lifecycle import Edge, Lifecycle
from ykien.national.models import ModeStatus, NationalMode
from ykien.national.permissions import MANAGE

S = ModeStatus

MODE = Lifecycle(
    name="national.mode",
    model=NationalMode,
    states=S,
    edges=(
        Edge("open", {S.PLANNED}, S.OPEN, MANAGE, _("Mở lấy phiếu")),
        Edge("close", {S.OPEN}, S.CLOSED, MANAGE, _("Kết thúc lấy phiếu")),
        Edge("reopen", {S.CLOSED}, S.OPEN, MANAGE, _("Mở lại lấy phiếu")),
    ),
    unit=lambda mode: mode.draft.unit,
    related=("draft", "draft__unit"),
)

LIFECYCLES = (MODE,)
