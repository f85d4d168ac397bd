from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "qingzhuang.forms"
    label = "forms"
    verbose_name = "报表 一表通"
