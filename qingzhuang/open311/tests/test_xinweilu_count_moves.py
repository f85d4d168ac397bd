"""A report a 新渭骑士 files through Open311 counts where the phone page's would: 新渭路社区's hazard reports, as the
riders' own selector gives them to the community's secretary, go up by one."""

from __future__ import annotations

import json
from typing import Any

import requests

from qingzhuang.open311 import services
from qingzhuang.org import services as org
from qingzhuang.org.models import PersonKind, Role
from qingzhuang.org.testing import build_weibin
from qingzhuang.riders import selectors
from qingzhuang.riders import services as riders
from qingzhuang.riders.demo import CELL, GRID, ORIGIN
from qingzhuang.riders.models import HazardReport
from qingzhuang.riders.testing import rectangle


def _user(username: str, unit: Any, role: str, *, below: bool = False, kind: str = PersonKind.CADRE) -> Any:
    person = org.person_create(actor=None, name=f"{username}姓名", kind=kind, unit=unit)
    user = org.user_create(actor=None, username=username, password="Test-pass-2026", person=person)
    org.role_assign(actor=None, user=user, role=role, unit=unit, include_below=below)
    return user


def test_a_report_filed_over_open311_moves_xinweilus_hazard_count(transactional_db, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    weibin = build_weibin()
    xinweilu = weibin.grassroots["新渭路社区"]
    row, col = GRID["新渭路社区"]
    north, west = ORIGIN[0] - row * CELL[0], ORIGIN[1] + col * CELL[1]
    riders.areas_import(actor=None, text=json.dumps({"type": "FeatureCollection", "features": [
        rectangle("新渭路社区", north - CELL[0], west, north, west + CELL[1])]}))
    reviewer = _user("weibin_reviewer", weibin.office, Role.COUNTY_REVIEWER, below=True)
    secretary = _user("xinweilu_secretary", xinweilu, Role.COMMUNITY_SECRETARY, kind=PersonKind.COMMUNITY_WORKER)
    rider = _user("xinweilu_rider", xinweilu, Role.RIDER, kind=PersonKind.RIDER)
    _, key = services.key_issue(actor=reviewer, holder=rider, name="新渭骑士App")
    category = next(c for c in riders.categories_for(weibin.county) if c.name == "飞线充电")
    before = selectors.reports_to_handle(secretary).filter(unit=xinweilu).count()

    response = requests.post(f"{live_server.url}/open311/v2/requests.xml", timeout=30, data={
        "api_key": key, "jurisdiction_id": "610302", "service_code": category.pk, "lat": f"{north - 0.4 * CELL[0]:.6f}",
        "long": f"{west + 0.5 * CELL[1]:.6f}", "description": "5号楼一楼窗户拉出电线给电动车充电"})

    assert response.status_code == 201, response.text
    assert selectors.reports_to_handle(secretary).filter(unit=xinweilu).count() == before + 1
    assert HazardReport.objects.filter(unit=xinweilu, reporter=rider).count() == 1
