"""Two departments blowing the same whistle at once: on PostgreSQL, parallel clients (threads, each its own
connection) accept the same cases together, and every case ends with exactly one lead."""

import pytest

from qingzhuang.cases import services
from qingzhuang.cases.errors import CaseError
from qingzhuang.cases.models import Case, Event, Handler
from qingzhuang.org.models import Role
from qingzhuang.org.testing import _user
from tests.races import require_postgres, run_together

THREADS = 8
CASES = 5


@pytest.fixture
def postgres_only():
    require_postgres("parallel accepts")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_clerks_of_two_departments_accepting_five_cases_at_once_leave_one_lead_each(postgres_only, paired, raise_case):
    clerks = [paired.clerk, paired.edu_clerk] + [
        _user(f"clerk{i}", paired.civil_affairs if i % 2 else paired.education, Role.DEPARTMENT_CLERK) for i in range(THREADS - 2)
    ]
    cases = [raise_case(title=f"问题{i}") for i in range(CASES)]

    def accept_all(clerk):
        results = []
        for case in cases:
            try:
                services.case_accept(actor=clerk, case=case)
                results.append("accepted")
            except CaseError as exc:
                results.append(exc.code)
        return results

    outcomes = run_together([lambda c=c: accept_all(c) for c in clerks])

    assert outcomes.count("accepted") == CASES, outcomes
    assert set(outcomes) == {"accepted", "already_accepted"}
    for case in Case.objects.filter(pk__in=[c.pk for c in cases]):
        assert case.lead_id in (paired.civil_affairs.pk, paired.education.pk)
        assert list(Handler.objects.filter(case=case, role="lead").values_list("unit_id", flat=True)) == [case.lead_id]
        assert Event.objects.filter(case=case, kind="accepted").count() == 1
