from django.apps import AppConfig


class PairingConfig(AppConfig):
    name = "qingzhuang.pairing"
    label = "pairing"
