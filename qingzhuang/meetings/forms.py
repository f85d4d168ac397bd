"""Forms of the meeting pages. They only parse and validate input; the services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.meetings.models import Meeting, MeetingFormat, MeetingKind, MeetingStatus, PlanLine
from qingzhuang.org import access
from qingzhuang.org.models import Unit

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(forms.Form):
    organiser = forms.ModelChoiceField(label=_("Organising unit"), queryset=Unit.objects.none())
    topic = forms.CharField(label=_("Topic"), max_length=200)
    field = forms.CharField(label=_("Field"), max_length=50, help_text=_("The field of work, e.g. 民政 or 教育: one comprehensive work meeting per field and year."))
    kind = forms.ChoiceField(label=pgettext_lazy("meeting", "Kind"), choices=MeetingKind.choices, initial=MeetingKind.SPECIAL)
    format = forms.ChoiceField(label=_("Format"), choices=MeetingFormat.choices, initial=MeetingFormat.VIDEO, help_text=_("Video or teleconference is preferred."))
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    starts_at = forms.DateTimeField(label=_("Planned start"), widget=DATETIME_WIDGET)
    planned_minutes = forms.IntegerField(label=_("Planned length (minutes)"), min_value=1, max_value=24 * 60, initial=60)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attending units"), queryset=Unit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
    )
    principals_required = forms.BooleanField(label=_("Grassroots principals must attend"), required=False)
    principals_count = forms.IntegerField(label=_("People per attending unit"), min_value=1, initial=1)
    plan_line = forms.ModelChoiceField(label=_("Line of the annual plan"), queryset=PlanLine.objects.none(), required=False, empty_label=_("Not in the plan"))
    follows_meeting = forms.ModelChoiceField(
        label=_("Held right after (meeting in this system)"), queryset=Meeting.objects.none(), required=False, empty_label=_("No")
    )
    follows_upper = forms.CharField(
        label=_("Held right after (upper-level meeting)"), max_length=200, required=False,
        help_text=_("套开: a meeting held right after an upper-level video meeting counts as one with it."),
    )

    def __init__(self, *args: Any, user: Any, instance: Meeting | None = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "organiser": instance.organiser_id, "topic": instance.topic, "field": instance.field, "kind": instance.kind,
                "format": instance.format, "location": instance.location, "starts_at": timezone.localtime(instance.starts_at),
                "planned_minutes": instance.planned_minutes, "attendees": list(instance.attendees.all()),
                "principals_required": instance.principals_required, "principals_count": instance.principals_count,
                "plan_line": instance.plan_line_id, "follows_meeting": instance.follows_meeting_id, "follows_upper": instance.follows_upper,
            }
        super().__init__(*args, **kwargs)
        organisers = access.scoped_queryset(user, "meetings.organise", Unit.objects.filter(is_active=True))
        self.fields["organiser"].queryset = organisers  # type: ignore[attr-defined]
        self.fields["attendees"].queryset = access.scoped_queryset(user, "org.view_unit", Unit.objects.filter(is_active=True))  # type: ignore[attr-defined]
        self.fields["plan_line"].queryset = PlanLine.objects.filter(plan__unit__in=organisers).select_related("plan")  # type: ignore[attr-defined]
        self.fields["plan_line"].label_from_instance = lambda line: f"{line.plan.year} · {line.topic}"  # type: ignore[attr-defined]
        from qingzhuang.meetings.selectors import meetings_visible

        upper = meetings_visible(user).filter(status__in=[MeetingStatus.APPROVED, MeetingStatus.CLOSED]).order_by("-starts_at")[:100]
        self.fields["follows_meeting"].queryset = Meeting.objects.filter(pk__in=[m.pk for m in upper]).select_related("organiser")  # type: ignore[attr-defined]
        self.fields["follows_meeting"].label_from_instance = lambda m: f"{timezone.localtime(m.starts_at):%Y-%m-%d} {m.topic}"  # type: ignore[attr-defined]
        if instance is not None:
            # The organiser is fixed once the meeting exists: quotas and audit belong to it.
            self.fields["organiser"].disabled = True
        if organisers.count() == 1:
            self.fields["organiser"].initial = organisers.first()


class SpeechForm(forms.Form):
    speaker = forms.CharField(label=_("Speaker"), max_length=100, required=False)
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, required=False)
    is_main = forms.BooleanField(label=_("Main speech"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("speaker") and not data.get("minutes"):
            self.add_error("minutes", _("How many minutes?"))
        return data


SpeechFormSet = forms.formset_factory(SpeechForm, extra=4, max_num=12)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    override_reason = forms.CharField(
        label=_("Override reason (only when the quota is red)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CloseForm(forms.Form):
    actual_start = forms.DateTimeField(label=_("Actual start"), widget=DATETIME_WIDGET)
    actual_minutes = forms.IntegerField(label=_("Actual length (minutes)"), min_value=1, max_value=24 * 60)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"actual_start": timezone.localtime(meeting.actual_start or meeting.starts_at), "actual_minutes": meeting.actual_minutes})
        super().__init__(*args, **kwargs)
        present = {a.unit_id: a.people for a in meeting.attendance.all()}
        self.unit_fields: list[tuple[str, Unit]] = []
        for unit in meeting.attendees.all():
            name = f"people_{unit.pk}"
            self.fields[name] = forms.IntegerField(
                label=unit.name, min_value=0, required=False,
                initial=present.get(unit.pk, meeting.principals_count if meeting.principals_required else 1),
            )
            self.unit_fields.append((name, unit))

    def attendance(self) -> dict[int, int]:
        return {u.pk: self.cleaned_data[n] for n, u in self.unit_fields if self.cleaned_data.get(n) is not None}

    def attendance_bound(self) -> list[Any]:
        return [self[n] for n, _u in self.unit_fields]


class DecisionForm(forms.Form):
    text = forms.CharField(label=pgettext_lazy("meeting", "Decision"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    owner_unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=Unit.objects.none(), required=False)
    owner_person = forms.CharField(label=_("Responsible person"), max_length=100, required=False)
    due = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["owner_unit"].queryset = units  # type: ignore[attr-defined]


DecisionFormSet = forms.formset_factory(DecisionForm, extra=3, max_num=20)


class PlanForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Organising unit"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year + (1 if timezone.localdate().month >= 11 else 0)})
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.scoped_queryset(user, "meetings.organise", Unit.objects.filter(is_active=True))  # type: ignore[attr-defined]


class PlanLineForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    field = forms.CharField(label=_("Field"), max_length=50)
    kind = forms.ChoiceField(label=pgettext_lazy("meeting", "Kind"), choices=MeetingKind.choices, initial=MeetingKind.SPECIAL)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12, required=False)


class FeedTokenForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.scoped_queryset(user, "meetings.view", Unit.objects.filter(is_active=True))  # type: ignore[attr-defined]
