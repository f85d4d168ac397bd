"""Error codes and messages of the org domain, shared by forms, imports and the API."""

from django.utils.translation import gettext_lazy as _

from qingzhuang.lib.errors import DomainError


class OrgError(DomainError):
    pass


PARENT_OUTSIDE_REGION = _("The parent unit must sit in the same region as the unit or in a region above it.")
REGION_CODE_TAKEN = _("Region code %(code)s is already used by %(name)s.")
REGION_CODE_SHAPE = _("A region code has 6 digits (county and above), 9 (town/street) or 12 (village/community).")
REGION_CODE_PARENT = _("Code %(code)s does not start with the code of its parent region %(parent)s.")
UNIT_NAME_TAKEN = _("A unit named %(name)s already exists in %(region)s.")
PROFILE_OVERLAP = _("This period overlaps the profile that starts on %(start)s.")
PROFILE_NOT_GRASSROOTS = _("Only a community or village has a community profile.")
ROLE_NOT_GRANTABLE = _("You cannot grant this role.")
REGION_LEVEL = _("Towns/streets are added below a county, villages/communities below a town/street.")
GROUP_NAME_TAKEN = _("%(unit)s already has a recipient group named “%(name)s”. Choose another name.")
GROUP_EMPTY = _("A recipient group needs at least one unit: choose some recipients first.")
GROUP_TOO_BIG = _("A recipient group can hold at most %(max)s units.")
GROUP_MEMBER_INACTIVE = _("%(unit)s has been deactivated and cannot be put in a recipient group.")
GROUP_MEMBER_OUTSIDE = _("%(unit)s is outside your scope or in another county, so it cannot be put in this group.")
UNIT_UNKNOWN = _("One of the chosen units does not exist (any more). Reload the page and choose again.")
