"""Who sees and does what: the county office sees its county's registry and rectifies it (survey, filing, close, merge);
a department registers and closes only its own; a community sees what it must use; another county sees nothing.
Every change leaves an audit event, and every denied action leaves everything as it was."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qingzhuang.audit.models import Event
from qingzhuang.govapps import selectors, services
from qingzhuang.govapps.models import Entry, Requirement
from qingzhuang.govapps.testing import register, state

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def test_each_persona_sees_what_concerns_it(world):
    mine = register(world, units=[world.xincheng])
    elsewhere = register(world, name="长发村产业群", kind="group", purpose="产业信息", units=[world.changfa], filing_status="not_filed",
                         filing_number="", filed_on=None)

    assert set(selectors.entries_visible(world.reviewer)) == {mine, elsewhere} == set(selectors.entries_visible(world.leader))
    assert set(selectors.entries_visible(world.secretary)) == {mine} and set(selectors.entries_visible(world.worker)) == {mine}
    assert set(selectors.entries_visible(world.street_officer)) == {mine}  # imposed on 新城社区, below 永乐街道
    assert not selectors.entries_visible(world.outsider).exists() and not selectors.entries_visible(world.rider).exists()


def test_denied_actions_change_nothing(world):
    entry = register(world)
    successor = register(world, name="另一应用", purpose="另一用途")
    requirement = entry.requirements.order_by("id")[0]
    before = state()

    denied = [
        lambda: register(world, actor=world.secretary),
        lambda: register(world, actor=world.outsider),
        lambda: register(world, actor=world.clerk, owner=world.education),
        lambda: services.entry_close(actor=world.secretary, entry=entry, closed_on=dt.date(2026, 11, 27), reason="关停"),
        lambda: services.entry_close(actor=world.outsider, entry=entry, closed_on=dt.date(2026, 11, 27), reason="关停"),
        lambda: services.entry_filing_set(actor=world.street_officer, entry=entry, filing_status="refused"),
        lambda: services.requirement_end(actor=world.secretary, requirement=requirement, until=dt.date(2026, 11, 27)),
        lambda: services.requirements_add(actor=world.street_officer, entry=entry, units=[world.xincheng]),
        lambda: services.entry_record_found(actor=world.clerk, owner=world.civil_affairs, name="某群", kind="group", purpose="通知",
                                            units=[world.xincheng], since=dt.date(2025, 1, 1)),
        lambda: services.entry_merge(actor=world.clerk, entries=[entry], into=successor, merged_on=dt.date(2026, 11, 27), reason="合并"),
    ]
    for call in denied:
        with pytest.raises(PermissionDenied):
            call()
    assert state() == before and Entry.objects.get(pk=entry.pk).status == "active"


def test_every_change_is_audited(world):
    start = Event.objects.count()
    entry = register(world)  # the entry and its two requirements
    after_register = Event.objects.count()
    services.entry_filing_set(actor=world.reviewer, entry=entry, filing_status="filed", filing_number="陕网信备2号", filed_on=dt.date(2026, 4, 1))
    services.requirement_end(actor=world.clerk, requirement=entry.requirements.order_by("id")[0], until=dt.date(2026, 11, 27))
    before_close = Event.objects.count()
    services.entry_close(actor=world.reviewer, entry=entry, closed_on=dt.date(2026, 11, 27), reason="关停")

    assert after_register - start == 3 and before_close - after_register == 2
    assert Event.objects.count() - before_close == 2  # the entry and its one open requirement
    assert set(Event.objects.filter(pk__gt=0).values_list("model", flat=True)) >= {"govapps.entry", "govapps.requirement"}


def test_the_pages_and_the_api_check_scope(world, client_for):
    entry = register(world, units=[world.xincheng])
    requirement = Requirement.objects.get(entry=entry)

    outsider = client_for(world.outsider)
    assert outsider.get(f"/govapps/{entry.pk}/").status_code == 403
    assert outsider.get(f"/govapps/unit/{world.xincheng.pk}/").status_code == 403
    assert outsider.get(f"/api/v1/govapps/entries/{entry.pk}").status_code == 403
    assert outsider.get("/api/v1/govapps/entries").json() == []
    before = state()
    assert outsider.post(f"/govapps/{entry.pk}/", {"action": "close", "ended_on": "2026-11-27", "reason": "关停"}).status_code == 403
    secretary = client_for(world.secretary)
    assert secretary.post(f"/govapps/{entry.pk}/", {"action": "end", "requirement": requirement.pk, "until": "2026-11-27"}).status_code == 403
    assert secretary.post(f"/api/v1/govapps/requirements/{requirement.pk}/end", {"until": "2026-11-27"}, content_type="application/json").status_code == 403
    assert secretary.get("/govapps/new/").status_code == 403
    assert state() == before
    assert [r["name"] for r in secretary.get(f"/api/v1/govapps/units/{world.xincheng.pk}/required").json()] == ["镇安民政服务"]
    assert secretary.get(f"/api/v1/govapps/units/{world.changfa.pk}/required").status_code == 403
