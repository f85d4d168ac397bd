from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("documents", "0006_passage_index_fill")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="explanation_status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "No explanation filed"),
                    ("pending", "Waiting for the county office"),
                    ("accepted", "Accepted by the county office"),
                    ("returned", "Returned by the county office"),
                ],
                default="",
                max_length=10,
                verbose_name="review of the explanation",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="explanation_reply",
            field=models.TextField(blank=True, verbose_name="county office's reply on the explanation"),
        ),
    ]
