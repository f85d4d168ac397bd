"""On a 390 px phone: the ledger board's wide tables scroll inside their cards, every menu item is in sight,
and no table header wraps one character per line."""

import pytest

from qingzhuang.ledger.tests.data import fill
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_ledger_board_fits_a_phone_with_its_wide_tables_scrolling_inside_their_cards(phone_page, live_server, live_world):
    fill(live_world)
    page = phone_page
    login(page, live_server, "reviewer", PASSWORD)

    page.goto(f"{live_server.url}/ledger/")

    assert not scrolls_sideways(page), page.evaluate("document.scrollingElement.scrollWidth")
    cards = page.locator("section.card").all()
    assert all(card.bounding_box()["width"] <= 390 for card in cards)
    # A header is at least two characters wide: nothing wraps one character per line.
    narrow = page.evaluate("""() => [...document.querySelectorAll('th')].filter(th => th.offsetWidth > 0 && th.textContent.trim().length > 1
        && th.getClientRects()[0].height > 2.5 * parseFloat(getComputedStyle(th).lineHeight)).map(th => th.textContent.trim())""")
    assert narrow == []
    shot(page, "ledger-board-zh-390")
    shot(page, "ledger-board-zh-390-full", full_page=True)


def test_every_menu_item_is_in_sight_on_a_phone_without_scrolling_the_menu(phone_page, live_server, live_world):
    page = phone_page
    login(page, live_server, "reviewer", PASSWORD)
    menu = page.get_by_role("navigation", name="主菜单")

    for group in menu.locator("details.navgroup").all():
        group.locator("summary").click()
    links = menu.locator("a").all()

    assert len(links) >= 8
    for link in links:
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, link.text_content()
    assert page.evaluate("document.querySelector('nav.mainnav').scrollWidth <= document.querySelector('nav.mainnav').clientWidth")
    shot(page, "menu-all-open-zh-390")


def test_a_list_marked_as_cards_reads_as_cards_on_a_phone_with_each_value_under_its_column_name(phone_page, live_server, live_world, settings):
    from qingzhuang.secondments.testing import approved

    settings.QZ_TODAY = "2026-11-27"
    approved(live_world)
    page = phone_page
    login(page, live_server, "reviewer", PASSWORD)

    page.goto(f"{live_server.url}/secondments/")

    # The template writes no labels: tables.js copies each column's name from the header into its cells.
    first = page.locator("table.table-cards tbody tr").first.locator("td").first
    assert first.get_attribute("data-label") == "人员"
    assert page.locator("table.table-cards thead").evaluate("el => getComputedStyle(el).display") == "none"
    assert not scrolls_sideways(page)
    shot(page, "secondments-as-cards-zh-390", full_page=True)
