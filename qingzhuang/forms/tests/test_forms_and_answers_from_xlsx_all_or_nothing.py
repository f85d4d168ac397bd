"""Form fields from a department's .xlsx and answers from a community's .xlsx, over the API and the pages: a good
file lands whole; a bad or hostile one (a bad cell, a formula, a text file named .xlsx, a zip bomb lying about its
size, a 100,001-row sheet, NUL or a lone surrogate in the XML, 10^23 or -5 in a count) is refused with its sheet,
row and column named in Chinese, and nothing is written."""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from qingzhuang.audit.models import Event
from qingzhuang.forms import imports, services
from qingzhuang.forms.models import Answer, AnswerStatus, AnswerValue, Form, FormField, FormStatus, MasterValue
from qingzhuang.forms.testing import (
    FIELD_HEADER,
    draft,
    huge_field_sheet,
    sent,
    sheet_with_raw_cell,
    streamed_sheet,
    workbook_bytes,
)
from qingzhuang.ledger.models import LedgerYear
from tests import bombs

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANSWER_HEADER = ["序号", "字段名称", "类型", "计量单位", "口径说明", "填报值", "预填", "字段编号"]
GOOD_FIELDS: list[list[Any]] = [
    ["社区食堂就餐人次", "整数", "人次", "本月社区食堂就餐的老年人人次", "C3"],
    ["助餐补贴金额", "小数", "元", "本月发放的老年助餐补贴", "C4"],
    ["是否设立老年食堂", "是否", None, None, None],
    ["开业日期", "日期", None, "社区食堂开业日期", None],
]


def _counts():
    return (Form.objects.count(), FormField.objects.count(), Event.objects.count(), AnswerValue.objects.filter(value__gt="").count(),
            MasterValue.objects.count(), LedgerYear.objects.count(), Answer.objects.filter(status=AnswerStatus.SUBMITTED).count(),
            sorted(FormField.objects.values_list("name", flat=True)))


def _upload(client, path, data, name="字段.xlsx"):
    return client.post(path, {"file": SimpleUploadedFile(name, data, XLSX)})


def _problems(response):
    error = response.json()["error"]
    assert error["code"] == "workbook_refused"
    return [(f["loc"][2], (f["loc"][3] or "").split(" ")[0], f["message"]) for f in error["fields"]]


# --- a department's field sheet --------------------------------------------------------------------

def test_a_good_field_sheet_replaces_a_drafts_fields(world, client_for):
    form = draft(world, actor=None)

    response = _upload(client_for(world.clerk), f"/api/v1/forms/forms/{form.pk}/fields.xlsx", workbook_bytes(GOOD_FIELDS))

    assert response.status_code == 200, response.content
    fields = [(f["name"], f["type"], f["unit"], f["cell"]) for f in response.json()["fields"]]
    assert fields == [("社区食堂就餐人次", "integer", "人次", "C3"), ("助餐补贴金额", "decimal", "元", "C4"),
                      ("是否设立老年食堂", "yes_no", "", ""), ("开业日期", "date", "", "")]
    assert Event.objects.filter(object_id=str(form.pk), reason__contains="字段从").exists()


def test_bad_rows_are_reported_by_row_and_column_and_the_draft_keeps_its_fields(world, client_for):
    form = draft(world, actor=None)
    rows: list[list[Any]] = [
        ["常住人口", "整数", "人", "在本社区居住半年以上的人口", "C3"],
        ["\u3000\u00a0\u200b", "整数", "人", None, None],  # row 3: blank after normalisation
        ["独居老人", "照片", "人", None, None],  # row 4: no such type
        ["户数", "整数", "户", "定" * 100_000, None],  # row 5: a 100,000-character cell
        ["常住人口", "整数", "人", None, None],  # row 6: name twice
        ["网格数", "整数", "个", None, "第三行"],  # row 7: not a cell
        ["楼栋数", "整数", "栋", None, "C3"],  # row 8: cell twice
        ["=1+1", "整数", "人", None, None],  # row 9: a formula
    ]
    before = _counts()

    response = _upload(client_for(world.clerk), f"/api/v1/forms/forms/{form.pk}/fields.xlsx", workbook_bytes(rows))

    assert response.status_code == 400
    found = {(row, column) for row, column, _m in _problems(response)}
    assert {(3, "A"), (4, "B"), (5, "D"), (6, "A"), (7, "E"), (8, "E"), (9, "A")} <= found
    messages = " ".join(m for *_k, m in _problems(response))
    assert "照片" in messages and "第 2 行" in messages and "公式" in messages and "300" in messages
    assert "未保存" in response.json()["error"]["message"]
    assert _counts() == before


