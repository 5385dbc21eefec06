"""Staff lists: a search box that ignores diacritics and case, filters, a whitelisted sort,
pagination, filters kept in the URL, and CSV / XLSX export of the filtered list.

A list's filter form subclasses :class:`ListForm` and names its sortable columns in ``SORTS``
(``key → model fields``; ``?sort=key`` ascending, ``?sort=-key`` descending). Search matches a
*folded* text column (``ykien.analysis.text.fold``: lower case, no diacritics, đ → d) that the
app's services keep with the record: :func:`fold_for_search` builds it, :func:`search` filters on
it, one ``LIKE`` per word on both databases (with a trigram index on PostgreSQL). Bad input — an
unknown sort, a query longer than ``MAX_QUERY``, a page that does not exist — is a form error
the view answers with 400 (:func:`page_of`); nothing is read past it.

Templates keep the filters with Django's ``{% querystring %}`` tag (pagination, sort links).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from django import forms
from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import Model, QuerySet
from django.db.models.query import ModelIterable
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ykien.analysis.text import tokens
from ykien.core import fulltext
from ykien.core.documents import Sheet, render_xlsx
from ykien.core.errors import DomainError
from ykien.core.redact import csv_cell

M = TypeVar("M", bound=Model)

MAX_QUERY = 200  # characters of a search query
MAX_TERMS = 8  # words of a search query used
MAX_PAGE = 1_000_000
PAGE_SIZE = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def fold_for_search(*parts: str | None) -> str:
    """The folded words of ``parts`` separated by single spaces, framed by spaces so that a
    word's start is `` word``: "Đường liên ấp" → " duong lien ap "."""
    words = [w for part in parts if part for w in tokens(part)]
    return " " + " ".join(words) + " " if words else ""


def search_terms(query: str) -> list[str]:
    """The folded words of a search query (at most ``MAX_TERMS``)."""
    return tokens(query or "")[:MAX_TERMS]


def search(qs: QuerySet[M], field: str, terms: Sequence[str]) -> QuerySet[M]:
    """Rows whose folded ``field`` holds a word beginning with each term: through the field's
    full-text index where it has one (``core.fulltext``, SQLite), else one ``LIKE`` per term."""
    indexed = fulltext.matching(qs, field, terms)
    if indexed is not None:
        return indexed
    for term in terms:
        qs = qs.filter(**{f"{field}__contains": " " + term})
    return qs


def in_period(qs: QuerySet[M], field: str, start: Any = None, end: Any = None) -> QuerySet[M]:
    """``qs`` where ``field`` is on or after ``start`` and on or before ``end`` (each if given)."""
    if start is not None:
        qs = qs.filter(**{f"{field}__gte": start})
    if end is not None:
        qs = qs.filter(**{f"{field}__lte": end})
    return qs


INVALID_CHOICE = _("Lựa chọn không hợp lệ; hãy chọn lại trong danh sách.")


def translated_choices(form: forms.BaseForm) -> None:
    """Give every choice field of ``form`` a Vietnamese "not a valid choice" message (Django's
    own has no Vietnamese translation)."""
    for field in form.fields.values():
        if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            field.error_messages = {**field.error_messages, "invalid_choice": INVALID_CHOICE}


