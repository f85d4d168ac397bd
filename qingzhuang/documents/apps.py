from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "qingzhuang.documents"
    label = "documents"