@pytest.mark.parametrize(("data", "words"), [
    (b"\xef\xbb\xbf\xe5\xad\x97\xe6\xae\xb5\xe5\x90\x8d\xe7\xa7\xb0,\xe7\xb1\xbb\xe5\x9e\x8b\n", "不是 Excel 工作簿"),
    (bombs.xlsx_bomb(300, lying=True), "解压后超过"),
    (workbook_bytes([["常住人口", "整数"]], header=["姓名", "类别"]), "字段名称"),
    (sheet_with_raw_cell(FIELD_HEADER[:2], '<c t="inlineStr"><is><t>社区&#0;养老</t></is></c>'), "损坏"),
    (sheet_with_raw_cell(FIELD_HEADER[:2], '<c t="inlineStr"><is><t>社区\ud800养老</t></is></c>'), "损坏"),
    (workbook_bytes([]), "没有列出任何字段"),
], ids=["text file named xlsx", "zip bomb lying about its size", "no 字段名称 column", "NUL", "lone surrogate", "no rows"])
def test_a_hostile_field_sheet_is_refused_and_nothing_stored(world, client_for, data, words):
    form = draft(world, actor=None)
    before = _counts()

    with bombs.peak_memory() as peak:
        response = _upload(client_for(world.clerk), f"/api/v1/forms/forms/{form.pk}/fields.xlsx", data)

    assert response.status_code == 400, response.content
    assert words in str(response.json()), response.json()
    assert _counts() == before and peak.growth_mb < 60


def test_a_field_sheet_of_100001_rows_stops_at_the_field_limit_with_flat_memory(world, client_for):
    form = draft(world, actor=None)
    data = huge_field_sheet(100_001)
    before = _counts()

    with bombs.peak_memory() as peak:
        response = _upload(client_for(world.clerk), f"/api/v1/forms/forms/{form.pk}/fields.xlsx", data)

    problems = _problems(response)
    assert response.status_code == 400 and len(problems) == 1
    assert problems[0][0] == services.FIELDS_MAX + 2 and f"{services.FIELDS_MAX}" in problems[0][2]
    assert _counts() == before and peak.growth_mb < 60


def test_only_a_draft_takes_fields_and_only_its_issuer(world, client_for):
    form = services.form_submit(actor=None, form=draft(world, actor=None))
    before = _counts()

    refused = _upload(client_for(world.clerk), f"/api/v1/forms/forms/{form.pk}/fields.xlsx", workbook_bytes(GOOD_FIELDS))
    outsider = _upload(client_for(world.secretary), f"/api/v1/forms/forms/{form.pk}/fields.xlsx", workbook_bytes(GOOD_FIELDS))

    assert refused.status_code == 400 and form.get_status_display() in str(refused.json())
    assert outsider.status_code in (403, 404)
    assert _counts() == before


def test_the_new_form_page_takes_its_fields_from_a_workbook(world, client_for):
    client = client_for(world.clerk)
    body = {"issuer": world.civil_affairs.pk, "title": "社区老年助餐情况统计表", "purpose": "掌握老年助餐开展情况", "frequency": "monthly",
            "recipients": [world.xincheng.pk], "rows": "1"}

    bad = client.post("/forms/new/", {**body, "fields_file": SimpleUploadedFile("字段.xlsx", workbook_bytes([["户数", "照片"]]), XLSX)})
    good = client.post("/forms/new/", {**body, "fields_file": SimpleUploadedFile("字段.xlsx", workbook_bytes(GOOD_FIELDS), XLSX)})

    assert bad.status_code == 400 and "照片" in bad.content.decode() and "未保存" in bad.content.decode()
    assert good.status_code == 302
    form = Form.objects.get(title="社区老年助餐情况统计表")
    assert form.fields.count() == len(GOOD_FIELDS) and form.status == FormStatus.SUBMITTED


def test_the_field_sheet_template_reads_back_as_fields():
    report = imports.ImportReport()

    fields = imports.fields_read(io.BytesIO(imports.fields_template()), report)

    assert report.ok and [f["name"] for f in fields] == ["常住人口", "是否开展上门探访"]


