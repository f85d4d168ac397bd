from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "qingzhuang.meetings"
    label = "meetings"
