"""Transfer steps record the id of the unit that sent the petition (``params["from_unit"]``), by
which that unit follows a petition sent to a body outside the Front. Older steps get it from the
step before them: the petition was at that step's unit when it was transferred."""

from django.db import migrations


def forwards(apps, schema_editor):
    PetitionEvent = apps.get_model("petitions", "PetitionEvent")
    transfers = PetitionEvent.objects.filter(action="transfer").order_by("petition_id", "at", "id")
    for event in transfers.iterator():
        if (event.params or {}).get("from_unit"):
            continue
        before = (
            PetitionEvent.objects.filter(petition_id=event.petition_id, at__lte=event.at)
            .exclude(pk=event.pk)
            .exclude(at=event.at, id__gt=event.id)
            .order_by("-at", "-id")
            .first()
        )
        if before is None or before.unit_id is None:
            continue
        event.params = {**(event.params or {}), "from_unit": before.unit_id}
        event.save(update_fields=["params"])


class Migration(migrations.Migration):
    dependencies = [("petitions", "0008_staff_list_search")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
