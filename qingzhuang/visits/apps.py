from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "qingzhuang.visits"
    label = "visits"
