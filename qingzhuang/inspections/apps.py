from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "qingzhuang.inspections"
    label = "inspections"
