from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "qingzhuang.households"
    label = "households"
