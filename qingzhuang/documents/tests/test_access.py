"""Who may do what with a document; every denied action changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.documents import selectors, services
from qingzhuang.documents.models import Document, DocumentEvent, Status

pytestmark = pytest.mark.django_db

PERSONAS = ["reviewer", "clerk", "leader", "street_officer", "secretary", "worker", "rider", "outsider", "admin"]


def state(doc):
    doc.refresh_from_db()
    return (doc.status, doc.title, doc.explanation, DocumentEvent.objects.count(), Event.objects.count())


@pytest.mark.parametrize("persona", ["street_officer", "secretary", "worker", "rider", "outsider", "reviewer"])
def test_only_the_departments_own_people_may_draft_for_it(world, persona):
    with pytest.raises(PermissionDenied):
        services.document_create(actor=getattr(world, persona), issuer=world.civil_affairs, title="越权起草", text="正文", recipients=[world.xincheng])
    assert not Document.objects.filter(title="越权起草").exists()


def test_a_clerk_may_not_draft_for_another_department(world):
    with pytest.raises(PermissionDenied):
        services.document_create(actor=world.clerk, issuer=world.education, title="越权起草", text="正文")
    assert not Document.objects.exists()


@pytest.mark.parametrize("persona", ["street_officer", "secretary", "worker", "rider", "outsider", "reviewer"])
def test_others_may_not_edit_submit_explain_or_withdraw_a_draft(world, draft, persona):
    doc = draft()
    before = state(doc)
    user = getattr(world, persona)
    for act in (
        lambda: services.document_update(actor=user, document=doc, title="被改了"),
        lambda: services.document_submit(actor=user, document=doc),
        lambda: services.document_explain(actor=user, document=doc, explanation="越权"),
    ):
        with pytest.raises(PermissionDenied):
            act()
    assert state(doc) == before


@pytest.mark.parametrize("persona", ["clerk", "leader", "street_officer", "secretary", "worker", "rider", "outsider"])
def test_only_the_county_reviewer_may_decide(world, draft, persona):
    doc = draft()
    services.document_submit(actor=world.clerk, document=doc)
    before = state(doc)
    user = getattr(world, persona)
    for act in (
        lambda: services.document_review_start(actor=user, document=doc),
        lambda: services.document_approve(actor=user, document=doc),
        lambda: services.document_return(actor=user, document=doc, reason="x"),
        lambda: services.document_reject(actor=user, document=doc, reason="x"),
    ):
        with pytest.raises(PermissionDenied):
            act()
    assert state(doc) == before and doc.status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("reviewer", True), ("clerk", True), ("leader", True), ("street_officer", True), ("secretary", True), ("worker", True),
     ("rider", True), ("outsider", False), ("admin", True)],
)
def test_an_issued_document_is_seen_by_its_issuer_the_reviewer_and_its_recipients(world, draft, persona, sees):
    doc = draft(recipients=[world.xincheng])
    Document.objects.filter(pk=doc.pk).update(status=Status.ISSUED)
    visible = selectors.documents_visible(getattr(world, persona)).filter(pk=doc.pk).exists()
    assert visible is sees


def test_the_village_secretary_does_not_see_a_document_addressed_elsewhere(world, draft):
    from qingzhuang.org.models import Role, RoleAssignment
    from qingzhuang.org.testing import _user

    changfa_secretary = _user("changfa_sec", world.changfa, Role.COMMUNITY_SECRETARY)
    doc = draft(recipients=[world.xincheng])
    assert RoleAssignment.objects.filter(user=changfa_secretary).exists()
    assert not selectors.documents_visible(changfa_secretary).filter(pk=doc.pk).exists()


def test_pages_refuse_outsiders_and_the_review_page_refuses_the_clerk(world, draft, client_for):
    doc = draft()
    assert client_for(world.outsider).get(f"/documents/{doc.pk}/").status_code == 403
    assert client_for(world.clerk).get(f"/documents/{doc.pk}/review/").status_code == 403
    before = state(doc)
    response = client_for(world.outsider).post(f"/documents/{doc.pk}/submit/")
    assert response.status_code == 403 and state(doc) == before
