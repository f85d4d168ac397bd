"""Generated form definitions and answers through the API (Hypothesis): whatever comes in, the answer is either
taken whole or refused with a Chinese message, and a refusal writes nothing (rows counted before and after)."""

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qingzhuang.audit.models import Event
from qingzhuang.forms.models import Answer, AnswerStatus, AnswerValue, Form, FormField, MasterValue
from qingzhuang.forms.testing import KNOWN_FIELDS, NEW_FIELDS, sent
from qingzhuang.ledger.models import LedgerYear

pytestmark = pytest.mark.django_db
CHINESE = re.compile("[\u4e00-\u9fff]")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text as people and attackers type it: Chinese, blanks that normalise away, invisible and unstorable characters, long runs.
awkward_text = st.one_of(
    st.text(alphabet=st.sampled_from("常住人口户数老年助餐服务人次是否"), min_size=1, max_size=12),
    st.sampled_from(["", "\u3000", "\u00a0", "\u200b", "\u3000\u00a0\u200b", "社区\x00养老", "社区\ud800养老", "表" * 100_000,
                     "<script>", "=SUM(A1:A3)", "１２３"]),
    st.text(max_size=30),
)
awkward_number = st.one_of(st.integers(min_value=-10**30, max_value=10**30), st.floats(allow_nan=True, allow_infinity=True),
                           st.sampled_from([10**23, -5, "10^23", "-5", "8,895人", "126人次", "NaN", "Infinity", "一百"]), awkward_text)


def _counts():
    return (Form.objects.count(), FormField.objects.count(), Event.objects.count(), AnswerValue.objects.filter(value__gt="").count(),
            MasterValue.objects.count(), LedgerYear.objects.count(), Answer.objects.filter(status=AnswerStatus.SUBMITTED).count())


def _post(client: Any, path: str, body: Any) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def _refused_in_chinese(response: Any) -> bool:
    error = response.json()["error"]
    return bool(CHINESE.search(error["message"])) and all(CHINESE.search(f["message"]) for f in error.get("fields", []))


field_definition = st.fixed_dictionaries({
    "name": awkward_text,
    "type": st.one_of(st.sampled_from(["integer", "decimal", "text", "yes_no", "date"]), awkward_text),
    "unit": st.one_of(st.sampled_from(["人", "户", "人次", ""]), awkward_text),
    "definition": st.one_of(st.just(""), awkward_text),
    "cell": st.one_of(st.just(""), st.sampled_from(["C3", "表1!C5", "ZZZZ9", "第三行", "C0"]), awkward_text),
})


@SETTINGS
@given(fields=st.one_of(st.lists(field_definition, max_size=4), st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=3)),
       title=awkward_text)
def test_any_form_definition_is_taken_whole_or_refused_in_chinese_storing_nothing(world, client_for, fields, title):
    before = _counts()
    body = {"issuer_id": world.civil_affairs.pk, "title": title, "purpose": "掌握养老服务情况", "frequency": "monthly",
            "recipient_ids": [world.xincheng.pk], "fields": fields}

    response = _post(client_for(world.clerk), "/api/v1/forms/forms", body)

    assert response.status_code in (200, 400, 422), response.content
    if response.status_code == 200:
        form = Form.objects.get(pk=response.json()["id"])
        assert form.fields.count() == len(fields) and _counts()[:2] == (before[0] + 1, before[1] + len(fields))
    else:
        assert _refused_in_chinese(response), response.json()
        assert _counts() == before


def _waiting_answer(world: Any) -> Answer:
    """新城社区's answer to one sent form, waiting again: the examples share the test's database, so a form is sent once
    and an answer a previous example submitted is put back to be filled."""
    answer = Answer.objects.filter(unit=world.xincheng).first()
    if answer is None:
        answer = Answer.objects.get(form=sent(world, fields=KNOWN_FIELDS + NEW_FIELDS), unit=world.xincheng)
    if answer.status != AnswerStatus.WAITING:
        Answer.objects.filter(pk=answer.pk).update(status=AnswerStatus.WAITING, submitted_on=None, typed_count=0, prefilled_count=0)
        answer.refresh_from_db()
    return answer


@SETTINGS
@given(value=awkward_number, yes_no=st.one_of(st.sampled_from(["是", "否", "也许"]), awkward_text))
def test_any_answer_is_taken_whole_or_refused_in_chinese_storing_nothing(world, client_for, value, yes_no):
    answer = _waiting_answer(world)
    form = answer.form
    ids = {f.name: str(f.pk) for f in form.fields.all()}
    confirmed = list(answer.values.filter(prefilled=True).values_list("field_id", flat=True))
    values = {ids["独居老人"]: "126", ids["老年助餐服务人次"]: value, ids["是否开展上门探访"]: yes_no}
    before = _counts()

    response = _post(client_for(world.secretary), f"/api/v1/forms/answers/{answer.pk}/submit", {"values": values, "confirmed": confirmed})

    assert response.status_code in (200, 400, 422), response.content
    if response.status_code == 200:
        stored = {v["name"]: v["value"] for v in response.json()["values"]}
        assert stored["老年助餐服务人次"].isdigit() and stored["是否开展上门探访"] in ("是", "否")
    else:
        assert _refused_in_chinese(response), response.json()
        assert _counts() == before and Answer.objects.get(pk=answer.pk).status == AnswerStatus.WAITING
