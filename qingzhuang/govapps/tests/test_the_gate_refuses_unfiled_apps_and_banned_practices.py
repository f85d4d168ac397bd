"""Imposing an app or group passes the gate: an unfiled app or mini-program is refused until filed, a banned practice is
refused naming it (a county may lower that to a warning), a description that mentions one is a warning naming the words
(traditional script, full-width spaces and all), and a near-same active entry is a warning naming it."""

import datetime as dt

import pytest

from qingzhuang.gate.models import GateCheck
from qingzhuang.gate.rules import latest_check
from qingzhuang.gate.services import rule_setting_set
from qingzhuang.govapps.errors import GovAppError
from qingzhuang.govapps.models import Entry, FilingStatus
from qingzhuang.govapps.testing import register, state

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = "2026-11-27"


def verdicts_of(entry):
    check = latest_check(entry)
    assert check is not None
    return check.verdicts


def outcomes(entry):
    return {v["rule"]: v["outcome"] for v in verdicts_of(entry)}


def test_a_filed_app_with_no_banned_practice_passes_and_its_verdicts_are_stored(world):
    entry = register(world)

    assert outcomes(entry) == {"govapp.filing": "pass", "govapp.practices": "pass", "govapp.practice_words": "pass", "govapp.duplicate": "pass"}
    assert set(entry.requirements.values_list("unit__name", flat=True)) == {"新城社区", "长发村"}


def test_an_unfiled_app_is_refused_until_filed_and_nothing_is_written(world):
    before = state()

    with pytest.raises(GovAppError) as caught:
        register(world, filing_status="not_filed", filing_number="", filed_on=None)

    assert caught.value.code == "gate_blocked" and "未备案" in caught.value.message and "镇安民政服务" in caught.value.message
    assert state() == before
    assert register(world).filing_status == FilingStatus.FILED


def test_a_work_group_needs_no_filing(world):
    group = register(world, kind="group", platform="wechat", name="新城社区养老服务工作群", filing_status="not_filed", filing_number="", filed_on=None)

    assert outcomes(group)["govapp.filing"] == "pass"


def test_an_app_demanding_daily_check_ins_is_refused_naming_the_practice(world):
    before = state()

    with pytest.raises(GovAppError) as caught:
        register(world, practices=["check_in", "ranking"], description="每日打卡，积分排名按月通报。")

    assert "打卡" in caught.value.message and "积分排名" in caught.value.message and state() == before


def test_a_county_may_lower_banned_practices_to_a_warning(world):
    rule_setting_set(actor=world.reviewer, county=world.zhenan, rule="govapp.practices", enabled=True, params={"banned": "warn"})

    entry = register(world, practices=["online_time"])

    assert outcomes(entry)["govapp.practices"] == "warn" and entry.online_time and entry.practices == ["online_time"]


@pytest.mark.parametrize("description", ["要求每日打卡签到", "每天「打　卡」一次", "積分排名按週通報", "下载\u200b安装率纳入考核", "群内點贊轉發"])
def test_a_description_naming_a_practice_not_ticked_is_a_warning_naming_the_words(world, description):
    entry = register(world, kind="group", platform="wechat", filing_status="not_filed", filing_number="", filed_on=None, description=description)

    verdict = next(v for v in verdicts_of(entry) if v["rule"] == "govapp.practice_words")
    assert verdict["outcome"] == "warn" and verdict["evidence"]["phrases"]


def test_a_description_of_a_ticked_practice_adds_no_warning(world):
    rule_setting_set(actor=world.reviewer, county=world.zhenan, rule="govapp.practices", enabled=True, params={"banned": "warn"})

    entry = register(world, practices=["check_in"], description="每日打卡")

    assert outcomes(entry)["govapp.practice_words"] == "pass"


def test_a_near_same_active_entry_is_a_warning_naming_it(world):
    first = register(world, kind="group", name="永乐街道安全生产工作群", purpose="安全生产隐患排查通知", filing_status="not_filed", filing_number="",
                     filed_on=None)

    again = register(world, kind="group", name="永乐街道安全生产微信群", purpose="安全生产通知", filing_status="not_filed", filing_number="",
                     filed_on=None)
    other = register(world, kind="group", name="新城社区养老服务群", purpose="养老服务需求摸底", filing_status="not_filed", filing_number="",
                     filed_on=None)

    verdict = next(v for v in verdicts_of(again) if v["rule"] == "govapp.duplicate")
    assert verdict["outcome"] == "warn" and "永乐街道安全生产工作群" in verdict["params"]["others"] and verdict["evidence"]["entry_ids"] == [first.pk]
    assert outcomes(other)["govapp.duplicate"] == "pass"


def test_a_closed_entry_is_no_duplicate_and_the_filing_is_checked_again_when_imposed_on_more_units(world):
    from qingzhuang.govapps import services

    entry = register(world, units=[world.xincheng])
    services.entry_filing_set(actor=world.reviewer, entry=entry, filing_status="refused")

    with pytest.raises(GovAppError) as caught:
        services.requirements_add(actor=world.clerk, entry=Entry.objects.get(pk=entry.pk), units=[world.changfa])

    assert caught.value.code == "gate_blocked" and entry.requirements.count() == 1
    services.entry_close(actor=world.clerk, entry=entry, closed_on=dt.date(2026, 11, 27), reason="停用")
    again = register(world)
    assert outcomes(again)["govapp.duplicate"] == "pass" and GateCheck.objects.count() == 2
