from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from qingzhuang.org import access
from qingzhuang.org import selectors as org_selectors
from qingzhuang.org.models import Unit

router = Router()


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    region_code: str | None
    region_name: str
    parent_id: int | None

    @staticmethod
    def from_unit(unit: Unit) -> "UnitOut":
        return UnitOut(
            id=unit.id,
            name=unit.name,
            kind=unit.kind,
            region_code=unit.region.code,
            region_name=unit.region.name,
            parent_id=unit.parent_id,
        )


class RoleOut(Schema):
    role: str
    unit_id: int
    unit_name: str
    include_below: bool


class MeOut(Schema):
    username: str
    name: str
    language: str
    roles: list[RoleOut]


@router.get("/me", response=MeOut, summary="The signed-in user and their roles")
def me(request: HttpRequest) -> Any:
    user: Any = request.user
    roles = [
        RoleOut(role=a.role, unit_id=a.unit_id, unit_name=a.unit.name, include_below=a.include_below)
        for a in user.roles.select_related("unit")
    ]
    return MeOut(username=user.username, name=user.display_name, language=user.language, roles=roles)


@router.get("/units", response=list[UnitOut], summary="Search units in your scope by name, code, pinyin or initials")
def units(request: HttpRequest, q: str = "") -> Any:
    user: Any = request.user
    found = org_selectors.unit_search(user=user, q=q) if q else list(org_selectors.units_visible(user)[:200])
    return [UnitOut.from_unit(u) for u in found]


@router.get("/units/{unit_id}", response=UnitOut, summary="One unit in your scope")
def unit(request: HttpRequest, unit_id: int) -> Any:
    found = access.get_for_user(request.user, "org.view_unit", Unit.objects.select_related("region"), pk=unit_id)
    return UnitOut.from_unit(found)
