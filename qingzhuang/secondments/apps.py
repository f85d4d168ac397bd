from django.apps import AppConfig


class SecondmentsConfig(AppConfig):
    name = "qingzhuang.secondments"
    label = "secondments"
