import pytest


@pytest.fixture(autouse=True)
def _chinese():
    """Messages in the users' language: Chinese first."""
    from django.utils import translation

    with translation.override("zh-hans"):
        yield
