"""The one place that decides what a user may see and do.

A permission (``"documents.review"``) is granted to roles by the components (see
``qingzhuang.components``) with a *reach*:

- ``unit``: the unit of the role assignment, and the units below it when the assignment says
  ``include_below``;
- ``county``: every unit of the assignment's county (a department clerk addresses documents to
  any unit of the county, but drafts only for their own department).

Objects belong to units through the field paths a component declares for its models
(``scoped_models``). Lists are filtered with :func:`scoped_queryset`; single objects are fetched
with :func:`get_for_user`, which checks through the very same query, so what a user can open
and what a user can list never disagree. A system administrator has every permission everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from qingzhuang.components import all_components
from qingzhuang.org.models import Role

if TYPE_CHECKING:
    from qingzhuang.org.models import User

M = TypeVar("M", bound=Model)

DENIED_MESSAGE = _("This is outside your scope. Ask your unit's administrator if you need access.")


class Reach(StrEnum):
    UNIT = "unit"
    COUNTY = "county"


@dataclass(frozen=True)
class Scope:
    unit_id: int
    unit_path: str
    below: bool
    county_id: int | None
    region_path: str
    county_region_path: str | None
    reach: Reach

    @property
    def whole_county(self) -> bool:
        return self.reach == Reach.COUNTY and self.county_id is not None


class _All:
    """Every object: a system administrator's scope."""

    def __bool__(self) -> bool:
        return True


ALL = _All()
ScopeRule = Sequence[str] | Callable[[Scope], Q]


@cache
def permission_table() -> dict[str, dict[str, Reach]]:
    table: dict[str, dict[str, Reach]] = {}
    for component in all_components():
        for perm, grants in component.permissions.items():
            table.setdefault(perm, {}).update({role: Reach(reach) for role, reach in grants.items()})
    return table


@cache
def scope_rules() -> dict[type[Model], ScopeRule]:
    rules: dict[type[Model], ScopeRule] = {}
    for component in all_components():
        rules.update(component.scoped_models)
    return rules


def _assignments(user: User) -> list[Any]:
    cached = getattr(user, "_qz_assignments", None)
    if cached is None:
        cached = list(user.roles.select_related("unit__region", "unit__county"))
        user._qz_assignments = cached  # type: ignore[attr-defined]
    return cached


