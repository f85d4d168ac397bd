import pytest
from django.utils import timezone
from django.utils.translation import override

from qingzhuang.gate.models import Notice
from qingzhuang.gate.services import notice_text, quota_set, quota_take

pytestmark = pytest.mark.django_db


def fill(world, count):
    year = timezone.localdate().year
    quota_set(actor=None, unit=world.civil_affairs, year=year, kind="documents", limit=count)
    for i in range(count):
        quota_take(actor=None, unit=world.civil_affairs, year=year, kind="documents", item=world.xincheng if i == 0 else world.changfa if i == 1 else world.yongle)


def test_a_quota_turning_red_notifies_the_unit_and_the_county_office_naming_both_in_chinese(world):
    fill(world, 2)
    notices = Notice.objects.filter(level="danger").order_by("id")
    assert {n.unit for n in notices} == {world.civil_affairs, world.office}
    with override("zh-hans"):
        text = notice_text(notices[0])
    assert "镇安县民政局" in text and "发文" in text and "红" in text, text


def test_the_home_page_shows_the_units_notices_and_they_can_be_marked_read(world, client_for):
    fill(world, 2)
    client = client_for(world.clerk)
    home = client.get("/")
    assert any("镇安县民政局" in item.title for item in home.context["attention"])
    notice = Notice.objects.filter(unit=world.civil_affairs).order_by("id")[0]
    assert client.post(f"/gate/notices/{notice.pk}/read/").status_code == 302
    notice.refresh_from_db()
    assert notice.read
    assert not any("镇安县民政局" in item.title and "红" in item.title for item in client.get("/").context["attention"] if item.level == "danger")


def test_others_cannot_mark_a_units_notice_read(world, client_for):
    fill(world, 2)
    notice = Notice.objects.filter(unit=world.civil_affairs).order_by("id")[0]
    assert client_for(world.secretary).post(f"/gate/notices/{notice.pk}/read/").status_code == 403
    assert client_for(world.outsider).post(f"/api/v1/gate/notices/{notice.pk}/read").status_code == 403
    notice.refresh_from_db()
    assert not notice.read


def _red_alerts_on_home(client):
    return [item for item in client.get("/").context["attention"] if item.level == "danger" and "镇安县民政局" in item.title]


@pytest.mark.parametrize("persona", ["reviewer", "clerk", "leader", "admin"])
def test_each_quota_alert_shows_once_on_the_home_page_of_everyone_who_is_told(world, client_for, persona):
    fill(world, 2)

    alerts = _red_alerts_on_home(client_for(getattr(world, persona)))

    assert len(alerts) == 1, [a.title for a in alerts]


def test_the_county_office_reading_its_copy_leaves_the_departments_copy_unread(world, client_for):
    fill(world, 2)
    office_copy = Notice.objects.get(unit=world.office, level="danger")
    department_copy = Notice.objects.get(unit=world.civil_affairs, level="danger")

    assert client_for(world.reviewer).post(f"/gate/notices/{office_copy.pk}/read/").status_code == 302

    office_copy.refresh_from_db()
    department_copy.refresh_from_db()
    assert office_copy.read and not department_copy.read
    assert _red_alerts_on_home(client_for(world.reviewer)) == []
    assert len(_red_alerts_on_home(client_for(world.clerk))) == 1


def test_the_county_office_cannot_mark_a_departments_copy_read_for_it(world, client_for):
    fill(world, 2)
    department_copy = Notice.objects.get(unit=world.civil_affairs, level="danger")

    assert client_for(world.reviewer).post(f"/gate/notices/{department_copy.pk}/read/").status_code == 403

    department_copy.refresh_from_db()
    assert not department_copy.read
