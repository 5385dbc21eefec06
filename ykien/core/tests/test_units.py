import datetime as dt

import pytest

from ykien.core import selectors, services
from ykien.core.errors import ValidationFailed
from ykien.core.models import AuditEvent, UnitLevel
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import make_unit

pytestmark = pytest.mark.django_db


def _codes(nodes):
    out = []
    for node in nodes:
        out.append(node.unit.code)
        out.extend(_codes(node.children))
    return out


def test_tree_as_of_a_date_before_and_after_the_merger(tree):
    assert _codes(selectors.unit_tree(on=dt.date(2024, 3, 1))) == ["TW", "B", "B1", "A", "A1"]
    assert _codes(selectors.unit_tree(on=dt.date(2025, 8, 1))) == [
        "TW",
        "B",
        "B1",
        "N",
        "N1",
        "N-UBND",
    ]


def test_what_a_unit_became(tree):
    assert selectors.unit_successors(unit=tree.district_a, on=dt.date(2025, 8, 1)) == [
        tree.commune_new
    ]
    assert selectors.unit_successors(unit=tree.prov_a, on=dt.date(2025, 8, 1)) == [tree.prov_new]
    assert selectors.unit_successors(unit=tree.prov_a, on=dt.date(2024, 1, 1)) == [tree.prov_a]
    assert selectors.unit_predecessor_ids(unit=tree.prov_new) == {tree.prov_a.pk}


def test_records_of_a_merged_unit_are_found_from_its_successor(tree):
    services.unit_update(actor=SYSTEM, unit=tree.district_a, address="Khóm 2, thị trấn Càng Long")
    scope = selectors.unit_scope_ids(unit=tree.prov_new)
    assert {tree.prov_a.pk, tree.district_a.pk, tree.prov_new.pk, tree.commune_new.pk} <= scope
    assert tree.prov_b.pk not in scope
    events = selectors.audit_events(unit_ids=scope).filter(action="unit.update")
    assert [e.unit_id for e in events] == [tree.district_a.pk]


def test_a_unit_cannot_be_made_its_own_ancestor(tree):
    with pytest.raises(ValidationFailed) as info:
        services.unit_move(actor=SYSTEM, unit=tree.prov_b, parent=tree.commune_b)
    assert info.value.code == "cycle"
    tree.prov_b.refresh_from_db()
    assert tree.prov_b.parent_id == tree.central.pk
    with pytest.raises(ValidationFailed):
        services.unit_move(actor=SYSTEM, unit=tree.prov_b, parent=tree.prov_b)


def test_moving_a_unit_moves_its_subtree_and_is_audited(tree):
    services.unit_move(actor=SYSTEM, unit=tree.prov_b, parent=tree.prov_new)
    tree.commune_b.refresh_from_db()
    assert (
        tree.commune_b.path
        == f"/{tree.central.pk}/{tree.prov_new.pk}/{tree.prov_b.pk}/{tree.commune_b.pk}/"
    )
    assert tree.commune_b.depth == 3
    event = AuditEvent.objects.filter(action="unit.move").get()
    assert event.before == {
        "parent": tree.central.pk,
        "path": f"/{tree.central.pk}/{tree.prov_b.pk}/",
        "depth": 1,
    }


def test_unit_dates_and_codes_are_checked(tree):
    with pytest.raises(ValidationFailed) as info:
        make_unit("X", valid_from=dt.date(2025, 1, 1), valid_to=dt.date(2024, 1, 1))
    assert info.value.code == "end_before_start"
    with pytest.raises(ValidationFailed) as info:
        make_unit("Trùng", code="A", level=UnitLevel.PROVINCE)
    assert info.value.code == "duplicate_code"


def test_unit_create_writes_an_audit_event_with_the_new_state(tree):
    event = AuditEvent.objects.filter(action="unit.create", object_id=str(tree.prov_b.pk)).get()
    assert event.after["code"] == "B"
    assert event.after["name"] == "Ủy ban MTTQ tỉnh Cà Mau"
    assert event.unit_id == tree.prov_b.pk
