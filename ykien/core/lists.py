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
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, TypeVar

from django import forms
from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from ykien.analysis.text import tokens
from ykien.core.documents import Sheet, render_xlsx
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
    """Rows whose folded ``field`` holds a word beginning with each term."""
    for term in terms:
        qs = qs.filter(**{f"{field}__contains": " " + term})
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


def page_of(form: ListForm, qs: QuerySet[M], *, per_page: int = PAGE_SIZE) -> Page | None:
    """The asked page of ``qs``; ``None`` (with an error on the form) for a page past the end."""
    number = form.cleaned_data.get("page") or 1
    try:
        return Paginator(qs, per_page).page(number)
    except EmptyPage:
        form.add_error("page", _("Trang %(n)s không tồn tại.") % {"n": number})
        return None


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
