"""Start background jobs, run them, and record their progress and outcome.

A job runs ``func(job, **payload)``: through Celery when a broker is configured, otherwise in this
process, in a thread after the surrounding transaction commits (``QZ_INPROCESS_JOBS="thread"``) or
inline (``"sync"``, what tests use). Whatever the function returns (JSON data) becomes the result.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import threading
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from qingzhuang.audit.services import UPDATE, audit_created, audit_record
from qingzhuang.jobs import errors
from qingzhuang.jobs.models import Job, JobStatus
from qingzhuang.lib.errors import DomainError

logger = logging.getLogger(__name__)

# Progress is written at most this often (seconds): a 50,000-row import must not become 50,000 updates.
PROGRESS_INTERVAL = 0.5
PROGRESS_CACHE_SECONDS = 6 * 3600


def progress_cache_key(job_id: int) -> str:
    return f"qz:job:{job_id}:progress"


def job_start(
    *, actor: Any, kind: str, func: str, payload: dict[str, Any] | None = None, unit: Any = None, input_files: list[str] | None = None
) -> Job:
    """Create a job and have ``func(job, **payload)`` run it in the background (inline when QZ_INPROCESS_JOBS="sync").

    ``input_files`` (paths in the default storage) are deleted when the job ends, however it ends.
    """
    import_string(func)  # a wrong path fails here, in the caller, not later in a worker
    payload = payload or {}
    json.dumps(payload)  # the payload crosses process boundaries: JSON only
    creator = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            func=func,
            payload=payload,
            unit=unit,
            created_by=creator,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            input_files=list(input_files or []),
        )
        audit_created(actor=actor, obj=job, unit=unit)
    job_id = job.pk
    if settings.CELERY_BROKER_URL:
        from qingzhuang.jobs.tasks import run_job

        transaction.on_commit(lambda: run_job.delay(job_id))
    elif settings.QZ_INPROCESS_JOBS == "thread":
        transaction.on_commit(lambda: _start_thread(job_id))
    else:
        job_run(job_id=job_id)
        job.refresh_from_db()
    return job


def _start_thread(job_id: int) -> None:
    # Not a daemon: a server shutting down lets a running import finish rather than cut it mid-way.
    threading.Thread(target=_run_in_thread, args=(job_id,), name=f"qz-job-{job_id}").start()


def _run_in_thread(job_id: int) -> None:
    try:
        job_run(job_id=job_id)
    finally:
        connections.close_all()  # this thread's own connections


def runner_name() -> str:
    """This process, as recorded on the jobs it takes: "host:pid"."""
    return f"{socket.gethostname()}:{os.getpid()}"


def job_run(*, job_id: int) -> Job:
    """Run a queued job once; a job already taken (a redelivered Celery message) is left alone."""
    taken = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), runner=runner_name()
    )
    job = Job.objects.get(pk=job_id)
    if not taken:
        return job
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            func = import_string(job.func)
            result = func(job, **job.payload)
            json.dumps(result)
        except Exception as exc:  # a failure is recorded on the job, never lost in a thread
            _finish(job, JobStatus.FAILED, message=_failure_message(exc))
        else:
            _finish(job, JobStatus.DONE, result=result if isinstance(result, dict) else {"value": result})
        finally:
            _close_side_connection(job)
            job_discard_inputs(job)
    return job


def job_discard_inputs(job: Job) -> None:
    """Delete the files handed to a job that has ended (they may hold residents' personal data)."""
    from django.core.files.storage import default_storage

    if not job.input_files:
        return
    for path in job.input_files:
        try:
            default_storage.delete(path)
        except OSError:
            logger.exception("could not delete job %s input %s", job.pk, path)
    Job.objects.filter(pk=job.pk).update(input_files=[])
    job.input_files = []


def _failure_message(exc: Exception) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, PermissionDenied):
        return str(exc) or str(errors.JOB_DENIED)
    logger.exception("background job failed")
    return str(errors.JOB_FAILED % {"error": type(exc).__name__})


