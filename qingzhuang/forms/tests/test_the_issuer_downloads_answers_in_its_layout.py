"""The issuer uploads its own workbook; the answers come back in it, filled by cell reference, one sheet per unit.
A bad template (.xls, not a workbook, a zip bomb, damaged, cells it lacks) is refused and nothing stored."""

import io
import zipfile
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from qingzhuang.audit.models import Event
from qingzhuang.forms import services
from qingzhuang.forms.models import Answer, Form
from qingzhuang.forms.testing import sent

pytestmark = pytest.mark.django_db


def template_bytes(sheet_title: str = "养老服务") -> bytes:
    book = Workbook()
    sheet: Any = book.active
    sheet.title = sheet_title
    sheet["A1"] = "社区养老服务情况统计表"
    for row, label in enumerate(["常住人口", "户数", "独居老人", "社区工作者", "助餐人次", "上门探访"], start=3):
        sheet[f"B{row}"] = label
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(world, form):
    answer = Answer.objects.get(form=form, unit=world.xincheng)
    fields = {f.name: f.pk for f in form.fields.all()}
    services.answer_submit(actor=world.secretary, answer=answer, confirmed=answer.values.filter(prefilled=True).values_list("field_id", flat=True),
                           values={fields["独居老人"]: "126", fields["老年助餐服务人次"]: "1240", fields["是否开展上门探访"]: "是"})


def test_the_answers_come_back_in_the_issuers_layout(world, client_for):
    form = sent(world)
    services.form_template_set(actor=world.clerk, form=form, name="养老服务统计.xlsx", data=template_bytes())
    _fill(world, form)

    response = client_for(world.clerk).get(f"/forms/{form.pk}/answers.xlsx")

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["汇总", "新城社区", "长发村"]
    sheet = book["新城社区"]
    assert sheet["A1"].value == "社区养老服务情况统计表" and sheet["B3"].value == "常住人口"
    assert [sheet[f"C{r}"].value for r in range(3, 9)] == [8895, 3046, 126, 11, 1240, "是"]
    assert book["长发村"]["C3"].value == 8895 and book["长发村"]["C5"].value is None  # not answered yet: only what was pre-filled
    assert book["汇总"]["A2"].value == "新城社区"


def test_a_community_cannot_download_the_answers(world, client_for):
    form = sent(world)

    assert client_for(world.secretary).get(f"/forms/{form.pk}/answers.xlsx").status_code == 403


def _zip(members: dict[str, bytes], *, compress=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(("name", "data", "code"), [
    ("表.xlsx", b"", "file_empty"),
    ("表.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "file_old_xls"),
    ("表.xlsx", "常住人口,8895".encode(), "file_not_xlsx"),
    ("表.csv", template_bytes(), "file_not_xlsx"),
    ("表.xlsx", _zip({"[Content_Types].xml": b"<x/>"}), "file_damaged"),
    ("表.xlsx", _zip({"xl/worksheets/sheet1.xml": b"\0" * (60 * 1024 * 1024)}), "file_bomb"),
    ("表.xlsx", template_bytes()[:400], "file_not_xlsx"),
], ids=["empty", "old xls", "text", "not .xlsx name", "not a workbook", "zip bomb", "truncated"])
def test_a_bad_template_is_refused_and_nothing_stored(world, name, data, code):
    form = sent(world)
    events = Event.objects.count()

    with pytest.raises(services.FormsError) as err:
        services.form_template_set(actor=world.clerk, form=form, name=name, data=data)

    assert err.value.code == code
    assert Form.objects.get(pk=form.pk).template is None and Event.objects.count() == events


def test_a_template_lacking_a_fields_sheet_is_refused(world):
    form = sent(world, fields=[{"name": "助餐人次", "type": "integer", "unit": "人次", "definition": "本月助餐服务人次", "cell": "表2!C3"}])

    with pytest.raises(services.FormsError) as err:
        services.form_template_set(actor=world.clerk, form=form, name="表.xlsx", data=template_bytes())

    assert err.value.code == "sheet_missing" and Form.objects.get(pk=form.pk).template is None


def test_an_oversized_upload_is_refused_unread(world, client_for, settings):
    form = sent(world)
    settings.QZ_UPLOAD_MAX_BYTES = 1024
    upload = io.BytesIO(template_bytes())
    upload.name = "表.xlsx"

    response = client_for(world.clerk).post(f"/forms/{form.pk}/template/", {"file": upload}, follow=True)

    assert "MB" in response.content.decode() and Form.objects.get(pk=form.pk).template is None
