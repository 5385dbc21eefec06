"""Migration 0003 brings a database seeded before the 2025 amendment was read up to date: the
provincial chairman's rule ends on 30 June 2026 and a version without delegation follows, the
commune rule cites the amending law by its title, and both chairmen's rules from 1 July 2026
forbid delegation. Back to 0002 and forward again on the test database, leaving it as found."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

OLD_BASIS = (
    "Luật Tiếp công dân 2013, Điều 15 (sửa đổi theo Luật số 136/2025/QH15, Điều 1; "
    "hiệu lực từ 01/7/2026)"
)


def _migrate(target: tuple[str, str] | None = None):
    executor = MigrationExecutor(connection)
    executor.migrate([target] if target else executor.loader.graph.leaf_nodes())
    return MigrationExecutor(connection).loader.project_state().apps


def test_a_database_seeded_before_is_brought_up_to_date():
    old = _migrate(("reception", "0002_seed_frequency_rules"))
    rule = old.get_model("reception", "FrequencyRule")
    assert not rule.objects.filter(code="pc_chair.province", valid_from="2026-07-01").exists()
    rule.objects.filter(code="pc_chair.commune", valid_from="2026-07-01").update(
        legal_basis=OLD_BASIS
    )
    new = _migrate()
    rule = new.get_model("reception", "FrequencyRule")
    rows = {
        (r.code, r.valid_from.isoformat()): (r.valid_to, r.legal_basis, r.delegation_ban)
        for r in rule.objects.filter(office="pc_chair").exclude(level="district")
    }
    assert rows[("pc_chair.province", "2014-07-01")][0] == dt.date(2026, 6, 30)
    assert rows[("pc_chair.province", "2014-07-01")][2] == ""
    assert rows[("pc_chair.province", "2026-07-01")][0] is None
    assert rows[("pc_chair.commune", "2014-07-01")][2] == ""
    commune = rows[("pc_chair.commune", "2026-07-01")]
    assert "136/2025" not in commune[1]
    assert commune[1].startswith("Luật Tiếp công dân 2013, Điều 15 (sửa đổi theo Luật sửa đổi")
    for key in (("pc_chair.province", "2026-07-01"), ("pc_chair.commune", "2026-07-01")):
        assert rows[key][2].startswith("Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân")
