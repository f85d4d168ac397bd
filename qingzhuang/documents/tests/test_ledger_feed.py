import datetime as dt

import pytest

from qingzhuang.documents import services
from qingzhuang.documents.measures import chars_received, received
from qingzhuang.ledger.models import LedgerMonth

pytestmark = pytest.mark.django_db


def ledger(measure):
    return {(r.unit_id, r.month): r.value for r in LedgerMonth.objects.filter(measure=measure) if r.value}


def test_issuing_feeds_the_ledger_per_recipient_and_withdrawing_takes_it_back(world, issued):
    doc = issued(on=dt.date(2024, 3, 9), seed=5)
    march = dt.date(2024, 3, 1)
    assert ledger("documents.received") == {(world.xincheng.pk, march): 1.0, (world.changfa.pk, march): 1.0}
    assert ledger("documents.chars_received")[(world.xincheng.pk, march)] == doc.chars
    computed = sorted(received(dt.date(2024, 1, 1), dt.date(2025, 1, 1)))
    assert computed == sorted([(world.xincheng.pk, dt.date(2024, 3, 9), 1.0, world.office.pk), (world.changfa.pk, dt.date(2024, 3, 9), 1.0, world.office.pk)])
    assert sum(r[2] for r in chars_received(dt.date(2024, 1, 1), dt.date(2025, 1, 1))) == 2 * doc.chars

    services.document_withdraw(actor=world.reviewer, document=doc, reason="撤回")
    assert ledger("documents.received") == {}
    assert list(received(dt.date(2024, 1, 1), dt.date(2025, 1, 1))) == []


def test_the_drill_down_lists_the_documents_a_unit_received(world, issued):
    from qingzhuang.ledger.measures import measure_by_code

    doc = issued(on=dt.date(2024, 5, 2), seed=6, title="关于做好防汛工作的通知")
    items_of = measure_by_code("documents.received").items
    assert items_of is not None
    items = list(items_of(world.changfa, dt.date(2024, 1, 1), dt.date(2025, 1, 1)))
    assert items == [("关于做好防汛工作的通知", f"/documents/{doc.pk}/", dt.date(2024, 5, 2), 1.0)]
