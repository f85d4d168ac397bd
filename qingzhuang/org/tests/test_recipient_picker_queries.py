"""The picker reads the units, their towns and the saved groups in a fixed number of queries, and the pinyin
keys it searches are the units' stored ones: a county twice the size costs the form no more queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qingzhuang.org import services
from qingzhuang.org.models import Region, Unit, UnitKind
from qingzhuang.org.testing import build_weibin

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/documents/new/", "/meetings/new/"])
def test_twice_the_units_and_more_groups_cost_the_form_no_more_queries(client, url):
    weibin = build_weibin()
    services.recipient_group_create(actor=weibin.clerk, owner=weibin.civil_affairs, name="城区社区",
                                    members=list(weibin.grassroots.values())[:5])
    client.force_login(weibin.clerk)
    _queries(client, url)
    before = _queries(client, url)

    street = weibin.streets["金陵街道"]
    for i in range(40):
        region = services.region_create(actor=None, parent=street.region, name=f"测试{i}社区")
        services.unit_create(actor=None, name=f"测试{i}社区", kind=UnitKind.COMMUNITY, region=region, parent=street)
    services.recipient_group_create(actor=weibin.clerk, owner=weibin.civil_affairs, name="新增社区",
                                    members=list(Unit.objects.filter(name__startswith="测试")))
    after = _queries(client, url)

    assert Region.objects.filter(name__startswith="测试").count() == 40
    assert after == before


def test_the_page_carries_each_units_stored_pinyin_keys(client):
    weibin = build_weibin()
    client.force_login(weibin.clerk)

    html = client.get("/documents/new/").content.decode()

    assert 'data-name="新渭路社区" data-pinyin="xinweilushequ" data-initials="xwlsq"' in html
