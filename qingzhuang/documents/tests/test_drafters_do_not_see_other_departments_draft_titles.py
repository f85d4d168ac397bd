"""A near-duplicate that is another department's unissued draft is named to a drafter only as
"另一部门待审稿件（标题对起草人不可见）" with its score; the county office reviewer sees its title."""

import random

import pytest

from qingzhuang.accounts.services import api_token_create
from qingzhuang.documents import services
from qingzhuang.documents.tests.conftest import corpus_text
from qingzhuang.lib import doc_corpus

pytestmark = pytest.mark.django_db

SECRET_TITLE = "关于教育系统冬季校园安全专项整治的通知"


@pytest.fixture
def twin(world, draft):
    """教育局 submitted a notice; 民政局's clerk drafts nearly the same text."""
    theirs = services.document_create(actor=None, issuer=world.education, title=SECRET_TITLE, text=corpus_text(61, 2500), recipients=[world.xincheng])
    services.document_submit(actor=None, document=theirs)
    mine = draft(text=doc_corpus.reword(theirs.text, random.Random(3), 0.1), title="关于做好冬季社区安全工作的通知")
    return theirs, mine


def test_the_drafters_check_names_the_other_draft_only_as_another_departments(world, twin):
    from qingzhuang.documents import selectors

    _theirs, mine = twin
    report = services.document_preview(actor=world.clerk, document=mine)
    row = next(r for r in selectors.rows_for_user(world.clerk, selectors.report_rows(report)) if r.rule == "document.duplicates")
    assert row.outcome in ("warn", "block")
    assert "另一部门待审稿件（标题对起草人不可见）" in row.text and "%" in row.text
    top = row.evidence["matches"][0]
    assert top["hidden"] and top["id"] is None and top["title"] == "另一部门待审稿件（标题对起草人不可见）" and top["score"] > 0.5
    assert SECRET_TITLE not in str(row) and "镇安县教育局" not in str(row)


def test_the_drafters_pages_and_api_never_show_the_other_drafts_title(world, twin, client_for, client):
    _theirs, mine = twin
    checked = client_for(world.clerk).post(f"/documents/{mine.pk}/edit/", {"text": mine.text, "then": "check"}, headers={"HX-Request": "true"})
    assert "另一部门待审稿件" in checked.content.decode() and SECRET_TITLE not in checked.content.decode()
    services.document_submit(actor=world.clerk, document=mine)
    detail = client_for(world.clerk).get(f"/documents/{mine.pk}/").content.decode()
    assert "另一部门待审稿件" in detail and SECRET_TITLE not in detail

    _token, raw = api_token_create(actor=None, user=world.clerk, name="部门系统")
    body = client.get(f"/api/v1/documents/{mine.pk}", headers={"Authorization": f"Bearer {raw}"}).content.decode()
    assert SECRET_TITLE not in body and "镇安县教育局" not in body


def test_the_county_office_reviewer_sees_the_title_and_can_compare(world, twin, client_for):
    theirs, mine = twin
    services.document_submit(actor=world.clerk, document=mine)
    page = client_for(world.reviewer).get(f"/documents/{mine.pk}/review/").content.decode()
    assert SECRET_TITLE in page and f"?compare={theirs.pk}" in page
    detail = client_for(world.reviewer).get(f"/documents/{mine.pk}/").content.decode()
    assert SECRET_TITLE in detail and "标题对起草人不可见" not in detail


def test_an_issued_documents_title_stays_visible_to_the_drafter(world, draft, issued):
    from qingzhuang.documents import selectors

    original = issued(issuer=world.education, title="关于做好冬季校园安全工作的通知", text=corpus_text(62, 2500))
    mine = draft(text=doc_corpus.reword(original.text, random.Random(4), 0.1))
    report = services.document_preview(actor=world.clerk, document=mine)
    row = next(r for r in selectors.rows_for_user(world.clerk, selectors.report_rows(report)) if r.rule == "document.duplicates")
    assert "关于做好冬季校园安全工作的通知" in row.text
