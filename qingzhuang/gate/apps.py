from django.apps import AppConfig


class GateConfig(AppConfig):
    name = "qingzhuang.gate"
    label = "gate"
