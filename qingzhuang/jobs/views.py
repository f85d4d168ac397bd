from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from qingzhuang.jobs import selectors
from qingzhuang.jobs.services import job_settle


def job_context(job: Any) -> dict[str, Any]:
    """What the progress partial needs; other apps' pages that show a job use it too."""
    return {"job": job, "result_templates": selectors.result_templates(job)}


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_settle(selectors.job_for_user(request.user, pk))
    return render(request, "jobs/detail.html", job_context(job))


def without_session_save(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the once-a-second poll: do not rewrite the session (renewed once a minute, accounts.middleware).

    On SQLite a running import holds the only write lock for the length of its transaction; a poll
    that saved its session would wait for it and fail. Reads are never blocked (WAL), so the poll
    only reads. Watching a job therefore does not count as activity for the idle timeout.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        session: Any = getattr(request, "session", None)
        if session is not None and not session.modified:
            session.save = lambda *a, **k: None
        return response

    return wrapper


@without_session_save
@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_settle(selectors.job_for_user(request.user, pk))
    return render(request, "jobs/_progress.html", job_context(job))


@login_required
def result_file(request: HttpRequest, pk: int) -> FileResponse:
    job = selectors.job_for_user(request.user, pk)
    if not job.result_file:
        raise Http404
    name = job.result_file.name.rsplit("/", 1)[-1]
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=name)
