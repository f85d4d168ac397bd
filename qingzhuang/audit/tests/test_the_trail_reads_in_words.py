"""The audit trail reads in words: field labels, units and people by name, settings as the rules page shows them, no JSON."""

import datetime as dt

import pytest
from django.utils import timezone

from qingzhuang.audit.models import Event
from qingzhuang.audit.services import audit_record
from qingzhuang.gate.services import quota_set, rule_setting_set
from qingzhuang.meetings.services import meeting_create

pytestmark = pytest.mark.django_db


def changes_shown(client, model, object_id, action):
    response = client.get(f"/audit/{model}/{object_id}/")
    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r.event.action == action)
    return {c.label: (c.before, c.after) for c in row.changes}, response.content.decode()


def test_a_rule_setting_change_reads_as_the_rules_page_words_not_json(world, client_for):
    setting = rule_setting_set(actor=world.reviewer, county=world.zhenan, rule="document.duplicates", enabled=True,
                               params={"warn_score": 0.5, "block_score": 0.85, "shown": 5})
    rule_setting_set(actor=world.reviewer, county=world.zhenan, rule="document.duplicates", enabled=True,
                     params={"warn_score": 0.4, "block_score": 0.85, "shown": 5})

    shown, page = changes_shown(client_for(world.reviewer), "gate.rulesetting", setting.pk, "update")

    before, after = shown["设置"]
    # In the rule's declared order on both databases (PostgreSQL's jsonb stores keys shorter first).
    assert before.split("；") == ["警告阈值 50%", "拦截阈值 85%", "显示相似文件数 5 篇"]
    assert after.split("；") == ["警告阈值 40%", "拦截阈值 85%", "显示相似文件数 5 篇"]
    assert "warn_score" not in page and "{" not in before + after


def test_a_meetings_attending_units_and_attendance_are_named_not_numbered(world, client_for):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone())
    meeting = meeting_create(actor=world.clerk, organiser=world.civil_affairs, topic="养老服务推进会", field="民政",
                             starts_at=start, planned_minutes=45, attendees=[world.xincheng, world.changfa])
    audit_record(actor=world.clerk, action="attendance", obj=meeting, unit=world.civil_affairs,
                 changes={"attendance": [None, {str(world.xincheng.pk): 2, str(world.changfa.pk): 1}]})
    client = client_for(world.reviewer)

    created, page = changes_shown(client, "meetings.meeting", meeting.pk, "create")
    attendance, attendance_page = changes_shown(client, "meetings.meeting", meeting.pk, "attendance")

    assert set(created["参会单位"][1].split("、")) == {"新城社区", "长发村"}
    assert set(attendance["出席情况"][1].split("；")) == {"新城社区：2", "长发村：1"}
    assert "#" not in created["参会单位"][1]
    assert "sequence" not in page and "fingerprint" not in page
    assert "登记参会" in attendance_page


def test_a_quota_reads_with_its_kind_in_words(world, client_for):
    quota = quota_set(actor=world.reviewer, unit=world.civil_affairs, year=2026, kind="meeting", limit=12)

    shown, _page = changes_shown(client_for(world.reviewer), "gate.quota", quota.pk, "create")

    assert shown["类别"] == ("—", "会议")
    assert str(Event.objects.filter(model="gate.quota").latest("id").object_repr).count("meeting") == 0
