"""The analysis runs moved from the ``analysis`` app to consultations (migration 0007) keeping
their table: a new database gets the table, a database made before keeps its runs, and the
content type, the audit log and queued tasks follow the model. Both paths migrate back to 0006
and forward again on the test database (SQLite or PostgreSQL), then leave it as they found it."""

from __future__ import annotations

import datetime as dt

import django.db.models.deletion
import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, migrations, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ykien.consultations.models import AnalysisKind, AnalysisRun, RunStatus
from ykien.consultations.tests.conftest import make_draft
from ykien.core import audit
from ykien.core.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)

TABLE = "analysis_analysisrun"
BEFORE = ("consultations", "0006_api_tokens_to_core_keys")
OLD_MIGRATION = ("analysis", "0001_initial")

# What ``analysis`` 0001 did, as it was written before the move (app label "analysis").
OLD_CREATE = migrations.CreateModel(
    name="AnalysisRun",
    fields=[
        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        ("kind", models.CharField(choices=[("duplicates", "Góp ý trùng lặp"), ("topics", "Cụm chủ đề"), ("opinion_groups", "Nhóm ý kiến")], max_length=20, verbose_name="loại phân tích")),
        ("status", models.CharField(choices=[("queued", "Đang chờ"), ("running", "Đang chạy"), ("done", "Xong"), ("failed", "Lỗi")], default="queued", max_length=10, verbose_name="trạng thái")),
        ("progress", models.PositiveSmallIntegerField(default=0, verbose_name="tiến độ (%)")),
        ("result", models.JSONField(blank=True, default=dict, verbose_name="kết quả")),
        ("error", models.TextField(blank=True, verbose_name="lỗi")),
        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="yêu cầu lúc")),
        ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="bắt đầu lúc")),
        ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="xong lúc")),
        ("draft", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="analysis_runs", to="consultations.draft")),
        ("requested_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
    ],
    options={
        "verbose_name": "lượt phân tích",
        "verbose_name_plural": "lượt phân tích",
        "ordering": ("-created_at", "-id"),
        "indexes": [models.Index(fields=["draft", "kind", "-created_at"], name="analysis_an_draft_i_4e4766_idx")],
        "constraints": [models.CheckConstraint(condition=models.Q(("progress__lte", 100)), name="analysis_run_progress_max_100")],
    },
)  # fmt: skip


def _migrate(*targets: tuple[str, str]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets) or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    return executor


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _content_types() -> set[tuple[str, str]]:
    ContentType.objects.clear_cache()
    return set(ContentType.objects.filter(model="analysisrun").values_list("app_label", "model"))


@pytest.fixture
def back_to_latest():
    """Whatever happens in the test, the database ends migrated to the latest state, with no
    record of the old app."""
    yield
    _migrate()
    MigrationRecorder(connection).migration_qs.filter(app=OLD_MIGRATION[0]).delete()


@pytest.fixture
def draft(tree, people):
    return make_draft(tree, people.officer)


def test_a_new_database_gets_the_table(back_to_latest, draft):
    _migrate(BEFORE)
    assert TABLE not in _tables()
    _migrate()
    assert TABLE in _tables()
    run = AnalysisRun.objects.create(draft=draft, kind=AnalysisKind.TOPICS)
    assert AnalysisRun.objects.get().pk == run.pk
    assert _content_types() == {("consultations", "analysisrun")}
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    assert "analysis_an_draft_i_4e4766_idx" in constraints
    with pytest.raises(IntegrityError), transaction.atomic():
        AnalysisRun.objects.filter(pk=run.pk).update(progress=101)


def _database_made_before_the_move(draft) -> dict[str, int | str]:
    """Back at 0006, the state of a database the old code made: the ``analysis`` app's table
    (its 0001 recorded) with a finished run, its content type, its audit entry and a task
    still queued under the old path."""
    executor = _migrate(BEFORE)
    assert TABLE not in _tables()
    before = executor.loader.project_state(BEFORE)
    after = before.clone()
    OLD_CREATE.state_forwards("analysis", after)
    with connection.schema_editor() as editor:
        OLD_CREATE.database_forwards("analysis", editor, before, after)
    MigrationRecorder(connection).record_applied(*OLD_MIGRATION)
    # going back to 0006 gave the content type back to the old app
    assert _content_types() == {("analysis", "analysisrun")}
    old_type = ContentType.objects.get(app_label="analysis", model="analysisrun")
    old_model = after.apps.get_model("analysis", "AnalysisRun")
    finished = timezone.now() - dt.timedelta(days=3)
    run = old_model.objects.create(
        draft_id=draft.pk,
        kind="opinion_groups",
        status="done",
        progress=100,
        result={"groups": [{"id": 0, "size": 20}], "notes": []},
        finished_at=finished,
    )
    AuditEvent.objects.create(
        action="analysis.done",
        object_type="analysis.analysisrun",
        object_id=str(run.pk),
        object_repr=f"Nhóm ý kiến #{run.pk}",
        after={"status": "done", "error": ""},
    )
    task = DBTaskResult.objects.create(
        task_path="ykien.analysis.tasks.run_analysis",
        args_kwargs={"args": [run.pk], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
    )
    return {"run": run.pk, "type": old_type.pk, "task": str(task.pk)}


def test_a_database_made_before_the_move_keeps_its_runs(back_to_latest, draft):
    old = _database_made_before_the_move(draft)

    _migrate()
    run = AnalysisRun.objects.get()
    assert run.pk == old["run"]
    assert (run.draft_id, run.kind, run.status) == (draft.pk, "opinion_groups", RunStatus.DONE)
    assert run.result == {"groups": [{"id": 0, "size": 20}], "notes": []}
    # the same content type (and so its permissions), now the model's
    assert _content_types() == {("consultations", "analysisrun")}
    assert ContentType.objects.get_for_model(AnalysisRun).pk == old["type"]
    event = AuditEvent.objects.get(action="analysis.done")
    assert event.object_type == "consultations.analysisrun"
    assert audit.object_type_label(event.object_type) == "Lượt phân tích"
    assert DBTaskResult.objects.get().task_path == "ykien.consultations.tasks.run_analysis"
    # new runs are numbered after the old ones
    assert AnalysisRun.objects.create(draft=draft, kind=AnalysisKind.TOPICS).pk > old["run"]

    # Back to before the move: the old app's table stays, with its runs, for the old code.
    _migrate(BEFORE)
    assert TABLE in _tables()
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{TABLE}"')  # noqa: S608 (a constant)
        assert cursor.fetchone()[0] == 2
    assert _content_types() == {("analysis", "analysisrun")}
    assert AuditEvent.objects.get(action="analysis.done").object_type == "analysis.analysisrun"
    assert DBTaskResult.objects.get().task_path == "ykien.analysis.tasks.run_analysis"
