from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.audit import selectors
from qingzhuang.audit.selectors import EventFilter


class DateInput(forms.DateInput):
    input_type = "date"


class EventFilterForm(forms.Form):
    """The list page's filters; the choices offered are those inside the reader's scope."""

    start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    end = forms.DateField(label=_("To"), required=False, widget=DateInput)
    actor = forms.CharField(label=_("Actor"), required=False, max_length=150)
    action = forms.ChoiceField(label=pgettext_lazy("audit", "Action"), required=False)
    model = forms.ChoiceField(label=_("Object type"), required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(label=_("Object contains"), required=False, max_length=200)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["action"].choices = every + selectors.action_choices(user)  # type: ignore[attr-defined]
        self.fields["model"].choices = every + selectors.model_choices(user)  # type: ignore[attr-defined]
        units = selectors.units_for_filter(user).values_list("id", "name")
        self.fields["unit"].choices = every + [(str(pk), name) for pk, name in units]  # type: ignore[attr-defined]
        self.fields["q"].widget.attrs["placeholder"] = _("name or number")
        self.fields["actor"].widget.attrs["placeholder"] = _("name or user name")

    def filters(self) -> EventFilter:
        """The filters asked for; an invalid field is left out (its error is shown beside it)."""
        if not self.is_bound:
            return EventFilter()
        self.is_valid()
        data = self.cleaned_data
        return EventFilter(
            start=data.get("start"),
            end=data.get("end"),
            actor=data.get("actor") or "",
            action=data.get("action") or "",
            model=data.get("model") or "",
            unit=data.get("unit"),
            q=data.get("q") or "",
        )
