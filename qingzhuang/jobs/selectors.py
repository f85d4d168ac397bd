"""Reads of jobs: what a user may see, and a job's latest progress."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from qingzhuang.jobs.models import Job
from qingzhuang.jobs.services import progress_cache_key
from qingzhuang.org import access


def jobs_visible(user: Any) -> QuerySet[Job]:
    """A user's own jobs, and those of the units where they hold jobs.view (all for an administrator)."""
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    if access.is_system_admin(user):
        return Job.objects.all()
    scoped = access.scoped_queryset(user, "jobs.view", Job.objects.all())
    return Job.objects.filter(Q(created_by=user) | Q(pk__in=scoped.values("pk")))


def job_for_user(user: Any, pk: int) -> Job:
    """The one way to open a job: 404 when it does not exist, 403 when it is not the user's to see."""
    job = Job.objects.select_related("created_by", "unit").filter(pk=pk).first()
    if job is None:
        raise Http404
    if not jobs_visible(user).filter(pk=pk).exists():
        raise PermissionDenied(access.DENIED_MESSAGE)
    return job_live(job)


def job_live(job: Job) -> Job:
    """The job with its latest progress: a running job inside one transaction reports it through the cache."""
    if job.is_active:
        cached = cache.get(progress_cache_key(job.pk))
        if cached and cached[0] >= job.done:
            job.done, job.total, job.message = cached
    return job


def jobs_recent(user: Any, *, kind: str | None = None, limit: int = 10) -> list[Job]:
    """The user's own latest jobs (of ``kind``)."""
    jobs = Job.objects.filter(created_by=user)
    if kind:
        jobs = jobs.filter(kind=kind)
    return list(jobs.order_by("-created_at", "-id")[:limit])


def result_templates(job: Job) -> list[str]:
    """Templates that show a job's result: "<app>/_<name>_result.html" for kind "<app>.<name>", else the generic one."""
    app, _dot, name = job.kind.partition(".")
    names = [f"{app}/_{name}_result.html"] if name else []
    return [*names, "jobs/_result.html"]