class ListForm(forms.Form):
    """Search, sort and page of a staff list; subclasses add their filters and ``SORTS``."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {}
    DEFAULT_SORT: ClassVar[str] = ""

    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=MAX_QUERY,
        help_text=_("Không cần gõ dấu; không phân biệt chữ hoa, chữ thường."),
        error_messages={"max_length": _("Từ khóa tìm kiếm dài tối đa %(limit_value)d ký tự.")},
    )
    sort = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Số trang không hợp lệ."),
            "min_value": _("Số trang không hợp lệ."),
            "max_value": _("Số trang không hợp lệ."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        translated_choices(self)

    def clean_sort(self) -> str:
        value = self.cleaned_data.get("sort") or self.DEFAULT_SORT
        if value.removeprefix("-") not in self.SORTS:
            raise forms.ValidationError(_("Không thể sắp xếp theo cột này."), code="sort")
        return value

    @property
    def terms(self) -> list[str]:
        return search_terms(self.cleaned_data.get("q", "")) if self.is_valid() else []

    def ordering(self) -> list[str]:
        """``order_by`` arguments of the chosen sort, ending with the primary key (stable)."""
        value = self.cleaned_data.get("sort") if self.is_valid() else None
        value = value or self.DEFAULT_SORT
        descending = value.startswith("-")
        fields = self.SORTS[value.removeprefix("-")]
        sign = "-" if descending else ""
        return [sign + f for f in fields] + [sign + "pk"]

    def sort_links(self) -> dict[str, str]:
        """For each sortable column, the ``sort`` value its header links to (the other direction
        when it is the current sort)."""
        current = (self.cleaned_data.get("sort") if self.is_valid() else "") or self.DEFAULT_SORT
        return {key: ("-" + key if current == key else key) for key in self.SORTS}

    def sorted_by(self) -> str:
        return (self.cleaned_data.get("sort") if self.is_valid() else "") or self.DEFAULT_SORT


def page_of(
    form: ListForm, qs: QuerySet[M] | Sequence[Any], *, per_page: int = PAGE_SIZE
) -> Page | None:
    """The asked page of ``qs`` (a queryset, or a list built in Python); ``None`` (with an error
    on the form) for a page past the end.

    A queryset is paged in two steps: the count and the page's keys are read from its primary
    keys alone (the filters and the sort served by indexes, no wide row read), then the page's
    rows by key (:func:`_rows`)."""
    number = form.cleaned_data.get("page") or 1
    keyed = _keyed(qs)
    try:
        rows = keyed.values_list("pk", flat=True) if keyed is not None else qs
        page = Paginator(rows, per_page).page(number)
    except EmptyPage:
        form.add_error("page", _("Trang %(n)s không tồn tại.") % {"n": number})
        return None
    if keyed is not None:
        page.object_list = _rows(keyed, list(page.object_list))
    return page


def _keyed(qs: QuerySet[M] | Sequence[Any]) -> QuerySet[M] | None:
    """``qs`` if it is a queryset of model rows that may be paged by key (not values, not a
    union, not ``DISTINCT ON``)."""
    if not isinstance(qs, QuerySet) or qs._iterable_class is not ModelIterable:
        return None
    if qs.query.combinator or qs.query.distinct_fields:
        return None
    return qs


def _rows(qs: QuerySet[M], keys: list[Any]) -> list[M]:
    """The rows of ``qs`` with primary keys ``keys``, in that order. They are read by key with
    the queryset's joins, prefetches and deferred fields but not its filters (already applied
    to find the keys); a queryset with annotations is filtered again, to compute them."""
    if not keys:
        return []
    if qs.query.annotations:
        rows = qs.filter(pk__in=keys).order_by()
    else:
        rows = qs.model._base_manager.using(qs.db).filter(pk__in=keys)
        rows.query.select_related = qs.query.select_related
        rows.query.deferred_loading = qs.query.deferred_loading
        rows = rows.prefetch_related(*getattr(qs, "_prefetch_related_lookups", ()))
    by_key = {row.pk: row for row in rows}
    return [by_key[k] for k in keys if k in by_key]


def export(
    fmt: str,
    *,
    filename: str,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> HttpResponse:
    """The rows as a CSV (UTF-8 with a BOM, cells that a spreadsheet would run prefixed with an
    apostrophe) or an XLSX workbook (text cells are never formulas: ``render_xlsx``)."""
    if fmt == "xlsx":
        body = render_xlsx([Sheet(title=title, header=list(header), rows=[list(r) for r in rows])])
        response = HttpResponse(body, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a BOM
    writer = csv.writer(response)
    writer.writerow([csv_cell(c) for c in header])
    for row in rows:
        writer.writerow([csv_cell(c) for c in row])
    return response


MAX_ID = 2**31 - 1


class IdsField(forms.Field):
    """Row numbers ticked in a staff list for a bulk action (``ids=1&ids=2``): each a positive
    32-bit number, duplicates dropped, at most ``limit``."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *args: Any, limit: int = 200, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit = limit

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        if len(value) > self.limit:
            raise forms.ValidationError(
                _("Chọn tối đa %(n)s mục cho một thao tác.") % {"n": self.limit}, code="too_many"
            )
        out: list[int] = []
        for item in value:
            text = str(item).strip()
            if (
                not (text.isascii() and text.isdigit())
                or len(text) > 10
                or not 1 <= int(text) <= MAX_ID
            ):
                raise forms.ValidationError(_("Mục đã chọn không hợp lệ."), code="invalid")
            if int(text) not in out:
                out.append(int(text))
        return out

    def validate(self, value: Any) -> None:
        if not value:
            raise forms.ValidationError(_("Hãy chọn ít nhất một mục."), code="required")


