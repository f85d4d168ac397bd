"""Hostile numbers and text in quotas and rule settings: a Chinese message naming the field, nothing written."""

import pytest
from django.utils import timezone

from qingzhuang.audit.models import Event
from qingzhuang.gate.errors import GateError, GateInvalid
from qingzhuang.gate.models import Quota, RuleSetting
from qingzhuang.gate.services import quota_set, rule_setting_set

pytestmark = pytest.mark.django_db
HUGE = 99999999999999999999999


@pytest.mark.parametrize("raw", [str(HUGE), str(10**12)], ids=["23 digits", "10^12"])
def test_a_quota_past_its_range_typed_on_the_page_is_refused_in_its_cell(world, client_for, raw):
    year = timezone.localdate().year
    field = f"q-{world.civil_affairs.pk}-documents"
    events = Event.objects.count()

    response = client_for(world.reviewer).post(f"/gate/quotas/?year={year}", {field: raw, "year": year})

    assert response.status_code == 200 and "0 到 10,000 之间的整数" in response.content.decode()
    assert not Quota.objects.exists() and Event.objects.count() == events


@pytest.mark.parametrize(("values", "field", "code"), [
    ({"limit": 10**12}, "limit", "out_of_range"), ({"limit": -1}, "limit", "out_of_range"),
    ({"year": HUGE}, "year", "out_of_range"), ({"kind": "bogus<script>"}, "kind", "not_a_choice"),
])
def test_the_quota_service_refuses_values_out_of_range(world, values, field, code):
    arguments = {"unit": world.civil_affairs, "year": 2026, "kind": "documents", "limit": 12, **values}

    with pytest.raises(GateInvalid) as err:
        quota_set(actor=world.reviewer, **arguments)

    assert (err.value.code, err.value.field) == (code, field)
    assert not Quota.objects.exists()


@pytest.mark.parametrize("value", [str(HUGE), "nan", "inf", "-1", "45\x00"])
def test_a_rule_setting_that_is_no_sensible_number_is_refused(world, value):
    with pytest.raises(GateError) as err:
        rule_setting_set(actor=world.reviewer, county=world.zhenan, rule="document.length", enabled=True,
                         params={"max_chars": value, "max_chars_task_deployment": "3500"})

    assert err.value.code == "invalid_setting" and err.value.field == "max_chars"
    assert not RuleSetting.objects.exists()
