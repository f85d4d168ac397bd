"""WGS-84 ↔ GCJ-02 against published reference points, and distances."""

import pytest

from qingzhuang.lib import coords

# (WGS-84 lat, lng) → (GCJ-02 lat, lng): the reference points of googollee/eviltransform's tests (Shanghai, Shenzhen, Beijing).
EVILTRANSFORM = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),
]


@pytest.mark.parametrize(("wgs", "gcj"), EVILTRANSFORM)
def test_wgs84_to_gcj02_matches_the_published_points(wgs, gcj):
    lat, lng = coords.wgs84_to_gcj02(*wgs)
    assert lat == pytest.approx(gcj[0], abs=1e-9) and lng == pytest.approx(gcj[1], abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), EVILTRANSFORM)
def test_gcj02_to_wgs84_returns_the_original_point_within_a_centimetre(wgs, gcj):
    lat, lng = coords.gcj02_to_wgs84(*gcj)
    assert coords.distance_m(lat, lng, *wgs) < 0.01


def test_gcj02_to_wgs84_agrees_with_gcoords_published_point():
    # hujiulong/gcoord's test: GCJ-02 [123, 45] (lng, lat) → WGS-84 [122.99395597, 44.99804071], to 5 decimals.
    lat, lng = coords.gcj02_to_wgs84(45.0, 123.0)
    assert lat == pytest.approx(44.99804071, abs=5e-6) and lng == pytest.approx(122.99395597, abs=5e-6)


def test_the_gcj02_shift_is_hundreds_of_metres_in_china_and_nothing_outside():
    assert 100 < coords.distance_m(34.36, 107.15, *coords.wgs84_to_gcj02(34.36, 107.15)) < 1000
    assert coords.wgs84_to_gcj02(51.5, -0.12) == (51.5, -0.12)
    assert coords.gcj02_to_wgs84(35.68, 139.76) == (35.68, 139.76)


def test_distance_between_beijing_and_shanghai_is_about_1070_km():
    assert coords.distance_m(39.9042, 116.4074, 31.2304, 121.4737) == pytest.approx(1_067_000, rel=0.01)
