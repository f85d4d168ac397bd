"""The hand-off of a hazard report to the case flow (吹哨报到, qingzhuang.cases).

One function, called by ``hazard_report`` inside its transaction. The cases app (issue 11) was not on main when this
was written: until it is, the report stays with the community it was routed to (which confirms, fixes or rejects it
here) and no case is made. When it lands, this is the one place to call its single entry point with the rider as
reporter and return the case's reference.
"""

from __future__ import annotations

from typing import Any


def hazard_to_case(*, report: Any) -> str:
    """The reference of the case made from ``report`` ("" while there is no case flow to hand it to)."""
    return ""
