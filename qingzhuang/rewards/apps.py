from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RewardsConfig(AppConfig):
    name = "qingzhuang.rewards"
    label = "rewards"
    verbose_name = _("Training and points (培训与积分)")
