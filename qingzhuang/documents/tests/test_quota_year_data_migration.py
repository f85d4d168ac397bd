"""The data migration that gives existing documents one quota year: a document that took slots in two
years (approval in today's year, issue in the issue date's year) keeps only its own year's, audited."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from qingzhuang.audit.models import Event
from qingzhuang.documents.models import Document
from qingzhuang.documents.rules import QUOTA_KIND
from qingzhuang.gate.models import Quota, QuotaUse
from qingzhuang.gate.services import quota_set
from qingzhuang.ledger.tests.held_out import issue_document

pytestmark = pytest.mark.django_db

fill = importlib.import_module("qingzhuang.documents.migrations.0003_fill_dated_quota_year").fill


def test_a_document_holding_slots_in_two_years_keeps_the_one_of_its_issue_year(world):
    quotas = {year: quota_set(actor=None, unit=world.civil_affairs, year=year, kind=QUOTA_KIND, limit=10) for year in (2025, 2026)}
    doc = issue_document(issuer=world.civil_affairs, recipients=[world.xincheng], on=dt.date(2025, 5, 6), seed=1)
    # The state the old code left: a second slot taken in today's year at approval, and no date of its own.
    QuotaUse.objects.create(quota=quotas[2026], item_type="documents.document", item_id=doc.pk)
    Quota.objects.filter(pk=quotas[2026].pk).update(used=1)
    Document.objects.filter(pk=doc.pk).update(dated=dt.date(2026, 1, 1), quota_year=2026)

    fill(apps, None)

    doc.refresh_from_db()
    assert (doc.dated, doc.quota_year) == (dt.date(2025, 5, 6), 2025)
    assert list(QuotaUse.objects.filter(item_type="documents.document", item_id=doc.pk).values_list("quota__year", flat=True)) == [2025]
    assert dict(Quota.objects.filter(unit=world.civil_affairs).values_list("year", "used")) == {2025: 1, 2026: 0}
    event = Event.objects.filter(model="gate.quota", object_id=str(quotas[2026].pk), reason__startswith="quota year").get()
    assert event.changes == {"used": [1, 0]}


def test_an_approved_document_keeps_the_year_of_the_slot_it_holds(world):
    from qingzhuang.documents import services

    quota = quota_set(actor=None, unit=world.civil_affairs, year=2026, kind=QUOTA_KIND, limit=10)
    doc = services.document_create(actor=None, issuer=world.civil_affairs, title="通知", text="社区工作要求。" * 40, recipients=[world.xincheng])
    Document.objects.filter(pk=doc.pk).update(status="approved")
    QuotaUse.objects.create(quota=quota, item_type="documents.document", item_id=doc.pk)

    fill(apps, None)

    assert Document.objects.get(pk=doc.pk).quota_year == 2026
