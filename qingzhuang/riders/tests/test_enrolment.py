"""Community staff enrol riders and record their status over time; membership on any day is counted from those
records; the phone is masked for staff who do not need it; hostile input is refused in Chinese and writes nothing."""

import datetime as dt

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.riders import selectors, services
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import Rider, StatusChange

pytestmark = pytest.mark.django_db

HOSTILE = ["", "　 ", "\u00a0", "\u200b\u200b", "\ud800", "a\x00b", "字" * 100_000]


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def _enrol(world, **overrides):
    values = {"actor": world.secretary, "community": world.xincheng, "name": "马骏", "phone": "13912340001",
              "duties": ["safety_publicist", "road_clearer"], "joined_on": dt.date(2024, 3, 1), "platform": "meituan",
              "station": "美团永乐站", "title": "永乐骑士"}
    return services.rider_enrol(**{**values, **overrides})


def test_enrolment_starts_an_active_status_and_is_audited(world):
    rider = _enrol(world, phone="＋86 139-1234-0001")

    assert rider.phone == "13912340001" and rider.duties == ["safety_publicist", "road_clearer"]
    assert list(rider.statuses.values_list("status", "since")) == [("active", dt.date(2024, 3, 1))]
    assert Event.objects.filter(model="riders.rider", object_id=str(rider.pk), action="create").exists()


def test_membership_on_a_day_counts_joins_pauses_and_leavings_from_the_records(world):
    first = _enrol(world)
    second = _enrol(world, name="李强", phone="13912340002", joined_on=dt.date(2024, 6, 1))
    services.rider_status_set(actor=world.secretary, rider=first, status="paused", since=dt.date(2024, 7, 1))
    services.rider_status_set(actor=world.secretary, rider=second, status="left", since=dt.date(2025, 2, 1), note="离开辖区")

    counts = [selectors.members_on(world.secretary, world.xincheng, dt.date(*d)) for d in ((2024, 2, 1), (2024, 3, 1), (2024, 8, 1), (2025, 2, 1))]

    assert counts == [0, 1, 2, 1]
    assert selectors.joined_and_left(world.secretary, world.xincheng, dt.date(2024, 1, 1), dt.date(2026, 1, 1)) == (2, 1)


def test_status_changes_must_move_forward_and_a_rider_who_left_stays_left(world):
    rider = _enrol(world)
    services.rider_status_set(actor=world.secretary, rider=rider, status="left", since=dt.date(2025, 1, 1))
    before = StatusChange.objects.count()

    for status, since, code in (("active", dt.date(2025, 6, 1), "already_left"), ("paused", dt.date(2023, 1, 1), "status_before_joined"),
                                ("nonsense", dt.date(2025, 6, 1), "not_a_choice"), ("paused", dt.date(2027, 1, 1), "date_in_future")):
        with pytest.raises(RiderError) as exc:
            services.rider_status_set(actor=world.secretary, rider=rider, status=status, since=since)
        assert exc.value.code == code
    assert StatusChange.objects.count() == before


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_is_refused_and_nothing_is_written(world, name):
    with pytest.raises(RiderError) as exc:
        _enrol(world, name=name)
    assert any(word in exc.value.message for word in ("姓名", "字符"))
    assert Rider.objects.count() == 0 and StatusChange.objects.count() == 0


@pytest.mark.parametrize(("field", "value", "code"), [
    ("phone", "12345", "phone_invalid"), ("phone", "1" * 100_000, "phone_invalid"), ("phone", "\x00", "phone_invalid"),
    ("phone", 10**23, "phone_invalid"), ("phone", -5, "phone_invalid"), ("duties", [], "no_duty"), ("duties", ["hacker"], "not_a_choice"),
    ("joined_on", "2026-13-40", "date_invalid"), ("joined_on", "2030-01-01", "date_in_future"), ("joined_on", "1900-01-01", "date_too_early"),
    ("platform", "淘宝", "not_a_choice"), ("station", "站" * 101, "too_long"),
])
def test_hostile_values_are_refused_in_chinese_and_nothing_is_written(world, field, value, code):
    with pytest.raises(RiderError) as exc:
        _enrol(world, **{field: value})
    assert exc.value.code == code and any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.message)
    assert Rider.objects.count() == 0


def test_one_phone_is_enrolled_once_per_community(world):
    _enrol(world)
    with pytest.raises(RiderError) as exc:
        _enrol(world, name="另一人")
    assert exc.value.code == "phone_taken" and Rider.objects.count() == 1


def test_staff_of_another_community_or_county_and_riders_cannot_enrol_and_nothing_changes(world):
    for actor in (world.outsider, world.rider, world.clerk):
        with pytest.raises(Exception, match="范围|scope"):
            _enrol(world, actor=actor)
    assert Rider.objects.count() == 0


def test_the_page_masks_the_phone_for_a_worker_and_shows_it_to_the_secretary(world, client_for):
    _enrol(world)
    worker_page = client_for(world.worker).get("/riders/").content.decode()
    assert "139****0001" in worker_page and "13912340001" not in worker_page
    secretary_page = client_for(world.secretary).get("/riders/").content.decode()
    assert "13912340001" in secretary_page and "马骏" in secretary_page


def test_the_page_enrols_and_records_status_and_refuses_bad_input_with_400(world, client_for):
    client = client_for(world.secretary)
    bad = client.post("/riders/", {"action": "enrol", "community": world.xincheng.pk, "name": "　", "phone": "13912340001",
                                   "duties": ["caring_helper"], "joined_on": "2025-05-01"})
    good = client.post("/riders/", {"action": "enrol", "community": world.xincheng.pk, "name": "王伟", "phone": "13912340001",
                                    "duties": ["caring_helper"], "joined_on": "2025-05-01", "platform": "eleme", "title": "新渭骑士"})
    rider = Rider.objects.get()
    paused = client.post("/riders/", {"action": "status", "community": world.xincheng.pk, "rider": rider.pk, "status": "paused",
                                      "since": "2025-10-01"})

    assert bad.status_code == 400 and "姓名" in bad.content.decode()
    volunteer = client.post("/riders/", {"action": "enrol", "community": world.xincheng.pk, "name": "黄丽", "phone": "13912340002",
                                         "duties": ["caring_helper"], "joined_on": "2025-05-01", "platform": "", "kind": "volunteer"})
    assert good.status_code == 302 and paused.status_code == 302 and volunteer.status_code == 302
    assert rider.statuses.latest("since").status == "paused"


def test_the_outsider_sees_no_riders_of_another_county(world, client_for):
    _enrol(world)
    page = client_for(world.outsider).get("/riders/")
    assert page.status_code == 200 and "马骏" not in page.content.decode()
    assert client_for(world.rider).get("/riders/").status_code == 403
