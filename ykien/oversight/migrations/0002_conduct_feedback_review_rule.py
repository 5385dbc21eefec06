"""The deadline rule of a Regulation 124 feedback's review (``conduct_feedback.review``), for
databases seeded before it existed: it gives the due date shown on the handler's worklist."""

from django.db import migrations

CODE = "conduct_feedback.review"


def forwards(apps, schema_editor):
    from ykien.core.deadline_rules import SEED_RULES

    DeadlineRule = apps.get_model("core", "DeadlineRule")
    fields = {
        "direction": "after",
        "variants": {},
        **next(r for r in SEED_RULES if r["code"] == CODE),
    }
    fields.pop("code")
    DeadlineRule.objects.update_or_create(code=CODE, valid_from="2000-01-01", defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial"), ("core", "0002_seed_deadline_rules")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
