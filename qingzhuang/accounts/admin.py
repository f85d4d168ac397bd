"""API tokens in the back office: each user sees and revokes their own; a system administrator sees all."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from qingzhuang.accounts.models import ApiToken
from qingzhuang.accounts.services import api_token_create, api_token_revoke
from qingzhuang.lib.admin import ScopedModelAdmin, admin_site_has_permission
from qingzhuang.org import access


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedModelAdmin):
    audit_unit_field = None
    list_display = ("name", "user", "prefix", "scope", "created", "expires", "last_used", "revoked")
    list_filter = ("revoked",)
    search_fields = ("name", "prefix", "user__username")
    list_select_related = ("user",)
    actions = ("revoke_selected",)

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet[Any], perm: str | None) -> QuerySet[Any]:
        if access.is_system_admin(request.user):
            return queryset
        return queryset.filter(user=request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not admin_site_has_permission(request):
            return False
        return obj is None or access.is_system_admin(request.user) or obj.user_id == request.user.pk

    def has_add_permission(self, request: HttpRequest) -> bool:
        return admin_site_has_permission(request)

    # A token is never edited or deleted: it is revoked, and the record stays.
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("name", "scope", "expires") if obj is None else ("name", "user", "prefix", "scope", "created", "expires", "last_used", "revoked")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else ("name", "user", "prefix", "scope", "created", "expires", "last_used", "revoked")

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None and "expires" in form.base_fields:
            form.base_fields["expires"].required = False
            form.base_fields["expires"].help_text = _("Leave blank for %(days)d days from now.") % {"days": settings.QZ_API_TOKEN_DAYS}
        return form

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        token, raw = api_token_create(
            actor=request.user, user=request.user, name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"], expires=form.cleaned_data.get("expires"),
        )
        obj.pk = token.pk
        obj.refresh_from_db()
        self.message_user(
            request,
            _("The new token is %(key)s. Copy it now: it is shown only once.") % {"key": raw},
            messages.WARNING,
        )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        revoked = 0
        for token in queryset.filter(revoked=False):
            api_token_revoke(actor=request.user, token=token)
            revoked += 1
        self.message_user(request, _("%(count)d token(s) revoked.") % {"count": revoked}, messages.SUCCESS)
