"""Schema: the date and the quota year are required from now on (0003 filled them)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_fill_dated_quota_year")]

    operations = [
        migrations.AlterField(model_name="document", name="dated", field=models.DateField(verbose_name="document date")),
        migrations.AlterField(
            model_name="document", name="quota_year", field=models.PositiveSmallIntegerField(db_index=True, verbose_name="quota year")
        ),
    ]
