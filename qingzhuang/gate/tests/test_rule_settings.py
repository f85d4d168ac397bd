import pytest

from qingzhuang.gate.errors import GateError
from qingzhuang.gate.models import RuleSetting
from qingzhuang.gate.rules import all_rules
from qingzhuang.gate.services import rule_setting_set

pytestmark = pytest.mark.django_db


def test_the_rules_page_lists_every_rule_of_every_component_with_defaults(world, client_for):
    response = client_for(world.reviewer).get("/gate/rules/")
    codes = [r.code for r in response.context["rows"]]
    assert codes == sorted(r.code for r in all_rules())
    assert {"document.length", "document.duplicates", "document.only_reduce", "quota.warning"} <= set(codes)
    assert "5,000 字" in response.content.decode()


def test_the_reviewer_changes_a_setting_and_bad_values_are_refused(world, client_for):
    client = client_for(world.reviewer)
    ok = client.post("/gate/rules/document.length/", {"enabled": "on", "max_chars": "4500", "max_chars_task_deployment": "3500"})
    assert ok.status_code == 302
    assert RuleSetting.objects.get(county=world.zhenan, rule="document.length").params == {"max_chars": 4500, "max_chars_task_deployment": 3500}
    bad = client.post("/gate/rules/document.duplicates/", {"enabled": "on", "warn_score": "0.9", "block_score": "0.5", "shown": "5"})
    assert bad.status_code == 200 and not RuleSetting.objects.filter(rule="document.duplicates").exists()
    bad = client.post("/gate/rules/quota.warning/", {"enabled": "on", "yellow_ratio": "abc", "red_ratio": "1", "pace_tolerance": "0"})
    assert bad.status_code == 200 and not RuleSetting.objects.filter(rule="quota.warning").exists()


@pytest.mark.parametrize("persona", ["clerk", "leader", "street_officer", "secretary", "outsider"])
def test_others_cannot_change_the_countys_rules(world, persona):
    with pytest.raises(Exception) as err:
        rule_setting_set(actor=getattr(world, persona), county=world.zhenan, rule="document.length", enabled=False, params={})
    assert err.type.__name__ in ("PermissionDenied", "GateError")
    assert not RuleSetting.objects.exists()


def test_the_yellow_ratio_cannot_exceed_the_red_ratio(world):
    with pytest.raises(GateError) as err:
        rule_setting_set(actor=world.reviewer, county=world.zhenan, rule="quota.warning", enabled=True,
                         params={"yellow_ratio": 1.2, "red_ratio": 1.0, "pace_tolerance": 0})
    assert err.value.code == "invalid_setting"
