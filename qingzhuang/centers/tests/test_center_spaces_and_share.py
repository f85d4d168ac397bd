"""A center, its opening hours and spaces: the share of area serving residents is summed from the space records."""

import datetime as dt
from decimal import Decimal

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.centers import selectors, services
from qingzhuang.centers.demo import seed
from qingzhuang.centers.errors import CenterError
from qingzhuang.centers.models import Center, OpeningHours, Service, Slot, SlotPattern, Space
from qingzhuang.centers.testing import BLANKS, HUGE, NUMBERS, UNSTORABLE, build_center
from qingzhuang.org.demo import DemoContext


def test_the_resident_share_is_summed_from_the_spaces(world):
    place = build_center(world)

    area = selectors.area_of(place.center)

    assert (area.total, area.residents, area.share) == (Decimal("100.0"), Decimal("95.0"), Decimal("95.0"))
    services.space_update(actor=world.secretary, space=place.office, name="办公室", function="社区办公", area="15", use="office")
    assert selectors.area_of(place.center).share == (Decimal("9500") / Decimal("110")).quantize(Decimal("0.1"))


def test_caochangpo_demo_center_is_about_900_square_metres_with_95_percent_for_residents(world):
    seed(DemoContext(units={"草场坡社区": world.caochangpo}))

    center = Center.objects.get(community=world.caochangpo)
    area = selectors.area_of(center)

    assert 850 <= area.total <= 950
    assert area.share is not None and round(area.share) == 95
    assert Slot.objects.filter(service__center=center).exists()
    usage = selectors.usage_by_center([center], dt.date(2000, 1, 1), dt.date(2100, 1, 1))[center.pk]
    assert usage.check_ins > usage.no_shows > 0


def test_a_center_has_no_share_without_spaces(world):
    center = services.center_create(actor=world.secretary, community=world.xincheng, name="中心", code="empty", address="地址")

    assert selectors.area_of(center).share is None


@pytest.mark.parametrize("field", ["name", "address"])
@pytest.mark.parametrize("value", [*BLANKS, *UNSTORABLE, HUGE])
def test_hostile_center_text_is_refused_and_nothing_written(world, field, value):
    values = {"name": "中心", "address": "地址", "code": "abc", field: value}

    with pytest.raises(CenterError) as caught:
        services.center_create(actor=world.secretary, community=world.xincheng, **values)

    assert caught.value.field == field and caught.value.message
    assert Center.objects.count() == 0


@pytest.mark.parametrize("code", ["", "A", "草场坡", "a b", "x" * 41, "-ab", "a\x00b"])
def test_a_bad_public_code_is_refused(world, code):
    with pytest.raises(CenterError) as caught:
        services.center_create(actor=world.secretary, community=world.xincheng, name="中心", code=code, address="地址")

    assert caught.value.code == "code_invalid"
    assert Center.objects.count() == 0


def test_a_code_is_used_once_and_a_department_has_no_center(world):
    build_center(world)

    with pytest.raises(CenterError) as taken:
        services.center_create(actor=None, community=world.xincheng, name="另一个", code="xincheng", address="地址")
    with pytest.raises(CenterError) as kind:
        services.center_create(actor=None, community=world.civil_affairs, name="中心", code="other", address="地址")

    assert (taken.value.code, kind.value.code) == ("code_taken", "not_community")
    assert Center.objects.count() == 1


@pytest.mark.parametrize("area", ["0", "-5", "1" + "0" * 23, "abc", "", "\u3000", "NaN", "Infinity", "12.34", "1e3", None, True])
def test_a_bad_area_is_refused(world, area):
    place = build_center(world)

    with pytest.raises(CenterError) as caught:
        services.space_create(actor=world.secretary, center=place.center, name="新房间", function="活动", area=area, use="residents")

    assert caught.value.code == "area_invalid"
    assert Space.objects.count() == 2


@pytest.mark.parametrize("field", ["name", "function", "use"])
@pytest.mark.parametrize("value", [*BLANKS, *UNSTORABLE, HUGE])
def test_hostile_space_fields_are_refused(world, field, value):
    place = build_center(world)
    values = {"name": "新房间", "function": "活动", "area": "10", "use": "residents", field: value}

    with pytest.raises(CenterError) as caught:
        services.space_create(actor=world.secretary, center=place.center, **values)

    assert caught.value.field == field
    assert Space.objects.count() == 2


def test_full_width_digits_in_an_area_are_read(world):
    place = build_center(world)

    space = services.space_create(actor=world.secretary, center=place.center, name="阅览室", function="阅读", area="１２０.５", use="residents")

    assert space.area == Decimal("120.5")


def test_a_space_with_services_cannot_be_removed(world):
    place = build_center(world)

    with pytest.raises(CenterError) as caught:
        services.space_delete(actor=world.secretary, space=place.hall)
    services.space_delete(actor=world.secretary, space=place.office)

    assert caught.value.code == "space_in_use"
    assert list(Space.objects.values_list("name", flat=True)) == ["健康小屋"]


@pytest.mark.parametrize("field, value", [("name", ""), ("name", HUGE), ("kind", "magic"), ("capacity", "0"), *[("capacity", n) for n in NUMBERS],
                                          ("capacity", "501"), ("space_id", "999999"), ("space_id", "10" + "0" * 23), ("description", "a\x00")])
