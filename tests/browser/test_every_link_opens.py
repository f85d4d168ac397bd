"""A link a person is shown leads to a page they may open, not to 无权访问 or a foreign login form."""

import pytest

from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class LinksThatDoNotOpen(AssertionError):
    """Only this failure is the known one: a broken login or a server error still fails the test."""


def links_that_do_not_open(page, live_server, paths):
    broken, checked = [], set()
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        for link in page.locator("a[href]").all():  # the menu's closed groups included
            href = link.get_attribute("href") or ""
            if not href.startswith("/") or href in checked or href.startswith("/accounts/"):
                continue
            checked.add(href)
            response = page.request.get(f"{live_server.url}{href}")
            if not response.ok or "/login/" in response.url:
                broken.append(f"on {path}: {(link.text_content() or '').strip()} → {href} ({response.status} {response.url})")
    return broken


@pytest.mark.parametrize("username", ["reviewer", "secretary"])
def test_every_link_on_the_home_and_unit_pages_opens_for_the_person_who_sees_it(
    page, live_server, live_world, username
):
    login(page, live_server, username, PASSWORD)

    broken = links_that_do_not_open(page, live_server, ["/", "/org/", f"/org/units/{live_world.xincheng.pk}/"])

    if broken:
        raise LinksThatDoNotOpen("\n".join(broken))
