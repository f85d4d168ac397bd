"""A recipient unit's people read a document only once it is issued: before that it is the issuer's
and the reviewer's (lists, pages, full text and the API say nothing about it)."""

import pytest

from qingzhuang.accounts.services import api_token_create
from qingzhuang.documents import selectors
from qingzhuang.documents.models import Document, Status
from qingzhuang.org.models import PersonKind, Role, Unit
from qingzhuang.org.testing import _user

pytestmark = pytest.mark.django_db

TITLE = "关于尚未印发事项的通知"
MARKER = "此段为未印发正文标记甲乙丙"
NOT_ISSUED = [Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.APPROVED]
RECIPIENT_SIDE = ["street_officer", "secretary", "worker", "rider", "volunteer"]


@pytest.fixture
def recipients_people(world):
    people = {name: getattr(world, name) for name in RECIPIENT_SIDE if name != "volunteer"}
    people["volunteer"] = _user("volunteer", world.xincheng, Role.VOLUNTEER, kind=PersonKind.VOLUNTEER)
    return people


def addressed_to_xincheng(draft, status):
    doc = draft(title=TITLE, text=f"{MARKER}。" + "社区服务工作要求。" * 50, recipients=[Unit.objects.get(name="新城社区")])
    Document.objects.filter(pk=doc.pk).update(status=status)
    return Document.objects.get(pk=doc.pk)


def what_leaks(client, user, doc):
    """Everything a person could read the document through: list, page, full text, review page, API."""
    client.force_login(user)
    leaks = []
    if doc in selectors.documents_visible(user):
        leaks.append("selector")
    for url in ("/documents/", f"/documents/?q={TITLE}", "/"):
        body = client.get(url).content.decode()
        # The search box echoes the query itself: a leak is a link to the document or its text.
        if f"/documents/{doc.pk}/" in body or MARKER in body or (url == "/documents/" and TITLE in body):
            leaks.append(url)
    page = client.get(f"/documents/{doc.pk}/")
    if page.status_code == 200 or MARKER in page.content.decode():
        leaks.append("page")
    review = client.get(f"/documents/{doc.pk}/review/")
    if review.status_code == 200 or MARKER in review.content.decode():
        leaks.append("review page")
    client.logout()
    _token, raw = api_token_create(actor=None, user=user, name="读取")
    headers = {"Authorization": f"Bearer {raw}"}
    listed = client.get("/api/v1/documents/", headers=headers)
    if any(row["id"] == doc.pk for row in listed.json()):
        leaks.append("api list")
    one = client.get(f"/api/v1/documents/{doc.pk}", headers=headers)
    if one.status_code == 200 or MARKER in one.content.decode():
        leaks.append("api detail")
    return leaks


@pytest.mark.parametrize("status", NOT_ISSUED)
@pytest.mark.parametrize("persona", RECIPIENT_SIDE)
def test_a_recipients_people_cannot_read_a_document_before_it_is_issued(world, draft, client, recipients_people, persona, status):
    doc = addressed_to_xincheng(draft, status)
    assert what_leaks(client, recipients_people[persona], doc) == []
    assert Document.objects.get(pk=doc.pk).status == status


@pytest.mark.parametrize("persona", RECIPIENT_SIDE)
def test_a_recipients_people_read_the_document_once_it_is_issued(world, draft, client, recipients_people, persona):
    doc = addressed_to_xincheng(draft, Status.ISSUED)
    user = recipients_people[persona]
    client.force_login(user)
    page = client.get(f"/documents/{doc.pk}/")
    assert page.status_code == 200 and MARKER in page.content.decode()
    assert TITLE in client.get("/documents/").content.decode()
    client.logout()
    _token, raw = api_token_create(actor=None, user=user, name="读取")
    assert client.get(f"/api/v1/documents/{doc.pk}", headers={"Authorization": f"Bearer {raw}"}).status_code == 200


@pytest.mark.parametrize("status", NOT_ISSUED)
def test_the_issuer_and_the_reviewer_still_see_it_in_every_state(world, draft, status):
    doc = addressed_to_xincheng(draft, status)
    for user in (world.clerk, world.leader, world.reviewer, world.admin):
        assert selectors.documents_visible(user).filter(pk=doc.pk).exists(), user
