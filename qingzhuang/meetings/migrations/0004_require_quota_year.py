"""Schema: the quota year is required from now on (0003 filled it)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_fill_quota_year")]

    operations = [
        migrations.AlterField(
            model_name="meeting", name="quota_year", field=models.PositiveSmallIntegerField(db_index=True, verbose_name="quota year")
        ),
    ]
