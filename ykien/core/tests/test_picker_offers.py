"""What a picker offers before anything is typed (``core.pickers.units_offered``), the record
numbers a picker accepts (``record_number``: ASCII digits only, never past 64 bits), and a
field sent twice (tampered)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.http import QueryDict

from ykien.core.pickers import PickerField, record_number, unit_picker_field, units_offered

DAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12),
        ("#12", 12),
        (" # 12 ", 12),
        ("999999999999", 999_999_999_999),
        ("9999999999999", None),  # past the 12 digits of a record number
        (str(2**64), None),
        ("²", None),  # a digit to Python, not to int()
        ("١٢", None),  # Arabic-Indic digits
        ("-3", None),
        ("1.5", None),
        ("#", None),
        ("", None),
        ("tra vinh", None),
    ],
)
def test_record_number_takes_plain_digits_only(text, number):
    assert record_number(text) == number


@pytest.mark.django_db
def test_units_offered_are_the_persons_units_then_those_under_them(tree):
    offered = units_offered(units=[tree.prov_new], on=DAY)
    assert [(s.id, s.text, s.note) for s in offered] == [
        (tree.prov_new.pk, "Ủy ban MTTQ tỉnh Vĩnh Long", "Đơn vị của bạn"),
        (tree.commune_new.pk, "Ủy ban MTTQ xã Càng Long", "trực thuộc Ủy ban MTTQ tỉnh Vĩnh Long"),
        (
            tree.agency_new.pk,
            "Ủy ban nhân dân tỉnh Vĩnh Long",
            "trực thuộc Ủy ban MTTQ tỉnh Vĩnh Long",
        ),
    ]
    assert units_offered(units=[tree.prov_new], on=DAY, limit=2)[-1].id == tree.commune_new.pk
    # A former unit's children ended with it: nothing under it is offered.
    assert [s.id for s in units_offered(units=[tree.prov_a], on=DAY)] == [tree.prov_a.pk]


@pytest.mark.django_db
def test_the_offered_units_are_written_on_the_input_for_the_script(tree):
    field = PickerField(url="/goi-y/", noun="đơn vị")
    unit_picker_field(field, on=DAY)
    field.offer(units_offered(units=[tree.prov_new], on=DAY))
    attrs = field.widget.get_context("unit", "", {})["widget"]["attrs"]
    offered = json.loads(attrs["data-picker-offered"])
    assert [o["id"] for o in offered] == [tree.prov_new.pk, tree.commune_new.pk, tree.agency_new.pk]
    assert field.clean(str(tree.commune_new.pk)) == tree.commune_new


@pytest.mark.django_db
@pytest.mark.parametrize("sent", ["²", str(2**64), "-1"])
def test_a_tampered_unit_value_is_a_form_error(tree, sent):
    from django import forms

    field = PickerField(url="/goi-y/", noun="đơn vị")
    unit_picker_field(field, on=DAY, within={tree.prov_new.pk})
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(sent)
    assert caught.value.messages == [f"Không tìm thấy đơn vị nào khớp với “{sent}”."]


@pytest.mark.django_db
def test_a_unit_sent_twice_is_refused_not_the_last_one_kept(tree):
    from django import forms

    field = PickerField(url="/goi-y/", noun="đơn vị")
    unit_picker_field(field, on=DAY)
    data = QueryDict(mutable=True)
    data.setlist("unit", [str(tree.prov_new.pk), str(tree.prov_b.pk)])
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(field.widget.value_from_datadict(data, {}, "unit"))
    assert caught.value.messages == [
        "Giá trị của ô này không hợp lệ; hãy chọn lại đơn vị trong danh sách."
    ]
