"""Explanations filed before the county office reviewed them: an issued document's stands as accepted (it went
out under the old rule); any other waits for the county office's review."""

from django.db import migrations


def fill(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    explained = Document.objects.exclude(explanation="")
    explained.filter(status="issued").update(explanation_status="accepted")
    explained.exclude(status="issued").update(explanation_status="pending")


def empty(apps, schema_editor):
    apps.get_model("documents", "Document").objects.update(explanation_status="")


class Migration(migrations.Migration):
    dependencies = [("documents", "0007_explanation_review")]

    operations = [migrations.RunPython(fill, empty)]
