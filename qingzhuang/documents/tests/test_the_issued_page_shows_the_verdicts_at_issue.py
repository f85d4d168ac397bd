"""An issued document shows the gate's verdicts at issue (the accepted 只减不增 explanation included), not
the blocks recorded before they were settled."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from qingzhuang.documents import selectors, services
from qingzhuang.documents.models import Document
from qingzhuang.gate.services import quota_set

pytestmark = pytest.mark.django_db


def outcomes(doc):
    return {r.rule: r.outcome for r in selectors.verdict_rows(selectors.latest_check(doc))}


def test_issuing_records_the_verdicts_at_issue_and_the_page_shows_them(world, draft, client_for):
    quota_set(actor=None, unit=world.civil_affairs, year=2026, kind="documents", limit=10)
    doc = draft(dated=dt.date(2026, 3, 1))
    services.document_submit(actor=world.clerk, document=doc)
    assert outcomes(doc)["document.only_reduce"] == "block"  # no explanation yet when submitted
    services.document_approve(actor=world.reviewer, document=doc)
    services.document_explain(actor=world.clerk, document=doc, explanation="新设机构首年发文")
    services.document_explanation_accept(actor=world.reviewer, document=doc, reply="同意")
    services.document_issue(actor=world.clerk, document=doc, issued_on=dt.date(2026, 3, 2))

    at_issue = outcomes(doc)
    assert at_issue["document.only_reduce"] == "warn" and "block" not in at_issue.values()
    page = client_for(world.clerk).get(f"/documents/{doc.pk}/").content.decode()
    assert "印发时的闸门结论" in page and "县委办已通过书面说明：新设机构首年发文" in page
    assert "doc-verdict-block" not in page and "有拦截项" not in page


def test_legacy_explanations_become_accepted_when_issued_and_pending_otherwise(world, draft, issued):
    fill = importlib.import_module("qingzhuang.documents.migrations.0008_fill_explanation_status").fill
    old = issued(issuer=world.civil_affairs, seed=3)
    waiting = draft()
    Document.objects.filter(pk=waiting.pk).update(explanation="旧说明")
    plain = draft(title="无说明")
    Document.objects.update(explanation_status="")

    fill(apps, None)

    assert dict(Document.objects.values_list("pk", "explanation_status")) == {old.pk: "accepted", waiting.pk: "pending", plain.pk: ""}
