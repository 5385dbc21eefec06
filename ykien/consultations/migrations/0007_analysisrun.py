"""Analysis runs move from the ``analysis`` app (now a library of algorithms, with no models) to
consultations, keeping their table ``analysis_analysisrun``.

A database made before the move already has the table (``analysis`` 0001) and its runs: the model
is only added to the state and the table is left as it is. A new database gets the table here.
Either way, what named the runs by their old app follows them: their content type (and so its
permissions), the object type of their audit events, and the path of queued analysis tasks."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.migrations.recorder import MigrationRecorder

TABLE = "analysis_analysisrun"
OLD_TASK = "ykien.analysis.tasks.run_analysis"
NEW_TASK = "ykien.consultations.tasks.run_analysis"


def _table_exists(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        return TABLE in schema_editor.connection.introspection.table_names(cursor)


def _follow(apps, *, old_app, new_app, old_task, new_task):
    """Point what names the runs by their app at ``new_app`` (the content type only if
    ``new_app`` has none yet: a database that has both keeps its permissions as they are)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new_app, model="analysisrun").exists():
        ContentType.objects.filter(app_label=old_app, model="analysisrun").update(
            app_label=new_app
        )
    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditEvent.objects.filter(object_type=f"{old_app}.analysisrun").update(
        object_type=f"{new_app}.analysisrun"
    )
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=old_task).update(task_path=new_task)


def forwards(apps, schema_editor):
    if not _table_exists(schema_editor):
        schema_editor.create_model(apps.get_model("consultations", "AnalysisRun"))
    _follow(apps, old_app="analysis", new_app="consultations", old_task=OLD_TASK, new_task=NEW_TASK)


def backwards(apps, schema_editor):
    """Back to before the move: the table goes only if it was made here; one made by the old
    ``analysis`` app (its 0001 is recorded) stays with its runs for the code of that time."""
    _follow(apps, old_app="consultations", new_app="analysis", old_task=NEW_TASK, new_task=OLD_TASK)
    made_by_old_app = ("analysis", "0001_initial") in MigrationRecorder(
        schema_editor.connection
    ).applied_migrations()
    if _table_exists(schema_editor) and not made_by_old_app:
        schema_editor.delete_model(apps.get_model("consultations", "AnalysisRun"))


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0006_api_tokens_to_core_keys"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_apikey"),
        ("django_tasks_database", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
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
                        "db_table": TABLE,
                        "ordering": ("-created_at", "-id"),
                        "indexes": [models.Index(fields=["draft", "kind", "-created_at"], name="analysis_an_draft_i_4e4766_idx")],
                        "constraints": [models.CheckConstraint(condition=models.Q(("progress__lte", 100)), name="analysis_run_progress_max_100")],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
