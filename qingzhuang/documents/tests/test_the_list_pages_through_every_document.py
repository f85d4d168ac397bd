"""The clerk's list shows 50 documents a page, newest first, and pages on to the oldest: no document is out of reach
(the list stopped at 200 before); the pager keeps the search; a hostile search or cursor is an ordinary page."""

import re

import pytest
from django.urls import reverse

from qingzhuang.documents import services
from qingzhuang.documents.models import Document

pytestmark = pytest.mark.django_db


def _drafts(world, count):
    for i in range(count):
        services.document_create(actor=world.clerk, issuer=world.civil_affairs, title=f"草稿{i:03d}", text="正文", recipients=[world.xincheng])


def _titles(html):
    return re.findall(r">(草稿\d{3})</a>", html)


def test_the_clerk_pages_from_the_newest_to_the_oldest_draft_and_sees_each_once(world, client_for):
    _drafts(world, 120)
    client = client_for(world.clerk)
    seen, url = [], reverse("documents:list") + "?q=草稿"
    for _ in range(5):
        html = client.get(url).content.decode()
        seen += _titles(html)
        found = re.search(r'href="(\?q=[^"]*after=[^"]*)"', html)
        if not found:
            break
        url = reverse("documents:list") + found.group(1).replace("&amp;", "&")

    assert len(seen) == 120 and len(set(seen)) == 120
    assert seen[0] == "草稿119" and seen[-1] == "草稿000"
    assert "第一页" in html and "更早的公文" not in html


@pytest.mark.parametrize("query", ["?after=garbage", "?after=99999999999999999.1", "?after=-5.3", "?q=" + "长" * 100_000, "?q=%ED%A0%80",
                                   "?q=%E3%80%80", "?status=bogus"])
def test_a_hostile_cursor_or_search_is_an_ordinary_page(world, client_for, query):
    _drafts(world, 2)
    response = client_for(world.clerk).get(reverse("documents:list") + query)
    assert response.status_code == 200
    assert Document.objects.count() == 2


def test_a_nul_in_the_search_is_refused_before_the_list_is_read(world, client_for):
    response = client_for(world.clerk).get(reverse("documents:list") + "?q=%00")
    assert response.status_code == 400
