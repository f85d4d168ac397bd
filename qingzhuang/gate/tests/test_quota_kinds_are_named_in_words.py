"""A quota's kind is shown in words in Chinese pages (发文, 会议), never as its code ("documents配额", "meeting")."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from qingzhuang.audit.models import Event
from qingzhuang.gate.errors import GateError
from qingzhuang.gate.models import Quota
from qingzhuang.gate.services import quota_set, quota_take

pytestmark = pytest.mark.django_db

CODES = ("documents", "meeting")


@pytest.fixture
def full(world):
    """Both of 民政局's quotas this year used up, one of them past its limit by an authorised override."""
    from qingzhuang.meetings.tests.factories import make

    year = timezone.localdate().year
    for kind in CODES:
        quota_set(actor=None, unit=world.civil_affairs, year=year, kind=kind, limit=0)
    meeting = make(world)
    with translation.override("zh-hans"):
        quota_take(actor=world.reviewer, unit=world.civil_affairs, year=year, kind="meeting", item=meeting, override_reason="上级紧急部署")
    return year, meeting


def test_a_used_up_quota_is_refused_in_words(world, full):
    year, meeting = full

    with translation.override("zh-hans"), pytest.raises(GateError) as err:
        quota_take(actor=world.clerk, unit=world.civil_affairs, year=year, kind="documents", item=world.office)

    message = str(err.value.message)
    assert "发文配额已用完" in message and "documents" not in message


def test_the_ledger_board_the_gate_board_and_the_audit_trail_name_the_kinds(world, full, client_for):
    client = client_for(world.reviewer)
    pages = [
        client.get(reverse("ledger:board") + f"?unit={world.office.pk}").content.decode(),
        client.get(reverse("gate:board")).content.decode(),
    ]
    ledger_quotas = pages[0][pages[0].index("红黄预警"):]
    assert "发文" in ledger_quotas and "会议" in ledger_quotas
    assert "上级紧急部署" in pages[1]
    overrides = pages[1][pages[1].index("上级紧急部署") - 400:pages[1].index("上级紧急部署")]
    assert "<td>会议</td>" in overrides
    for page in pages:
        for code in CODES:
            assert f">{code}<" not in page and f"{code}配额" not in page
    shown = Event.objects.filter(model="gate.quota").values_list("object_repr", flat=True)
    assert any("会议" in text for text in shown) and not any(f" {code} " in text for text in shown for code in CODES)


def test_the_quotas_api_gives_the_code_and_the_words(world, full, client_for):
    body = client_for(world.reviewer).get("/api/v1/gate/quotas").json()

    assert {(q["kind"], q["kind_label"]) for q in body} >= {("documents", "发文"), ("meeting", "会议")}
    assert Quota.objects.filter(unit=world.civil_affairs).count() == 2
