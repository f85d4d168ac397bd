from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "qingzhuang.feedback"
    label = "feedback"
