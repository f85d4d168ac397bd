"""A department's system proposes and carries out items through the API; the county office merges and
files; errors have the common shape; a record added through the API moves the right figure."""

import datetime as dt
import json

import pytest

from qingzhuang.accounts.services import api_token_create
from qingzhuang.audit.models import Event
from qingzhuang.inspections.models import Item, ItemStatus
from qingzhuang.inspections.tests.factories import CLEAN_CRITERIA, window

pytestmark = pytest.mark.django_db


def _auth(user):
    _token, raw = api_token_create(actor=None, user=user, name="部门业务系统")
    return {"Authorization": f"Bearer {raw}"}


def _post(client, path, body, user):
    headers = user if isinstance(user, dict) else _auth(user)
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def _payload(world, **kw):
    start, end = window(15)
    body = {
        "lead_id": world.civil_affairs.pk, "kind": "inspection", "subject": "城乡低保专项检查", "criteria": CLEAN_CRITERIA,
        "target_ids": [world.yongle.pk], "window_start": start.isoformat(), "window_end": end.isoformat(),
    }
    body.update(kw)
    return body


def test_a_department_proposes_and_the_office_merges_and_files(world, client):
    a = _post(client, "/api/v1/inspections/", _payload(world), world.clerk)
    assert a.status_code == 201, a.content
    b = _post(client, "/api/v1/inspections/", _payload(world, subject="社会救助督查", kind="supervision"), world.clerk)
    overlap = next(v for v in b.json()["verdicts"] if v["rule"] == "inspection.overlap")
    assert overlap["outcome"] == "warn" and overlap["evidence"]["item_ids"] == [a.json()["id"]]
    merged = _post(client, "/api/v1/inspections/merge", {"item_ids": [a.json()["id"], b.json()["id"]]}, world.reviewer)
    assert merged.status_code == 201, merged.content
    assert merged.json()["merged_from_ids"] == sorted([a.json()["id"], b.json()["id"]])
    filed = _post(client, f"/api/v1/inspections/plans/{merged.json()['plan_id']}/file", {}, world.reviewer)
    assert filed.status_code == 200
    assert Item.objects.get(pk=merged.json()["id"]).status == ItemStatus.FILED


def test_criteria_demanding_photos_are_refused_in_the_error_shape(world, client):
    response = _post(client, "/api/v1/inspections/", _payload(world, criteria="上传检查现场照片"), world.clerk)
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "traces_refused" and "照片" in error["message"]


def test_a_department_cannot_merge_or_file_and_nothing_changes(world, client):
    a = _post(client, "/api/v1/inspections/", _payload(world), world.clerk).json()
    b = _post(client, "/api/v1/inspections/", _payload(world, subject="另一项"), world.clerk).json()
    headers = _auth(world.clerk)
    events = Event.objects.count()
    denied = _post(client, "/api/v1/inspections/merge", {"item_ids": [a["id"], b["id"]]}, headers)
    assert denied.status_code == 403 and "error" in denied.json()
    denied = _post(client, f"/api/v1/inspections/plans/{a['plan_id']}/file", {}, headers)
    assert denied.status_code == 403
    assert Event.objects.count() == events and not Item.objects.filter(status=ItemStatus.MERGED).exists()


def test_an_outsider_sees_nothing_of_another_county(world, client):
    a = _post(client, "/api/v1/inspections/", _payload(world), world.clerk).json()
    headers = _auth(world.outsider)
    assert client.get(f"/api/v1/inspections/{a['id']}", headers=headers).status_code == 403
    assert client.get("/api/v1/inspections/", headers=headers).json() == []
    assert client.get(f"/api/v1/inspections/figures?office_id={world.office.pk}&year=2024", headers=headers).status_code == 403


@pytest.fixture
def demo():
    from qingzhuang.inspections.demo import seed
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed

    ctx = DemoContext()
    org_seed(ctx)
    seed(ctx)
    return ctx


def test_an_inspection_added_through_the_api_moves_the_2024_figures(demo, client):
    clerk, reviewer = demo.users["zhenan_clerk"], demo.users["zhenan_reviewer"]
    office = demo.unit("镇安县委办公室")
    town = demo.unit("永乐街道办事处")
    figures_url = f"/api/v1/inspections/figures?office_id={office.pk}&year=2024"
    before = client.get(figures_url, headers=_auth(reviewer)).json()
    assert (before["inspections"], before["assessments"], before["received_by_departments_and_towns"]) == (36, 23, 88)
    body = {
        "lead_id": demo.unit("镇安县民政局").pk, "kind": "inspection", "subject": "补录：养老机构消防检查", "criteria": CLEAN_CRITERIA,
        "target_ids": [town.pk], "window_start": "2024-12-02", "window_end": "2024-12-06",
    }
    item = _post(client, "/api/v1/inspections/", body, clerk).json()
    assert item["status"] == "monthly_review" and not item["in_plan"]  # the 2024 plan is filed
    assert _post(client, f"/api/v1/inspections/{item['id']}/monthly-approve", {}, reviewer).status_code == 200
    visit = _post(client, f"/api/v1/inspections/{item['id']}/visits", {"unit_id": town.pk, "day": "2024-12-03", "inspectors": "县民政局检查组"}, clerk)
    assert visit.status_code == 201, visit.content
    done = _post(client, f"/api/v1/inspections/{item['id']}/carry-out", {"day": "2024-12-03"}, clerk)
    assert done.json()["carried_out_on"] == str(dt.date(2024, 12, 3))
    after = client.get(figures_url, headers=_auth(reviewer)).json()
    assert (after["inspections"], after["assessments"], after["received_by_departments_and_towns"]) == (37, 23, 89)
    assert after["received_by_departments_and_towns_last"] == 100