def _finish(job: Job, status: str, *, result: dict[str, Any] | None = None, message: str | None = None) -> None:
    # The last progress may have gone to the cache only (inside the job's transaction): keep it on the row.
    fields: dict[str, Any] = {"status": status, "finished_at": timezone.now(), "done": job.done, "total": job.total, "message": job.message}
    if result is not None:
        fields["result"] = result
    if message is not None:
        fields["message"] = message[:500]
    Job.objects.filter(pk=job.pk).update(**fields)
    cache.delete(progress_cache_key(job.pk))
    for name, value in fields.items():
        setattr(job, name, value)


def job_progress(job: Job, done: int, total: int, message: str = "", *, force: bool = False) -> bool:
    """Record how far ``job`` got. Cheap: writes at most every PROGRESS_INTERVAL seconds (and at the end).

    Touches only done/total/message. Inside a transaction (an import writes everything in one) the
    row would stay invisible until commit, so progress also goes to the cache, and on PostgreSQL
    through a second, autocommitting connection. Returns whether anything was written.
    """
    now = time.monotonic()
    last = job.__dict__.get("_qz_progress_at")
    finished = bool(total) and done >= total
    if not force and not finished and last is not None and now - last < PROGRESS_INTERVAL:
        return False
    job.__dict__["_qz_progress_at"] = now
    message = str(message)[:500]
    job.done, job.total, job.message = done, total, message
    cache.set(progress_cache_key(job.pk), (done, total, message), PROGRESS_CACHE_SECONDS)
    if not connection.in_atomic_block:
        Job.objects.filter(pk=job.pk).update(done=done, total=total, message=message)
    elif connection.vendor == "postgresql" and not _inline():
        _side_update(job, done, total, message)
    return True


def _inline() -> bool:
    return not settings.CELERY_BROKER_URL and settings.QZ_INPROCESS_JOBS == "sync"


def _side_update(job: Job, done: int, total: int, message: str) -> None:
    side = job.__dict__.get("_qz_side")
    if side is None:
        side = connections.create_connection(DEFAULT_DB_ALIAS)
        job.__dict__["_qz_side"] = side
    table = connection.ops.quote_name(Job._meta.db_table)
    with side.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET done = %s, total = %s, message = %s WHERE id = %s", [done, total, message, job.pk])


def _close_side_connection(job: Job) -> None:
    side = job.__dict__.pop("_qz_side", None)
    if side is not None:
        side.close()


def job_settle(job: Job) -> Job:
    """Fail a job that can no longer finish, so that its page stops showing "running" for ever.

    - running, taken by a process on this host that no longer exists (the server restarted or crashed);
    - queued for an in-process thread (no broker) for longer than QZ_JOB_START_TIMEOUT seconds: the
      process that was to start it after its transaction committed is gone.
    A job run by another host, or waiting for a Celery worker, is left alone. The change is audited.
    """
    if job.status == JobStatus.RUNNING and _runner_is_gone(job.runner):
        reason = errors.JOB_INTERRUPTED
    elif (
        job.status == JobStatus.QUEUED
        and not settings.CELERY_BROKER_URL
        and timezone.now() - job.created_at > dt.timedelta(seconds=settings.QZ_JOB_START_TIMEOUT)
    ):
        reason = errors.JOB_NEVER_STARTED
    else:
        return job
    with translation.override(job.language or settings.LANGUAGE_CODE):  # as the job's own messages
        message = str(reason)
    if not Job.objects.filter(pk=job.pk, status=job.status).update(status=JobStatus.FAILED, finished_at=timezone.now(), message=message):
        job.refresh_from_db()  # another request settled it, or it moved on
        return job
    before = job.status
    job.status, job.message = JobStatus.FAILED, message
    audit_record(actor=None, action=UPDATE, obj=job, changes={"status": [before, JobStatus.FAILED]}, unit=job.unit, reason=message)
    job_discard_inputs(job)
    return job


def _runner_is_gone(runner: str) -> bool:
    host, _colon, pid = runner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's process, or none recorded: nothing this one can tell
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # it exists (another user's process)
    return False


def job_attach_file(job: Job, *, filename: str, content: bytes) -> None:
    """Store a file the job produced (a report, a PDF) under media/jobs/ as its result file."""
    job.result_file.save(filename, ContentFile(content), save=False)
    Job.objects.filter(pk=job.pk).update(result_file=job.result_file.name)
