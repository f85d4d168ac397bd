from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_token_expiry_backfill")]

    operations = [
        migrations.AlterField(model_name="apitoken", name="expires", field=models.DateTimeField(verbose_name="expires")),
    ]
