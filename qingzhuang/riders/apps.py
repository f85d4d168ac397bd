from django.apps import AppConfig


class RidersConfig(AppConfig):
    name = "qingzhuang.riders"
    label = "riders"
