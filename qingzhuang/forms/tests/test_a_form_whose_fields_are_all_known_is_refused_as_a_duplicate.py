"""A department's new form whose every field is already known (master record or a catalogued form) is refused at
submission, naming the forms it repeats; nothing goes to the catalogue."""

import pytest

from qingzhuang.forms import services
from qingzhuang.forms.models import Answer, FormStatus
from qingzhuang.forms.testing import KNOWN_FIELDS, approved, draft
from qingzhuang.gate.models import GateCheck, Outcome

pytestmark = pytest.mark.django_db

REPEATING = [
    {"name": "实有人口数", "type": "integer", "unit": "人", "definition": "实际居住在本辖区半年以上的人口"},
    {"name": "老年助餐人次", "type": "integer", "unit": "人次", "definition": "本月社区食堂为老年人提供助餐服务的人次"},
]


def test_a_form_of_known_fields_only_is_refused_naming_the_form_it_repeats(world):
    first = approved(world)

    second = services.form_submit(actor=None, form=draft(world, title="老年人口及助餐情况表", fields=REPEATING, issuer=world.education))

    assert second.status == FormStatus.REFUSED
    assert list(second.repeats.all()) == [first]
    assert "社区养老服务情况统计表" in second.decision_note and "社区基础数据" in second.decision_note
    check = GateCheck.objects.get(item_type="forms.form", item_id=second.pk)
    assert check.outcome == Outcome.BLOCK
    assert not Answer.objects.filter(form=second).exists() and second.catalogue_no == ""


def test_a_form_of_master_record_fields_only_is_refused_even_with_no_other_form(world):
    form = services.form_submit(actor=world.clerk, form=draft(world, fields=KNOWN_FIELDS))

    assert form.status == FormStatus.REFUSED and "社区基础数据" in form.decision_note


def test_a_refused_form_cannot_be_approved_or_sent(world):
    form = services.form_submit(actor=None, form=draft(world, fields=KNOWN_FIELDS))

    with pytest.raises(services.FormsError) as refused:
        services.form_decide(actor=world.reviewer, form=form, approve=True)
    with pytest.raises(services.FormsError) as unsent:
        services.form_send(actor=world.clerk, form=form)

    assert refused.value.code == "not_submitted" and unsent.value.code == "not_in_catalogue"
    form.refresh_from_db()
    assert form.status == FormStatus.REFUSED and not Answer.objects.filter(form=form).exists()


def test_a_form_with_new_fields_passes_the_gate_and_waits_for_the_county_office(world):
    form = services.form_submit(actor=world.clerk, form=draft(world))

    assert form.status == FormStatus.SUBMITTED
    check = GateCheck.objects.get(item_type="forms.form", item_id=form.pk)
    duplicate = next(v for v in check.verdicts if v["rule"] == "form.duplicate_fields")
    assert duplicate["outcome"] == "pass" and duplicate["params"] == {"known": 4, "total": 6, "new": 2}