# --- a community's answer ------------------------------------------------------------------------

def _answer(world):
    form = sent(world)
    return form, Answer.objects.get(form=form, unit=world.xincheng)


def _filled_sheet(client, answer, values):
    """The answer sheet downloaded from the page, its 填报值 column filled by field name (a str with = is a formula)."""
    response = client.get(f"/forms/answers/{answer.pk}/sheet.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["填报"]
    assert [c.value for c in sheet[1]] == ANSWER_HEADER
    for row in sheet.iter_rows(min_row=2):
        if row[1].value in values:
            row[5].value = values[row[1].value]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD_ANSWER = {"独居老人": 126, "老年助餐服务人次": 1240, "是否开展上门探访": "是"}


def test_the_answer_sheet_filled_offline_is_submitted_with_the_prefilled_values_confirmed(world, client_for):
    _form, answer = _answer(world)
    client = client_for(world.secretary)
    prefilled = answer.values.filter(prefilled=True).count()

    response = _upload(client, f"/api/v1/forms/answers/{answer.pk}/submit.xlsx", _filled_sheet(client, answer, GOOD_ANSWER), "填报.xlsx")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "submitted" and body["prefilled_count"] == prefilled and body["typed_count"] == len(GOOD_ANSWER)
    values = {v["name"]: v["value"] for v in body["values"]}
    assert values["老年助餐服务人次"] == "1240" and values["是否开展上门探访"] == "是"


@pytest.mark.parametrize(("field", "value", "words"), [
    ("独居老人", 10**23, "超出了任何实际数值"),
    ("独居老人", -5, "不能为负数"),
    ("独居老人", "126人次", "人次"),
    ("独居老人", None, "请填写"),
    ("独居老人", "\u3000\u200b", "请填写"),
    ("老年助餐服务人次", "=SUM(1,2)", "公式"),
    ("老年助餐服务人次", "9" * 100_000, "超出了任何实际数值"),
    ("是否开展上门探访", "也许", "是”或“否"),
], ids=["10^23", "-5", "wrong unit", "empty", "blank", "formula", "100,000 digits", "not yes/no"])
def test_a_bad_cell_of_the_answer_sheet_is_named_by_its_cell_and_nothing_stored(world, client_for, field, value, words):
    _form, answer = _answer(world)
    client = client_for(world.secretary)
    data = _filled_sheet(client, answer, {**GOOD_ANSWER, field: value})
    before = _counts()

    response = _upload(client, f"/api/v1/forms/answers/{answer.pk}/submit.xlsx", data, "填报.xlsx")

    assert response.status_code == 400, response.content
    problems = _problems(response)
    row = next(r for r, c, m in problems)
    assert len(problems) == 1 and problems[0][1].startswith("F") and row >= 2
    assert words in problems[0][2], problems
    assert _counts() == before and Answer.objects.get(pk=answer.pk).status == AnswerStatus.WAITING


def test_an_answer_sheet_with_an_unknown_field_or_a_field_twice_is_refused(world, client_for):
    _form, answer = _answer(world)
    rows: list[list[Any]] = [[1, "独居老人", "整数", "人", "", 126, "", None], [2, "老年助餐服务人次", "整数", "人次", "", 1240, "", None],
            [3, "是否开展上门探访", "是否", "", "", "是", "", None], [4, "独居老人", "整数", "人", "", 127, "", None],
            [5, "网吧数量", "整数", "个", "", 3, "", None]]
    before = _counts()

    response = _upload(client_for(world.secretary), f"/api/v1/forms/answers/{answer.pk}/submit.xlsx",
                       workbook_bytes(rows, title="填报", header=ANSWER_HEADER), "填报.xlsx")

    found = {(row, column): message for row, column, message in _problems(response)}
    assert response.status_code == 400 and "第 2 行" in found[(5, "B")] and "网吧数量" in found[(6, "B")]
    assert _counts() == before


@pytest.mark.parametrize(("data", "words"), [
    ("单位,数值\n新城社区,126\n".encode(), "不是 Excel 工作簿"),
    (bombs.xlsx_bomb(300, lying=True), "解压后超过"),
    (workbook_bytes([["独居老人", 126]], title="Sheet", header=["名称", "数"]), "填报"),
    (sheet_with_raw_cell(ANSWER_HEADER, '<c t="inlineStr"><is><t>独居&#0;老人</t></is></c>', title="填报"), "损坏"),
], ids=["text file named xlsx", "zip bomb lying about its size", "neither layout", "NUL"])
def test_a_hostile_answer_file_is_refused_and_nothing_stored(world, client_for, data, words):
    _form, answer = _answer(world)
    before = _counts()

    with bombs.peak_memory() as peak:
        response = _upload(client_for(world.secretary), f"/api/v1/forms/answers/{answer.pk}/submit.xlsx", data, "填报.xlsx")

    assert response.status_code == 400, response.content
    assert words in str(response.json()), response.json()
    assert _counts() == before and peak.growth_mb < 60


def test_an_answer_sheet_of_100001_rows_is_refused_while_streaming(world, client_for):
    form, answer = _answer(world)
    before = _counts()

    with bombs.peak_memory() as peak:
        response = _upload(client_for(world.secretary), f"/api/v1/forms/answers/{answer.pk}/submit.xlsx",
                           _huge_answer_sheet(), "填报.xlsx")

    problems = _problems(response)
    last_row = form.fields.count() + 20 + 2  # the header, then one row past the form's fields and 20 spare rows
    assert response.status_code == 400 and problems[-1][0] == last_row and "停止" in problems[-1][2]
    assert _counts() == before and peak.growth_mb < 60


def _huge_answer_sheet():
    return streamed_sheet(ANSWER_HEADER, lambda n: (str(n), f"字段{n}", "整数", "人", "", "1", "", ""), 100_001, title="填报")


def test_the_issuers_template_filled_by_cell_is_accepted(world, client_for):
    form, answer = _answer(world)
    template = Workbook()
    sheet: Any = template.active
    sheet.title = "养老服务"
    sheet["A1"] = "社区养老服务情况统计表"
    services.form_template_set(actor=None, form=form, name="模板.xlsx", data=_save(template))
    sheet["C5"], sheet["C7"], sheet["C8"] = 126, 1240, "是"  # 独居老人, 老年助餐服务人次, 是否开展上门探访 (testing.KNOWN_FIELDS/NEW_FIELDS)

    response = _upload(client_for(world.secretary), f"/api/v1/forms/answers/{answer.pk}/submit.xlsx", _save(template), "模板.xlsx")

    assert response.status_code == 200, response.content
    assert response.json()["typed_count"] == len(GOOD_ANSWER)


def test_the_answer_page_shows_the_cell_report_and_then_takes_a_good_workbook(world, client_for):
    _form, answer = _answer(world)
    client = client_for(world.secretary)
    bad = _filled_sheet(client, answer, {**GOOD_ANSWER, "独居老人": -5})
    good = _filled_sheet(client, answer, GOOD_ANSWER)

    refused = client.post(f"/forms/answers/{answer.pk}/", {"action": "upload", "file": SimpleUploadedFile("填报.xlsx", bad, XLSX)})
    taken = client.post(f"/forms/answers/{answer.pk}/", {"action": "upload", "file": SimpleUploadedFile("填报.xlsx", good, XLSX)})

    assert refused.status_code == 400 and "不能为负数" in refused.content.decode() and "未保存" in refused.content.decode()
    assert taken.status_code == 302 and Answer.objects.get(pk=answer.pk).status == AnswerStatus.SUBMITTED


def test_another_community_cannot_upload_an_answer(world, client_for):
    form = sent(world)
    answer = Answer.objects.get(form=form, unit=world.changfa)
    before = _counts()

    response = _upload(client_for(world.secretary), f"/api/v1/forms/answers/{answer.pk}/submit.xlsx", workbook_bytes([]), "填报.xlsx")

    assert response.status_code in (403, 404) and _counts() == before


def test_a_text_answer_beginning_with_equals_is_written_as_text_in_the_issuers_download(world, client_for):
    form = sent(world, fields=[{"name": "备注", "type": "text", "unit": "", "definition": "其他需要说明的情况", "cell": "C3"}])
    answer = Answer.objects.get(form=form, unit=world.xincheng)
    services.answer_submit(actor=None, answer=answer, values={answer.form.fields.get().pk: '=HYPERLINK("http://x.example","点")'})

    response = client_for(world.clerk).get(f"/forms/{form.pk}/answers.xlsx")

    summary = load_workbook(io.BytesIO(response.content))["汇总"]
    cell = next(c for row in summary.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and c.value.startswith("="))
    assert cell.data_type == "s"


def _save(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
