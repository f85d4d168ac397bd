import pytest

from qingzhuang.gate.errors import GateError
from qingzhuang.gate.models import Quota, QuotaUse
from qingzhuang.gate.services import quota_set
from qingzhuang.meetings import services
from qingzhuang.meetings.tests.factories import at, held, submitted, verdict

pytestmark = pytest.mark.django_db


@pytest.fixture
def quota(world):
    return quota_set(actor=None, unit=world.civil_affairs, year=at(10).year, kind="meeting", limit=1)


def test_approval_takes_a_quota_slot_and_cancelling_gives_it_back(world, quota):
    meeting = services.meeting_approve(actor=world.reviewer, meeting=submitted(world))
    quota.refresh_from_db()
    assert quota.used == 1 and QuotaUse.objects.filter(item_id=meeting.pk).exists()

    services.meeting_cancel(actor=world.clerk, meeting=meeting, reason="改为书面部署")
    quota.refresh_from_db()
    assert quota.used == 0 and meeting.__class__.objects.get(pk=meeting.pk).status == "cancelled"


def test_a_red_quota_blocks_approval_without_an_override_and_changes_nothing(world, quota):
    services.meeting_approve(actor=world.reviewer, meeting=submitted(world))
    second = submitted(world, topic="婚姻登记工作会")
    assert verdict(second, "meeting.quota")["outcome"] == "block"

    with pytest.raises(GateError) as exc:
        services.meeting_approve(actor=world.reviewer, meeting=second)
    assert exc.value.code == "quota_exhausted"
    second.refresh_from_db()
    assert second.status == "submitted"
    assert Quota.objects.get(pk=quota.pk).used == 1


def test_the_reviewer_may_override_a_red_quota_with_a_reason(world, quota):
    services.meeting_approve(actor=world.reviewer, meeting=submitted(world))
    second = services.meeting_approve(actor=world.reviewer, meeting=submitted(world, topic="婚姻登记工作会"), override_reason="上级紧急部署")
    assert second.status == "approved"
    assert QuotaUse.objects.get(item_id=second.pk).override_reason == "上级紧急部署"
    assert Quota.objects.get(pk=quota.pk).used == 2


def test_a_follow_on_meeting_takes_no_quota_slot(world, quota):
    upper = held(world, topic="全市民政工作视频会议", days_ago=1)
    quota.refresh_from_db()
    used = quota.used
    follow_on = submitted(world, topic="贯彻落实全市民政工作会议精神部署会", follows_meeting=upper, starts_at=at(0, hour=23))
    v = verdict(follow_on, "meeting.quota")
    assert v["outcome"] == "pass" and v["params"]["upper"] == upper.topic
    services.meeting_approve(actor=world.reviewer, meeting=follow_on)
    quota.refresh_from_db()
    assert quota.used == used


def test_without_a_quota_the_rule_warns_and_approval_takes_nothing(world):
    meeting = submitted(world)
    assert verdict(meeting, "meeting.quota")["outcome"] == "warn"
    assert services.meeting_approve(actor=world.reviewer, meeting=meeting).status == "approved"
    assert not QuotaUse.objects.exists()
