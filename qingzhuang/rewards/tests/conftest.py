import pytest

from qingzhuang.rewards.testing import TODAY


@pytest.fixture(autouse=True)
def _today(settings):
    settings.QZ_TODAY = TODAY
