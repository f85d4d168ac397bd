"""Test helpers: an issued document sent to the test world's communities."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qingzhuang.documents import services as documents_services
from qingzhuang.documents.models import Document, Status


def issued_document(world: Any, title: str = "关于报送社区养老服务台账的通知", recipients: list[Any] | None = None) -> Document:
    doc = documents_services.document_create(
        actor=None, issuer=world.civil_affairs, title=title, text="请各社区于三日内报送养老服务工作台账，并附活动照片和签到表。" * 10,
        recipients=recipients if recipients is not None else [world.xincheng, world.changfa],
    )
    Document.objects.filter(pk=doc.pk).update(status=Status.APPROVED, explanation="测试", explanation_status="accepted")
    return documents_services.document_issue(actor=None, document=Document.objects.get(pk=doc.pk), issued_on=dt.date(2026, 11, 20))
