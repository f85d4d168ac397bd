"""Fill the passage index for documents already in the band-key index, and restamp their fingerprints."""

from django.db import migrations

BATCH = 500


def fill(apps, schema_editor):
    from qingzhuang.lib import near_duplicates as nd

    Document = apps.get_model("documents", "Document")
    DocumentKey = apps.get_model("documents", "DocumentKey")
    DocumentPassage = apps.get_model("documents", "DocumentPassage")
    ids = sorted(set(DocumentKey.objects.values_list("document_id", flat=True).distinct()))
    for start in range(0, len(ids), BATCH):
        rows = []
        for doc in Document.objects.filter(pk__in=ids[start : start + BATCH]).select_related("issuer"):
            fp = nd.fingerprint(doc.text)
            Document.objects.filter(pk=doc.pk).update(fingerprint=fp.to_bytes())
            rows += [
                DocumentPassage(key=key, document_id=doc.pk, count=len(fp.passages), county_id=doc.issuer.county_id)
                for key in fp.passage_rows()
            ]
        DocumentPassage.objects.bulk_create(rows, batch_size=5000)


def empty(apps, schema_editor):
    apps.get_model("documents", "DocumentPassage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0005_passage_index")]
    operations = [migrations.RunPython(fill, empty)]
