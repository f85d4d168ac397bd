"""The pages of forms, as each persona opens and uses them: the catalogue, a new form, review, filling, master record."""

import pytest

from qingzhuang.forms import services
from qingzhuang.forms.models import Answer, AnswerStatus, Form, FormStatus, SynonymGroup
from qingzhuang.forms.testing import KNOWN_FIELDS, NEW_FIELDS, draft, sent

pytestmark = pytest.mark.django_db


def _rows(fields):
    data = {"rows": str(len(fields))}
    for i, f in enumerate(fields):
        for key in ("name", "type", "unit", "definition", "cell"):
            data[f"{key}-{i}"] = f.get(key, "")
    return data


def test_every_persona_opens_the_pages_of_its_role(world, client_for):
    form = sent(world)
    answer = Answer.objects.get(form=form, unit=world.xincheng)
    pages = {
        world.clerk: ["/forms/", "/forms/new/", f"/forms/{form.pk}/"],
        world.reviewer: ["/forms/", f"/forms/{form.pk}/", "/forms/synonyms/", f"/forms/master/?unit={world.changfa.pk}"],
        world.secretary: ["/forms/", "/forms/answers/", f"/forms/answers/{answer.pk}/", "/forms/master/", f"/forms/{form.pk}/"],
        world.street_officer: ["/forms/", "/forms/master/"],
    }
    for user, urls in pages.items():
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 200, (user.username, url)


def test_the_outsider_and_the_rider_are_turned_away(world, client_for):
    form = sent(world)
    answer = Answer.objects.get(form=form, unit=world.xincheng)

    assert client_for(world.outsider).get(f"/forms/{form.pk}/").status_code == 403
    assert client_for(world.outsider).get(f"/forms/answers/{answer.pk}/").status_code == 403
    assert client_for(world.rider).get("/forms/new/").status_code == 403
    assert client_for(world.rider).get("/forms/master/").status_code == 403


def test_a_department_registers_a_form_on_the_page_and_it_goes_to_review(world, client_for):
    body = {"title": "社区养老服务情况统计表", "purpose": "掌握养老服务情况", "legal_basis": "", "frequency": "monthly",
            "recipients": [world.xincheng.pk], **_rows(KNOWN_FIELDS + NEW_FIELDS)}

    response = client_for(world.clerk).post("/forms/new/", body, follow=True)

    form = Form.objects.get()
    assert form.status == FormStatus.SUBMITTED and form.fields.count() == 6
    assert "6 个字段中 4 个已掌握" in response.content.decode()


def test_a_bad_form_on_the_page_keeps_what_was_typed_and_stores_nothing(world, client_for):
    body = {"title": "\u3000", "purpose": "掌握养老服务情况", "frequency": "monthly", "recipients": [world.xincheng.pk], **_rows(NEW_FIELDS)}

    response = client_for(world.clerk).post("/forms/new/", body)

    assert response.status_code == 200 and "errorbox" in response.content.decode()
    assert "老年助餐服务人次" in response.content.decode() and not Form.objects.exists()


def test_the_county_office_approves_on_the_page(world, client_for):
    form = services.form_submit(actor=None, form=draft(world))

    client_for(world.reviewer).post(f"/forms/{form.pk}/", {"action": "approve"})

    assert Form.objects.get(pk=form.pk).status == FormStatus.APPROVED


def test_the_secretary_fills_on_the_page_typing_only_the_new_fields(world, client_for):
    form = sent(world)
    answer = Answer.objects.get(form=form, unit=world.xincheng)
    fields = {f.name: f.pk for f in form.fields.all()}
    body = {f"field_{v.field_id}": v.value for v in answer.values.all()}
    body.update({f"confirm_{v.field_id}": "1" for v in answer.values.filter(prefilled=True)})
    body.update({f"field_{fields['独居老人']}": "126", f"field_{fields['老年助餐服务人次']}": "1240", f"field_{fields['是否开展上门探访']}": "是"})

    client_for(world.secretary).post(f"/forms/answers/{answer.pk}/", body)

    assert Answer.objects.get(pk=answer.pk).status == AnswerStatus.SUBMITTED


def test_an_unconfirmed_value_on_the_page_is_refused_and_nothing_stored(world, client_for):
    form = sent(world)
    answer = Answer.objects.get(form=form, unit=world.xincheng)
    body = {f"field_{v.field_id}": v.value or "1" for v in answer.values.all()}

    response = client_for(world.secretary).post(f"/forms/answers/{answer.pk}/", body)

    assert "errorbox" in response.content.decode() and Answer.objects.get(pk=answer.pk).status == AnswerStatus.WAITING


def test_the_county_office_adds_a_synonym_group_on_the_page(world, client_for):
    client_for(world.reviewer).post("/forms/synonyms/", {"words": "外卖骑手、外卖配送员", "note": "新就业群体"})

    assert SynonymGroup.objects.get(county=world.zhenan).words == "外卖骑手、外卖配送员"


def test_the_secretary_confirms_the_master_record_on_the_page(world, client_for):
    client_for(world.secretary).post("/forms/master/", {"unit": world.xincheng.pk, "residents": "8,900", "elderly_alone": "126"})

    from qingzhuang.forms.selectors import master_values

    values = master_values(world.xincheng)
    assert values["residents"].value == "8900" and values["elderly_alone"].value == "126"
