"""The officer's table "per clause: the groups' comments": a group with no comment on a clause
shows a dash, not the prior's 50%; the same clause of two versions says which version."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from ykien.consultations import services
from ykien.consultations.models import Node
from ykien.consultations.tests.conftest import TEXT
from ykien.consultations.views.analysis import common_ground_context

pytestmark = pytest.mark.django_db


def _clause(node: Node, *, agree, disagree, reword, seen, kind="") -> dict:
    return {
        "node": node.pk,
        "label": node.label,
        "kind": kind,
        "agree": agree,
        "disagree": disagree,
        "reword": reword,
        "seen": seen,
    }


def _rows(draft, clauses) -> list[str]:
    result = {
        "groups": [{"id": 0}, {"id": 1}],
        "common_ground": [],
        "differences": [],
        "clauses": clauses,
    }
    html = render_to_string(
        "consultations/analysis/_common_ground.html", common_ground_context(draft, result)
    )
    body = html.split('id="clauses-h"')[1].split("<tbody>")[1].split("</tbody>")[0]
    return body.split("<tr>")[1:]


def test_a_group_without_comments_shows_a_dash_and_one_version_no_label(draft):
    node = Node.objects.get(draft=draft, label="Điều 2")
    [row] = _rows(
        draft,
        [_clause(node, agree=[0.8, 0.5], disagree=[0.2, 0.5], reword=[1, 0], seen=[4, 0])],
    )
    assert row == (
        f'<th scope="row"><a href="/du-thao/{draft.pk}/dieu-khoan/{node.pk}/">Điều 2</a></th>'
        "<td>Nhóm 1: 80% / 20% / 1 đề xuất (4 góp ý)<br>Nhóm 2: — (chưa có góp ý)</td>"
        "<td>—</td></tr>"
    )


def test_the_same_clause_of_two_versions_says_which_version(draft, people):
    version = services.version_upload(
        actor=people.officer,
        draft=draft,
        filename="v2.txt",
        data=TEXT.replace("Nghị quyết này", "Nghị quyết này của tỉnh").encode(),
    )
    services.version_publish(actor=people.officer, version=version)
    old = Node.objects.get(draft=draft, label="Điều 2", version__number=1)
    new = Node.objects.get(draft=draft, label="Điều 2", version__number=2)
    both = {"agree": [0.8, 0.2], "disagree": [0.2, 0.8], "reword": [0, 0], "seen": [4, 4]}
    rows = _rows(
        draft, [_clause(old, kind="difference", **both), _clause(new, kind="difference", **both)]
    )
    heads = [r.split("</th>")[0] for r in rows]
    assert heads == [
        f'<th scope="row"><a href="/du-thao/{draft.pk}/dieu-khoan/{old.pk}/">Điều 2</a>'
        " (Phiên bản 1)",
        f'<th scope="row"><a href="/du-thao/{draft.pk}/dieu-khoan/{new.pk}/">Điều 2</a>'
        " (Phiên bản 2)",
    ]
    assert [r.split("<td>")[2] for r in rows] == ["Khác biệt giữa các nhóm</td></tr>"] * 2