class BulkForm(forms.Form):
    """The rows ticked in a staff list for a bulk action, and whether the person confirmed it
    (the first post shows what will be done: ``bulk_confirm``; the second, with ``confirm``,
    does it). Subclasses name their rows with their own ``ids`` field."""

    ids = IdsField(label=_("Mục đã chọn"))
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "bulk_%s")  # the list's filter form is on the same page
        super().__init__(*args, **kwargs)


def bulk_confirm(
    request: HttpRequest,
    *,
    action: str,
    ids: Sequence[int],
    found: Mapping[int, Any],
    label: Callable[[int], str],
    back: str,
) -> HttpResponse:
    """The page that asks to confirm a bulk action: what it is, the rows found, the numbers not
    found in the reader's scope; confirming posts the same rows again with ``confirm``."""
    return render(
        request,
        "core/bulk_confirm.html",
        {
            "action": action,
            "ids": ids,
            "rows": [label(n) for n in ids if n in found],
            "missing": [n for n in ids if n not in found],
            "back": back,
        },
    )


def sort_columns(form: ListForm, headers: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    """A table's headers: ``(sort key or "", label)`` → label, the ``sort`` its link asks for
    and ``aria-sort`` when the list is sorted by it."""
    links = form.sort_links() if form.is_valid() else {}
    current = form.sorted_by()
    out = []
    for key, label in headers:
        aria = ""
        if key and current == key:
            aria = "ascending"
        elif key and current == "-" + key:
            aria = "descending"
        out.append({"label": str(label), "sort": links.get(key, ""), "aria": aria})
    return out


# --- bulk actions on the rows ticked in a list ------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One row of a bulk action's report: its number, its label, what was done or why not, and
    the record's page (``""``: none, or not found)."""

    number: int
    label: str
    message: str
    url: str = ""


def run_bulk(
    ids: Sequence[int],
    found: Mapping[int, M],
    act: Callable[[M], str],
    *,
    label: Callable[[int], str],
    missing: str,
    link: Callable[[M], str] | None = None,
) -> tuple[list[Outcome], list[Outcome]]:
    """Run ``act`` (one service call, its own transaction) on each of ``ids`` in order; a row
    not in ``found`` (outside the reader's scope) is refused with ``missing`` and untouched, a
    ``DomainError`` refuses that row only. Returns (done, refused), each line with its reason
    (and, with ``link``, the found record's page)."""
    done: list[Outcome] = []
    refused: list[Outcome] = []
    for number in ids:
        obj = found.get(number)
        if obj is None:
            refused.append(Outcome(number, label(number), missing))
            continue
        url = link(obj) if link is not None else ""
        try:
            done.append(Outcome(number, label(number), act(obj), url))
        except DomainError as exc:
            refused.append(Outcome(number, label(number), str(exc.message), url))
    return done, refused
