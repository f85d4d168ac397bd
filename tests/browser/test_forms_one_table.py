"""一表通 in the browser: a department's form whose fields are all known is refused naming what it repeats; another
with two new fields is approved, filled by the community secretary typing only those two while the rest are
pre-filled and confirmed; the department downloads the answers in its own workbook layout (cells checked)."""

import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from qingzhuang.forms import services
from qingzhuang.forms.models import Answer, AnswerStatus, Form, FormStatus
from qingzhuang.forms.testing import approved
from qingzhuang.forms.tests.test_the_issuer_downloads_answers_in_its_layout import template_bytes
from qingzhuang.org.testing import PASSWORD
from tests.browser.support import login, logout, scrolls_sideways, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/work/wt/shots/forms")

REPEATING = [("实有人口数", "人", "实际居住在本辖区半年以上的人口"), ("住户总数", "户", "辖区内住户数量"),
             ("老年助餐人次", "人次", "本月社区食堂为老年人提供助餐服务的人次")]
NEW_FORM = [("常住人口", "人", "在本社区居住半年以上的人口", "C3"), ("户数", "户", "本社区登记的居民户数", "C4"),
            ("独居老人数", "人", "60周岁及以上独自居住的老年人", "C5"), ("社区工作人员数", "人", "社区两委成员及服务站工作人员", "C6"),
            ("适老化改造户数", "户", "本年完成居家适老化改造的家庭", "C7"), ("老年大学学员人数", "人", "在社区老年大学就读的老年人", "C8")]


def snap(page, name: str, *, full_page: bool = True) -> None:
    path = shot(page, name, full_page=full_page)
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        shutil.copy(path, SHOTS / path.name)


def fill_rows(page, rows) -> None:
    while page.locator(".forms-fields tbody tr").count() < len(rows):
        page.get_by_role("button", name="添加字段").click()
    for i, row in enumerate(rows, start=1):
        page.get_by_label(f"字段 {i}：名称").fill(row[0])
        page.get_by_label(f"字段 {i}：计量单位").fill(row[1])
        page.get_by_label(f"字段 {i}：定义").fill(row[2])
        if len(row) > 3:
            page.get_by_label(f"字段 {i}：单元格").fill(row[3])


def propose(page, live_server, title: str, purpose: str, rows) -> None:
    """A department clerk fills the new-form page for 新城社区 (not yet submitted)."""
    page.goto(f"{live_server.url}/forms/new/")
    page.get_by_label("报表名称").fill(title)
    page.get_by_label("填报目的").fill(purpose)
    page.get_by_label("新城社区").check()
    fill_rows(page, rows)


def refuse_duplicate(page, live_server, width: int) -> None:
    """The clerk's form repeating known fields is refused, naming the form and the master record it repeats."""
    login(page, live_server, "clerk", PASSWORD)
    propose(page, live_server, "人口与助餐情况调查表", "了解社区人口和助餐服务", REPEATING)
    page.get_by_role("button", name="提交目录审核").click()
    refused = page.locator(".errorbox")
    expect(refused).to_contain_text("全部 3 个字段均已掌握")
    expect(refused).to_contain_text("社区养老服务情况统计表")
    expect(refused).to_contain_text("社区基础数据")
    assert not scrolls_sideways(page)
    snap(page, f"forms-refused-duplicate-{width}")
    assert Form.objects.get(title="人口与助餐情况调查表").status == FormStatus.REFUSED


