import datetime as dt

import pytest

from qingzhuang.documents import services
from qingzhuang.documents.models import Document, Status
from qingzhuang.lib import doc_corpus


def corpus_text(seed: int, length: int = 2000) -> str:
    return doc_corpus.build(doc_corpus.base_recipe(seed, level="county", length=length)).text


@pytest.fixture
def issued(world):
    """issued(text=..., issuer=..., year=...): a document already issued (in the archive)."""

    def make(*, text: str | None = None, issuer=None, on: dt.date = dt.date(2025, 5, 6), title: str = "已发文件", seed: int = 1) -> Document:
        issuer = issuer or world.office
        recipients = [world.caochangpo] if issuer.county_id == world.beilin.pk else [] if issuer.county_id is None else [world.xincheng, world.changfa]
        doc = services.document_create(actor=None, issuer=issuer, title=title, text=text or corpus_text(seed), recipients=recipients)
        Document.objects.filter(pk=doc.pk).update(status=Status.APPROVED)
        doc.refresh_from_db()
        # Only-reduce needs last year's count; issuing through the service keeps everything consistent.
        Document.objects.filter(pk=doc.pk).update(explanation=doc.explanation or "测试", explanation_status="accepted")
        doc.refresh_from_db()
        return services.document_issue(actor=None, document=doc, issued_on=on)

    return make


@pytest.fixture
def draft(world):
    """draft(text=..., **fields): a draft of 民政局 by the department clerk, addressed to 新城社区 and 长发村."""

    def make(*, text: str | None = None, seed: int = 500, **fields) -> Document:
        return services.document_create(actor=world.clerk, issuer=fields.pop("issuer", world.civil_affairs), title=fields.pop("title", "关于做好社区服务工作的通知"),
                                        text=text or corpus_text(seed), recipients=fields.pop("recipients", [world.xincheng, world.changfa]), **fields)

    return make
