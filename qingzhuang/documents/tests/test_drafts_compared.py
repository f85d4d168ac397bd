"""Drafts under review are compared with each other, and the reviewer can merge them."""

import random

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.documents import services
from qingzhuang.documents.models import Document, DocumentEvent, Status
from qingzhuang.documents.tests.conftest import corpus_text
from qingzhuang.lib import doc_corpus

pytestmark = pytest.mark.django_db


def _duplicates(doc):
    return {v.rule: v for v in services.document_check(actor=None, document=doc).verdicts}["document.duplicates"]


@pytest.fixture
def two_drafts(world, draft):
    """民政局 submits a notice; 教育局 then submits a near-identical one (a light rewording)."""
    first = draft(text=corpus_text(61, 2500), title="关于做好冬季安全工作的通知")
    services.document_submit(actor=world.clerk, document=first)
    text = doc_corpus.reword(first.text, random.Random(3), 0.2)
    second = services.document_create(
        actor=None, issuer=world.education, title="关于做好冬季校园安全工作的通知", text=text, recipients=[world.xincheng]
    )
    services.document_submit(actor=None, document=second)
    return first, second


def test_the_second_of_two_near_identical_drafts_is_flagged_with_the_first_named_as_a_draft(world, two_drafts):
    first, second = two_drafts
    verdict = _duplicates(second)
    assert verdict.outcome in ("warn", "block")
    top = verdict.evidence["matches"][0]
    assert top["id"] == first.pk and top["pending"] is True and top["status"] == Status.SUBMITTED
    assert "关于做好冬季安全工作的通知" in verdict.text() and "镇安县民政局" in verdict.text()
    assert "draft still under review" in verdict.message


def test_an_approved_document_not_yet_issued_is_compared_too(world, two_drafts):
    first, second = two_drafts
    Document.objects.filter(pk=first.pk).update(status=Status.APPROVED)
    top = _duplicates(second).evidence["matches"][0]
    assert top["id"] == first.pk and top["status"] == Status.APPROVED and top["pending"] is True


def test_an_unsubmitted_draft_is_not_compared(world, draft):
    first = draft(text=corpus_text(62, 2500))
    second = draft(text=first.text, title="另一个草稿")
    assert _duplicates(second).outcome == "pass"


def test_a_returned_draft_leaves_the_comparison_until_it_is_submitted_again(world, two_drafts):
    first, second = two_drafts
    services.document_return(actor=world.reviewer, document=first, reason="请修改")
    assert _duplicates(second).outcome == "pass"
    services.document_submit(actor=world.clerk, document=first)
    assert _duplicates(second).evidence["matches"][0]["id"] == first.pk


def test_another_countys_draft_is_never_compared(world, draft):
    other = services.document_create(
        actor=None, issuer=world.beilin_office, title="碑林区的草稿", text=corpus_text(63, 2500), recipients=[world.caochangpo]
    )
    services.document_submit(actor=None, document=other)
    assert _duplicates(draft(text=other.text)).outcome == "pass"


def test_the_reviewer_merges_the_second_draft_into_the_first_and_the_lineage_is_kept(world, two_drafts):
    first, second = two_drafts
    services.document_merge(actor=world.reviewer, document=second, into=first, reason="同一事项，合并发文")
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == Status.MERGED and second.merged_into_id == first.pk
    assert list(first.merged_from.all()) == [second]
    merged_in = DocumentEvent.objects.get(document=first, action="merged_in")
    assert merged_in.data["from"] == second.pk and merged_in.reason == "同一事项，合并发文" and merged_in.by == world.reviewer
    assert Event.objects.filter(object_id=str(first.pk), reason="同一事项，合并发文").exists()
    assert set(first.recipients.all()) == {world.xincheng, world.changfa}
    # The merged draft no longer counts against the first.
    assert _duplicates(first).outcome == "pass"


def test_a_clerk_may_not_merge_drafts_and_nothing_changes(world, two_drafts):
    from django.core.exceptions import PermissionDenied

    first, second = two_drafts
    with pytest.raises(PermissionDenied):
        services.document_merge(actor=world.clerk, document=second, into=first, reason="合并")
    second.refresh_from_db()
    assert second.status == Status.SUBMITTED and second.merged_into_id is None
    assert not DocumentEvent.objects.filter(document=first, action="merged_in").exists()


def test_merge_targets_put_the_most_similar_first_drafts_included_and_search_titles(world, two_drafts, issued):
    from qingzhuang.documents import selectors

    first, second = two_drafts
    unrelated = issued(seed=64, text=corpus_text(64, 2000), title="关于做好秋季防火工作的通知")
    targets = selectors.merge_targets(world.reviewer, second)
    assert targets[0].document == first and targets[0].pending and (targets[0].percent or 0) >= 50
    assert unrelated in [t.document for t in targets]
    assert [t.document for t in selectors.merge_targets(world.reviewer, second, q="秋季防火")] == [unrelated]


def test_the_review_page_offers_the_similar_draft_first_as_merge_target(client, world, two_drafts):
    first, second = two_drafts
    services.document_check(actor=None, document=second)
    client.force_login(world.reviewer)
    page = client.get(f"/documents/{second.pk}/review/").content.decode()
    first_radio = page[page.index('name="into"') :]
    assert first_radio.startswith(f'name="into" value="{first.pk}" checked')
    assert "关于做好冬季安全工作的通知" in page
    fragment = client.get(f"/documents/{second.pk}/review/?part=targets&merge_q=不存在的标题", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and 'id="merge-targets"' in fragment.content.decode()
    assert f'value="{first.pk}"' not in fragment.content.decode()
