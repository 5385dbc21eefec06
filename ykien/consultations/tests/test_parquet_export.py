"""`ykien analysis export-parquet`: a draft's visible comments as draft/day/clause Parquet."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ykien.consultations import services
from ykien.consultations.models import Comment, CommentStatus, Node

pq = pytest.importorskip("pyarrow.parquet")
pytestmark = pytest.mark.django_db


def _post(draft, node, who, reasons: str) -> Comment:
    return services.comment_post(
        draft_id=draft.pk,
        node_id=node.pk if node else None,
        participant=who,
        stance="reword",
        proposed_wording="Sửa lại",
        reasons=reasons,
    )


def test_export_writes_visible_comments_by_day_and_clause(draft, people, tmp_path: Path) -> None:
    from ykien.analysis.parquet import part_files, read_texts

    one = Node.objects.get(draft=draft, label="Điều 1")
    two = Node.objects.get(draft=draft, label="Điều 2")
    who = services.Participant.of_user(people.citizen)
    a = _post(draft, one, who, "Lý do một")
    b = _post(draft, two, who, "Lý do hai")
    c = _post(draft, one, who, "Lý do ba")
    hidden = _post(draft, one, who, "Bị ẩn")
    # when they were written (either side of midnight UTC), and one hidden by moderation
    late = dt.datetime(2026, 11, 2, 23, 30, tzinfo=dt.UTC)
    Comment.objects.filter(pk__in=[a.pk, b.pk]).update(created_at=late)
    Comment.objects.filter(pk__in=[c.pk, hidden.pk]).update(created_at=late + dt.timedelta(hours=2))
    Comment.objects.filter(pk=hidden.pk).update(status=CommentStatus.HIDDEN)
    out = StringIO()
    call_command(
        "analysis", "export-parquet", "--draft", str(draft.pk), "--out", str(tmp_path), stdout=out
    )
    assert "3" in out.getvalue()
    files = part_files(tmp_path, draft=draft.pk)
    assert [(f.day, f.clause, f.rows) for f in files] == sorted(
        [("2026-11-02", one.pk, 1), ("2026-11-02", two.pk, 1), ("2026-11-03", one.pk, 1)]
    )
    table = pq.read_table(files[0].path)
    assert set(table.column_names) >= {"id", "text", "created", "author"}
    texts = read_texts([f.path for f in files])
    assert sorted(texts) == ["Sửa lại\n\nLý do ba", "Sửa lại\n\nLý do hai", "Sửa lại\n\nLý do một"]
    ids = sorted(i for f in files for i in pq.read_table(f.path).column("id").to_pylist())
    assert ids == sorted([a.pk, b.pk, c.pk])
    # a second export of a later day adds files, never overwrites
    call_command(
        "analysis",
        "export-parquet",
        "--draft",
        str(draft.pk),
        "--out",
        str(tmp_path),
        "--since",
        "2026-11-03",
        stdout=StringIO(),
    )
    again = part_files(tmp_path, draft=draft.pk)
    assert len(again) == 4
    assert sum(f.rows for f in again) == 4


def test_unknown_draft_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "analysis",
            "export-parquet",
            "--draft",
            "999999",
            "--out",
            str(tmp_path / "x"),
            stderr=err,
        )
    assert "999999" in err.getvalue()
    assert not (tmp_path / "x").exists()
