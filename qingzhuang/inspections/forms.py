"""Forms of the inspection pages. They only parse input; the services check and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.inspections.models import FindingKind, InspectionKind, TargetScope
from qingzhuang.org import access
from qingzhuang.org.models import Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProposeForm(forms.Form):
    lead = forms.ModelChoiceField(label=_("Lead department"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=pgettext_lazy("inspection", "Kind"), choices=InspectionKind.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    criteria = forms.CharField(
        label=_("Criteria"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What is judged. Results, not traces: no photos, sign-in sheets, study notes, documents or meetings as proof, app check-ins."),
    )
    target_scope = forms.ChoiceField(label=_("Inspected units"), choices=TargetScope.choices, initial=TargetScope.NAMED)
    targets = forms.ModelMultipleChoiceField(
        label=_("Named units"), queryset=Unit.objects.none(), required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to pick several."),
    )
    window_start = forms.DateField(label=_("Window from"), widget=DATE)
    window_end = forms.DateField(label=_("Window to"), widget=DATE)
    on_site = forms.BooleanField(label=_("On site"), required=False, initial=True)
    one_vote_veto = forms.BooleanField(label=_("One-vote veto (一票否决)"), required=False)
    responsibility_contract = forms.BooleanField(label=_("Responsibility contract signed (责任状)"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        leads = access.scoped_queryset(user, "inspections.propose", Unit.objects.filter(is_active=True)).order_by("path")
        self.fields["lead"].queryset = leads  # type: ignore[attr-defined]
        counties = set(leads.values_list("county_id", flat=True))
        self.fields["targets"].queryset = Unit.objects.filter(is_active=True, county_id__in=counties).order_by("path")  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class VisitForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit visited"), queryset=Unit.objects.none())
    day = forms.DateField(label=_("Day"), widget=DATE)
    inspectors = forms.CharField(label=_("Inspectors"), max_length=200)
    on_site_days = forms.IntegerField(label=_("Days on site"), min_value=0, max_value=60, initial=1)

    def __init__(self, *args: Any, item: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = item.targets.order_by("path")  # type: ignore[attr-defined]


class FindingForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=pgettext_lazy("finding", "Kind"), choices=FindingKind.choices)
    text = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, item: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = item.targets.order_by("path")  # type: ignore[attr-defined]


class FeedbackForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    heaviness = forms.TypedChoiceField(
        label=_("How heavy was it?"), coerce=int,
        choices=[(1, _("1 – light")), (2, "2"), (3, "3"), (4, "4"), (5, _("5 – very heavy"))],
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])  # type: ignore[attr-defined]
