"""One way to show a service's refusal on a form (``core.forms.form_error``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django import forms

import ykien
from ykien.core.errors import ValidationFailed
from ykien.core.forms import form_error


class NameForm(forms.Form):
    name = forms.CharField()
    chi_tieu__a = forms.CharField(required=False)


def test_the_error_goes_on_the_field_it_names():
    form = NameForm({"name": "x"})
    form.is_valid()
    form_error(form, ValidationFailed("Tên đã có người dùng.", field="name"))
    assert form.errors == {"name": ["Tên đã có người dùng."]}


def test_an_error_on_a_field_the_form_lacks_goes_above_the_form():
    form = NameForm({"name": "x"})
    form.is_valid()
    form_error(form, ValidationFailed("Hết hạn góp ý.", field="comment_end"))
    form_error(form, ValidationFailed("Không được phép."))
    assert form.non_field_errors() == ["Hết hạn góp ý.", "Không được phép."]
    assert "comment_end" not in form.errors


def test_a_view_may_map_the_service_field_to_its_own():
    form = NameForm({"name": "x"})
    form.is_valid()
    form_error(form, ValidationFailed("Số liệu âm.", field="a"), field="chi_tieu__a")
    assert form.errors == {"chi_tieu__a": ["Số liệu âm."]}


def _own_helpers(path: Path) -> list[str]:
    """Copies of form_error: a function of that name, or ``add_error`` told to pick the field
    from the error's own ``field`` (``exc.field if exc.field in form.fields else None``)."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "form_error":
            found.append(f"{path.name}:{node.lineno}")
        if (
            isinstance(node, ast.Call)
            and ast.unparse(node.func).endswith("add_error")
            and node.args
            and ".field" in ast.unparse(node.args[0])
        ):
            found.append(f"{path.name}:{node.lineno}")
        if isinstance(node, ast.IfExp) and ".fields" in ast.unparse(node.test):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_views_and_forms_use_the_one_helper():
    root = Path(ykien.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts or path == root / "core/forms.py":
            continue
        try:
            found += _own_helpers(path)
        except FileNotFoundError:
            continue
    assert found == []


class HelpForm(forms.Form):
    reason = forms.CharField(label="Lý do", help_text="Ít nhất 5 ký tự.")
    agree = forms.BooleanField(label="Đồng ý")


def test_one_template_draws_every_form_with_its_errors_announced():
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template, render_to_string

    form = HelpForm({"reason": ""})
    form.is_valid()
    form_error(form, ValidationFailed("Đơn vị đã ngừng hoạt động."))
    html = render_to_string("core/_form.html", {"form": form})
    assert '<div class="form-errors" role="alert"><p>Đơn vị đã ngừng hoạt động.</p></div>' in html
    assert '<div class="field has-error">' in html
    # The widget names its help text and its errors (aria-describedby); they carry those ids.
    assert 'aria-describedby="id_reason_helptext id_reason_error"' in html
    assert (
        '<div class="errorlist" id="id_reason_error" role="alert"><p>Trường này là bắt buộc.</p>'
        in html
    )
    assert '<span class="helptext" id="id_reason_helptext">Ít nhất 5 ký tự.</span>' in html
    # A checkbox before its label.
    assert html.index('type="checkbox"') < html.index('<label for="id_agree"')
    for gone in ("petitions/_field.html", "portal/_form_fields.html", "consultations/_form.html"):
        with pytest.raises(TemplateDoesNotExist):
            get_template(gone)
