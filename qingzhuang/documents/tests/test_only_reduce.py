import datetime as dt

import pytest

from qingzhuang.documents import services
from qingzhuang.documents.models import Document, Status
from qingzhuang.gate.errors import GateError

pytestmark = pytest.mark.django_db


def approved(draft, seed):
    doc = draft(seed=seed)
    Document.objects.filter(pk=doc.pk).update(status=Status.APPROVED)
    doc.refresh_from_db()
    return doc


def test_a_unit_may_issue_as_many_as_last_year_without_explaining(world, draft, issued):
    issued(issuer=world.civil_affairs, on=dt.date(2025, 3, 1), seed=1)
    doc = approved(draft, 600)
    services.document_issue(actor=world.clerk, document=doc, issued_on=dt.date(2026, 2, 1))
    assert Document.objects.get(pk=doc.pk).status == Status.ISSUED


def test_the_document_that_exceeds_last_years_count_needs_a_written_explanation(world, draft, issued):
    issued(issuer=world.civil_affairs, on=dt.date(2025, 3, 1), seed=1)
    services.document_issue(actor=world.clerk, document=approved(draft, 600), issued_on=dt.date(2026, 2, 1))
    exceeding = approved(draft, 601)

    with pytest.raises(GateError) as err:
        services.document_issue(actor=world.clerk, document=exceeding, issued_on=dt.date(2026, 3, 1))
    assert err.value.code == "explanation_required" and "镇安县民政局" in err.value.message
    assert Document.objects.get(pk=exceeding.pk).status == Status.APPROVED

    services.document_explain(actor=world.clerk, document=exceeding, explanation="承接省级下放的养老服务补贴事项，需新增部署")
    services.document_explanation_accept(actor=world.reviewer, document=exceeding)
    services.document_issue(actor=world.clerk, document=exceeding, issued_on=dt.date(2026, 3, 1))
    assert Document.objects.get(pk=exceeding.pk).status == Status.ISSUED


def test_the_gate_shows_only_reduce_as_blocked_then_as_a_warning_once_the_explanation_is_accepted(world, draft):
    doc = draft()
    v = {x.rule: x for x in services.document_check(actor=None, document=doc, today=dt.date(2026, 5, 1)).verdicts}["document.only_reduce"]
    assert v.outcome == "block" and v.evidence["last"] == 0 and v.evidence["count"] == 1
    services.document_explain(actor=world.clerk, document=doc, explanation="新设机构首年发文")
    services.document_explanation_accept(actor=world.reviewer, document=doc)
    doc.refresh_from_db()
    v = {x.rule: x for x in services.document_check(actor=None, document=doc, today=dt.date(2026, 5, 1)).verdicts}["document.only_reduce"]
    assert v.outcome == "warn" and "新设机构首年发文" in v.text()


def test_relabelled_and_withdrawn_documents_count_as_they_should(world, draft, issued):
    from qingzhuang.documents.rules import issued_counts

    issued(issuer=world.civil_affairs, on=dt.date(2026, 1, 5), seed=1)
    gone = issued(issuer=world.civil_affairs, on=dt.date(2026, 1, 6), seed=2)
    services.document_withdraw(actor=world.clerk, document=gone, reason="误发")
    assert issued_counts(world.civil_affairs, 2026) == (1, 0)
