"""Pickers: choose a unit, a person, a petition, a comment or an expert by typing words of its
name or content, never an internal code.

A picker is a plain text input (``PickerInput``) that works without JavaScript — the person types a
name, and ``PickerField`` resolves it on the server (one match: that record; none or several: a
clear error naming the candidates) — and that ``core/static/core/picker.js`` turns into a Tom Select
combobox (ARIA 1.2 combobox, keyboard, live suggestions) reading suggestions from a JSON endpoint
(``suggestions_response``). What was picked is sent as the record's id; the field checks it again
(exists, in the scope the form allows, current where a former unit is not allowed).

Matching folds case and diacritics (``analysis.text.fold``: "tra vinh" finds "Trà Vinh"); every
word typed must occur in the record's text. Units are matched in Python over the folded names
(cached per name: a name folds the same way forever), which answers in a few milliseconds for
10,000 units on either database (``bench/pickers.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django import forms
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.db.models.functions import Concat
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ykien.analysis.text import fold
from ykien.core.models import RoleGrant, Unit, User
from ykien.core.selectors import unit_children, unit_successors
from ykien.core.text import FORBIDDEN_RE

#: At most this many characters of query, and this many suggestions per answer.
MAX_QUERY = 100
MAX_RESULTS = 20


@dataclass(frozen=True)
class Suggestion:
    """One suggestion: the value sent when picked, the text shown, a second line, and whether it
    may be picked (a former unit is shown, with what it became, but not picked where only a
    current one is allowed)."""

    id: int
    text: str
    note: str = ""
    disabled: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "note": self.note, "disabled": self.disabled}


class BadQuery(ValueError):
    """A query that is too long or holds characters no one types (the endpoint answers 400)."""


def parse_query(request: HttpRequest) -> str:
    """The ``q`` parameter, trimmed; ``BadQuery`` (with a translated message) if it is longer
    than ``MAX_QUERY`` or holds a forbidden character."""
    raw = request.GET.get("q", "")
    if len(raw) > MAX_QUERY:
        raise BadQuery(
            _("Từ khóa tìm kiếm dài quá %(n)s ký tự; hãy gõ ngắn hơn.") % {"n": MAX_QUERY}
        )
    if FORBIDDEN_RE.search(raw):
        raise BadQuery(_("Từ khóa tìm kiếm chứa ký tự không được phép."))
    return raw.strip()


def suggestions_response(
    request: HttpRequest, search: Callable[[str], Sequence[Suggestion]]
) -> JsonResponse:
    """The endpoint's answer: ``{"results": [...]}`` (at most ``MAX_RESULTS``), or 400 with
    ``{"error": message}`` for a bad query. Permission is checked by the caller."""
    try:
        query = parse_query(request)
    except BadQuery as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    found = search(query) if query else []
    return JsonResponse({"results": [s.as_json() for s in list(found)[:MAX_RESULTS]]})


#: A record's number has at most this many digits (well inside a 64-bit integer).
MAX_NUMBER_DIGITS = 12


def record_number(query: str, *, digits: int = MAX_NUMBER_DIGITS) -> int | None:
    """The record number ``query`` is ("12", "#12"), or None (:func:`record_id`)."""
    return record_id(query.strip().removeprefix("#").strip(), digits=digits)


def record_id(value: str | None, *, digits: int = MAX_NUMBER_DIGITS) -> int | None:
    """``value`` as a record number, or None: only the ASCII digits 0-9 count ("²" or "١" are
    digits to Python, not to ``int``), at most ``digits`` of them (no integer past 64 bits)."""
    if value and value.isascii() and value.isdigit() and len(value) <= digits:
        return int(value)
    return None


def words_of(query: str) -> list[str]:
    return fold(query).split()


@lru_cache(maxsize=200_000)
def folded(text: str) -> str:
    """``fold(text)``, remembered: names repeat from one keystroke to the next."""
    return fold(text)


def matches(words: Iterable[str], text: str) -> bool:
    hay = folded(text)
    return all(w in hay for w in words)


def day_label(day: dt.date) -> str:
    """A date as Vietnamese write it in running text: 1/7/2025."""
    return f"{day.day}/{day.month}/{day.year}"


# --- units ----------------------------------------------------------------------------------


def former_label(unit: Unit) -> str:
    """The name and the first day without it: "Ủy ban MTTQ tỉnh Trà Vinh (trước 1/7/2025)"."""
    if unit.valid_to is None:
        return unit.name
    return _("%(name)s (trước %(day)s)") % {
        "name": unit.name,
        "day": day_label(unit.valid_to + dt.timedelta(days=1)),
    }


def unit_suggestions(
    *,
    query: str,
    on: dt.date,
    within: set[int] | None = None,
    current_only: bool = False,
    limit: int = MAX_RESULTS,
) -> list[Suggestion]:
    """Units whose name, short name or code holds every word of ``query`` (diacritics and case
    ignored), only those in ``within`` if given. Current units first (those whose name begins
    with the query, then higher levels, then by name); then the units a matching former unit
    became, noted "gồm …"; then the former units themselves, labelled "(trước 1/7/2025)" with
    what they became — not pickable when ``current_only``."""
    words = words_of(query)
    if not words:
        return []
    phrase = " ".join(words)
    current: list[tuple[tuple[int, int, str], int, str]] = []
    former_ids: list[int] = []
    # One text per unit to match, and whether it has ended, computed by the database and read
    # through a plain cursor: no date or model converter runs for each of 10,000 rows.
    qs = (
        Unit.objects.filter(valid_from__lte=on)
        .annotate(
            hay=Concat("name", Value(" "), "short_name", Value(" "), "code"),
            ended=ExpressionWrapper(Q(valid_to__lt=on), output_field=BooleanField()),
        )
        .values_list("pk", "name", "depth", "ended", "hay")
        .order_by()
    )
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    single = words[0] if len(words) == 1 else None
    for pk, name, depth, ended, hay in rows:
        text = folded(hay)
        if single is not None:
            if single not in text:
                continue
        elif not all(w in text for w in words):
            continue
        if within is not None and pk not in within:
            continue
        if ended:
            former_ids.append(pk)
            continue
        rank = (0 if folded(name).startswith(phrase) else 1, depth, folded(name))
        current.append((rank, pk, name))
    current.sort()
    results = [Suggestion(pk, name) for _rank, pk, name in current[:limit]]
    if len(results) >= limit or not former_ids:
        return results
    shown = {s.id for s in results}
    formers = sorted(
        Unit.objects.filter(pk__in=former_ids[: limit * 2]), key=lambda u: (u.depth, folded(u.name))
    )
    became: dict[int, list[Unit]] = {u.pk: unit_successors(unit=u, on=on) for u in formers}
    for unit in formers:  # what the former units became, right after the current matches
        for succ in became[unit.pk]:
            if succ.pk in shown or (within is not None and succ.pk not in within):
                continue
            shown.add(succ.pk)
            results.append(
                Suggestion(succ.pk, succ.name, _("gồm %(former)s") % {"former": former_label(unit)})
            )
    for unit in formers:
        successors = ", ".join(s.name for s in became[unit.pk])
        note = _("nay là: %(units)s") % {"units": successors} if successors else ""
        results.append(Suggestion(unit.pk, former_label(unit), note, disabled=current_only))
    return results[:limit]


def units_offered(
    *, units: Sequence[Unit], on: dt.date, limit: int = MAX_RESULTS
) -> list[Suggestion]:
    """What a unit picker offers before anything is typed: ``units`` (a person's own units,
    noted so), then the units in force directly under them, at most ``limit``."""
    offered = [Suggestion(u.pk, u.name, _("Đơn vị của bạn")) for u in units]
    shown = {u.pk for u in units}
    for unit in units:
        if len(offered) >= limit:  # enough: no query for the units left
            break
        for child in unit_children(unit=unit, on=on)[:limit]:
            if child.pk not in shown:
                shown.add(child.pk)
                offered.append(
                    Suggestion(child.pk, child.name, _("trực thuộc %(unit)s") % {"unit": unit.name})
                )
    return offered[:limit]


# --- people ---------------------------------------------------------------------------------


def person_label(user: User) -> str:
    return user.full_name or user.get_username()


def people_suggestions(
    *, query: str, on: dt.date, within: set[int] | None, limit: int = MAX_RESULTS
) -> list[Suggestion]:
    """Active officers holding a role, on ``on``, at a unit in ``within`` (None: anywhere), whose
    name or user name holds every word of ``query``; each with the units where they serve."""
    words = words_of(query)
    if not words:
        return []
    grants = RoleGrant.objects.valid_on(on).filter(user__is_active=True)
    if within is not None:
        grants = grants.filter(unit_id__in=within)
    units: dict[int, list[str]] = {}
    people: dict[int, User] = {}
    for grant in grants.select_related("user", "unit").order_by("unit__depth", "unit__name"):
        user = grant.user
        if not matches(words, f"{user.full_name} {user.get_username()}"):
            continue
        people[user.pk] = user
        names = units.setdefault(user.pk, [])
        if grant.unit.name not in names:
            names.append(grant.unit.name)
    ordered = sorted(people.values(), key=lambda u: folded(person_label(u)))
    return [Suggestion(u.pk, person_label(u), ", ".join(units[u.pk][:3])) for u in ordered[:limit]]


# --- the form side --------------------------------------------------------------------------


class PickerInput(forms.TextInput):
    """A text input that ``picker.js`` turns into a combobox fed by ``url``. The page includes
    ``core/_picker_assets.html``. Without JavaScript the person types the name; the field
    resolves it."""

    def __init__(
        self,
        *,
        url: str = "",
        multiple: bool = False,
        placeholder: Any = None,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.url = url
        self.multiple = multiple
        self.placeholder = placeholder
        self.picked: list[Suggestion] = []
        # Offered before anything is typed (the records that fit this form best).
        self.offered: list[Suggestion] = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if not self.url:  # a public form: the name typed is resolved by the server only
            if self.picked:
                context["widget"]["value"] = ", ".join(s.text for s in self.picked)
            return context
        widget_attrs["data-picker"] = self.url
        widget_attrs["autocomplete"] = "off"
        if self.multiple:
            widget_attrs["data-picker-multiple"] = "1"
        widget_attrs["data-picker-empty"] = _("Không tìm thấy. Hãy gõ từ khác.")
        widget_attrs["data-picker-hint"] = _("Gõ ít nhất 2 ký tự để xem gợi ý.")
        widget_attrs["data-picker-error"] = _("Không tải được gợi ý; hãy thử lại.")
        widget_attrs["data-picker-remove"] = _("Bỏ chọn")
        if self.placeholder:
            widget_attrs["placeholder"] = str(self.placeholder)
        if self.offered:
            widget_attrs["data-picker-offered"] = json.dumps(
                [s.as_json() for s in self.offered], ensure_ascii=False
            )
        if self.picked:
            widget_attrs["data-picker-initial"] = json.dumps(
                [s.as_json() for s in self.picked], ensure_ascii=False
            )
            # Without JavaScript the field shows what was picked by name, which resolves again.
            context["widget"]["value"] = ", ".join(s.text for s in self.picked)
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        """The value sent; a list when the name came more than once (no picker sends that: the
        field refuses it rather than keep only the last value)."""
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        if len(values) > 1:
            return values
        return super().value_from_datadict(data, files, name)


class PickerField(forms.CharField):
    """A field filled by a picker: the id picked (or, without JavaScript, words of the name).

    ``resolve(text)`` returns the candidate suggestions for typed words; ``get(pk)`` the record
    for a picked id, or raises ``forms.ValidationError`` if it may not be picked here (out of
    scope, no longer in force …); ``describe(obj)`` the ``Suggestion`` shown again when the form
    is re-displayed. ``multiple``: a comma-separated list, cleaned to a list."""

    def __init__(
        self,
        *,
        url: str = "",
        multiple: bool = False,
        noun: Any = None,
        placeholder: Any = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("max_length", 2000 if multiple else 300)
        super().__init__(
            widget=PickerInput(url=url, multiple=multiple, placeholder=placeholder), **kwargs
        )
        self.multiple = multiple
        self.noun = noun or gettext_lazy("mục")
        self.resolve: Callable[[str], Sequence[Suggestion]] = lambda _text: []
        self.get: Callable[[int], Any] = lambda _pk: None
        self.describe: Callable[[Any], Suggestion] = lambda obj: Suggestion(obj.pk, str(obj))
        # The id of a record named exactly by ``text`` (a unit's code in an old bookmark), if any.
        self.exact: Callable[[str], int | None] = lambda _text: None

    def set_url(self, url: str) -> None:
        self.widget.url = url  # type: ignore[attr-defined]

    def offer(self, suggestions: Sequence[Suggestion]) -> None:
        """Show ``suggestions`` as soon as the picker opens, before anything is typed."""
        self.widget.offered = list(suggestions)  # type: ignore[attr-defined]

    def _one(self, part: str) -> Any:
        number = record_number(part)
        if number is not None:
            obj = self.get(number)
            if obj is None:
                raise forms.ValidationError(
                    _("Không có %(noun)s này (có thể đã bị xóa hoặc bạn không được chọn).")
                    % {"noun": self.noun}
                )
            return obj
        exact = self.exact(part)
        if exact is not None:
            return self._one(str(exact))
        found = [s for s in self.resolve(part) if not s.disabled]
        if not found:
            raise forms.ValidationError(
                _("Không tìm thấy %(noun)s nào khớp với “%(text)s”.")
                % {"noun": self.noun, "text": part}
            )
        if len(found) > 1:
            names = "; ".join(s.text for s in found[:5])
            raise forms.ValidationError(
                _("Có nhiều %(noun)s khớp với “%(text)s”: %(names)s. Hãy gõ rõ hơn.")
                % {"noun": self.noun, "text": part, "names": names}
            )
        obj = self.get(found[0].id)
        if obj is None:
            raise forms.ValidationError(
                _("Không tìm thấy %(noun)s nào khớp với “%(text)s”.")
                % {"noun": self.noun, "text": part}
            )
        return obj

    def clean(self, value: Any) -> Any:
        widget: PickerInput = self.widget  # type: ignore[assignment]
        if isinstance(value, list | tuple):  # the name sent more than once: tampered
            widget.picked = []
            raise forms.ValidationError(
                _("Giá trị của ô này không hợp lệ; hãy chọn lại %(noun)s trong danh sách.")
                % {"noun": self.noun},
                code="invalid",
            )
        text = super().clean(value)
        if not text:
            widget.picked = []
            return [] if self.multiple else None
        parts = [p.strip() for p in text.split(",")] if self.multiple else [text.strip()]
        objs: list[Any] = []
        errors: list[forms.ValidationError] = []
        for part in (p for p in parts if p):
            try:
                obj = self._one(part.lstrip("#"))
            except forms.ValidationError as exc:
                errors.append(exc)
            else:
                if obj not in objs:
                    objs.append(obj)
        widget.picked = [self.describe(o) for o in objs]
        if errors:
            raise forms.ValidationError(errors)
        return objs if self.multiple else objs[0]


def unit_picker_field(
    field: PickerField,
    *,
    on: dt.date,
    within: set[int] | None = None,
    current_only: bool = True,
) -> None:
    """Make ``field`` pick units (in ``within`` if given; only units in force on ``on`` when
    ``current_only``)."""
    field.resolve = lambda text: unit_suggestions(
        query=text, on=on, within=within, current_only=current_only
    )

    def get(pk: int) -> Unit | None:
        unit = Unit.objects.filter(pk=pk).first()
        if unit is None or (within is not None and unit.pk not in within):
            return None
        if current_only and not unit.is_valid_on(on):
            successors = ", ".join(u.name for u in unit_successors(unit=unit, on=on))
            raise forms.ValidationError(
                _("%(unit)s không còn hoạt động; hãy chọn đơn vị hiện nay: %(units)s.")
                % {"unit": unit.name, "units": successors or "—"}
            )
        return unit

    field.get = get
    field.describe = lambda unit: Suggestion(unit.pk, unit.name)
    field.exact = lambda text: (
        Unit.objects.filter(code=text.upper()).values_list("pk", flat=True).first()
        if len(text) <= 40
        else None
    )


def person_picker_field(field: PickerField, *, on: dt.date, within: set[int] | None) -> None:
    """Make ``field`` pick an officer serving in ``within`` (None: anywhere) on ``on``."""
    field.resolve = lambda text: people_suggestions(query=text, on=on, within=within)

    def get(pk: int) -> User | None:
        grants = RoleGrant.objects.valid_on(on).filter(user_id=pk)
        if within is not None:
            grants = grants.filter(unit_id__in=within)
        return User.objects.filter(pk=pk).first() if grants.exists() else None

    field.get = get
    field.describe = lambda user: Suggestion(user.pk, person_label(user))
