"""The back office, scoped and audited like the rest of Qingzhuang.

``ScopedModelAdmin`` is the ModelAdmin every app registers with. It answers Django admin's questions
(which rows, may this user view/add/change/delete, which choices in a select) through
``qingzhuang.org.access`` with the permission names an app declares, instead of Django's per-model
permission table. Saves and deletes go through the app's services when the admin class provides
them, and are recorded in the audit trail with before/after in any case, in the admin's transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from qingzhuang.audit.services import audit_created, audit_deleted, audit_updated, snapshot
from qingzhuang.lib.errors import DomainError
from qingzhuang.org import access

ADMIN_ACCESS = "admin.access"


def admin_site_has_permission(request: HttpRequest) -> bool:
    """Who enters the back office: active staff holding "admin.access", and system administrators."""
    user: Any = request.user
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if access.is_system_admin(user):
        return True
    return bool(user.is_staff) and access.can(user, ADMIN_ACCESS)


def install_site_rules(site: admin.AdminSite) -> None:
    site.has_permission = admin_site_has_permission  # type: ignore[method-assign]


class ScopedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose rows, rights and choices come from qingzhuang.org.access.

    Declare the permission names; ``None`` means "system administrators only":

    - ``view_permission``: which rows are listed and may be opened;
    - ``change_permission``: which of those may be edited (others are shown read-only);
    - ``add_permission``: defaults to ``change_permission``;
    - ``delete_permission``: defaults to None (deleting is for system administrators).

    ``related_permissions`` maps a foreign-key field to the permission that limits its choices
    (default: ``change_permission``). Override ``save_with_service`` / ``delete_with_service`` to
    route writes through the app's services; otherwise the admin saves and records the audit event.
    """

    view_permission: str | None = None
    change_permission: str | None = None
    add_permission: str | None = None
    delete_permission: str | None = None
    related_permissions: dict[str, str] = {}
    # Field path from the object to the unit its audit events belong to ("" when the object is a unit).
    audit_unit_field: str | None = "unit"

    # --- scope ----------------------------------------------------------------------------

    def _user(self, request: HttpRequest) -> Any:
        return request.user

    def _can(self, request: HttpRequest, perm: str | None, obj: Model | None = None) -> bool:
        user = self._user(request)
        if perm is None or access.is_system_admin(user):
            return access.is_system_admin(user)
        if obj is None or obj.pk is None:
            return access.can(user, perm)
        # The same query as the list: what a user can open and what a user can list never disagree.
        return self.scope_queryset(request, type(obj)._default_manager.filter(pk=obj.pk), perm).exists()

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet[Any], perm: str | None) -> QuerySet[Any]:
        """The rows of ``queryset`` on which the user holds ``perm``; override for models without a scope rule."""
        user = self._user(request)
        if perm is None:
            return queryset if access.is_system_admin(user) else queryset.none()
        return access.scoped_queryset(user, perm, queryset)

    def scope_related(self, request: HttpRequest, queryset: QuerySet[Any], perm: str | None) -> QuerySet[Any]:
        """Choices for a foreign key: the related rows in the user's scope (none when the model has no scope rule)."""
        user = self._user(request)
        if access.is_system_admin(user):
            return queryset
        if perm is None or queryset.model not in access.scope_rules():
            return queryset.none()
        return access.scoped_queryset(user, perm, queryset)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self.scope_queryset(request, super().get_queryset(request), self.view_permission)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._can(request, self.view_permission, obj) or self.has_change_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._can(request, self.change_permission, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        perm = self.add_permission if self.add_permission is not None else self.change_permission
        return self._can(request, perm)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._can(request, self.delete_permission, obj)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            # The form changes the instance before save_model runs: remember what it was.
            obj._qz_before = snapshot(obj)
        return obj

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if "queryset" not in kwargs:
            perm = self.related_permissions.get(db_field.name, self.change_permission)
            kwargs["queryset"] = self.scope_related(request, db_field.remote_field.model._default_manager.all(), perm)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if "queryset" not in kwargs:
            perm = self.related_permissions.get(db_field.name, self.change_permission)
            kwargs["queryset"] = self.scope_related(request, db_field.remote_field.model._default_manager.all(), perm)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # --- writes ---------------------------------------------------------------------------

    def audit_unit(self, obj: Model) -> Any:
        """The unit whose readers may see this object's audit events."""
        if self.audit_unit_field is None:
            return None
        if self.audit_unit_field == "":
            return obj
        current: Any = obj
        for name in self.audit_unit_field.split("__"):
            current = getattr(current, name, None)
            if current is None:
                return None
        return current

    def save_with_service(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> Model | None:
        """Save through the app's service and return the saved object; None saves generically."""
        return None

    def delete_with_service(self, request: HttpRequest, obj: Any) -> bool:
        """Delete through the app's service and return True; False deletes generically."""
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        user = self._user(request)
        with transaction.atomic():
            saved = self.save_with_service(request, obj, form, change)
            if saved is None:
                before = getattr(obj, "_qz_before", None)
                obj.save()
                if change and before is not None:
                    audit_updated(actor=user, obj=obj, before=before, unit=self.audit_unit(obj))
                else:
                    audit_created(actor=user, obj=obj, unit=self.audit_unit(obj))
            elif saved is not obj:
                obj.pk = saved.pk
                obj.refresh_from_db()
            # The edited object must still be the user's to edit: no moving a row out of one's scope.
            if not self.has_change_permission(request, obj):
                raise PermissionDenied(access.DENIED_MESSAGE)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        if not self.has_delete_permission(request, obj):
            raise PermissionDenied(access.DENIED_MESSAGE)
        with transaction.atomic():
            if self.delete_with_service(request, obj):
                return
            unit = self.audit_unit(obj)
            if unit is not None and unit is obj:
                unit = None
            audit_deleted(actor=self._user(request), obj=obj, unit=unit)
            obj.delete()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        # One by one, so each deletion is checked in scope and recorded.
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        # Django would ask its own per-model permission table; the scope check is has_delete_permission.
        to_delete, model_count, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return to_delete, model_count, set(), protected

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:
            # A service refused the change; its transaction is already rolled back.
            self.message_user(request, exc.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
