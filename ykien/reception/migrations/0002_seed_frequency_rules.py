"""The legal minimum frequency of receptions (``reception.frequency_rules.SEED_RULES``), added
where missing so that a version an administrator already entered stays."""

from django.db import migrations


def forwards(apps, schema_editor):
    from ykien.reception.frequency_rules import SEED_RULES

    FrequencyRule = apps.get_model("reception", "FrequencyRule")
    for seed in SEED_RULES:
        fields = dict(seed)
        code, valid_from = fields.pop("code"), fields.pop("valid_from")
        FrequencyRule.objects.get_or_create(code=code, valid_from=valid_from, defaults=fields)


def backwards(apps, schema_editor):
    from ykien.reception.frequency_rules import SEED_RULES

    FrequencyRule = apps.get_model("reception", "FrequencyRule")
    for seed in SEED_RULES:
        FrequencyRule.objects.filter(code=seed["code"], valid_from=seed["valid_from"]).delete()


class Migration(migrations.Migration):
    dependencies = [("reception", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
