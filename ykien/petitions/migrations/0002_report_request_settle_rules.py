"""Reports and requests get their own settle rules (``report.settle``, ``request.settle``)
instead of the critique documents' ``answer.default``, whose name and legal basis (the 2015 Front
Law) were shown on their deadlines. Adds the rules (databases seeded before they existed) and
moves the petitions already accepted onto them, rewriting their stored deadline texts."""

from django.db import migrations

NEW_RULES = ("report.settle", "request.settle")
OLD_NAME = "Trả lời văn bản phản biện, kiến nghị (mặc định)"
OLD_BASIS = (
    "Luật MTTQ 2015 và NQLT 403/2017 không quy định số ngày; đơn vị ban hành ấn định "
    "(mặc định của nền tảng: 30 ngày)"
)


def forwards(apps, schema_editor):
    from ykien.core.deadline_rules import SEED_RULES

    DeadlineRule = apps.get_model("core", "DeadlineRule")
    Petition = apps.get_model("petitions", "Petition")
    PetitionEvent = apps.get_model("petitions", "PetitionEvent")
    seeds = {rule["code"]: rule for rule in SEED_RULES}
    for code in NEW_RULES:
        fields = {"direction": "after", "variants": {}, **seeds[code]}
        fields.pop("code")
        DeadlineRule.objects.update_or_create(code=code, valid_from="2000-01-01", defaults=fields)
    for kind in ("report", "request"):
        seed = seeds[f"{kind}.settle"]
        petitions = Petition.objects.filter(kind=kind, settle_rule="answer.default")
        for petition in petitions.iterator():
            petition.settle_rule = f"{kind}.settle"
            petition.due_basis = petition.due_basis.replace(OLD_NAME, seed["name"]).replace(
                OLD_BASIS, seed["legal_basis"]
            )
            petition.save(update_fields=["settle_rule", "due_basis"])
        for event in PetitionEvent.objects.filter(
            petition__kind=kind, basis__contains=OLD_BASIS
        ).iterator():
            event.basis = event.basis.replace(OLD_BASIS, seed["legal_basis"])
            event.save(update_fields=["basis"])


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial"), ("core", "0002_seed_deadline_rules")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
