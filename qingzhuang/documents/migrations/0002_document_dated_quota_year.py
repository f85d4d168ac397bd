"""Schema: every document gets its date and its one quota year (filled by 0003, required by 0004)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [
        migrations.AddField(model_name="document", name="dated", field=models.DateField(null=True, verbose_name="document date")),
        migrations.AddField(
            model_name="document", name="quota_year", field=models.PositiveSmallIntegerField(db_index=True, null=True, verbose_name="quota year")
        ),
    ]
