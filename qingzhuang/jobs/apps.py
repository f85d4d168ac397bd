from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "qingzhuang.jobs"
    label = "jobs"
