"""镇安县's demo, from raw records: 46 forms (917 fields) registered in 2024–2025 merge into 20 catalogued forms
today, with fewer fields; the board counts it from the records; communities answered with values pre-filled."""

import datetime as dt

import pytest

from qingzhuang.forms.models import Answer, AnswerStatus, Form, FormStatus
from qingzhuang.forms.selectors import county_figures
from qingzhuang.lib import clock
from qingzhuang.org.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    from qingzhuang.forms.demo import seed
    from qingzhuang.org.demo import DemoContext
    from qingzhuang.org.demo import seed as org_seed

    ctx = DemoContext()
    org_seed(ctx)
    seed(ctx)
    return ctx


def test_the_catalogue_shrinks_from_46_forms_to_20_and_its_fields_by_about_half(demo):
    zhenan = Region.objects.get(code="611025")
    year = clock.today().year

    fig = county_figures(zhenan, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))

    assert (fig["before"]["forms"], fig["before"]["fields"]) == (46, 917)
    assert fig["after"]["forms"] == 20 and 450 <= fig["after"]["fields"] <= 560
    assert Form.objects.filter(status=FormStatus.RETIRED, merged_into__isnull=False).count() == 46
    assert fig["refused"] == 1


def test_the_communities_answered_with_most_values_prefilled_and_changfa_has_one_to_fill(demo):
    answers = Answer.objects.filter(form__issuer__county__code="611025")

    assert answers.filter(status=AnswerStatus.WAITING).get().unit.name == "长发村"
    submitted = answers.filter(status=AnswerStatus.SUBMITTED)
    # 常住人口, 户数, 社区工作者人数 come from the community profiles.
    assert submitted.exists() and all(a.prefilled_count >= 3 for a in submitted)
