"""The petitions' own table of Open311 clients goes: their keys are ``core.ApiKey`` rows since
``0005_api_clients_to_core_keys``, and each petition names its application through the new link,
now called ``api_client`` again."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("petitions", "0005_api_clients_to_core_keys")]

    operations = [
        migrations.RemoveField(model_name="petition", name="api_client"),
        migrations.RenameField(model_name="petition", old_name="api_key", new_name="api_client"),
        migrations.DeleteModel(name="ApiClient"),
    ]
