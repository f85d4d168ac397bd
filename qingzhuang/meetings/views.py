"""Pages: thin; selectors read, services write, DomainErrors become messages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from qingzhuang.lib.errors import DomainError
from qingzhuang.meetings import selectors, services
from qingzhuang.meetings.feed import calendar_for
from qingzhuang.meetings.forms import (
    CloseForm,
    DecisionForm,
    DecisionFormSet,
    FeedTokenForm,
    MeetingForm,
    PlanForm,
    PlanLineForm,
    ReasonForm,
    SpeechFormSet,
)
from qingzhuang.meetings.models import COMMON_FIELDS, PUBLISHED, FeedToken, Meeting, MeetingPlan, MeetingStatus
from qingzhuang.org import access
from qingzhuang.org.models import Unit

ORGANISE, REVIEW, VIEW = selectors.ORGANISE, selectors.REVIEW, selectors.VIEW


def _fail(request: HttpRequest, exc: DomainError, form: Any = None) -> None:
    if form is not None and exc.field and exc.field in form.fields:
        form.add_error(exc.field, exc.message)
    else:
        messages.error(request, exc.message)


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, VIEW)
    status = request.GET.get("status", "")
    meetings = selectors.meetings_visible(user).prefetch_related("attendees")
    if status in MeetingStatus.values:
        meetings = meetings.filter(status=status)
    context = {
        "meetings": meetings.order_by("-starts_at")[:200],
        "status": status,
        "statuses": MeetingStatus.choices,
        "can_organise": access.can(user, ORGANISE),
        "can_review": access.can(user, REVIEW),
        "waiting": selectors.review_queue(user).count(),
    }
    return render(request, "meetings/list.html", context)


def _speeches(formset: Any) -> list[dict[str, Any]]:
    return [f.cleaned_data for f in formset.forms if f.cleaned_data.get("speaker")]


def _speech_initial(meeting: Meeting | None) -> list[dict[str, Any]]:
    if meeting is None:
        return []
    return [{"speaker": s.speaker, "minutes": s.minutes, "is_main": s.is_main} for s in meeting.speeches.all()]


def _edit(request: HttpRequest, meeting: Meeting | None) -> HttpResponse:
    user: Any = request.user
    form = MeetingForm(request.POST or None, user=user, instance=meeting)
    speeches = SpeechFormSet(request.POST or None, prefix="speech", initial=_speech_initial(meeting))
    if request.method == "POST" and form.is_valid() and speeches.is_valid():
        data = dict(form.cleaned_data)
        attendees = list(data.pop("attendees"))
        organiser = data.pop("organiser")
        try:
            if meeting is None:
                meeting = services.meeting_create(actor=user, organiser=organiser, attendees=attendees, speeches=_speeches(speeches), **data)
            else:
                meeting = services.meeting_update(actor=user, meeting=meeting, attendees=attendees, speeches=_speeches(speeches), **data)
            if "submit" in request.POST:
                meeting = services.meeting_submit(actor=user, meeting=meeting)
                messages.success(request, _("Filed: the meeting is in the plan and passed every rule.") if meeting.filed else _("Submitted for review."))
            else:
                messages.success(request, _("Saved as a draft."))
            return redirect("meetings:detail", meeting.pk)
        except DomainError as exc:
            _fail(request, exc, form)
    return render(request, "meetings/edit.html", {"form": form, "speeches": speeches, "meeting": meeting, "fields": COMMON_FIELDS})


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    access.require(request.user, ORGANISE)
    return _edit(request, None)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk, ORGANISE)
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.RETURNED):
        messages.error(request, _("Only a draft or a returned meeting can be changed."))
        return redirect("meetings:detail", pk)
    return _edit(request, meeting)


def _meeting_context(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    user: Any = request.user
    check, verdicts = selectors.verdict_rows(user, meeting)
    return {
        "meeting": meeting,
        "speeches": list(meeting.speeches.all()),
        "attendees": list(meeting.attendees.all()),
        "attendance": {a.unit_id: a.people for a in meeting.attendance.all()},
        "attendance_total": sum(a.people for a in meeting.attendance.all()),
        "decisions": list(meeting.decisions.select_related("owner_unit")),
        "check": check,
        "verdicts": verdicts,
        "can_organise": selectors.can_on(user, ORGANISE, meeting),
        "can_review": selectors.can_on(user, REVIEW, meeting),
        "overrun": meeting.actual_minutes is not None
        and (meeting.actual_minutes > meeting.planned_minutes or meeting.actual_minutes > selectors.max_minutes_for(meeting.organiser.county)),
    }


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    context = _meeting_context(request, meeting)
    context["decision_form"] = DecisionForm(units=Unit.objects.filter(county_id=meeting.organiser.county_id))
    return render(request, "meetings/detail.html", context)


@login_required
@require_POST
def meeting_submit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk, ORGANISE)
    try:
        meeting = services.meeting_submit(actor=request.user, meeting=meeting)
        messages.success(request, _("Filed: the meeting is in the plan and passed every rule.") if meeting.filed else _("Submitted for review."))
    except DomainError as exc:
        _fail(request, exc)
    return redirect("meetings:detail", pk)


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk, ORGANISE)
    try:
        services.meeting_cancel(actor=request.user, meeting=meeting, reason=request.POST.get("reason", ""))
        messages.success(request, _("The meeting is cancelled; its quota slot is given back."))
    except DomainError as exc:
        _fail(request, exc)
    return redirect("meetings:detail", pk)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    access.require(request.user, REVIEW)
    rows = selectors.review_queue_rows(request.user, list(selectors.review_queue(request.user)))
    return render(request, "meetings/review_queue.html", {"rows": rows})


@login_required
def meeting_review(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    meeting = selectors.meeting_for(user, pk, REVIEW)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        reason = form.cleaned_data["reason"]
        try:
            if action == "approve":
                services.meeting_approve(actor=user, meeting=meeting, override_reason=form.cleaned_data["override_reason"], note=reason)
                messages.success(request, pgettext("meeting", "Approved."))
            elif action == "return":
                services.meeting_return(actor=user, meeting=meeting, reason=reason)
                messages.success(request, _("Returned to the organiser."))
            elif action == "reject":
                services.meeting_reject(actor=user, meeting=meeting, reason=reason)
                messages.success(request, _("Rejected."))
            else:
                raise Http404
            return redirect("meetings:review_queue")
        except DomainError as exc:
            _fail(request, exc, form)
            meeting.refresh_from_db()
    context = _meeting_context(request, meeting)
    context["form"] = form
    context["blocked"] = any(v.outcome == "block" and v.rule != "meeting.quota" for v in context["verdicts"])
    context["quota_red"] = any(v.outcome == "block" and v.rule == "meeting.quota" for v in context["verdicts"])
    return render(request, "meetings/review.html", context)


@login_required
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    meeting = selectors.meeting_for(user, pk, ORGANISE)
    units = Unit.objects.filter(county_id=meeting.organiser.county_id)
    form = CloseForm(request.POST or None, meeting=meeting)
    decisions = DecisionFormSet(request.POST or None, prefix="decision", form_kwargs={"units": units})
    if request.method == "POST" and form.is_valid() and decisions.is_valid():
        try:
            services.meeting_close(
                actor=user,
                meeting=meeting,
                actual_start=form.cleaned_data["actual_start"],
                actual_minutes=form.cleaned_data["actual_minutes"],
                attendance=form.attendance(),
                decisions=[d.cleaned_data for d in decisions.forms if d.cleaned_data.get("text")],
            )
            messages.success(request, _("The meeting is closed."))
            return redirect("meetings:detail", pk)
        except DomainError as exc:
            _fail(request, exc, form)
    return render(request, "meetings/close.html", {"meeting": meeting, "form": form, "decisions": decisions})


@login_required
@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk, ORGANISE)
    form = DecisionForm(request.POST, units=Unit.objects.filter(county_id=meeting.organiser.county_id))
    if form.is_valid():
        try:
            services.meeting_decision_add(actor=request.user, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("Decision recorded."))
        except DomainError as exc:
            _fail(request, exc)
    return redirect("meetings:detail", pk)


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, VIEW)
    form = PlanForm(request.POST or None, user=user) if access.can(user, ORGANISE) else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            plan = services.plan_create(actor=user, **form.cleaned_data)
            return redirect("meetings:plan", plan.pk)
        except DomainError as exc:
            _fail(request, exc, form)
    return render(request, "meetings/plans.html", {"plans": selectors.plans_visible(user), "form": form, "can_review": access.can(user, REVIEW)})


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    plan = access.get_for_user(user, VIEW, MeetingPlan.objects.select_related("unit"), pk=pk)
    can_edit = access.can(user, ORGANISE, plan.unit)
    form = PlanLineForm(request.POST or None) if can_edit else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.plan_line_add(actor=user, plan=plan, **form.cleaned_data)
            return redirect("meetings:plan", pk)
        except DomainError as exc:
            _fail(request, exc, form)
    lines = plan.lines.prefetch_related("meetings")
    from qingzhuang.gate.models import Quota

    quota = Quota.objects.filter(unit=plan.unit, year=plan.year, kind="meeting").first()
    return render(request, "meetings/plan.html", {"plan": plan, "lines": lines, "form": form, "quota": quota, "fields": COMMON_FIELDS})


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, VIEW)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year - 1
    counties = [selectors.county_year_figures(county=c, year=year) for c in selectors.counties_for_figures(user)]
    context = {
        "year": year,
        "years": list(range(timezone.localdate().year, 2022, -1)),
        "counties": counties,
        "rows": selectors.unit_year_figures(user=user, year=year),
        "can_review": access.can(user, REVIEW),
    }
    return render(request, "meetings/figures.html", context)


@login_required
def feeds(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, VIEW)
    form = FeedTokenForm(request.POST or None, user=user)
    new_url = None
    if request.method == "POST" and form.is_valid():
        _token, raw = services.feed_token_create(actor=user, unit=form.cleaned_data["unit"])
        new_url = request.build_absolute_uri(reverse("meetings:feed", args=[raw]))
    return render(
        request, "meetings/feeds.html", {"form": form, "tokens": selectors.feed_tokens_of(user), "new_url": new_url, "can_review": access.can(user, REVIEW)},
    )


@login_required
@require_POST
def feed_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = FeedToken.objects.filter(pk=pk, revoked=False).select_related("unit").first()
    if token is None:
        raise Http404
    services.feed_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The calendar address no longer works."))
    return redirect("meetings:feeds")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private calendar of one unit. No session: the token is the credential; unknown or revoked is 404."""
    found = services.feed_token_user(token)
    if found is None:
        raise Http404
    user, unit = found.user, found.unit
    meetings = (
        selectors.meetings_visible(user)
        .filter(status__in=PUBLISHED)
        .filter(pk__in=Meeting.objects.filter(Q(organiser=unit) | Q(attendees=unit)).values("pk"))
        .prefetch_related("speeches")
        .order_by("starts_at")
    )
    with translation.override(user.language or "zh-hans"):
        body = calendar_for(
            name=_("%(unit)s · meetings") % {"unit": unit.name},
            meetings=meetings,
            url_of=lambda m: request.build_absolute_uri(reverse("meetings:detail", args=[m.pk])),
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
