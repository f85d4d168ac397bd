"""Tasks on the pages and the API: the community's page lists what it received with its basis and working-day
deadlines (a deadline in a year without calendar data is flagged); a refusal and an entry decision through the pages."""

import datetime as dt

import pytest

from qingzhuang.duties.models import DutyItem, Task, TaskStatus
from qingzhuang.duties.testing import approved_list
from qingzhuang.duties.testing import task_send as send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-09-28"


def test_the_communitys_page_lists_each_task_with_its_basis_and_flags_a_deadline_in_2027(world, client_for):
    approved_list(world)
    send(world, title="组织议事任务", cited_item_id=DutyItem.objects.get(title="组织居民开展自治活动").pk)
    send(world, title="跨年统计任务", due_on=dt.date(2027, 1, 15))

    html = client_for(world.secretary).get("/duties/tasks/").content.decode()

    assert "组织议事任务" in html and "清单内事项" in html
    assert "跨年统计任务" in html and "无依据" in html
    assert "2027年无节假日数据" in html and "个工作日" in html


def test_the_community_refuses_an_unlisted_task_on_its_page(world, client_for):
    task = send(world)

    response = client_for(world.secretary).post(f"/duties/tasks/{task.pk}/", {"action": "refuse", "text": "不在清单内，未经准入。"})

    assert response.status_code == 302 and Task.objects.get(pk=task.pk).status == TaskStatus.REFUSED


def test_a_worker_cannot_refuse_and_nothing_changes(world, client_for):
    task = send(world)

    response = client_for(world.worker).post(f"/duties/tasks/{task.pk}/", {"action": "refuse", "text": "拒绝"})

    assert response.status_code == 403 and Task.objects.get(pk=task.pk).status == TaskStatus.UNADMITTED


def test_the_reviewer_admits_on_the_page_and_sees_the_decision_deadline(world, client_for):
    task = send(world, application="需社区入户核实。")
    client = client_for(world.reviewer)

    page = client.get(f"/duties/tasks/{task.pk}/").content.decode()
    response = client.post(f"/duties/tasks/{task.pk}/", {"action": "decide", "decision": "admit", "text": "准予进入"})

    assert "2026-10-23" in page and "镇安县民政局自身职责" in page
    assert response.status_code == 302 and Task.objects.get(pk=task.pk).basis == "admitted"


def test_the_department_sends_a_task_through_the_form_and_a_hostile_title_is_refused_on_the_page(world, client_for):
    client = client_for(world.clerk)
    form = {"issuer": world.civil_affairs.pk, "recipient": world.xincheng.pk, "content": "请报送", "due_on": "2026-11-20", "effort_hours": "8", "send": "1"}

    bad = client.post("/duties/tasks/new/", {**form, "title": "\u200b\u3000"})
    huge = client.post("/duties/tasks/new/", {**form, "title": "台账", "effort_hours": str(10**23)})
    good = client.post("/duties/tasks/new/", {**form, "title": "报送台账"})

    assert bad.status_code == 400 and "不能为空" in bad.content.decode()
    assert huge.status_code == 400 and "整数" in huge.content.decode()
    assert good.status_code == 302 and Task.objects.count() == 1


def test_the_api_sends_refuses_and_decides_in_the_one_error_shape(world, client_for):
    client = client_for(world.clerk)
    body = {"issuer_id": world.civil_affairs.pk, "recipient_id": world.xincheng.pk, "title": "报送台账", "content": "请报送",
            "due_on": "2026-11-20", "effort_hours": 8, "application": "需社区配合"}

    made = client.post("/api/v1/duties/tasks", body, content_type="application/json").json()
    hostile = client.post("/api/v1/duties/tasks", {**body, "title": "台\x00账"}, content_type="application/json")
    denied = client.post(f"/api/v1/duties/tasks/{made['id']}/entry/decision", {"admit": True}, content_type="application/json")

    assert made["status"] == "applied" and made["decision_due"] == "2026-10-23"
    assert hostile.status_code == 400 and hostile.json()["error"]["code"] == "unstorable" and Task.objects.count() == 1
    assert denied.status_code == 403 and Task.objects.get().status == TaskStatus.APPLIED
