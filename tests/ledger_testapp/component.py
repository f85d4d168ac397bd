from qingzhuang.components import Component
from qingzhuang.ledger.measures import Direction, Measure
from tests.ledger_testapp import store

COMPONENT = Component(
    name="ledger_testapp",
    measures=(
        Measure(
            code=store.MEASURE,
            label="Research visits received (test)",
            unit_label="people",
            direction=Direction.BURDEN,
            weight=2.0,
            compute=store.compute,
            items=store.items,
            order=500,
        ),
    ),
)
