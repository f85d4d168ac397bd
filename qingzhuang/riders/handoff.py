"""The hand-off of a hazard report to the case flow (吹哨报到, qingzhuang.cases) through its one entry point.

A report stays with the community it was routed to, which confirms, fixes or rejects it. When fixing it is beyond the
community's power or ability, its staff raise it as a case: ``case_raise`` with the source "a rider's hazard report",
the report's reference, and the rider named as the one who reported it (the case is raised by the community, as every
case is; the rider keeps following the report, which shows the case's state).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from qingzhuang.cases.models import Case, Category, Source
from qingzhuang.cases.services import case_raise

REF_PREFIX = "cases.Case:"


def hazard_to_case(*, actor: Any, report: Any, beyond_power: bool, beyond_ability: bool) -> Case:
    """Raise ``report`` as a case of the community it was routed to; returns the case (CaseError when refused)."""
    reporter = report.rider.name if report.rider_id else report.reporter.display_name
    when = timezone.localtime(report.reported_at).strftime("%Y-%m-%d %H:%M")
    where = report.address or (f"WGS-84 {report.lat:.6f}, {report.lng:.6f}" if report.lat is not None else "")
    # The category's responsible department (消防, 住建…) receives the case first and leads it once it accepts (首接负责);
    # without one, or when it is no longer active, the community's paired departments receive it as for any case.
    department = report.category.department if report.category.department_id and report.category.department.is_active else None
    answerable = f"，责任部门：{department.name}" if department is not None else ""
    description = f"{report.description}\n\n（骑手{reporter}于{when}隐患上报，编号{report.pk}，类别：{report.category.name}{answerable}）"
    return case_raise(actor=actor, community=report.unit, title=f"隐患上报：{report.category.name}"[:100], description=description,
                      category=Category.SAFETY, location=where[:200], beyond_power=beyond_power, beyond_ability=beyond_ability,
                      source=Source.HAZARD_REPORT, source_ref=f"riders.HazardReport:{report.pk}", first_receiver=department)


def case_of(report: Any) -> Case | None:
    """The case a report became, if any."""
    if not report.case_ref.startswith(REF_PREFIX):
        return None
    pk = report.case_ref[len(REF_PREFIX):]
    return Case.objects.filter(pk=int(pk)).first() if pk.isdigit() else None
