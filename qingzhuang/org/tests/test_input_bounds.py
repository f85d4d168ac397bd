"""Hostile text and numbers through the org services: a Chinese message naming the field, nothing written."""

import datetime as dt

import pytest

from qingzhuang.audit.models import Event
from qingzhuang.org import services
from qingzhuang.org.errors import OrgError
from qingzhuang.org.models import CommunityProfile, Person, Region, RoleAssignment, Unit, UnitKind

pytestmark = pytest.mark.django_db
HUGE = 99999999999999999999999


def _counts():
    return (Unit.objects.count(), Region.objects.count(), Person.objects.count(), CommunityProfile.objects.count(),
            RoleAssignment.objects.count(), Event.objects.count())


@pytest.mark.parametrize(("name", "code"), [("\u3000\u200b", "required"), ("社" * 101, "too_long"), ("新城\x00社区", "unstorable")])
def test_a_unit_name_that_is_blank_too_long_or_unstorable_is_refused(world, name, code):
    before = _counts()

    with pytest.raises(OrgError) as err:
        services.unit_create(actor=world.reviewer, name=name, kind=UnitKind.COMMUNITY, region=world.xincheng.region, parent=world.yongle)

    assert (err.value.code, err.value.field) == (code, "name")
    assert _counts() == before


def test_an_unknown_unit_kind_is_refused(world):
    with pytest.raises(OrgError) as err:
        services.unit_create(actor=world.reviewer, name="新社区", kind="bogus<script>", region=world.xincheng.region, parent=world.yongle)

    assert err.value.code == "not_a_choice" and "社区" in err.value.message


@pytest.mark.parametrize(("figures", "field"), [({"households": HUGE}, "households"), ({"residents": -1}, "residents"),
                                                 ({"staff": 10**9}, "staff")])
def test_community_figures_out_of_range_are_refused(world, figures, field):
    before = _counts()
    values = {"households": 3046, "residents": 8895, "staff": 11, **figures}

    with pytest.raises(OrgError) as err:
        services.profile_set(actor=world.reviewer, unit=world.xincheng, valid_from=dt.date(2025, 1, 1), **values)

    assert (err.value.code, err.value.field) == ("out_of_range", field)
    assert _counts() == before


@pytest.mark.parametrize(("values", "field"), [({"name": "\u00a0"}, "name"), ({"kind": "wizard"}, "kind"),
                                               ({"phone": "1" * 21}, "phone"), ({"position": "书记\ud800"}, "position")])
def test_a_person_with_a_hostile_value_is_refused(world, values, field):
    before = _counts()

    with pytest.raises(OrgError) as err:
        services.person_create(actor=world.reviewer, unit=world.xincheng, **{"name": "吴晓燕", "kind": "volunteer", **values})

    assert err.value.field == field
    assert _counts() == before


def test_an_unknown_role_is_refused(world):
    with pytest.raises(OrgError) as err:
        services.role_assign(actor=world.admin, user=world.clerk, role="emperor", unit=world.civil_affairs)

    assert err.value.code == "not_a_choice"


def test_an_api_token_name_that_is_blank_or_too_long_is_refused(world):
    from qingzhuang.accounts.errors import TokenInvalid
    from qingzhuang.accounts.models import ApiToken
    from qingzhuang.accounts.services import api_token_create

    for name in ("\u3000\u200b", "令" * 101, "系统\x00"):
        with pytest.raises(TokenInvalid) as err:
            api_token_create(actor=world.admin, user=world.clerk, name=name)
        assert err.value.field == "name"
    assert not ApiToken.objects.exists()


def test_an_unknown_language_is_refused(world):
    from qingzhuang.accounts.errors import AccountInvalid
    from qingzhuang.accounts.services import user_language_set

    with pytest.raises(AccountInvalid):
        user_language_set(actor=world.clerk, language="klingon")
    world.clerk.refresh_from_db()
    assert world.clerk.language == "zh-hans"
