"""An action the apps pass to ``audit_record`` (as a literal or a module constant; calls through a variable are not
seen) reads as words in Chinese on the trail's pages, never as the raw code — the households app's reads and phone
reveals (个人信息保护法) included."""

import re
from pathlib import Path

from django.utils import translation

from qingzhuang.audit.selectors import ACTION_LABELS

APPS = Path(__file__).resolve().parents[2]
AUDIT_SERVICES = (APPS / "audit" / "services.py").read_text(encoding="utf-8")


def _written_actions():
    found = set()
    for path in APPS.glob("*/*.py"):
        text = path.read_text(encoding="utf-8")
        for given in re.findall(r"audit_record\([^()]*?action=(\"[a-z_]+\"|[A-Z_]+)\b", text, re.S):
            if given.startswith('"'):
                found.add(given.strip('"'))
                continue
            value = re.search(rf'^{given} = "([a-z_]+)"', text, re.M) or re.search(rf'^{given} = "([a-z_]+)"', AUDIT_SERVICES, re.M)
            if value:
                found.add(value.group(1))
    return found


def test_every_action_written_has_a_chinese_label():
    written = _written_actions()
    assert {"read", "reveal_phone", "create", "update"} <= written
    with translation.override("zh-hans"):
        missing = {a for a in written if a not in ACTION_LABELS or not re.search(r"[\u4e00-\u9fff]", str(ACTION_LABELS[a]))}
    assert missing == set()
