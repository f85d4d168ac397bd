"""A live server with 镇安县's personas, the test world's community boundaries and three Open311 keys: the rider's
(files and follows their own reports), the county office's (reads the county's) and 碑林区's outsider's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import requests

from qingzhuang.open311 import services
from qingzhuang.riders import services as riders
from qingzhuang.riders.testing import import_world_areas


@dataclass
class Open311:
    base: str
    world: Any
    rider_key: str
    office_key: str
    outsider_key: str

    def get(self, path: str, **params: Any) -> requests.Response:
        return requests.get(f"{self.base}/{path}", params=params, timeout=30)

    def post(self, fmt: str = "json", data: Any = None, **form: Any) -> requests.Response:
        return requests.post(f"{self.base}/requests.{fmt}", data=data if data is not None else form, timeout=30)

    def category(self, name: str = "消防通道堵塞") -> int:
        return next(c.pk for c in riders.categories_for(self.world.zhenan) if c.name == name)


def xml_of(response: requests.Response) -> ET.Element:
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(response.content)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def o311(transactional_db: None, live_server: Any) -> Open311:
    from qingzhuang.org.testing import build_world

    world = build_world()
    import_world_areas()
    riders.categories_for(world.zhenan)
    _, rider_key = services.key_issue(actor=world.reviewer, holder=world.rider, name="骑手App")
    _, office_key = services.key_issue(actor=world.reviewer, holder=world.reviewer, name="县委办大屏")
    _, outsider_key = services.key_issue(actor=world.outsider, holder=world.outsider, name="碑林区平台")
    return Open311(f"{live_server.url}/open311/v2", world, rider_key, office_key, outsider_key)


def at(root: ET.Element, path: str) -> ET.Element:
    found = root.find(path)
    assert found is not None, f"no <{path}> in <{root.tag}>"
    return found


def text_at(root: ET.Element, path: str) -> str:
    return at(root, path).text or ""
