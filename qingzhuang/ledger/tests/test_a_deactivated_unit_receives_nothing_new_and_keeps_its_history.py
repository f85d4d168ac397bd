"""A deactivated unit is refused as a recipient of documents and meetings — by the services and the API,
in Chinese, with nothing written — and what it received before stays on the boards."""

import datetime as dt

import pytest
from django.urls import reverse

from qingzhuang.accounts.services import api_token_create
from qingzhuang.documents import services as documents
from qingzhuang.documents.errors import DocumentInvalid
from qingzhuang.documents.models import Document
from qingzhuang.ledger.article import DOCUMENTS
from qingzhuang.ledger.periods import YEAR, Period
from qingzhuang.ledger.selectors import board
from qingzhuang.ledger.tests.held_out import issue_document, text
from qingzhuang.meetings.errors import MeetingInvalid
from qingzhuang.meetings.models import Meeting
from qingzhuang.meetings.tests.factories import at, make
from qingzhuang.org.services import unit_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_village(world):
    """长发村 received a document in 2025, then was deactivated (merged into another village, say)."""
    issue_document(issuer=world.civil_affairs, recipients=[world.changfa], on=dt.date(2025, 4, 1), seed=1)
    unit_update(actor=None, unit=world.changfa, is_active=False)
    world.changfa.refresh_from_db()
    return world.changfa


def bearer(user):
    _token, raw = api_token_create(actor=None, user=user, name="部门系统")
    return {"Authorization": f"Bearer {raw}"}


def test_the_services_refuse_it_as_a_recipient_and_write_nothing(world, closed_village):
    documents_before, meetings_before = Document.objects.count(), Meeting.objects.count()

    with pytest.raises(DocumentInvalid) as err:
        documents.document_create(actor=world.clerk, issuer=world.civil_affairs, title="通知", text=text(2), recipients=[world.xincheng, closed_village])
    assert err.value.code == "recipient_inactive" and "长发村已停用" in str(err.value.message)
    with pytest.raises(MeetingInvalid) as err_meeting:
        make(world, attendees=[world.yongle, closed_village])
    assert err_meeting.value.code == "attendee_inactive" and "长发村已停用" in str(err_meeting.value.message)

    draft = documents.document_create(actor=world.clerk, issuer=world.civil_affairs, title="通知", text=text(3), recipients=[world.xincheng])
    with pytest.raises(DocumentInvalid):
        documents.document_update(actor=world.clerk, document=draft, recipients=[world.xincheng, closed_village])
    assert list(draft.recipients.values_list("pk", flat=True)) == [world.xincheng.pk]
    assert (Document.objects.count(), Meeting.objects.count()) == (documents_before + 1, meetings_before)


def test_the_api_refuses_it_in_the_common_error_shape_and_writes_nothing(world, client, closed_village):
    documents_before, meetings_before = Document.objects.count(), Meeting.objects.count()
    headers = bearer(world.clerk)

    doc = client.post(
        "/api/v1/documents/",
        {"issuer_id": world.civil_affairs.pk, "title": "通知", "text": text(4), "recipient_ids": [world.xincheng.pk, closed_village.pk]},
        content_type="application/json", headers=headers,
    )
    meeting = client.post(
        "/api/v1/meetings/",
        {"organiser_id": world.civil_affairs.pk, "topic": "工作调度会", "field": "民政", "starts_at": at(10).isoformat(),
         "planned_minutes": 45, "attendee_ids": [world.yongle.pk, closed_village.pk]},
        content_type="application/json", headers=headers,
    )

    for response, code in ((doc, "recipient_inactive"), (meeting, "attendee_inactive")):
        assert response.status_code == 400, response.content
        error = response.json()["error"]
        assert error["code"] == code and "长发村已停用" in error["message"]
    assert (Document.objects.count(), Meeting.objects.count()) == (documents_before, meetings_before)


def test_what_it_received_before_stays_on_the_board(world, closed_village, client_for):
    data = board(user=world.reviewer, root=world.office, period=Period(YEAR, 2025), measure_code=DOCUMENTS)

    row = next(r for r in data.receivers.rows if r[0].text == "长发村")
    assert row[1].value == 1
    page = client_for(world.reviewer).get(reverse("ledger:unit", args=[closed_village.pk]) + "?p=2025").content.decode()
    assert "长发村" in page
