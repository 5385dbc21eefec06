"""The supervision app's codes are listed once, in ``codes.py`` (every app's are checked by
``core/tests/test_codes_labels.py``): every edge of every lifecycle is among its audit actions."""

from __future__ import annotations

from django.utils import translation

from ykien.oversight import lifecycle
from ykien.oversight.codes import AuditAction


def test_every_lifecycle_action_is_an_audit_action_with_a_label():
    with translation.override("vi"):
        for cycle in lifecycle.LIFECYCLES:
            for edge in cycle.edges:
                action = AuditAction(cycle.event_name(edge.action))
                assert str(action.label), action
                assert "." not in str(action.label), action
