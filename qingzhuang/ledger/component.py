from qingzhuang.components import Component

COMPONENT = Component(name="ledger")
