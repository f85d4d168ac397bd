"""Coordinates arrive as WGS-84 or GCJ-02 and are stored in WGS-84; points outside China, swapped, out of range, not
numbers or far from every community (at sea) are refused with a clear Chinese message."""

import pytest

from qingzhuang.lib import coords
from qingzhuang.riders import geo
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.testing import SPOT_GCJ, SPOT_WGS, import_world_areas

pytestmark = pytest.mark.django_db


def test_a_gcj02_point_is_stored_as_the_wgs84_point_it_shows():
    point = geo.point_wgs84(f"{SPOT_GCJ[0]:.7f}", f"{SPOT_GCJ[1]:.7f}", "gcj02")
    assert point is not None and coords.distance_m(*point, *SPOT_WGS) < 0.1


def test_a_wgs84_point_is_kept_as_given_and_nothing_given_is_none():
    assert geo.point_wgs84("33.425", "109.148", "wgs84") == (33.425, 109.148)
    assert geo.point_wgs84("", "　", "wgs84") is None


@pytest.mark.parametrize(("lat", "lng", "datum", "code"), [
    ("109.148", "33.425", "wgs84", "coord_swapped"),  # latitude > 90: swapped
    ("33.425", "22.0", "wgs84", "coord_outside_china"),
    ("35.0", "10.0", "wgs84", "coord_outside_china"),
    ("51.5", "-0.12", "gcj02", "coord_outside_china"),
    ("95", "109", "wgs84", "coord_out_of_range"),
    ("33", "200", "wgs84", "coord_out_of_range"),
    ("1e23", "109", "wgs84", "coord_out_of_range"),
    ("-5", "109", "wgs84", "coord_outside_china"),
    ("nan", "109", "wgs84", "coord_not_a_number"),
    ("inf", "109", "wgs84", "coord_not_a_number"),
    ("三十三", "109", "wgs84", "coord_not_a_number"),
    ("3" * 100_000, "109", "wgs84", "coord_not_a_number"),
    ("33.4\x00", "109", "wgs84", "coord_not_a_number"),
    ("33.4", "", "wgs84", "coord_half"),
    ("33.4", "109.1", "bd09", "datum_unknown"),
])
def test_bad_coordinates_are_refused_in_chinese(lat, lng, datum, code):
    with pytest.raises(RiderError) as exc:
        geo.point_wgs84(lat, lng, datum)
    assert exc.value.code == code and any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.message)


def test_a_point_at_sea_far_from_every_community_is_refused(world):
    import_world_areas()
    geo.check_not_far(*SPOT_WGS)
    with pytest.raises(RiderError) as exc:
        geo.check_not_far(30.0, 123.5)  # the East China Sea, ~1,400 km from the world's communities
    assert exc.value.code == "coord_far_away" and "公里" in exc.value.message
