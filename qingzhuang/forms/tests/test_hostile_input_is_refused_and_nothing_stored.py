"""Hostile form definitions and answers through the API: a clear message naming the problem, nothing written."""

import json

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.forms.models import Answer, AnswerStatus, AnswerValue, Form, FormField, MasterValue
from qingzhuang.forms.testing import KNOWN_FIELDS, NEW_FIELDS, sent
from qingzhuang.ledger.models import LedgerYear

pytestmark = pytest.mark.django_db
HUGE = 10**23


def _counts():
    return (Form.objects.count(), FormField.objects.count(), Event.objects.count(), AnswerValue.objects.filter(value__gt="").count(),
            MasterValue.objects.count(), LedgerYear.objects.count(), Answer.objects.filter(status=AnswerStatus.SUBMITTED).count())


def _payload(world, **changes):
    body = {"issuer_id": world.civil_affairs.pk, "title": "社区养老服务情况统计表", "purpose": "掌握养老服务情况", "legal_basis": "",
            "frequency": "monthly", "recipient_ids": [world.xincheng.pk], "fields": KNOWN_FIELDS + NEW_FIELDS}
    body.update(changes)
    return body


def _post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def _field(**changes):
    return [{**NEW_FIELDS[0], **changes}]


@pytest.mark.parametrize(("changes", "code"), [
    ({"title": ""}, "required"),
    ({"title": "\u3000\u00a0\u200b"}, "required"),
    ({"title": "表" * 100_000}, "too_long"),
    ({"purpose": "\u200b"}, "required"),
    ({"frequency": "hourly<script>"}, "not_a_choice"),
    ({"fields": []}, "no_fields"),
    ({"fields": "常住人口"}, "schema"),
    ({"fields": [1, 2]}, "field_invalid"),
    ({"fields": [{"name": f"字段{i}"} for i in range(201)]}, "too_many_fields"),
    ({"fields": _field(name="")}, "required"),
    ({"fields": _field(name="\u3000")}, "required"),
    ({"fields": _field(type="photo")}, "not_a_choice"),
    ({"fields": _field(definition="定" * 301)}, "too_long"),
    ({"fields": _field(cell="第三行")}, "cell_bad"),
    ({"fields": [NEW_FIELDS[0], {**NEW_FIELDS[1], "cell": NEW_FIELDS[0]["cell"]}]}, "cell_twice"),
    ({"fields": [NEW_FIELDS[0], {**NEW_FIELDS[0], "cell": "D9"}]}, "field_twice"),
    ({"recipient_ids": []}, "no_recipients"),
    ({"recipient_ids": [HUGE]}, "recipient_invalid"),
    ({"recipient_ids": [-5]}, "recipient_invalid"),
    ({"recipient_ids": [True]}, "recipient_invalid"),
], ids=["empty title", "blank title", "100,000 chars", "blank purpose", "bad frequency", "no fields", "fields a string", "fields numbers",
        "201 fields", "empty field name", "blank field name", "bad type", "long definition", "bad cell", "cell twice", "name twice",
        "no recipients", "huge recipient", "negative recipient", "boolean recipient"])
def test_a_bad_form_definition_is_refused_by_the_api_and_nothing_stored(world, client_for, changes, code):
    before = _counts()

    response = _post(client_for(world.clerk), "/api/v1/forms/forms", _payload(world, **changes))

    if code == "schema":  # refused by the API's schema before the service, in the same error shape
        assert response.status_code == 422 and response.json()["error"]["fields"][0]["loc"][-1] == "fields"
    else:
        assert response.status_code == 400, response.content
        assert response.json()["error"]["code"] == code
    assert _counts() == before


@pytest.mark.parametrize("text", ["社区\x00养老", "社区\ud800养老"], ids=["NUL", "lone surrogate"])
def test_unstorable_characters_in_a_field_name_are_refused(world, client_for, text):
    before = _counts()

    response = _post(client_for(world.clerk), "/api/v1/forms/forms", _payload(world, fields=_field(name=text)))

    assert response.status_code == 400 and response.json()["error"]["code"] == "unstorable"
    assert _counts() == before


def _answer(world):
    form = sent(world)
    answer = Answer.objects.get(form=form, unit=world.xincheng)
    fields = {f.name: f.pk for f in form.fields.all()}
    confirmed = list(answer.values.filter(prefilled=True).values_list("field_id", flat=True))
    good = {str(fields["独居老人"]): "126", str(fields["老年助餐服务人次"]): "1240", str(fields["是否开展上门探访"]): "是"}
    return answer, fields, confirmed, good


@pytest.mark.parametrize(("field", "value", "code"), [
    ("独居老人", "", "value_required"),
    ("独居老人", "\u3000\u200b", "value_required"),
    ("独居老人", "-5", "value_negative"),
    ("独居老人", str(HUGE), "value_too_big"),
    ("独居老人", "12.5", "value_not_integer"),
    ("独居老人", "一百二十", "value_not_number"),
    ("独居老人", "NaN", "value_not_number"),
    ("独居老人", "126人次", "value_unit_wrong"),
    ("独居老人", "9" * 100_000, "value_too_big"),
    ("独居老人", "12\x006", "unstorable"),
    ("是否开展上门探访", "也许", "value_not_yes_no"),
], ids=["empty", "blank", "-5", "10^23", "decimal in a count", "words", "NaN", "wrong unit", "100,000 digits", "NUL", "not yes/no"])
def test_a_bad_answer_value_is_refused_naming_the_field_and_nothing_stored(world, client_for, field, value, code):
    answer, fields, confirmed, good = _answer(world)
    before = _counts()

    response = _post(client_for(world.secretary), f"/api/v1/forms/answers/{answer.pk}/submit",
                     {"values": {**good, str(fields[field]): value}, "confirmed": confirmed})

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert _counts() == before and Answer.objects.get(pk=answer.pk).status == AnswerStatus.WAITING


def test_an_unconfirmed_prefilled_value_is_refused(world, client_for):
    answer, _fields, confirmed, good = _answer(world)
    before = _counts()

    response = _post(client_for(world.secretary), f"/api/v1/forms/answers/{answer.pk}/submit", {"values": good, "confirmed": confirmed[1:]})

    assert response.status_code == 400 and response.json()["error"]["code"] == "not_confirmed"
    assert _counts() == before


@pytest.mark.parametrize("key", ["999999", "field_abc", "１２", str(HUGE)], ids=["unknown id", "not a number", "full-width digits", "10^23"])
def test_an_answer_naming_an_unknown_field_is_refused(world, client_for, key):
    answer, _fields, confirmed, good = _answer(world)
    before = _counts()

    response = _post(client_for(world.secretary), f"/api/v1/forms/answers/{answer.pk}/submit", {"values": {**good, key: "1"}, "confirmed": confirmed})

    assert response.status_code == 400 and response.json()["error"]["code"] == "unknown_field"
    assert _counts() == before


def test_a_second_submission_is_refused(world, client_for):
    answer, _fields, confirmed, good = _answer(world)
    client = client_for(world.secretary)
    assert _post(client, f"/api/v1/forms/answers/{answer.pk}/submit", {"values": good, "confirmed": confirmed}).status_code == 200
    before = _counts()

    again = _post(client, f"/api/v1/forms/answers/{answer.pk}/submit", {"values": good, "confirmed": confirmed})

    assert again.status_code == 400 and again.json()["error"]["code"] == "not_waiting"
    assert _counts() == before
