"""The 赋能 board: cases by state and age, overdue, the rates per department from the same selector, pairing coverage;
the community's ledger page lists its cases and counts the solved ones as help. Another county sees nothing."""

import datetime as dt

from qingzhuang.cases import selectors, services
from qingzhuang.cases.tests.conftest import at
from qingzhuang.cases.views import board_section, unit_section
from qingzhuang.ledger.measures import Direction, measure_by_code
from qingzhuang.ledger.periods import Period
from qingzhuang.pairing.views import board_section as pairing_section


def test_the_rates_count_what_their_labels_say(paired, raise_case):
    on_time = raise_case(urgency="general", now=at("2026-11-02 09:00"))
    services.case_accept(actor=paired.clerk, case=on_time, now=at("2026-11-02 10:00"))
    services.case_resolve(actor=paired.clerk, case=on_time, note="已办", now=at("2026-11-04 10:00"))
    services.callback_record(actor=paired.secretary, case=on_time, rating="satisfied", now=at("2026-11-05 10:00"))
    late = raise_case(urgency="general", now=at("2026-11-02 09:00"))
    services.case_accept(actor=paired.clerk, case=late, now=at("2026-11-05 10:00"))  # past its one working day
    rates = selectors.department_rates(paired.zhenan, dt.date(2026, 1, 1), dt.date(2027, 1, 1), at("2026-11-20 09:00"))
    assert len(rates) == 1
    civil = rates[0]
    assert (civil.department, civil.led, civil.responded_in_time, civil.resolved, civil.callbacks, civil.satisfied) == (
        paired.civil_affairs, 2, 1, 1, 1, 1)
    assert civil.response_rate == 0.5 and civil.resolution_rate == 0.5 and civil.satisfaction_rate == 1.0
    assert civil.average_days_to_resolve == 2.0 + 1 / 24
    assert civil.overdue_now == 1  # the late one, resolve within 7 days of 11-02: past on 11-20


def test_the_board_and_the_community_page_show_cases_and_coverage_in_scope(paired, raise_case, settings):
    settings.QZ_NOW = "2026-11-20T09:00:00+08:00"
    case = raise_case(urgency="general", now=at("2026-11-02 09:00"))
    services.case_accept(actor=paired.clerk, case=case, now=at("2026-11-02 10:00"))
    services.case_resolve(actor=paired.clerk, case=case, note="已办", now=at("2026-11-04 10:00"))
    period = Period("year", 2026)
    html = board_section(paired.reviewer, paired.office, period)
    assert "镇安县民政局" in html and "响应率" in html and "在响应时限内受理的牵头诉求" in html
    assert "2个社区和村中有1个已有结对部门" in pairing_section(paired.reviewer, paired.office, period)
    assert board_section(paired.outsider, paired.office, period) == ""
    assert pairing_section(paired.outsider, paired.office, period) == ""
    assert case.title in unit_section(paired.secretary, paired.xincheng, period)
    assert unit_section(paired.outsider, paired.xincheng, period) == ""
    solved = measure_by_code("cases.solved")
    assert solved.direction == Direction.HELP
    assert [row[0] for row in solved.compute(dt.date(2026, 11, 1), dt.date(2026, 12, 1))] == [paired.xincheng.pk]
