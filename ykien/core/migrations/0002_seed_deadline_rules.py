from django.db import migrations


def seed(apps, schema_editor):
    from ykien.core.deadline_rules import SEED_RULES

    DeadlineRule = apps.get_model("core", "DeadlineRule")
    for rule in SEED_RULES:
        fields = {"direction": "after", "variants": {}, **rule}
        code = fields.pop("code")
        DeadlineRule.objects.update_or_create(code=code, valid_from="2000-01-01", defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
