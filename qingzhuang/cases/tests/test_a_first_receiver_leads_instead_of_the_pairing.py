"""A case may name the department responsible for its kind of problem (a hazard category's, 首接负责): that department
alone receives it instead of the paired departments, and leads it when it accepts; a unit that is not an active
department of the county is refused and nothing is written."""

import pytest

from qingzhuang.cases.errors import CaseError
from qingzhuang.cases.models import Case
from qingzhuang.cases.services import case_accept
from qingzhuang.org import services as org_services
from qingzhuang.org.models import Role, UnitKind
from qingzhuang.org.testing import _user

pytestmark = pytest.mark.django_db


@pytest.fixture
def emergency(paired):
    return org_services.unit_create(actor=None, name="镇安县应急管理局", kind=UnitKind.DEPARTMENT, region=paired.zhenan, parent=paired.office)


def test_the_first_receiver_alone_receives_the_case_and_leads_it(paired, raise_case, emergency):
    case = raise_case(first_receiver=emergency, category="safety", title="井盖缺失")
    assert [r.department for r in case.recipients.all()] == [emergency]
    with pytest.raises(CaseError) as refused:
        case_accept(actor=paired.clerk, case=case)
    assert refused.value.code == "not_recipient"
    case_accept(actor=_user("emergency_clerk", emergency, Role.DEPARTMENT_CLERK), case=case)
    case.refresh_from_db()
    assert case.lead == emergency


@pytest.mark.parametrize("which", ["yongle", "beilin_office", "xincheng"])
def test_a_first_receiver_that_is_not_a_department_of_the_county_is_refused(paired, raise_case, which):
    with pytest.raises(CaseError) as refused:
        raise_case(first_receiver=getattr(paired, which))
    assert refused.value.code == "first_receiver" and refused.value.field == "first_receiver" and "镇安县" in refused.value.message
    assert Case.objects.count() == 0
