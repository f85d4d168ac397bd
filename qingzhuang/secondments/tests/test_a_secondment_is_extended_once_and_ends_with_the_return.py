"""Extension (once at most, within the total cap, approved by the county) and the return to the post; each change is audited."""

import datetime as dt

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.secondments import services
from qingzhuang.secondments.errors import SecondmentError
from qingzhuang.secondments.models import ExtensionStatus, Secondment, SecondmentExtension, SecondmentStatus
from qingzhuang.secondments.testing import approved, secondment_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def events(obj):
    return list(Event.objects.filter(model=obj._meta.label_lower, object_id=str(obj.pk)).order_by("id").values_list("action", "actor_name"))


def test_one_extension_is_approved_and_a_second_is_refused_with_nothing_stored(world):
    away = approved(world)

    extension = services.extension_request(actor=world.clerk, secondment=away, new_end=dt.date(2027, 3, 1), reason="项目未完成")
    services.extension_decide(actor=world.reviewer, extension=extension, approve=True, note="同意延期一次")
    count = SecondmentExtension.objects.count(), Event.objects.count()
    with pytest.raises(SecondmentError) as second:
        services.extension_request(actor=world.clerk, secondment=away, new_end=dt.date(2027, 3, 2), reason="还要再延")

    assert Secondment.objects.get(pk=away.pk).ends_on == dt.date(2027, 3, 1)
    assert second.value.code == "gate_blocked" and "不得再次延期" in second.value.message
    assert (SecondmentExtension.objects.count(), Event.objects.count()) == count


def test_an_extension_longer_than_a_term_or_past_the_total_is_refused(world):
    away = approved(world, start_on=dt.date(2026, 3, 1), planned_end=dt.date(2026, 5, 1))

    with pytest.raises(SecondmentError) as term:
        services.extension_request(actor=world.clerk, secondment=away, new_end=dt.date(2026, 11, 2), reason="延期")
    with pytest.raises(SecondmentError) as earlier:
        services.extension_request(actor=world.clerk, secondment=away, new_end=dt.date(2026, 4, 1), reason="延期")
    with pytest.raises(SecondmentError) as huge:
        services.extension_request(actor=world.clerk, secondment=away, months=10**23, reason="延期")
    with pytest.raises(SecondmentError) as negative:
        services.extension_request(actor=world.clerk, secondment=away, months=-5, reason="延期")
    with pytest.raises(SecondmentError) as blank:
        services.extension_request(actor=world.clerk, secondment=away, months=2, reason="\u200b\u00a0")

    assert "超过6个月" in term.value.message and earlier.value.code == "extension_not_later"
    assert huge.value.code == "term_too_long" and negative.value.code == "out_of_range" and blank.value.code == "required"
    assert not SecondmentExtension.objects.exists()


def test_the_total_cap_holds_when_the_first_term_was_full(world, settings):
    from qingzhuang.gate.services import rule_setting_set

    rule_setting_set(actor=world.reviewer, county=world.zhenan, rule="secondment.limits", enabled=True,
                     params={"term_months": 6, "extensions": 2, "total_months": 9})
    away = approved(world)

    with pytest.raises(SecondmentError) as total:
        services.extension_request(actor=world.clerk, secondment=away, months=4, reason="延期")

    assert "合计超过9个月" in total.value.message
    assert services.extension_request(actor=world.clerk, secondment=away, months=3, reason="延期").new_end == dt.date(2026, 12, 1)


def test_a_pending_extension_blocks_another_and_a_refused_one_does_not_use_up_the_one(world):
    away = approved(world)
    first = services.extension_request(actor=world.clerk, secondment=away, months=2, reason="延期")

    with pytest.raises(SecondmentError) as pending:
        services.extension_request(actor=world.clerk, secondment=away, months=3, reason="延期")
    services.extension_decide(actor=world.reviewer, extension=first, approve=False, note="理由不充分")
    again = services.extension_request(actor=world.clerk, secondment=away, months=3, reason="补充理由后再次申请")

    assert pending.value.code == "extension_pending" and again.status == ExtensionStatus.REQUESTED
    assert Secondment.objects.get(pk=away.pk).ends_on == dt.date(2026, 9, 1)


def test_the_return_is_recorded_with_its_date_and_every_change_is_audited(world):
    asked = secondment_request(world)
    services.secondment_decide(actor=world.reviewer, secondment=asked, approve=True, note="同意")
    extension = services.extension_request(actor=world.clerk, secondment=asked, months=2, reason="延期")
    services.extension_decide(actor=world.reviewer, extension=extension, approve=True)

    for day, code in ((dt.date(2026, 2, 1), "return_before_start"), (dt.date(2026, 12, 1), "return_in_future"), ("昨天", "date_invalid")):
        with pytest.raises(SecondmentError) as caught:
            services.secondment_return(actor=world.secretary, secondment=asked, returned_on=day)
        assert caught.value.code == code
    back = services.secondment_return(actor=world.secretary, secondment=asked, returned_on=dt.date(2026, 10, 20), note="提前返岗")
    with pytest.raises(SecondmentError) as twice:
        services.secondment_return(actor=world.secretary, secondment=asked, returned_on=dt.date(2026, 10, 21))

    assert back.status == SecondmentStatus.RETURNED and back.returned_on == dt.date(2026, 10, 20) and twice.value.code == "not_away"
    assert events(asked) == [("create", "clerk"), ("update", "reviewer"), ("update", "reviewer"), ("update", "secretary")]
    assert events(extension) == [("create", "clerk"), ("update", "reviewer")]
    returned = Event.objects.filter(model="secondments.secondment", object_id=str(asked.pk)).order_by("id").last()
    assert returned is not None and returned.changes["status"] == ["approved", "returned"] and returned.unit_id == world.xincheng.pk
