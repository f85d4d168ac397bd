from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "qingzhuang.teams"
    label = "teams"
