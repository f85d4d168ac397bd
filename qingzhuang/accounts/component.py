from qingzhuang.components import Component

COMPONENT = Component(name="accounts", url_prefix="accounts")
