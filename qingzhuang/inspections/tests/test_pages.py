"""The pages: a department proposes, the county office merges in the plan and files it, the unit sees
what is coming, the county board shows the 督检考 section; scoped to each county's tree."""

import pytest
from django.urls import reverse

from qingzhuang.inspections import services
from qingzhuang.inspections.models import Item, ItemStatus
from qingzhuang.inspections.tests.factories import CLEAN_CRITERIA, filed, propose, window
from qingzhuang.lib import clock

pytestmark = pytest.mark.django_db


def _form(world, **kw):
    start, end = window(12)
    data = {
        "lead": world.civil_affairs.pk, "kind": "inspection", "subject": "城乡低保专项检查", "criteria": CLEAN_CRITERIA,
        "target_scope": "named", "targets": [world.yongle.pk], "window_start": start.isoformat(), "window_end": end.isoformat(), "on_site": "on",
    }
    data.update(kw)
    return data


def test_a_department_proposes_through_the_page(world, client_for):
    client = client_for(world.clerk)
    assert client.get(reverse("inspections:new")).status_code == 200
    response = client.post(reverse("inspections:new"), _form(world))
    item = Item.objects.get()
    assert response.status_code == 302 and response.url == reverse("inspections:detail", args=[item.pk])
    page = client.get(response.url).content.decode()
    assert "城乡低保专项检查" in page


def test_a_photo_criterion_is_refused_on_the_page(world, client_for):
    client = client_for(world.clerk)
    response = client.post(reverse("inspections:new"), _form(world, criteria="上传入户照片"), follow=True)
    page = response.content.decode()
    assert "照片" in page and Item.objects.get().status == ItemStatus.REFUSED


def test_the_county_office_merges_in_the_plan_page(world, client_for):
    a = propose(world)
    b = propose(world, subject="社会救助督查", kind="supervision")
    client = client_for(world.reviewer)
    plan_url = reverse("inspections:plan") + f"?office={world.office.pk}&year={a.plan.year}"
    page = client.get(plan_url).content.decode()
    assert a.subject in page and b.subject in page
    client.post(reverse("inspections:merge"), {"items": [a.pk, b.pk], "next": plan_url})
    assert Item.objects.filter(status=ItemStatus.MERGED).count() == 2
    client.post(reverse("inspections:plan_file", args=[a.plan.pk]))
    a.plan.refresh_from_db()
    assert a.plan.is_filed


def test_the_unit_page_lists_what_is_coming_and_the_board_shows_the_section(world, client_for):
    item = filed(world, targets=[world.xincheng])
    page = client_for(world.secretary).get(reverse("ledger:unit", args=[world.xincheng.pk])).content.decode()
    assert item.subject in page
    board = client_for(world.reviewer).get(reverse("ledger:board") + f"?unit={world.office.pk}").content.decode()
    assert 'id="inspections-board"' in board


def test_an_outsider_cannot_open_an_item_of_another_county(world, client_for):
    item = propose(world)
    assert client_for(world.outsider).get(reverse("inspections:detail", args=[item.pk])).status_code == 403


def test_a_department_cannot_accept_through_the_page(world, client_for):
    item = propose(world)
    client_for(world.clerk).post(reverse("inspections:accept", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == ItemStatus.PROPOSED


def test_every_page_opens(world, client_for):
    item = filed(world, targets=[world.xincheng])
    services.visit_record(actor=world.clerk, item=item, unit=world.xincheng, day=clock.today(), inspectors="王")
    for user in (world.reviewer, world.clerk, world.secretary):
        client = client_for(user)
        for url in (reverse("inspections:list"), reverse("inspections:plan"), reverse("inspections:detail", args=[item.pk])):
            assert client.get(url).status_code == 200, (user, url)
    assert client_for(world.reviewer).get(reverse("inspections:figures")).status_code == 200


def test_an_inspected_unit_cannot_open_a_proposal_aimed_at_it_until_it_is_filed(world, client_for):
    item = propose(world, targets=[world.xincheng])
    client = client_for(world.secretary)
    assert client.get(reverse("inspections:detail", args=[item.pk])).status_code == 403
    services.item_accept(actor=world.reviewer, item=item)
    services.plan_file(actor=world.reviewer, plan=item.plan)
    assert client.get(reverse("inspections:detail", args=[item.pk])).status_code == 200
