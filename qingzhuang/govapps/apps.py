from django.apps import AppConfig


class GovappsConfig(AppConfig):
    name = "qingzhuang.govapps"
    label = "govapps"
