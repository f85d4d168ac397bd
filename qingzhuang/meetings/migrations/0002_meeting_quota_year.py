"""Schema: every meeting gets its one quota year (filled by 0003, required by 0004)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="meeting", name="quota_year", field=models.PositiveSmallIntegerField(db_index=True, null=True, verbose_name="quota year")
        ),
    ]