def test_hostile_service_fields_are_refused(world, field, value):
    place = build_center(world)
    values = {"name": "托育", "kind": "child_care", "capacity": 5, "description": "", "space_id": place.hall.pk, field: value}

    with pytest.raises(CenterError):
        services.service_create(actor=world.secretary, center=place.center, **values)

    assert Service.objects.count() == 1


def test_a_space_of_another_center_is_refused_for_a_service(world):
    place = build_center(world)
    other = services.center_create(actor=None, community=world.caochangpo, name="草场坡", code="ccp", address="地址")
    foreign = services.space_create(actor=None, center=other, name="厅", function="服务", area="10", use="residents")

    with pytest.raises(CenterError) as caught:
        services.service_create(actor=world.secretary, center=place.center, space_id=foreign.pk, name="托育", kind="child_care", capacity=5)

    assert caught.value.code == "space_unknown"


@pytest.mark.parametrize("times", [("18:00", "08:00"), ("25:00", "26:00"), ("", ""), ("a\x00", "b"), ("9" * 100, "10:00")])
def test_bad_opening_hours_are_refused_and_the_old_ones_kept(world, times):
    place = build_center(world)

    with pytest.raises(CenterError):
        services.hours_set(actor=world.secretary, center=place.center, week={0: times})

    assert OpeningHours.objects.filter(center=place.center).count() == 7


@pytest.mark.parametrize("weekday", ["7", "-5", "10" + "0" * 23, "周一"])
def test_a_bad_weekday_is_refused(world, weekday):
    place = build_center(world)

    with pytest.raises(CenterError):
        services.pattern_add(actor=world.secretary, service=place.service, weekday=weekday, starts="09:00", ends="10:00")

    assert SlotPattern.objects.count() == 0


def test_slots_are_made_on_open_days_and_not_on_a_closed_weekday_or_a_public_holiday(world, settings):
    settings.QZ_TODAY = dt.date(2026, 9, 28)  # a Monday; 10-01 to 10-07 is the National Day holiday
    place = build_center(world)
    services.hours_set(actor=world.secretary, center=place.center, week={6: None})  # closed on Sundays
    for weekday in range(7):
        services.pattern_add(actor=world.secretary, service=place.service, weekday=weekday, starts="09:00", ends="10:00")
    services.pattern_add(actor=world.secretary, service=place.service, weekday=0, starts="19:00", ends="20:00")  # after closing

    made = services.slots_generate(actor=world.secretary, service=place.service, start=dt.date(2026, 9, 28), days=14)
    again = services.slots_generate(actor=world.secretary, service=place.service, start=dt.date(2026, 9, 28), days=14)

    days = set(Slot.objects.filter(service=place.service, starts=dt.time(9)).values_list("day", flat=True))
    assert dt.date(2026, 10, 1) not in days and dt.date(2026, 10, 4) not in days  # holiday; a Sunday
    assert dt.date(2026, 9, 30) in days and dt.date(2026, 10, 8) in days
    assert not Slot.objects.filter(starts=dt.time(19)).exists()
    assert again == 0 and made == len(days) - 1  # the helper made tomorrow's 09:00 already


def test_a_center_open_on_holidays_gets_slots_on_them(world, settings):
    settings.QZ_TODAY = dt.date(2026, 9, 28)
    place = build_center(world)
    services.center_update(actor=world.secretary, center=place.center, name=place.center.name, address="地址", closed_on_holidays=False)
    services.pattern_add(actor=world.secretary, service=place.service, weekday=3, starts="09:00", ends="10:00")

    services.slots_generate(actor=world.secretary, service=place.service, start=dt.date(2026, 9, 28), days=7)

    assert Slot.objects.filter(day=dt.date(2026, 10, 1), starts=dt.time(9)).exists()


@pytest.mark.parametrize("days", ["0", "93", "10" + "0" * 23, "-5", "abc"])
def test_slot_generation_refuses_a_bad_number_of_days(world, days):
    place = build_center(world)

    with pytest.raises(CenterError):
        services.slots_generate(actor=world.secretary, service=place.service, start=dt.date(2026, 1, 1), days=days)

    assert Slot.objects.count() == 1


def test_every_staff_change_is_audited(world):
    before = Event.objects.count()
    place = build_center(world)  # center, 7 hours, 2 spaces, a service
    services.center_update(actor=world.secretary, center=place.center, name="新名称", address="地址")
    services.space_update(actor=world.secretary, space=place.office, name="办公室", function="办公", area="6", use="office")
    pattern = services.pattern_add(actor=world.secretary, service=place.service, weekday=0, starts="09:00", ends="10:00")
    services.pattern_remove(actor=world.secretary, pattern=pattern)
    services.slot_seats_set(actor=world.secretary, slot=place.slot, seats=5)
    services.service_update(actor=world.secretary, service=place.service, space_id=place.hall.pk, name="健康检测", kind="health", capacity=3)
    services.space_delete(actor=world.secretary, space=place.office)

    mine = Event.objects.filter(actor=world.secretary)
    assert Event.objects.count() - before == 11 + 7
    assert set(mine.values_list("model", flat=True)) == {"centers.center", "centers.space", "centers.slotpattern", "centers.slot", "centers.service"}


def test_seats_cannot_go_below_the_bookings(world):
    place = build_center(world)
    services.booking_make(actor=None, slot_id=place.slot.pk, name="王秀英", phone="13912345678")

    with pytest.raises(CenterError) as caught:
        services.slot_seats_set(actor=world.secretary, slot=place.slot, seats=0)

    assert caught.value.code == "slot_has_bookings"
    place.slot.refresh_from_db()
    assert place.slot.seats == 2
