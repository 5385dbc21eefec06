"""The audit log's search: a folded copy of the record's name, the reason and the person's name
(``search_text``, filled here for the events already stored), and on PostgreSQL a trigram index
so that ``search_text LIKE '% word%'`` does not read every row."""

from django.db import migrations, models

from ykien.core import fulltext
from ykien.core.lists import fold_for_search


def backfill(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    events = AuditEvent.objects.select_related("actor").only(
        "pk", "object_repr", "reason", "kind", "after", "actor__full_name", "actor__username"
    )
    for e in events.iterator(chunk_size=1000):
        typed = (
            e.after.get("username", "") if e.kind == "login" and isinstance(e.after, dict) else ""
        )
        names = (e.actor.full_name, e.actor.username) if e.actor_id else ("", "")
        text = fold_for_search(e.object_repr, e.reason, str(typed), *names)
        if text:
            AuditEvent.objects.filter(pk=e.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("core", "0007_role_head_office")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        fulltext.trigram_index("core_auditevent"),
    ]