def test_a_duplicate_is_refused_and_a_new_form_is_filled_with_only_two_fields_typed(page, phone_page, live_server, live_world, tmp_path):
    world = live_world
    approved(world)  # 《社区养老服务情况统计表》 is in the catalogue: its 老年助餐服务人次 is known
    services.master_values_set(actor=None, unit=world.xincheng, values={"elderly_alone": "126"})  # confirmed earlier

    # 1. A department's form whose every field is already known is refused, naming what it repeats.
    refuse_duplicate(page, live_server, 1366)

    # 2. Another form: four known fields and two new ones, submitted for review.
    propose(page, live_server, "居家养老服务需求统计表", "掌握居家养老服务需求，安排适老化改造资金", NEW_FORM)
    page.get_by_label("设立依据").fill("《陕西省养老服务条例》第十二条")
    snap(page, "forms-new-form-1366")
    page.get_by_role("button", name="提交目录审核").click()
    expect(page.locator(".messages")).to_contain_text("已提交县委（政府）办进行目录审核")
    expect(page.get_by_role("heading", name="字段：6 个中已掌握 4 个")).to_be_visible()
    logout(page)

    # 3. The county office sees each match with its score and approves.
    login(page, live_server, "reviewer", PASSWORD)
    page.get_by_role("link", name="待目录审核的报表").click()
    page.get_by_role("link", name="居家养老服务需求统计表").click()
    row = page.locator("tr.field-row").filter(has_text="社区工作人员数")
    expect(row).to_contain_text("社区基础数据已有")
    expect(row).to_contain_text("社区工作者人数")
    expect(row).to_contain_text("同义词")
    expect(page.locator("tr.field-row").filter(has_text="适老化改造户数")).to_contain_text("新字段")
    snap(page, "forms-review-matches-1366")
    page.get_by_role("button", name="批准列入目录").click()
    expect(page.locator(".messages")).to_contain_text("已批准列入目录")
    logout(page)

    # 4. The department uploads its own layout and sends the form.
    login(page, live_server, "clerk", PASSWORD)
    form = Form.objects.get(title="居家养老服务需求统计表")
    page.goto(f"{live_server.url}/forms/{form.pk}/")
    template = tmp_path / "居家养老表样.xlsx"
    template.write_bytes(template_bytes())
    page.get_by_label("模板工作簿（.xlsx）").set_input_files(str(template))
    page.get_by_role("button", name="上传模板").click()
    expect(page.locator(".messages")).to_contain_text("模板已保存")
    page.get_by_role("button", name="下发填报单位").click()
    expect(page.locator(".messages")).to_contain_text("已下发")
    logout(page)

    # 5. The secretary types only the two new fields; the four known ones are pre-filled and confirmed.
    login(page, live_server, "secretary", PASSWORD)
    page.get_by_role("link", name="待填报表").first.click()
    page.get_by_role("link", name="居家养老服务需求统计表").click()
    expect(page.locator(".lead")).to_contain_text("已预填 4 项")
    expect(page.get_by_label("常住人口", exact=True)).to_have_value("8895")
    expect(page.get_by_label("独居老人数", exact=True)).to_have_value("126")
    page.get_by_label("适老化改造户数", exact=True).fill("18")
    page.get_by_label("老年大学学员人数", exact=True).fill("64")
    page.get_by_role("button", name="提交填报").click()
    expect(page.locator(".errorbox")).to_contain_text("请核对")  # confirming is a deliberate act
    assert Answer.objects.get(form=form).status == AnswerStatus.WAITING
    for name in ("常住人口", "户数", "独居老人数", "社区工作人员数"):
        page.get_by_label(f"{name}：已核对无误").check()
    snap(page, "forms-fill-1366")
    page.get_by_role("button", name="提交填报").click()
    expect(page.locator(".messages")).to_contain_text("已提交")
    answer = Answer.objects.get(form=form)
    assert (answer.status, answer.typed_count, answer.prefilled_count) == (AnswerStatus.SUBMITTED, 2, 4)

    login(phone_page, live_server, "secretary", PASSWORD)
    phone_page.goto(f"{live_server.url}/forms/answers/{answer.pk}/")
    assert not scrolls_sideways(phone_page)
    snap(phone_page, "forms-answer-390")
    phone_page.goto(f"{live_server.url}/forms/master/")
    assert not scrolls_sideways(phone_page)
    snap(phone_page, "forms-master-390")
    logout(page)

    # 6. The department downloads the answers in its own layout.
    login(page, live_server, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/forms/{form.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载填报结果（.xlsx）").click()
    book = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    sheet = book["新城社区"]
    assert sheet["A1"].value == "社区养老服务情况统计表" and sheet["B3"].value == "常住人口"
    assert [sheet[f"C{r}"].value for r in range(3, 9)] == [8895, 3046, 126, 11, 18, 64]
    snap(page, "forms-detail-answers-1366")

    logout(phone_page)
    login(phone_page, live_server, "clerk", PASSWORD)
    phone_page.goto(f"{live_server.url}/forms/{form.pk}/")
    assert not scrolls_sideways(phone_page)
    snap(phone_page, "forms-detail-390")
    phone_page.goto(f"{live_server.url}/forms/new/")
    assert not scrolls_sideways(phone_page)
    snap(phone_page, "forms-new-390")


def test_at_390_px_a_duplicate_is_refused_and_a_form_with_two_new_fields_is_filled_and_downloaded(phone_page, live_server, live_world):
    world = live_world
    approved(world)  # 《社区养老服务情况统计表》 is in the catalogue: its 老年助餐服务人次 is known
    services.master_values_set(actor=None, unit=world.xincheng, values={"elderly_alone": "126"})
    page = phone_page

    # 1. On a phone, the department's form repeating known fields is refused, naming what it repeats.
    refuse_duplicate(page, live_server, 390)

    # 2. Another with four known and two new fields, submitted on the phone, approved by the county office on its phone.
    propose(page, live_server, "居家养老服务需求统计表", "掌握居家养老服务需求，安排适老化改造资金", NEW_FORM)
    page.get_by_role("button", name="提交目录审核").click()
    expect(page.get_by_role("heading", name="字段：6 个中已掌握 4 个")).to_be_visible()
    logout(page)
    form = Form.objects.get(title="居家养老服务需求统计表")
    login(page, live_server, "reviewer", PASSWORD)
    page.goto(f"{live_server.url}/forms/{form.pk}/")
    expect(page.locator("tr.field-row").filter(has_text="社区工作人员数")).to_contain_text("同义词")
    assert not scrolls_sideways(page)
    page.get_by_role("button", name="批准列入目录").click()
    expect(page.locator(".messages")).to_contain_text("已批准列入目录")
    logout(page)
    services.form_template_set(actor=None, form=form, name="居家养老表样.xlsx", data=template_bytes())
    services.form_send(actor=None, form=form)

    # 3. The secretary, on the phone, types only the two new fields and confirms the four pre-filled.
    login(page, live_server, "secretary", PASSWORD)
    answer = Answer.objects.get(form=form)
    page.goto(f"{live_server.url}/forms/answers/{answer.pk}/")
    expect(page.locator(".lead")).to_contain_text("已预填 4 项")
    page.get_by_label("适老化改造户数", exact=True).fill("18")
    page.get_by_label("老年大学学员人数", exact=True).fill("64")
    for name in ("常住人口", "户数", "独居老人数", "社区工作人员数"):
        page.get_by_label(f"{name}：已核对无误").check()
    assert not scrolls_sideways(page)
    snap(page, "forms-fill-390")
    page.get_by_role("button", name="提交填报").click()
    expect(page.locator(".messages")).to_contain_text("已提交")
    answer.refresh_from_db()
    assert (answer.status, answer.typed_count, answer.prefilled_count) == (AnswerStatus.SUBMITTED, 2, 4)
    logout(page)

    # 4. The department downloads the answers in its layout on the phone; the cells hold what was confirmed and typed.
    login(page, live_server, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/forms/{form.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载填报结果（.xlsx）").click()
    sheet = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))["新城社区"]
    values = {v.field.cell: v.value for v in answer.values.select_related("field")}
    assert [sheet[f"C{r}"].value for r in range(3, 9)] == [int(values[f"C{r}"]) for r in range(3, 9)]
    assert [sheet[f"C{r}"].value for r in (7, 8)] == [18, 64]


def test_a_community_answers_with_the_downloaded_sheet_and_a_bad_cell_is_named(page, live_server, live_world, tmp_path, browser_errors):
    browser_errors.allow(r"status of 400 \(Bad Request\).*/forms/answers/\d+/")  # the refused workbook, on purpose
    world = live_world
    form = services.form_send(actor=None, form=approved(world))
    answer = Answer.objects.get(form=form, unit=world.xincheng)

    login(page, live_server, "secretary", PASSWORD)
    page.goto(f"{live_server.url}/forms/answers/{answer.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载填报表").click()
    book = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    rows = {row[1].value: row for row in book["填报"].iter_rows(min_row=2)}
    rows["独居老人"][5].value = -5
    rows["老年助餐服务人次"][5].value = 1240
    rows["是否开展上门探访"][5].value = "是"
    bad = tmp_path / "填报.xlsx"
    book.save(bad)
    page.get_by_label("工作簿", exact=True).set_input_files(str(bad))
    page.get_by_role("button", name="校验并提交工作簿").click()
    problem = page.locator("table").filter(has_text="不能为负数")
    expect(problem).to_contain_text(f"F{rows['独居老人'][0].row}")
    expect(page.locator(".errorbox").first).to_contain_text("未保存")
    snap(page, "forms-answer-upload-refused-1366")
    assert Answer.objects.get(pk=answer.pk).status == AnswerStatus.WAITING

    rows["独居老人"][5].value = 126
    good = tmp_path / "填报-改.xlsx"
    book.save(good)
    page.get_by_label("工作簿", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="校验并提交工作簿").click()
    expect(page.locator(".messages")).to_contain_text("已通过工作簿提交")
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.SUBMITTED and answer.values.get(field__name="独居老人").value == "126"
