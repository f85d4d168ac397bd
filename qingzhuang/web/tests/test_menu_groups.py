"""The menu groups components' entries (nav_group), orders them (nav_order) and marks the current page."""

import pytest
from django.utils import translation

from qingzhuang.web.navigation import NavGroup, NavItem, nav_for

pytestmark = pytest.mark.django_db


def _labels(menu):
    return [(e.label, [i.label for i in e.items]) if isinstance(e, NavGroup) else e.label for e in menu]


def test_the_reviewer_gets_the_gate_group_first_and_the_tools_last(world):
    with translation.override("en"):
        labels = _labels(nav_for(world.reviewer, "/"))

    group, entries = labels[0]
    assert group == "Burden gate"
    assert entries[:7] == ["Red/yellow board", "Quotas", "Gate rules", "Documents", "Review", "Document plans", "Meetings"]
    # Then the other burden items' entries, in their components' nav_order (督检考, duty lists, tasks…).
    assert entries.index("Supervision, inspection, assessment") == 7
    assert labels[1] == "Burden ledger"
    assert labels[-1] == "Audit trail"


def test_the_current_page_marks_its_entry_and_group(world):
    home = nav_for(world.reviewer, "/")
    menu = nav_for(world.reviewer, "/documents/review/12/")

    assert not any(e.active for e in home)
    group = next(e for e in menu if isinstance(e, NavGroup) and any(i.url == "/documents/review/" for i in e.items))
    assert group.active
    assert [i.url for i in group.items if i.active] == ["/documents/review/"]  # the longest match, not /documents/


def test_a_group_with_one_entry_is_shown_as_that_entry(world):
    for persona in (world.rider, world.secretary, world.reviewer, world.admin):
        assert all(isinstance(e, NavItem) or len(e.items) > 1 for e in nav_for(persona, "/"))
