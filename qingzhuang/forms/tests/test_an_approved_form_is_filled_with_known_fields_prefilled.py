"""一表通 end to end in the services: a form with four known and two new fields is approved, sent, and filled by
新城社区 typing only the two new ones; the confirmed answers update the master record and the ledger counts them."""

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.forms import selectors, services
from qingzhuang.forms.models import Answer, AnswerStatus, FormStatus, MasterValue, MatchKind
from qingzhuang.forms.testing import approved, sent
from qingzhuang.ledger.models import LedgerYear

pytestmark = pytest.mark.django_db


def test_known_fields_are_matched_to_the_master_record_and_new_ones_stay_new(world):
    form = approved(world)

    kinds = {f.name: (f.match_kind, f.master_field.code if f.master_field else None) for f in form.fields.all()}

    assert form.status == FormStatus.APPROVED and form.catalogue_no.startswith("611025-") and form.catalogue_no.endswith("-001")
    assert kinds["常住人口"] == (MatchKind.MASTER, "residents")
    assert kinds["实有户数"] == (MatchKind.MASTER, "households")
    assert kinds["独居老人"] == (MatchKind.MASTER, "elderly_alone")
    assert kinds["社区工作人员数"] == (MatchKind.MASTER, "staff")
    assert kinds["老年助餐服务人次"][0] == MatchKind.NEW and kinds["是否开展上门探访"][0] == MatchKind.NEW


def test_the_reviewer_sees_each_match_with_its_score(world):
    form = approved(world)

    field = form.fields.get(name="社区工作人员数")

    assert field.matches[0]["name"] == "社区工作者人数" and field.matches[0]["score"] >= 0.7
    assert field.matches[0]["reason"] == "synonym"


def test_sending_prefills_what_the_profile_already_says(world):
    form = sent(world)

    answer = Answer.objects.get(form=form, unit=world.xincheng)
    values = {v.field.name: (v.value, v.prefilled) for v in answer.values.select_related("field")}

    assert values["常住人口"] == ("8895", True)
    assert values["实有户数"] == ("3046", True)
    assert values["社区工作人员数"] == ("11", True)
    assert values["独居老人"] == ("", False)  # not in the profile: typed the first time
    assert values["老年助餐服务人次"] == ("", False)


def test_the_community_types_only_the_new_fields_and_confirms_the_rest(world):
    form = sent(world)
    answer = Answer.objects.get(form=form, unit=world.xincheng)
    fields = {f.name: f for f in form.fields.all()}
    prefilled = [v.field_id for v in answer.values.filter(prefilled=True)]

    done = services.answer_submit(actor=world.secretary, answer=answer, confirmed=prefilled, values={
        fields["独居老人"].pk: "126", fields["老年助餐服务人次"].pk: "1,240", fields["是否开展上门探访"].pk: "是",
    })

    assert done.status == AnswerStatus.SUBMITTED and (done.prefilled_count, done.typed_count) == (3, 3)
    master = selectors.master_values(world.xincheng)
    assert master["elderly_alone"].value == "126" and master["residents"].value == "8895"
    assert MasterValue.objects.get(record__unit=world.xincheng, field__code="elderly_alone").source == "《社区养老服务情况统计表》"
    ledger = dict(LedgerYear.objects.filter(unit=world.xincheng).values_list("measure", "value"))
    assert ledger == {"forms.filled": 1.0, "forms.fields_typed": 3.0, "forms.fields_prefilled": 3.0}
    assert Event.objects.filter(model="forms.answer", object_id=str(answer.pk)).exists()


def test_a_second_form_is_prefilled_from_the_first_answer(world):
    form = sent(world)
    answer = Answer.objects.get(form=form, unit=world.xincheng)
    fields = {f.name: f for f in form.fields.all()}
    services.answer_submit(actor=world.secretary, answer=answer, confirmed=[v.field_id for v in answer.values.filter(prefilled=True)], values={
        fields["独居老人"].pk: "126", fields["老年助餐服务人次"].pk: "1240", fields["是否开展上门探访"].pk: "否",
    })

    second = sent(world, title="独居老人关爱情况表", fields=[
        {"name": "独居老年人数", "type": "integer", "unit": "人", "definition": "独自居住的60周岁以上老人"},
        {"name": "助餐服务人次", "type": "integer", "unit": "人次", "definition": "本月社区食堂为老年人提供助餐服务的人次"},
        {"name": "结对帮扶人数", "type": "integer", "unit": "人", "definition": "与独居老人结对的志愿者"},
    ])

    values = {v.field.name: (v.value, v.prefilled) for v in Answer.objects.get(form=second, unit=world.xincheng).values.select_related("field")}
    assert values["独居老年人数"] == ("126", True)  # from the master record, updated by the first answer
    assert values["助餐服务人次"] == ("1240", True)  # from the first form's answer
    assert values["结对帮扶人数"] == ("", False)


def test_a_corrected_prefilled_value_counts_as_typed_and_updates_the_master_record(world):
    form = sent(world)
    answer = Answer.objects.get(form=form, unit=world.xincheng)
    fields = {f.name: f for f in form.fields.all()}

    done = services.answer_submit(actor=world.secretary, answer=answer, confirmed=[fields["实有户数"].pk, fields["社区工作人员数"].pk], values={
        fields["常住人口"].pk: "8,901人", fields["独居老人"].pk: "126", fields["老年助餐服务人次"].pk: "10", fields["是否开展上门探访"].pk: "是",
    })

    assert (done.prefilled_count, done.typed_count) == (2, 4)
    record = selectors.record_of(world.xincheng)
    assert selectors.master_values(world.xincheng)["residents"].value == "8901" and record is not None and record.version == 2
