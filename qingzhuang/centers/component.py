"""Party-mass service centers (党群服务中心): spaces, services, slots and bookings, and a public page per center."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qingzhuang.centers.models import Booking, Center, OpeningHours, Service, Slot, SlotPattern, Space
from qingzhuang.components import AttentionItem, Component, deferred
from qingzhuang.ledger.measures import Direction, Measure
from qingzhuang.org.access import Reach
from qingzhuang.org.models import Role

U, C = Reach.UNIT, Reach.COUNTY


def _attention(user):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from qingzhuang.centers import services
    from qingzhuang.lib import clock
    from qingzhuang.org import access

    if not access.can(user, services.BOOK):
        return []
    today = clock.today()
    centers = access.scoped_queryset(user, services.BOOK, Center.objects.filter(is_active=True))
    waiting = Booking.objects.filter(slot__service__center__in=centers, slot__day=today, status="booked").count()
    if not waiting:
        return []
    first = centers.order_by("pk").first()
    url = reverse("centers:today", args=[first.pk]) if first else reverse("centers:index")
    return [AttentionItem(title=str(_("Residents booked at the service center today, not yet checked in")), url=url, count=waiting)]


COMPONENT = Component(
    name="centers",
    # Staff pages under /centers/, each center's public page (no login) under /c/<code>/.
    url_prefix="",
    api_prefix="centers",
    permissions={
        "centers.view": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U, Role.STREET_OFFICER: U, Role.COUNTY_REVIEWER: C,
                         Role.DEPARTMENT_CLERK: C, Role.DEPARTMENT_LEADER: C},
        # The community runs its center; the street office helps set it up.
        "centers.manage": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U, Role.STREET_OFFICER: U},
        # Booking on a resident's behalf, cancelling and checking in: the center's own staff.
        "centers.book": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U},
        # Residents' phone numbers in full: only those who call them back (PIPL); everyone else sees them masked.
        "centers.see_phone": {Role.COMMUNITY_SECRETARY: U, Role.COMMUNITY_WORKER: U},
    },
    scoped_models={
        Center: ("community",),
        OpeningHours: ("center__community",),
        Space: ("center__community",),
        Service: ("center__community",),
        SlotPattern: ("service__center__community",),
        Slot: ("service__center__community",),
        Booking: ("slot__service__center__community",),
    },
    attention=_attention,
    board_section=deferred("qingzhuang.centers.views.board_section"),
    unit_section=deferred("qingzhuang.centers.views.unit_section"),
    demo=deferred("qingzhuang.centers.demo.seed"),
    nav=((_("Service centers"), "centers:index", "centers.view"),),
    nav_group="help",
    nav_order=64,
    measures=(
        Measure(code="centers.service_uses", label=_("Service center uses (residents checked in)"),
                unit_label=pgettext_lazy("ledger unit", "uses"), direction=Direction.HELP, weight=0.0,
                compute=deferred("qingzhuang.centers.selectors.service_uses_compute"),
                items=deferred("qingzhuang.centers.selectors.service_uses_items"), order=90),
    ),
)
