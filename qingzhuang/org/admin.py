"""The back office for regions, units, people, users and roles: scoped and audited (see qingzhuang.lib.admin).

Importing this module (Django's admin autodiscovery does) also sets who may enter the back office.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from qingzhuang.audit.services import audit_record
from qingzhuang.lib.admin import ScopedModelAdmin, install_site_rules
from qingzhuang.lib.pinyin import pinyin_keys
from qingzhuang.org import access, services
from qingzhuang.org.models import CommunityProfile, Person, Region, Role, RoleAssignment, Unit, UnitKind, User
from qingzhuang.org.privacy import mask_id_number, mask_phone

install_site_rules(admin.site)
admin.site.site_header = _("Qingzhuang back office")
admin.site.site_title = _("Qingzhuang back office")
admin.site.index_title = _("Records you may manage")

PERSONAL_DATA = "org.view_personal_data"
ASSIGN_ROLES = "org.assign_roles"


@admin.register(Region)
class RegionAdmin(ScopedModelAdmin):
    view_permission = "org.view_unit"
    change_permission = None  # the region tree is kept by system administrators
    audit_unit_field = None
    list_display = ("name", "code", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name", "code", "pinyin", "initials")
    autocomplete_fields = ("parent",)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("parent", "name", "code") if obj is None else ("name", "code", "level", "parent")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("level", "parent") if obj is not None else ()

    def save_with_service(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> Any:
        if not change:
            data = form.cleaned_data
            return services.region_create(actor=request.user, parent=data["parent"], name=data["name"], code=data.get("code"))
        obj.pinyin, obj.initials = pinyin_keys(obj.name)
        return None


@admin.register(Unit)
class UnitAdmin(ScopedModelAdmin):
    view_permission = "org.view_unit"
    change_permission = "org.manage_unit"
    audit_unit_field = ""
    list_display = ("name", "kind", "region", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "pinyin", "initials", "region__code")
    autocomplete_fields = ("region", "parent")
    list_select_related = ("region", "parent")

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("name", "short_name", "kind", "region", "parent")
        return ("name", "short_name", "is_active", "kind", "region", "parent")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Moving a unit re-roots its subtree and its scope: not a form edit.
        return ("kind", "region", "parent") if obj is not None else ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "parent" and not access.is_system_admin(request.user):
            # Only a system administrator adds a unit at the top of a tree.
            field.required = True
        return field

    def save_with_service(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> Any:
        data = form.cleaned_data
        if not change:
            return services.unit_create(
                actor=request.user,
                name=data["name"],
                kind=data["kind"],
                region=data["region"],
                parent=data.get("parent"),
                short_name=data.get("short_name", ""),
            )
        current = Unit.objects.get(pk=obj.pk)
        return services.unit_update(
            actor=request.user, unit=current, name=data["name"], short_name=data["short_name"], is_active=data["is_active"]
        )


@admin.register(CommunityProfile)
class CommunityProfileAdmin(ScopedModelAdmin):
    view_permission = "org.view_unit"
    change_permission = "org.manage_profile"
    list_display = ("unit", "valid_from", "valid_to", "households", "residents", "staff")
    list_select_related = ("unit",)
    search_fields = ("unit__name", "unit__pinyin")
    autocomplete_fields = ("unit",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("unit", "valid_from") if obj is not None else ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "unit":
            field.queryset = field.queryset.filter(kind__in=(UnitKind.COMMUNITY, UnitKind.VILLAGE))
        return field

    def save_with_service(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> Any:
        return services.profile_set(
            actor=request.user,
            unit=obj.unit,
            valid_from=obj.valid_from,
            valid_to=obj.valid_to,
            households=obj.households,
            residents=obj.residents,
            staff=obj.staff,
        )


@admin.register(Person)
class PersonAdmin(ScopedModelAdmin):
    view_permission = "org.view_unit"
    change_permission = "org.manage_people"
    list_display = ("name", "kind", "unit", "position", "phone_shown", "id_number_shown")
    list_filter = ("kind",)
    list_select_related = ("unit",)
    search_fields = ("name", "pinyin", "unit__name")
    autocomplete_fields = ("unit",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        people = super().get_queryset(request)
        clear_units = access.unit_ids_for(request.user, PERSONAL_DATA)
        if clear_units is None:
            return people.annotate(qz_clear=Value(True, output_field=BooleanField()))
        return people.annotate(
            qz_clear=Case(When(unit__in=clear_units, then=Value(True)), default=Value(False), output_field=BooleanField())
        )

    @admin.display(description=_("mobile phone"))
    def phone_shown(self, obj: Any) -> str:
        return str(obj.phone if getattr(obj, "qz_clear", False) else mask_phone(obj.phone))

    @admin.display(description=_("ID card number"))
    def id_number_shown(self, obj: Any) -> str:
        return str(obj.id_number if getattr(obj, "qz_clear", False) else mask_id_number(obj.id_number))

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and not getattr(obj, "qz_clear", False):
            return ("name", "kind", "unit", "position", "phone_shown", "id_number_shown")
        return ("name", "kind", "unit", "position", "phone", "id_number")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and not getattr(obj, "qz_clear", False):
            return ("phone_shown", "id_number_shown")
        return ()

    def save_with_service(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> Any:
        if not change:
            return services.person_create(
                actor=request.user,
                name=obj.name,
                kind=obj.kind,
                unit=obj.unit,
                phone=obj.phone,
                id_number=obj.id_number,
                position=obj.position,
            )
        obj.pinyin = pinyin_keys(obj.name)[0]
        return None


@admin.register(User)
class UserAdmin(ScopedModelAdmin, DjangoUserAdmin):  # type: ignore[misc]
    view_permission = ASSIGN_ROLES
    change_permission = ASSIGN_ROLES
    add_permission = None  # accounts are opened by system administrators
    audit_unit_field = None
    list_display = ("username", "display_name", "person", "language", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "language")
    search_fields = ("username", "person__name", "first_name", "last_name")
    list_select_related = ("person",)
    related_permissions = {"person": "org.manage_people"}
    limited_fieldsets = (
        (None, {"fields": ("username", "person", "language", "is_active")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined", "is_staff", "is_superuser")}),
    )

    def scope_queryset(self, request: HttpRequest, queryset: QuerySet[Any], perm: str | None) -> QuerySet[Any]:
        if perm is None:
            return super().scope_queryset(request, queryset, perm)
        return access.scoped_queryset(request.user, perm, queryset)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or access.is_system_admin(request.user):
            return True
        # Every role of the account must be inside the reviewer's scope, and it must not be an administrator.
        if obj.is_superuser or access.is_system_admin(obj):
            return False
        units = access.unit_ids_for(request.user, ASSIGN_ROLES)
        return not obj.roles.exclude(unit__in=units).exists()

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None or access.is_system_admin(request.user):
            fieldsets = super().get_fieldsets(request, obj)
            if obj is not None:
                fieldsets = ((None, {"fields": ("username", "password", "person", "language")}), *fieldsets[1:])
            return fieldsets
        return self.limited_fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if access.is_system_admin(request.user):
            return ("last_login", "date_joined")
        return ("last_login", "date_joined", "is_staff", "is_superuser")

    def audit_unit(self, obj: Any) -> Any:
        if obj.person_id:
            return obj.person.unit
        first = obj.roles.select_related("unit").first()
        return first.unit if first else None

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            target = self.get_object(request, unquote(id))
            if target is not None:
                audit_record(actor=request.user, action="set_password", obj=target, unit=self.audit_unit(target))
        return response


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedModelAdmin):
    view_permission = ASSIGN_ROLES
    change_permission = ASSIGN_ROLES
    delete_permission = ASSIGN_ROLES
    list_display = ("user", "role", "unit", "include_below")
    list_filter = ("role", "include_below")
    list_select_related = ("user", "unit")
    search_fields = ("user__username", "user__person__name", "unit__name")
    autocomplete_fields = ("user", "unit")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("user", "role", "unit") if obj is not None else ()

    def _guards_an_administrator(self, request: HttpRequest, obj: Any) -> bool:
        return obj is not None and obj.role == Role.SYSTEM_ADMIN and not access.is_system_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and not self._guards_an_administrator(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and not self._guards_an_administrator(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "user":
            kwargs["queryset"] = access.scoped_queryset(request.user, ASSIGN_ROLES, User.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "role" and not access.is_system_admin(request.user):
            kwargs["choices"] = [(r.value, r.label) for r in Role if r in services.DELEGABLE_ROLES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_with_service(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> Any:
        return services.role_assign(
            actor=request.user, user=obj.user, role=obj.role, unit=obj.unit, include_below=obj.include_below
        )
