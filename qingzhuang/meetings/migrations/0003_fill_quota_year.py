"""Data: each existing meeting's quota year is the year of the slot it holds, else the year it was held
(or is planned). Reversing empties the field."""

import zoneinfo

from django.conf import settings
from django.db import migrations

KIND = "meeting"
ITEM_TYPE = "meetings.meeting"


def fill(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    QuotaUse = apps.get_model("gate", "QuotaUse")
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    slot_year = dict(QuotaUse.objects.filter(item_type=ITEM_TYPE, quota__kind=KIND).values_list("item_id", "quota__year"))
    for meeting in Meeting.objects.all().only("pk", "starts_at", "held_on").iterator(chunk_size=2000):
        year = slot_year.get(meeting.pk) or (meeting.held_on.year if meeting.held_on else meeting.starts_at.astimezone(tz).year)
        Meeting.objects.filter(pk=meeting.pk).update(quota_year=year)


def empty(apps, schema_editor):
    apps.get_model("meetings", "Meeting").objects.update(quota_year=None)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_meeting_quota_year"), ("gate", "0001_initial")]

    operations = [migrations.RunPython(fill, empty)]
