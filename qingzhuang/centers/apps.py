from django.apps import AppConfig


class CentersConfig(AppConfig):
    name = "qingzhuang.centers"
    label = "centers"
