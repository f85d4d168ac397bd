"""Pages of the workbook import: upload, progress and report, and the template download."""

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from qingzhuang.jobs import selectors as job_selectors
from qingzhuang.jobs.services import job_settle
from qingzhuang.jobs.views import job_context
from qingzhuang.org import access, imports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(request: HttpRequest, *, job: Any = None, error: str | None = None, status: int = 200) -> HttpResponse:
    context: dict[str, Any] = {
        "error": error,
        "recent": [j for j in job_selectors.jobs_recent(request.user, kind=imports.IMPORT_KIND, limit=9) if j != job][:8],
        "max_mb": settings.QZ_UPLOAD_MAX_BYTES // 1048576,
    }
    if job is not None:
        context.update(job_context(job))
    return render(request, "org/import.html", context, status=status)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "org.import")
    if request.method == "POST":
        try:
            job = imports.import_start(actor=request.user, upload=request.FILES.get("file"), dry_run=bool(request.POST.get("dry_run")))
        except imports.ImportFileError as exc:
            return _page(request, error=exc.message, status=400)
        return redirect("org:import_job", pk=job.pk)
    return _page(request)


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "org.import")
    job = job_settle(job_selectors.job_for_user(request.user, pk))
    if job.kind != imports.IMPORT_KIND:
        raise Http404
    return _page(request, job=job)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "org.import")
    response = HttpResponse(imports.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, _("import-template") + ".xlsx") or "attachment"
    return response
