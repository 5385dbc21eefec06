"""The briefing's two default lengths of time as rules of the table (they were constants in the
reporting app): ``reporting.submit`` (figures due 5 working days after a period ends) and
``reporting.follow_up`` (units are reminded, and the period stays on the workspace, for 92 days
after its due date). Added where missing, so that a rule an administrator already entered stays."""

from django.db import migrations

CODES = ("reporting.submit", "reporting.follow_up")


def forwards(apps, schema_editor):
    from ykien.core.deadline_rules import SEED_RULES

    DeadlineRule = apps.get_model("core", "DeadlineRule")
    for seed in SEED_RULES:
        if seed["code"] not in CODES:
            continue
        fields = {"direction": "after", "variants": {}, **seed}
        code = fields.pop("code")
        DeadlineRule.objects.get_or_create(code=code, valid_from="2000-01-01", defaults=fields)


def backwards(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(
        code__in=CODES, valid_from="2000-01-01"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_cache_table")]
    operations = [migrations.RunPython(forwards, backwards)]
