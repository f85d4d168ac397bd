"""API shapes shared by every kind of gated item."""

from typing import Any

from ninja import Schema


class VerdictOut(Schema):
    rule: str
    title: str
    outcome: str
    message: str
    evidence: dict[str, Any]

    @staticmethod
    def from_row(row: Any) -> "VerdictOut":
        return VerdictOut(rule=row.rule, title=row.title, outcome=row.outcome, message=row.text, evidence=row.evidence)
