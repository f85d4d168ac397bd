"""The ledger's API gives the boards' figures, raw, in the same scope; bad periods get a clear 422."""

import pytest
from django.urls import reverse

from qingzhuang.accounts.services import api_token_create
from qingzhuang.ledger.tests.data import fill

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, raw = api_token_create(actor=None, user=user, name="县级平台")
    return {"Authorization": f"Bearer {raw}"}


def test_a_community_reads_its_own_ledger_with_the_index_and_its_inputs(world, client):
    fill(world)

    response = client.get(f"/api/v1/ledger/units/{world.xincheng.pk}", {"p": "2024"}, headers=bearer(world.secretary))

    body = response.json()
    assert response.status_code == 200, body
    assert (body["unit_name"], body["period"], body["previous"]) == ("新城社区", "2024", "2023")
    inputs = next(t for t in body["tables"] if t["key"] == "inputs")
    documents = next(r for r in inputs["rows"] if r[0] in ("收到文件数", "Documents received"))
    assert documents[2] == 8 and documents[5] == 10 and documents[6] == pytest.approx(-0.2)
    by_issuer = next(t for t in body["tables"] if t["key"] == "by_issuer")
    assert by_issuer["rows"][0][0] == "镇安县民政局"


def test_another_towns_village_is_refused_with_the_common_error_shape(world, client):
    response = client.get(f"/api/v1/ledger/units/{world.changfa.pk}", headers=bearer(world.secretary))

    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize("bad", ["2024-13", "24", "2024-Q5", "last year", "1999"])
def test_a_period_that_is_not_one_is_a_422_that_says_how_to_write_it(world, client, bad):
    response = client.get(f"/api/v1/ledger/units/{world.xincheng.pk}", {"p": bad}, headers=bearer(world.secretary))

    error = response.json()["error"]
    assert response.status_code == 422 and error["code"] == "invalid_period"
    assert error["fields"] == [{"loc": ["p"], "message": error["message"]}] and "2024-Q3" in error["message"]


def test_the_county_board_equals_the_page(world, client, client_for):
    fill(world)
    query = {"unit": world.office.pk, "p": "2024", "m": "documents.received"}

    body = client.get("/api/v1/ledger/board", query, headers=bearer(world.reviewer)).json()
    page = client_for(world.reviewer).get(reverse("ledger:board"), query).context["data"]

    assert body["measure"] == "documents.received" and body["root_id"] == world.office.pk
    for table in page.tables:
        exported = next(t for t in body["tables"] if t["key"] == table.key)
        assert exported["rows"] == [[c.value for c in row] for row in table.rows], table.key


def test_the_summary_by_county_and_the_measures(world, client):
    fill(world)

    counties = client.get("/api/v1/ledger/counties", {"p": "2024"}, headers=bearer(world.admin)).json()
    assert counties["rows"][0][:3] == ["镇安县", 16, pytest.approx(-0.2)]
    codes = [m["code"] for m in client.get("/api/v1/ledger/measures", headers=bearer(world.admin)).json()]
    assert codes[:2] == ["documents.received", "documents.chars_received"]


@pytest.mark.parametrize("persona", ["secretary", "rider", "clerk"])
def test_people_without_a_board_are_refused_the_board_and_the_summary(world, client, persona):
    headers = bearer(getattr(world, persona))
    for url in ("/api/v1/ledger/board", "/api/v1/ledger/counties"):
        response = client.get(url, headers=headers)
        assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden", url


def test_without_a_token_the_api_answers_401(client):
    response = client.get("/api/v1/ledger/measures")
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"


def test_percentages_come_as_rounded_fractions_without_float_noise(world, client):
    import datetime as dt
    import re

    from qingzhuang.ledger.services import ledger_add_many

    # 1,000 deliveries last year, 993 this year: -0.7%, which naive float arithmetic gives as -0.006999999999999999.
    ledger_add_many(measure="documents.received", rows=[(world.xincheng.pk, dt.date(2023, 5, 1), 1000.0, world.civil_affairs.pk)])
    ledger_add_many(measure="documents.received", rows=[(world.xincheng.pk, dt.date(2024, 5, 1), 993.0, world.civil_affairs.pk)])

    for url, params in (("/api/v1/ledger/board", {"unit": world.office.pk, "p": "2024"}), (f"/api/v1/ledger/units/{world.xincheng.pk}", {"p": "2024"})):
        response = client.get(url, params, headers=bearer(world.reviewer))
        assert response.status_code == 200, response.content
        assert not re.search(rb"\d\.\d{7,}", response.content), url
        assert b"-0.007" in response.content
