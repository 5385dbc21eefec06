"""An invitation's state becomes a stored status (sent → opened → answered) so that the
lifecycle engine moves it; existing invitations take the state their times give."""

from django.db import migrations, models


def fill_status(apps, schema_editor):
    Invitation = apps.get_model("consultations", "Invitation")
    Invitation.objects.filter(answered_at__isnull=False).update(status="answered")
    Invitation.objects.filter(answered_at__isnull=True, opened_at__isnull=False).update(
        status="opened"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0004_draft_closed_early"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="status",
            field=models.CharField(
                choices=[("sent", "Đã gửi"), ("opened", "Đã mở"), ("answered", "Đã trả lời")],
                default="sent",
                max_length=12,
                verbose_name="trạng thái",
            ),
        ),
        migrations.RunPython(fill_status, migrations.RunPython.noop),
    ]
