from qingzhuang.components import Component

COMPONENT = Component(name="web", url_prefix="")
