"""A resident books the last seat of a slot on the center's public page (no login, on a desktop and on a 390 px
phone); the next resident is refused politely in Chinese and offered the next free slot, which they book."""

import pytest

from qingzhuang.centers.models import Booking
from qingzhuang.centers.testing import build_center, later_slot
from qingzhuang.org.testing import PASSWORD
from qingzhuang.workdays.seed import seed_if_empty
from tests.browser.support import login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _book(page, name, phone):
    page.get_by_label("您的姓名").fill(name)
    page.get_by_label("手机号码").fill(phone)
    page.get_by_role("button", name="确认预约").click()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_last_seat_is_booked_once_and_the_next_resident_is_offered_another_time(open_page, live_server, live_world, device,
                                                                                   browser_errors):
    from tests.browser.support import DESKTOP, PHONE

    seed_if_empty()  # the working-day calendar, as a running site has it (the page reads its holidays)
    place = build_center(live_world, seats=1)
    later = later_slot(place, hour=11)
    first = open_page(**(PHONE if device == "phone" else DESKTOP))
    second = open_page(**(PHONE if device == "phone" else DESKTOP))
    # Both residents open the slot while its one seat is free.
    for page in (first, second):
        # The live server's first request loads every app's pages and catalogues: on a loaded machine, past 10 s.
        page.goto(f"{live_server.url}/c/xincheng/", timeout=60_000)
        page.get_by_role("link", name="预约").first.click()
    assert not scrolls_sideways(first)
    first.go_back()
    shot(first, f"centers-public-{device}", full_page=True)
    first.go_forward()
    size = first.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 18

    _book(first, "王秀英", "139 1234 5678")
    first.get_by_text("您已成功预约").wait_for()
    code = Booking.objects.get(phone="13912345678").code
    assert first.get_by_text(code).is_visible()
    shot(first, f"centers-booked-{device}")

    browser_errors.allow(r"status of 409 \(Conflict\)")  # the full slot's page answers 409, on purpose
    _book(second, "李桂兰", "13912345679")
    alert = second.get_by_role("alert")
    assert "抱歉" in alert.inner_text() and "已约满" in alert.inner_text()
    shot(second, f"centers-full-{device}", full_page=True)
    second.get_by_role("link", name="改约").click()
    _book(second, "李桂兰", "13912345679")
    second.get_by_text("您已成功预约").wait_for()

    assert list(Booking.objects.order_by("id").values_list("slot_id", flat=True)) == [place.slot.pk, later.pk]


def test_staff_see_the_share_and_todays_list(page, live_server, live_world):
    build_center(live_world)
    login(page, live_server, "secretary", PASSWORD)

    page.goto(f"{live_server.url}/centers/")
    page.get_by_role("link", name="新城社区党群服务中心").click()

    assert page.get_by_text("95.0%").first.is_visible()
    shot(page, "centers-center-desktop", full_page=True)
