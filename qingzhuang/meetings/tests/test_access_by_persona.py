"""Who may see, organise and review a meeting of 镇安县民政局 that summons 永乐街道, 新城社区 and 长发村."""

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.meetings import selectors, services
from qingzhuang.meetings.models import Meeting
from qingzhuang.meetings.tests.factories import submitted

pytestmark = pytest.mark.django_db

PERSONAS = ["reviewer", "clerk", "leader", "street_officer", "secretary", "worker", "rider", "outsider", "admin"]
# While under review, only the organiser's side and the reviewer see it.
SEES_UNDER_REVIEW = {"reviewer", "clerk", "leader", "admin"}
# Once approved, the summoned units see it too.
SEES_APPROVED = SEES_UNDER_REVIEW | {"street_officer", "secretary", "worker"}
ORGANISES = {"reviewer", "clerk", "leader", "admin"}
REVIEWS = {"reviewer", "admin"}


def _state(meeting):
    return (Meeting.objects.filter(pk=meeting.pk).values().get(), Event.objects.count())


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_a_meeting_under_review_and_once_approved(world, client, persona):
    user = getattr(world, persona)
    meeting = submitted(world)
    client.force_login(user)
    assert (client.get(f"/meetings/{meeting.pk}/").status_code == 200) == (persona in SEES_UNDER_REVIEW)
    assert selectors.meetings_visible(user).filter(pk=meeting.pk).exists() == (persona in SEES_UNDER_REVIEW)

    services.meeting_approve(actor=world.reviewer, meeting=meeting)
    assert (client.get(f"/meetings/{meeting.pk}/").status_code == 200) == (persona in SEES_APPROVED)
    listed = meeting.topic in client.get("/meetings/").content.decode() if persona != "rider" else False
    assert listed == (persona in SEES_APPROVED)


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - ORGANISES))
def test_those_who_do_not_organise_cannot_change_submit_or_cancel_and_nothing_changes(world, persona):
    user = getattr(world, persona)
    meeting = submitted(world)
    before = _state(meeting)
    for call in (
        lambda: services.meeting_update(actor=user, meeting=meeting, topic="改"),
        lambda: services.meeting_submit(actor=user, meeting=meeting),
        lambda: services.meeting_cancel(actor=user, meeting=meeting, reason="x"),
        lambda: services.meeting_close(actor=user, meeting=meeting, actual_minutes=10),
        lambda: services.meeting_decision_add(actor=user, meeting=meeting, text="x"),
        lambda: services.meeting_create(actor=user, organiser=world.civil_affairs, topic="x", field="民政", starts_at=meeting.starts_at, planned_minutes=10),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert _state(meeting) == before


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - REVIEWS))
def test_only_the_county_reviewer_decides_and_a_refusal_changes_nothing(world, client, persona):
    user = getattr(world, persona)
    meeting = submitted(world)
    before = _state(meeting)
    for call in (
        lambda: services.meeting_approve(actor=user, meeting=meeting),
        lambda: services.meeting_return(actor=user, meeting=meeting, reason="x"),
        lambda: services.meeting_reject(actor=user, meeting=meeting, reason="x"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    client.force_login(user)
    response = client.post(f"/meetings/{meeting.pk}/review/", {"action": "reject", "reason": "x"})
    assert response.status_code == 403
    assert _state(meeting) == before


def test_the_street_officer_organises_for_the_town_but_not_for_a_department(world):
    own = services.meeting_create(
        actor=world.street_officer, organiser=world.yongle, topic="街道网格工作例会", field="综合", starts_at=submitted(world).starts_at,
        planned_minutes=30, attendees=[world.xincheng],
    )
    assert own.organiser == world.yongle
    with pytest.raises(PermissionDenied):
        services.meeting_create(actor=world.street_officer, organiser=world.education, topic="x", field="教育", starts_at=own.starts_at, planned_minutes=30)


def test_a_summoned_unit_never_organises_the_meeting_it_is_summoned_to(world):
    meeting = services.meeting_approve(actor=world.reviewer, meeting=submitted(world, attendees=[world.education, world.yongle]))
    from qingzhuang.org.testing import _user

    edu_clerk = _user("edu_clerk", world.education, "department_clerk")
    assert selectors.meetings_visible(edu_clerk).filter(pk=meeting.pk).exists()
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(actor=edu_clerk, meeting=meeting, reason="不参加")
