from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "qingzhuang.ledger"
    label = "ledger"