def is_system_admin(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or any(a.role == Role.SYSTEM_ADMIN for a in _assignments(user))


def user_scopes(user: Any, perm: str) -> list[Scope] | _All:
    """The scopes in which ``user`` holds ``perm``: ALL, or a list (empty when none)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if is_system_admin(user):
        return ALL
    grants = permission_table().get(perm)
    if grants is None:
        raise KeyError(f"unknown permission {perm!r}: declare it in a component")
    scopes = []
    for assignment in _assignments(user):
        reach = grants.get(assignment.role)
        if reach is None:
            continue
        unit = assignment.unit
        scopes.append(
            Scope(
                unit_id=unit.id,
                unit_path=unit.path,
                below=assignment.include_below,
                county_id=unit.county_id,
                region_path=unit.region.path,
                county_region_path=unit.county.path if unit.county_id else None,
                reach=reach,
            )
        )
    return scopes


def unit_q(scope: Scope, prefix: str = "") -> Q:
    """Units (reached through ``prefix``) that ``scope`` covers."""
    if scope.whole_county:
        return Q(**{f"{prefix}county_id": scope.county_id})
    if scope.below or scope.reach == Reach.COUNTY:
        return Q(**{f"{prefix}path__startswith": scope.unit_path})
    return Q(**{f"{prefix}id": scope.unit_id})


def region_q(scope: Scope, prefix: str = "") -> Q:
    """Regions that ``scope`` covers: the unit's region and, for wide scopes, the regions below."""
    if scope.whole_county and scope.county_region_path:
        return Q(**{f"{prefix}path__startswith": scope.county_region_path})
    if scope.below or scope.reach == Reach.COUNTY:
        return Q(**{f"{prefix}path__startswith": scope.region_path})
    return Q(**{f"{prefix}path": scope.region_path})


def scoped_queryset(user: Any, perm: str, queryset: QuerySet[M]) -> QuerySet[M]:
    """The objects of ``queryset`` on which ``user`` holds ``perm``."""
    scopes = user_scopes(user, perm)
    if scopes is ALL:
        return queryset
    assert isinstance(scopes, list)
    if not scopes:
        return queryset.none()
    rule = scope_rules().get(queryset.model)
    if rule is None:
        raise KeyError(f"{queryset.model.__name__} has no scope rule: declare it in its component's scoped_models")
    condition = Q()
    if callable(rule):
        for scope in scopes:
            condition |= rule(scope)
        return queryset.filter(condition)
    for field_path in rule:
        if _is_multi_valued(queryset.model, field_path):
            # Through a to-many relation (a document's recipients): joining it would repeat rows, and
            # `pk IN (every object reached that way)` reads the whole history before the rest of the query
            # narrows it. EXISTS asks, for each row the rest of the query keeps (the review queue's few
            # pending items), whether one of its related units is in scope: flat as history grows.
            condition |= Q(_exists_in_scope(queryset.model, field_path, scopes))
            continue
        prefix = f"{field_path}__" if field_path else ""
        for scope in scopes:
            condition |= unit_q(scope, prefix)
    return queryset.filter(condition)


def _exists_in_scope(model: type[Model], field_path: str, scopes: list[Scope]) -> Exists:
    """EXISTS (a unit reached from the outer row through the to-many ``field_path`` is in one of ``scopes``)."""
    first, _, rest = field_path.partition("__")
    field: Any = model._meta.get_field(first)
    if field.many_to_many and not field.auto_created:
        # A many-to-many field of this model: straight to its link table (document_id, unit_id).
        through = field.remote_field.through
        target = field.m2m_reverse_field_name()
        prefix = f"{target}__{rest}__" if rest else f"{target}__"
        condition = Q()
        for scope in scopes:
            condition |= unit_q(scope, prefix)
        return Exists(through._default_manager.filter(condition, **{field.m2m_field_name(): OuterRef("pk")}))
    condition = Q()
    for scope in scopes:
        condition |= unit_q(scope, f"{field_path}__")
    return Exists(model._default_manager.filter(condition, pk=OuterRef("pk")))


def _is_multi_valued(model: type[Model], field_path: str) -> bool:
    current: Any = model
    for name in field_path.split("__") if field_path else []:
        field = current._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        current = field.related_model
    return False


def can(user: Any, perm: str, obj: Model | None = None) -> bool:
    """Whether ``user`` holds ``perm`` somewhere (obj None) or on ``obj``."""
    scopes = user_scopes(user, perm)
    if scopes is ALL:
        return True
    if obj is None:
        return bool(scopes)
    if not scopes:
        return False
    model = type(obj)
    return scoped_queryset(user, perm, model._default_manager.filter(pk=obj.pk)).exists()


def require(user: Any, perm: str, obj: Model | None = None) -> None:
    if not can(user, perm, obj):
        raise PermissionDenied(DENIED_MESSAGE)


def get_for_user(user: Any, perm: str, queryset: QuerySet[M], **lookup: Any) -> M:
    """Fetch one object the user may act on: 404 when it does not exist, 403 when it is outside scope."""
    try:
        obj = queryset.get(**lookup)
    except queryset.model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404 from None
    if not scoped_queryset(user, perm, queryset.filter(pk=obj.pk)).exists():
        raise PermissionDenied(DENIED_MESSAGE)
    return obj


def unit_ids_for(user: Any, perm: str) -> QuerySet[Any] | None:
    """The ids of the units where ``user`` holds ``perm`` (None: all units)."""
    from qingzhuang.org.models import Unit

    scopes = user_scopes(user, perm)
    if scopes is ALL:
        return None
    return scoped_queryset(user, perm, Unit.objects.all()).values("id")
