"""Job bodies used by the tests (referred to by dotted path, as real jobs are)."""

from typing import Any

from qingzhuang.jobs.services import job_attach_file, job_progress
from qingzhuang.lib.errors import DomainError


def count_to(job: Any, *, n: int) -> dict[str, Any]:
    for i in range(1, n + 1):
        job_progress(job, i, n, f"step {i}")
    return {"counted": n}


def explode(job: Any) -> None:
    raise ValueError("boom")


def refuse(job: Any) -> None:
    raise DomainError("too_late", "太晚了")


def make_file(job: Any, *, text: str) -> dict[str, Any]:
    job_attach_file(job, filename="report.txt", content=text.encode())
    return {}


# Set by a test once it has seen the progress that a job reported from inside its transaction.
RELEASE = __import__("threading").Event()


def hold_in_transaction(job: Any) -> dict[str, Any]:
    from django.db import transaction

    with transaction.atomic():
        job_progress(job, 7, 10, "half-way", force=True)
        RELEASE.wait(timeout=20)
    return {}
