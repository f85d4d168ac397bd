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


# Files and reports are links too, but making them is slow and they are not pages to walk.
NOT_WALKED = ("/accounts/", "/static/", "/api/", "export=", "/report", ".ics", "/feed")


def walk(page, live_server, *, start="/", max_pages=30):
    """Open pages breadth-first from ``start``; every link shown on them must open for this person."""
    broken, checked, queue, opened = [], set(), [start], set()
    while queue and len(opened) < max_pages:
        path = queue.pop(0)
        if path in opened:
            continue
        opened.add(path)
        page.goto(f"{live_server.url}{path}")
        for link in page.locator("a[href]").all():
            href = (link.get_attribute("href") or "").split("#")[0]
            if not href.startswith("/") or href in checked or link.get_attribute("download") is not None:
                continue
            checked.add(href)
            if any(part in href for part in NOT_WALKED):
                continue
            response = page.request.get(f"{live_server.url}{href}")
            if not response.ok or "/login/" in response.url:
                broken.append(f"on {path}: {(link.text_content() or '').strip()} → {href} ({response.status})")
            elif "text/html" in response.headers.get("content-type", ""):
                queue.append(href)
    return broken, opened


@pytest.mark.parametrize(
    "persona", ["reviewer", "clerk", "leader", "street_officer", "secretary", "worker", "rider", "outsider"]
)
def test_no_role_is_shown_a_link_it_may_not_open_on_any_page_it_reaches(page, live_server, live_world, persona):
    from django.utils import timezone

    from qingzhuang.gate.services import quota_set

    # A quota makes the ledger board show its quota table and the link to the gate's board under it.
    quota_set(actor=None, unit=live_world.civil_affairs, year=timezone.localdate().year, kind="documents", limit=5)
    login(page, live_server, persona, PASSWORD)

    broken, opened = walk(page, live_server)

    assert len(opened) > 1
    if broken:
        raise LinksThatDoNotOpen("\n".join(broken))
