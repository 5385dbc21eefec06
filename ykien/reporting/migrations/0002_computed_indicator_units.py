"""Computed indicators get the unit of what they count ("429 góp ý", never "429 số lượng"):
rows created before without a unit take the one ``reporting.labels.COMPUTED_UNITS`` gives now."""

from django.db import migrations

# A copy of reporting.labels.COMPUTED_UNITS as of this migration.
UNITS = {
    "consultations.drafts_received": "dự thảo",
    "consultations.drafts_critiqued": "dự thảo",
    "consultations.comments": "góp ý",
    "consultations.expert_opinions": "ý kiến",
    "petitions.received": "đơn",
    "petitions.accepted": "đơn",
    "petitions.settled_on_time": "đơn",
    "petitions.overdue": "đơn",
    "oversight.activities": "cuộc",
    "oversight.recommendations": "kiến nghị",
    "oversight.recommendations_answered": "kiến nghị",
    "oversight.recommendations_answered_on_time": "kiến nghị",
    "oversight.recommendations_done": "kiến nghị",
    "oversight.recommendations_overdue": "kiến nghị",
}


def fill_units(apps, schema_editor):
    Indicator = apps.get_model("reporting", "Indicator")
    for code, unit in UNITS.items():
        Indicator.objects.filter(source="computed", computed_code=code, unit_label="").update(
            unit_label=unit
        )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(fill_units, migrations.RunPython.noop)]
