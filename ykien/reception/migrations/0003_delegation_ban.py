"""The 2025 amendment of Luật Tiếp công dân (in force 1 July 2026): heads no longer delegate the
periodic reception to a deputy (``FrequencyRule.delegation_ban``), the provincial chairman's rule
gets a version from that day, and the commune rule cites the amending law by its title (its number
and article were not confirmed). Rows an administrator added stay as they are."""

from django.db import migrations, models

PROVINCE_OLD = ("pc_chair.province", "2014-07-01")
COMMUNE_NEW = ("pc_chair.commune", "2026-07-01")


def forwards(apps, schema_editor):
    from ykien.reception.frequency_rules import DELEGATION_BANS, SEED_RULES

    FrequencyRule = apps.get_model("reception", "FrequencyRule")
    for seed in SEED_RULES:
        fields = dict(seed)
        code, valid_from = fields.pop("code"), fields.pop("valid_from")
        rule, created = FrequencyRule.objects.get_or_create(
            code=code, valid_from=valid_from, defaults=fields
        )
        if not created and (code, valid_from) in (PROVINCE_OLD, COMMUNE_NEW):
            rule.valid_to = fields["valid_to"]
            rule.legal_basis = fields["legal_basis"]
            rule.save(update_fields=["valid_to", "legal_basis"])
    for (code, valid_from), basis in DELEGATION_BANS.items():
        FrequencyRule.objects.filter(code=code, valid_from=valid_from).update(delegation_ban=basis)


def backwards(apps, schema_editor):
    FrequencyRule = apps.get_model("reception", "FrequencyRule")
    FrequencyRule.objects.filter(code="pc_chair.province", valid_from="2026-07-01").delete()
    FrequencyRule.objects.filter(code=PROVINCE_OLD[0], valid_from=PROVINCE_OLD[1]).update(
        valid_to=None
    )


class Migration(migrations.Migration):
    dependencies = [("reception", "0002_seed_frequency_rules")]

    operations = [
        migrations.AddField(
            model_name="frequencyrule",
            name="delegation_ban",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Để trống nếu người đứng đầu còn được ủy quyền cấp phó tiếp thay; nếu không, "
                    "ghi văn bản cấm ủy quyền. Buổi ủy quyền khi đó bị đánh dấu và tính là không "
                    "tiếp."
                ),
                max_length=500,
                verbose_name="căn cứ không được ủy quyền cấp phó",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
