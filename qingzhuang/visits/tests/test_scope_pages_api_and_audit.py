"""Who sees and does what: a community sees who is coming to it, the booker its own teams, the county office all of
its county and the crowded bookings; another county sees nothing (list, page, calendar, API). Every change audited."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from icalendar import Calendar

from qingzhuang.audit.models import Event
from qingzhuang.visits import selectors, services
from qingzhuang.visits.models import Visit
from qingzhuang.visits.testing import MONDAY, TODAY, book

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = TODAY


def test_each_persona_sees_the_visits_of_its_scope_and_another_county_none(world, client_for):
    to_village = book(world.civil_affairs, [world.changfa], team_name="民政局养老调研组")
    to_community = book(world.education, [world.xincheng], team_name="教育局学前教育调研组")
    seen = {name: set(selectors.visits_visible(getattr(world, name))) for name in ("reviewer", "clerk", "secretary", "street_officer", "outsider")}
    assert seen["reviewer"] == {to_village, to_community}
    assert seen["clerk"] == {to_village}  # its own department's team
    assert seen["secretary"] == {to_community}  # who is coming to 新城社区
    assert seen["street_officer"] == {to_community}  # 新城社区 is below 永乐街道
    assert seen["outsider"] == set()

    outsider = client_for(world.outsider)
    assert "民政局养老调研组" not in outsider.get(reverse("visits:list")).content.decode()
    assert outsider.get(reverse("visits:detail", args=[to_village.pk])).status_code == 403
    assert outsider.get(reverse("visits:incoming_ics", args=[world.changfa.pk])).status_code == 403
    assert outsider.get(f"/api/v1/visits/{to_village.pk}").status_code == 403
    assert outsider.get("/api/v1/visits/").json() == []
    booking_page = outsider.get(reverse("visits:new")).content.decode()  # it books for its own county only
    assert "碑林区委办公室" in booking_page and "长发村" not in booking_page and "镇安县民政局" not in booking_page


def test_a_community_sees_who_is_coming_on_its_page_its_home_and_its_calendar(world, client_for):
    book(world.education, [world.xincheng], team_name="教育局学前教育调研组", leader="李红梅")
    client = client_for(world.secretary)
    page = client.get(reverse("visits:list")).content.decode()
    assert "即将到新城社区的调研" in page and "教育局学前教育调研组" in page and "李红梅" in page
    assert "未来30天将来访的调研" in client.get("/").content.decode()
    ics = client.get(reverse("visits:incoming_ics", args=[world.xincheng.pk]))
    events = list(Calendar.from_ical(ics.content).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["调研：教育局学前教育调研组"]
    assert events[0].decoded("dtstart") == MONDAY and events[0].decoded("dtend") == MONDAY + dt.timedelta(days=2)


def test_the_county_office_sees_crowded_bookings_on_its_home_and_list(world, client_for):
    book(world.education, [world.changfa])
    flagged = book(world.civil_affairs, [world.changfa], team_name="民政局第二调研组", crowd_reason="上级调研组同日到县")
    client = client_for(world.reviewer)
    assert "已预约的扎堆调研" in client.get("/").content.decode()
    page = client.get(reverse("visits:list") + "?crowded=1").content.decode()
    assert "民政局第二调研组" in page and "镇安县教育局调研组" not in page
    detail = client.get(reverse("visits:detail", args=[flagged.pk])).content.decode()
    assert "预约时已预警：扎堆" in detail and "上级调研组同日到县" in detail and "镇安县教育局调研组" in detail


def test_a_clerk_books_only_for_its_own_department_and_a_community_books_nothing(world, client_for):
    body = {"organiser_id": world.education.pk, "team_name": "教育局调研组", "leader": "李红梅", "member_count": 2, "purpose": "了解情况",
            "place_ids": [world.changfa.pk], "start_on": MONDAY.isoformat(), "end_on": MONDAY.isoformat()}
    response = client_for(world.clerk).post("/api/v1/visits/", json.dumps(body), content_type="application/json")
    assert response.status_code == 403
    response = client_for(world.secretary).post("/api/v1/visits/", json.dumps(body), content_type="application/json")
    assert response.status_code == 403
    assert client_for(world.secretary).get(reverse("visits:new")).status_code == 403
    assert Visit.objects.count() == 0


def test_the_api_checks_books_marks_done_and_cancels_with_audit(world, client_for, settings):
    client = client_for(world.clerk)
    book(world.education, [world.changfa], team_name="教育局控辍保学调研组")
    body = {"organiser_id": world.civil_affairs.pk, "team_name": "民政局养老调研组", "leader": "王建平", "member_count": 3,
            "purpose": "了解养老服务", "place_ids": [world.changfa.pk], "start_on": MONDAY.isoformat(), "end_on": MONDAY.isoformat()}
    check = client.post("/api/v1/visits/check", json.dumps(body), content_type="application/json").json()
    assert check["flagged"] and check["outcome"] == "warn" and check["crowds"][0]["others"][0]["team_name"] == "教育局控辍保学调研组"
    refused = client.post("/api/v1/visits/", json.dumps(body), content_type="application/json")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "crowd_reason_needed"
    assert "教育局控辍保学调研组" in refused.json()["error"]["message"]
    made = client.post("/api/v1/visits/", json.dumps({**body, "crowd_reason": "与市局同行"}), content_type="application/json")
    assert made.status_code == 201 and made.json()["crowded"] is True
    visit_id = made.json()["id"]
    assert Event.objects.filter(model="visits.visit", object_id=str(visit_id), action="create", actor=world.clerk).exists()

    settings.QZ_TODAY = MONDAY.isoformat()
    done = client.post(f"/api/v1/visits/{visit_id}/done")
    assert done.status_code == 200 and done.json()["status"] == "done"
    again = client.post(f"/api/v1/visits/{visit_id}/cancel", json.dumps({"reason": "改期"}), content_type="application/json")
    assert again.status_code == 400 and again.json()["error"]["code"] == "not_planned"
    updates = Event.objects.filter(model="visits.visit", object_id=str(visit_id), action="update")
    assert updates.count() == 1 and updates.get().changes["status"] == ["planned", "done"]


def test_the_booking_page_previews_the_crowd_and_books_with_a_reason(world, client_for):
    book(world.education, [world.changfa], team_name="教育局控辍保学调研组", leader="李红梅")
    client = client_for(world.clerk)
    form = {"organiser": world.civil_affairs.pk, "kind": "research", "team_name": "民政局养老调研组", "leader": "王建平", "member_count": "3",
            "purpose": "了解养老服务", "places": [str(world.changfa.pk)], "start_on": MONDAY.isoformat(), "end_on": MONDAY.isoformat()}
    preview = client.post(reverse("visits:new"), {**form, "preview": "1"})
    text = preview.content.decode()
    assert preview.status_code == 200 and "扎堆调研预警" in text and "教育局控辍保学调研组" in text and "李红梅带队" in text
    assert Visit.objects.count() == 1
    refused = client.post(reverse("visits:new"), {**form, "book": "1"})
    assert refused.status_code == 400 and "请填写理由" in refused.content.decode()
    booked = client.post(reverse("visits:new"), {**form, "book": "1", "crowd_reason": "与市局同行"})
    assert booked.status_code == 302
    assert Visit.objects.get(team_name="民政局养老调研组").crowded


def test_the_visit_page_records_done_and_cancels(world, client_for, settings):
    planned = book(world.civil_affairs, [world.changfa])
    other = book(world.civil_affairs, [world.xincheng])
    client = client_for(world.clerk)
    assert client.post(reverse("visits:detail", args=[other.pk]), {"action": "cancel", "reason": "\u3000"}).status_code == 400
    client.post(reverse("visits:detail", args=[other.pk]), {"action": "cancel", "reason": "上级通知改期"})
    other.refresh_from_db()
    assert other.status == "cancelled" and other.cancel_reason == "上级通知改期"
    settings.QZ_TODAY = MONDAY.isoformat()
    client.post(reverse("visits:detail", args=[planned.pk]), {"action": "done"})
    planned.refresh_from_db()
    assert planned.status == "done" and planned.done_on == MONDAY
    assert client_for(world.secretary).post(reverse("visits:detail", args=[planned.pk]), {"action": "done"}).status_code in (403, 404)


def test_a_street_office_books_only_below_it(world):
    from qingzhuang.visits.errors import VisitError

    visit = services.visit_book(actor=world.street_officer, organiser=world.yongle, team_name="永乐街道调研组", leader="张三", member_count=2,
                                purpose="走访社区", place_ids=[world.xincheng.pk], start_on=MONDAY, end_on=MONDAY)
    assert visit.pk
    with pytest.raises(VisitError):
        services.visit_book(actor=world.street_officer, organiser=world.yongle, team_name="永乐街道调研组", leader="张三", member_count=2,
                            purpose="走访", place_ids=[world.changfa.pk], start_on=MONDAY, end_on=MONDAY)


def test_the_page_and_the_api_move_a_visit_and_refuse_hostile_days(world, client_for):
    visit = book(world.civil_affairs, [world.changfa])
    client = client_for(world.clerk)
    refused = client.post(reverse("visits:detail", args=[visit.pk]), {"action": "move", "start_on": "2026-13-45", "end_on": ""})
    assert refused.status_code == 400 and "日期" in refused.content.decode()
    client.post(reverse("visits:detail", args=[visit.pk]), {"action": "move", "start_on": "2026-12-14", "end_on": "2026-12-15"})
    visit.refresh_from_db()
    assert (visit.start_on, visit.end_on) == (dt.date(2026, 12, 14), dt.date(2026, 12, 15))
    for body in ({"start_on": "2026-12-20", "end_on": "2026-12-19"}, {"start_on": "2099-01-01", "end_on": "2099-01-02"}):
        response = client.post(f"/api/v1/visits/{visit.pk}/move", json.dumps(body), content_type="application/json")
        assert response.status_code == 400 and response.json()["error"]["message"]
    moved = client.post(f"/api/v1/visits/{visit.pk}/move", json.dumps({"start_on": "2026-12-21", "end_on": "2026-12-21"}),
                        content_type="application/json")
    assert moved.status_code == 200 and moved.json()["start_on"] == "2026-12-21"
    outsider = client_for(world.outsider).post(f"/api/v1/visits/{visit.pk}/move", json.dumps({"start_on": "2026-12-22", "end_on": "2026-12-22"}),
                                               content_type="application/json")
    assert outsider.status_code == 403
    visit.refresh_from_db()
    assert visit.start_on == dt.date(2026, 12, 21)
