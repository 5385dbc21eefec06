"""The addressee picker of a recommendation (``core.pickers``): the units the supervised subject
belongs to come first — the subject itself, the units under it, the state bodies and party
committees above it — and any other unit that may receive a recommendation is found by typing
its name, after them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ykien.core import pickers
from ykien.core.models import Unit, UnitKind, User
from ykien.core.permissions import allows
from ykien.core.selectors import today, unit_ancestors, unit_children
from ykien.core.views_pickers import forbidden
from ykien.oversight.models import Activity

#: Kinds of unit that may receive a recommendation (``forms.subject_units``).
_NOT_ADDRESSEES = frozenset(k.value for k in UnitKind.mass_organisations())
#: Above the subject, only these are "its" units (the front running the supervision is not).
_ABOVE = frozenset({UnitKind.STATE.value, UnitKind.PARTY.value})


def addressee_scope(*, on: dt.date) -> set[int]:
    """Ids of the units that may receive a recommendation on ``on``."""
    return set(
        Unit.objects.valid_on(on).exclude(kind__in=_NOT_ADDRESSEES).values_list("pk", flat=True)
    )


def related_units(*, activity: Activity, on: dt.date) -> list[tuple[Unit, str]]:
    """The units the subject of ``activity`` belongs to, each with what it is to the subject, in
    this order: the subject; the units under it; the state bodies and party committees of the same
    area (under the same front committee, as the unit tree hangs them); those of the level above
    (under the front committee above), and any state body or party committee above the subject
    in the tree. Units not in force on ``on`` or that may not receive a recommendation are left
    out; a unit is listed once, under its nearest relation."""
    subject = activity.subject
    found: dict[int, tuple[Unit, str]] = {}

    def add(units: Iterable[Unit], note: str, kinds: frozenset[str] | None = None) -> None:
        for unit in units:
            if unit.pk in found or unit.kind in _NOT_ADDRESSEES or not unit.is_valid_on(on):
                continue
            if kinds is None or unit.kind in kinds:
                found[unit.pk] = (unit, note)

    add([subject], _("Đối tượng giám sát"))
    add(unit_children(unit=subject, on=on), _("Trực thuộc đối tượng giám sát"))
    ancestors = unit_ancestors(unit=subject)  # from the root down to the parent
    above = list(reversed(ancestors))
    if above:
        add(unit_children(unit=above[0], on=on), _("Cùng cấp với đối tượng giám sát"), _ABOVE)
    add((u for u in above if u.kind in _ABOVE), _("Cấp trên của đối tượng giám sát"), _ABOVE)
    fronts = [u for u in above if u.kind == UnitKind.FRONT.value]
    if len(fronts) > 1 or (fronts and fronts[0] != above[0]):
        upper = fronts[1] if fronts[0] == above[0] else fronts[0]
        add(unit_children(unit=upper, on=on), _("Cấp trên của đối tượng giám sát"), _ABOVE)
    return list(found.values())


def addressee_suggestions(
    *, activity: Activity, query: str, on: dt.date
) -> list[pickers.Suggestion]:
    """Without words: the subject's own units. With words: the matching units, the subject's own
    first (in the order of ``related_units``), then the others as ``core.pickers`` ranks them."""
    related = related_units(activity=activity, on=on)
    if not pickers.words_of(query):
        return [pickers.Suggestion(u.pk, u.name, note) for u, note in related]
    matching = pickers.unit_suggestions(
        query=query,
        on=on,
        within=addressee_scope(on=on),
        current_only=True,
        limit=pickers.MAX_RESULTS,
    )
    order = {u.pk: (i, note) for i, (u, note) in enumerate(related)}
    first = sorted(
        (pickers.Suggestion(s.id, s.text, order[s.id][1]) for s in matching if s.id in order),
        key=lambda s: order[s.id][0],
    )
    return first + [s for s in matching if s.id not in order]


def addressee_field(field: pickers.PickerField, *, activity: Activity) -> None:
    """Make ``field`` the addressee picker of a recommendation of ``activity``."""
    on = today()
    pickers.unit_picker_field(field, on=on, within=addressee_scope(on=on))
    field.resolve = lambda text: addressee_suggestions(activity=activity, query=text, on=on)
    field.describe = lambda unit: pickers.Suggestion(unit.pk, unit.name)
    field.set_url(reverse("oversight:suggest_addressee", args=[activity.pk]))
    offered = addressee_suggestions(activity=activity, query="", on=on)
    field.widget.offered = offered  # type: ignore[attr-defined]
    names = ", ".join(s.text for s in offered)
    if names:
        field.help_text = _(
            "Đơn vị gắn với đối tượng giám sát: %(names)s. Gõ tên để tìm đơn vị khác."
        ) % {"names": names}


@require_GET
@never_cache
def suggest_addressee(request: HttpRequest, pk: int) -> HttpResponse:
    """``GET /can-bo/giam-sat/cuoc/<id>/goi-y-co-quan/?q=…``: for the officers of the activity."""
    activity = get_object_or_404(Activity.objects.select_related("subject", "unit"), pk=pk)
    user = cast(User, request.user)
    if not user.is_authenticated or not allows(user, "oversight.manage_activity", activity):
        return forbidden()
    day = today()
    return pickers.suggestions_response(
        request, lambda q: addressee_suggestions(activity=activity, query=q, on=day)
    )
