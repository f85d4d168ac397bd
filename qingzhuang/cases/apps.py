from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "qingzhuang.cases"
    label = "cases"
