from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "qingzhuang.workdays"
    label = "workdays"
