from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [
        # Tokens made before scopes existed could write: they keep that; new ones read unless told otherwise.
        migrations.AddField(
            model_name="apitoken", name="scope",
            field=models.CharField(choices=[("read", "Read only"), ("write", "Read and write")], default="write", max_length=10, verbose_name="scope"),
        ),
        migrations.AlterField(
            model_name="apitoken", name="scope",
            field=models.CharField(choices=[("read", "Read only"), ("write", "Read and write")], default="read", max_length=10, verbose_name="scope"),
        ),
        migrations.AddField(model_name="apitoken", name="expires", field=models.DateTimeField(null=True, verbose_name="expires")),
    ]
