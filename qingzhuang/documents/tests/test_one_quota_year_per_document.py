"""A document belongs to exactly one quota year: the year of its date, decided when it is drafted.

Approval and issue take the slot of that year; the review screen shows that year's quota; a date moved
into another year moves the slot (given back in one year, taken in the other, both audited). Before,
approval took today's year and issue the issue date's year: one document held slots in two years.
"""

import datetime as dt

import pytest
from django.urls import reverse

from qingzhuang.audit.models import Event
from qingzhuang.documents import services
from qingzhuang.documents.models import Document, Status
from qingzhuang.documents.rules import QUOTA_KIND
from qingzhuang.documents.selectors import review_context
from qingzhuang.gate.errors import GateError
from qingzhuang.gate.models import Quota, QuotaUse
from qingzhuang.gate.services import quota_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def quotas(world):
    return {year: quota_set(actor=None, unit=world.civil_affairs, year=year, kind=QUOTA_KIND, limit=5) for year in (2025, 2026, 2027)}


def used(world) -> dict[int, int]:
    return dict(Quota.objects.filter(unit=world.civil_affairs, kind=QUOTA_KIND).values_list("year", "used"))


def slots(doc) -> list[int]:
    return sorted(QuotaUse.objects.filter(item_type="documents.document", item_id=doc.pk).values_list("quota__year", flat=True))


def quota_events(quota) -> int:
    return Event.objects.filter(model="gate.quota", object_id=str(quota.pk)).count()


def submitted(world, draft, **fields):
    doc = draft(**fields)
    services.document_explain(actor=world.clerk, document=doc, explanation="年末集中部署")
    services.document_explanation_accept(actor=world.reviewer, document=doc)
    return services.document_submit(actor=world.clerk, document=doc)


def test_a_draft_dated_31_december_approved_on_2_january_takes_the_slot_of_its_own_year(world, draft, quotas, settings, client_for):
    settings.QZ_TODAY = "2026-12-31"
    doc = submitted(world, draft)
    assert doc.dated == dt.date(2026, 12, 31) and doc.quota_year == 2026

    settings.QZ_TODAY = "2027-01-02"
    services.document_approve(actor=world.reviewer, document=doc)

    assert used(world) == {2025: 0, 2026: 1, 2027: 0}
    assert slots(doc) == [2026]
    page = client_for(world.reviewer).get(reverse("documents:review", args=[doc.pk])).content.decode()
    assert "发文配额（2026年）" in page and "计入2026年配额" in page


def test_the_review_screen_checks_the_quota_of_the_documents_year_not_todays(world, draft, quotas, settings):
    settings.QZ_TODAY = "2027-01-02"
    for n in range(5):
        services.document_issue(actor=None, document=_approved(world, draft, seed=700 + n, dated="2026-06-01"), issued_on=dt.date(2026, 6, 1))
    assert used(world)[2026] == 5

    doc = submitted(world, draft, seed=800, dated="2026-12-31")

    state = review_context(doc)["quota"]
    assert (state.used, state.limit, state.left) == (5, 5, 0)
    with pytest.raises(GateError) as err:
        services.document_approve(actor=world.reviewer, document=doc)
    assert err.value.code == "quota_exhausted"
    assert Document.objects.get(pk=doc.pk).status == Status.SUBMITTED and used(world) == {2025: 0, 2026: 5, 2027: 0}


def _approved(world, draft, **fields):
    doc = submitted(world, draft, **fields)
    return services.document_approve(actor=world.reviewer, document=doc)


def test_issuing_on_a_day_of_another_year_moves_the_slot_with_both_changes_audited(world, draft, quotas, settings):
    settings.QZ_TODAY = "2026-12-31"
    doc = _approved(world, draft)
    events_2026, events_2027 = quota_events(quotas[2026]), quota_events(quotas[2027])

    settings.QZ_TODAY = "2027-01-02"
    services.document_issue(actor=world.clerk, document=doc)

    doc.refresh_from_db()
    assert (doc.issued_on, doc.dated, doc.quota_year) == (dt.date(2027, 1, 2), dt.date(2027, 1, 2), 2027)
    assert slots(doc) == [2027]
    assert used(world) == {2025: 0, 2026: 0, 2027: 1}
    assert quota_events(quotas[2026]) == events_2026 + 1 and quota_events(quotas[2027]) == events_2027 + 1
    assert doc.events.get(action="issue").data == {"quota_year": [2026, 2027]}


def test_issuing_on_a_day_of_its_own_year_keeps_its_one_slot(world, draft, quotas, settings):
    settings.QZ_TODAY = "2027-01-02"
    doc = _approved(world, draft, dated="2026-12-31")

    services.document_issue(actor=world.clerk, document=doc, issued_on=dt.date(2026, 12, 31))

    assert slots(Document.objects.get(pk=doc.pk)) == [2026]
    assert used(world) == {2025: 0, 2026: 1, 2027: 0}


def test_a_backdated_issue_into_a_full_year_is_refused_and_nothing_moves(world, draft, quotas, settings):
    quota_set(actor=None, unit=world.civil_affairs, year=2025, kind=QUOTA_KIND, limit=0)
    doc = _approved(world, draft)  # today's year: 2026 (the session's clock)
    before = used(world)

    with pytest.raises(GateError) as err:
        services.document_issue(actor=world.clerk, document=doc, issued_on=dt.date(2025, 5, 6))

    assert err.value.code == "quota_exhausted"
    doc.refresh_from_db()
    assert (doc.status, doc.issued_on, doc.quota_year) == (Status.APPROVED, None, 2026)
    assert slots(doc) == [2026] and used(world) == before


def test_changing_a_drafts_date_into_another_year_changes_its_quota_year(world, draft, quotas, settings, client_for):
    settings.QZ_TODAY = "2026-12-30"
    doc = draft()

    services.document_update(actor=world.clerk, document=doc, dated="2027-01-04")

    doc.refresh_from_db()
    assert (doc.dated, doc.quota_year) == (dt.date(2027, 1, 4), 2027)
    page = client_for(world.clerk).get(reverse("documents:detail", args=[doc.pk])).content.decode()
    assert "计入2027年配额" in page


def test_a_date_that_is_no_day_is_refused_in_chinese_and_nothing_changes(world, draft):
    from qingzhuang.documents.errors import DocumentInvalid

    doc = draft()
    for bad in ("2026-02-30", "明天", "1900-01-01"):
        with pytest.raises(DocumentInvalid) as err:
            services.document_update(actor=world.clerk, document=doc, dated=bad)
        assert err.value.code == "date_invalid" and "2026-12-31" in str(err.value.message)
    assert Document.objects.get(pk=doc.pk).dated == doc.dated
