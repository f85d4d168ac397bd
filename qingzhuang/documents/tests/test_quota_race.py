"""Taking the last slot of a quota is race-free on PostgreSQL: many reviewers approve at once, one wins."""

import pytest
from django.utils import timezone

from qingzhuang.documents import services
from qingzhuang.documents.models import Document, Status
from qingzhuang.gate.models import Quota, QuotaUse
from qingzhuang.gate.services import quota_set
from tests.races import require_postgres, run_together

THREADS = 12


@pytest.fixture
def postgres_only():
    require_postgres("the quota race")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twelve_simultaneous_approvals_against_one_slot_left_let_exactly_one_through(postgres_only, world, draft):
    year = timezone.localdate().year
    quota_set(actor=None, unit=world.civil_affairs, year=year, kind="documents", limit=1)
    docs = []
    for i in range(THREADS):
        doc = draft(seed=700 + i)
        Document.objects.filter(pk=doc.pk).update(status=Status.IN_REVIEW)
        docs.append(doc)
    outcomes = run_together([lambda d=d: services.document_approve(actor=world.reviewer, document=d) for d in docs], ok="approved")

    assert outcomes.count("approved") == 1, outcomes
    assert set(outcomes) == {"approved", "quota_exhausted"}
    quota = Quota.objects.get(unit=world.civil_affairs, year=year, kind="documents")
    assert quota.used == 1 and QuotaUse.objects.filter(quota=quota).count() == 1
    assert Document.objects.filter(status=Status.APPROVED).count() == 1
