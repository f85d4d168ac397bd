"""Data: date each existing document and give it one quota year; an item that took slots in two years
(approval in today's year, issue in the issue date's year) keeps only the slot of its year.

- issued: dated = the issue date, quota year = its year;
- holding a slot but not issued: the slot's year (the date is the day it was recorded if that falls in
  the year, else 1 January of it);
- anything else: the day it was recorded.

Every slot given back or moved is written to the audit trail (action "update", reason "quota year").
Reversing empties the two fields (the slots given back are not taken again: they were counted twice).
"""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db import migrations

KIND = "documents"
ITEM_TYPE = "documents.document"


def fill(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    Quota = apps.get_model("gate", "Quota")
    QuotaUse = apps.get_model("gate", "QuotaUse")
    Event = apps.get_model("audit", "Event")
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    uses: dict[int, list] = {}
    for use in QuotaUse.objects.filter(item_type=ITEM_TYPE, quota__kind=KIND).select_related("quota").order_by("quota__year", "pk"):
        uses.setdefault(use.item_id, []).append(use)
    for doc in Document.objects.all().only("pk", "issuer_id", "issued_on", "status", "created").iterator(chunk_size=2000):
        recorded = doc.created.astimezone(tz).date()
        held = uses.get(doc.pk, [])
        if doc.issued_on is not None and doc.status == "issued":
            dated = doc.issued_on
        elif held:
            year = held[-1].quota.year
            dated = recorded if recorded.year == year else dt.date(year, 1, 1)
        else:
            dated = doc.issued_on or recorded
        Document.objects.filter(pk=doc.pk).update(dated=dated, quota_year=dated.year)
        keep = next((u for u in held if u.quota.year == dated.year), None)
        for use in held:
            if use is keep:
                continue
            quota = Quota.objects.select_for_update().get(pk=use.quota_id)
            target = Quota.objects.select_for_update().filter(unit_id=quota.unit_id, year=dated.year, kind=KIND).first()
            use.delete()
            Quota.objects.filter(pk=quota.pk).update(used=max(0, quota.used - 1))
            _audit(Event, quota, "used", quota.used, max(0, quota.used - 1))
            if keep is None and target is not None:
                keep = QuotaUse.objects.create(quota=target, item_type=ITEM_TYPE, item_id=doc.pk, override_reason=use.override_reason)
                Quota.objects.filter(pk=target.pk).update(used=target.used + 1)
                _audit(Event, target, "used", target.used, target.used + 1)


def _audit(Event, quota, field, before, after):
    Event.objects.create(
        actor_name="system", action="update", model="gate.quota", object_id=str(quota.pk),
        object_repr=f"{quota.year} {quota.kind}"[:200], unit_id=quota.unit_id, changes={field: [before, after]},
        reason="quota year: one slot per document (issue 8)",
    )


def empty(apps, schema_editor):
    apps.get_model("documents", "Document").objects.update(dated=None, quota_year=None)


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_document_dated_quota_year"), ("gate", "0001_initial"), ("audit", "0002_initial")]

    operations = [migrations.RunPython(fill, empty)]
