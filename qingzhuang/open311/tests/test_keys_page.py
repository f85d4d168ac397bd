"""The county office's page of Open311 keys: it issues a key to an account of its county (shown once, stored hashed,
audited), refuses hostile or out-of-county input storing nothing, and revokes a key (audited; the key stops working).
Nobody else may issue or revoke, and another county's office cannot touch this county's keys."""

from __future__ import annotations

import re

import pytest

from qingzhuang.accounts.models import hash_token
from qingzhuang.audit.models import Event
from qingzhuang.open311 import services
from qingzhuang.open311.errors import Open311Error
from qingzhuang.open311.models import ApiKey

pytestmark = pytest.mark.django_db
KEY = re.compile(r"o311_[A-Za-z0-9_\-]{40,}")


def _state():
    return ApiKey.objects.count(), ApiKey.objects.filter(revoked_at__isnull=False).count(), Event.objects.filter(model="open311.apikey").count()


def test_the_county_office_issues_a_key_shown_once_and_stored_hashed(world, client_for):
    client = client_for(world.reviewer)

    page = client.post("/open311/keys/", {"holder": "rider", "name": "骑手App"}).content.decode()

    [raw] = KEY.findall(page)
    key = ApiKey.objects.get()
    assert key.key_hash == hash_token(raw) and key.holder == world.rider and key.county == world.zhenan
    assert not ApiKey.objects.filter(key_hash=raw).exists() and raw not in str(list(ApiKey.objects.values()))
    assert Event.objects.filter(model="open311.apikey", object_id=str(key.pk), action="create").exists()
    again = client.get("/open311/keys/").content.decode()
    assert KEY.findall(again) == [] and key.prefix in again and "/open311/v2" in again and "如何接入应用" in again


def test_the_list_counts_the_reports_filed_with_each_key(world, client_for, settings, tmp_path):
    from qingzhuang.open311.models import Submission
    from qingzhuang.open311.selectors import keys_for
    from qingzhuang.riders import services as riders

    settings.MEDIA_ROOT = tmp_path
    key, _raw = services.key_issue(actor=world.reviewer, holder=world.rider, name="骑手App")
    other, _ = services.key_issue(actor=world.reviewer, holder=world.worker, name="社区工作站")
    category = riders.categories_for(world.zhenan)[0]
    for index in range(3):
        services.request_file(key=key, values={"service_code": category.pk, "address_string": f"新城社区{index + 1}号楼",
                                               "description": "楼道堆放杂物"}, attributes={})
    assert dict(keys_for(world.reviewer).values_list("name", "filed")) == {"骑手App": 3, "社区工作站": 0}  # type: ignore[misc]
    assert Submission.objects.filter(key=key).count() == 3 and other.submissions.count() == 0
    assert keys_for(world.outsider).count() == 0


@pytest.mark.parametrize(("holder", "name", "says"), [
    ("outsider", "碑林的App", "没有角色"),
    ("nobody", "App", "没有使用此用户名"),
    ("rider", "\u3000\u200b ", "不能为空"),
    ("rider", "App\x00", "无法保存"),
    ("rider", "长" * 100_000, "最多"),
])
def test_a_refused_issue_says_why_and_stores_nothing(world, client_for, holder, name, says):
    before = _state()
    response = client_for(world.reviewer).post("/open311/keys/", {"holder": holder, "name": name})
    assert response.status_code == 400 and says in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize(("holder", "name"), [("\ud800", "App"), ("rider", "骑手\udfff")])
def test_a_lone_surrogate_is_refused_by_the_service_storing_nothing(world, holder, name):
    before = _state()
    with pytest.raises(Open311Error) as exc:
        services.key_issue(actor=world.reviewer, holder=holder, name=name)
    assert exc.value.code == "unstorable" and _state() == before


def test_a_revoked_key_stops_working_and_the_revocation_is_audited(world, client_for):
    key, raw = services.key_issue(actor=world.reviewer, holder=world.rider, name="骑手App")
    assert services.key_for(raw) == key

    client_for(world.reviewer).post("/open311/keys/", {"action": "revoke", "key": key.pk})

    key.refresh_from_db()
    assert key.revoked_at is not None and key.revoked_by == world.reviewer
    assert Event.objects.filter(model="open311.apikey", object_id=str(key.pk), action="revoke").exists()
    with pytest.raises(Open311Error) as exc:
        services.key_for(raw)
    assert exc.value.status == 403 and exc.value.code == "api_key_invalid"


def test_nobody_else_issues_or_revokes(world, client_for):
    key, _raw = services.key_issue(actor=world.reviewer, holder=world.rider, name="骑手App")
    before = _state()
    for user in (world.secretary, world.rider, world.clerk):
        assert client_for(user).get("/open311/keys/").status_code == 403
        assert client_for(user).post("/open311/keys/", {"holder": "rider", "name": "x"}).status_code == 403
    # 碑林区's office sees none of 镇安县's keys and cannot revoke them.
    outsider = client_for(world.outsider)
    assert key.prefix not in outsider.get("/open311/keys/").content.decode()
    assert outsider.post("/open311/keys/", {"action": "revoke", "key": key.pk}).status_code == 403
    with pytest.raises(Exception, match="范围|scope"):
        services.key_revoke(actor=world.outsider, key=key)
    assert _state() == before
