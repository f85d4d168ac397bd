"""The case pages: a secretary raises through the form, the department accepts and works on it on the case page, the
list shows an overdue case in red; refused input shows its Chinese message and writes nothing."""

import datetime as dt

from django.test import Client

from qingzhuang.cases.models import Case, Handler, Status


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_raise_accept_work_and_resolve_through_the_pages(paired, settings):
    settings.QZ_NOW = "2026-11-02T09:00:00+08:00"
    secretary, clerk = _client(paired.secretary), _client(paired.clerk)
    form = secretary.get("/cases/new/")
    assert form.status_code == 200 and "镇安县民政局" in form.content.decode()
    refused = secretary.post("/cases/new/", {"title": "\u3000", "description": "x", "category": "other", "beyond_power": "1"})
    assert refused.status_code == 400 and "不能为空" in refused.content.decode() and Case.objects.count() == 0
    made = secretary.post("/cases/new/", {"title": "活动室漏水", "description": "屋顶漏水，社区无维修资金", "category": "facility", "urgency": "general",
                                          "beyond_ability": "1"})
    case = Case.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/cases/{case.pk}/"
    assert "受理并牵头办理" in clerk.get(f"/cases/{case.pk}/").content.decode()
    clerk.post(f"/cases/{case.pk}/accept/", {"note": ""})
    clerk.post(f"/cases/{case.pk}/handler/", {"unit": paired.yongle.pk, "part": "协调"})
    clerk.post(f"/cases/{case.pk}/handler/", {"party_name": "物业公司", "part": "维修屋顶"})
    clerk.post(f"/cases/{case.pk}/meeting/", {"kind": "onsite", "held_on": "2026-11-02", "participants": "民政局、物业公司", "decisions": "物业公司：三日内维修"})
    bad = clerk.post(f"/cases/{case.pk}/meeting/", {"kind": "onsite", "held_on": "not a date", "participants": "x", "decisions": "x：y"}, follow=True)
    assert "会议日期" in bad.content.decode()
    clerk.post(f"/cases/{case.pk}/resolve/", {"note": "已维修"})
    case.refresh_from_db()
    assert case.status == Status.RESOLVED and Handler.objects.filter(case=case).count() == 3 and case.meetings.count() == 1
    page = secretary.get(f"/cases/{case.pk}/").content.decode()
    assert "回访" in page and "现场碰头会" in page and "物业公司：三日内维修" not in page and "三日内维修" in page


def test_the_list_marks_an_overdue_case_red(paired, raise_case, settings):
    raise_case(now=dt.datetime(2026, 9, 30, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    settings.QZ_NOW = "2026-10-08T18:00:00+08:00"
    page = _client(paired.clerk).get("/cases/").content.decode()
    assert 'class="overdue"' not in page
    settings.QZ_NOW = "2026-10-09T08:00:00+08:00"
    page = _client(paired.clerk).get("/cases/").content.decode()
    assert 'class="overdue"' in page and "已超期" in page
