"""The report page's map is there only when the site configures a tile server (QZ_MAP_TILE_URL): then the vendored
Leaflet is loaded (never a CDN), the map opens on the rider's community in the tiles' datum, and a tap sets the point
in that datum; without one the page has no map and no map script (the phone's position and a typed address remain)."""

import pytest
from django.contrib.staticfiles import finders

from qingzhuang.lib import coords
from qingzhuang.riders import services
from qingzhuang.riders.testing import import_world_areas

pytestmark = pytest.mark.django_db
TIANDITU = "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=vec&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=test"


@pytest.fixture
def page(world, client_for):
    import_world_areas()
    services.rider_enrol(actor=None, community=world.xincheng, name="马骏", phone="13912345678", duties=["road_clearer"],
                         joined_on="2025-06-01", user=world.rider)
    return lambda: client_for(world.rider).get("/riders/report/").content.decode()


def test_without_a_tile_server_the_page_has_no_map_and_loads_no_map_script(page, settings):
    settings.QZ_MAP_TILE_URL = ""
    html = page()
    assert 'id="map"' not in html and "leaflet" not in html and "f-address" in html


def test_with_a_tile_server_the_vendored_leaflet_draws_the_map_on_the_community_in_the_tiles_datum(page, settings):
    settings.QZ_MAP_TILE_URL, settings.QZ_MAP_DATUM, settings.QZ_MAP_ATTRIBUTION = TIANDITU, "wgs84", "天地图"
    html = page()
    assert 'id="map"' in html and 'data-datum="wgs84"' in html and "riders/vendor/leaflet/leaflet.js" in html
    assert 'data-attribution="天地图"' in html and 'data-lat="33.425000" data-lng="109.155000"' in html
    assert "unpkg" not in html and "cdn" not in html.lower()
    assert finders.find("riders/vendor/leaflet/leaflet.js") and finders.find("riders/vendor/leaflet/LICENSE")


def test_gcj02_tiles_open_on_the_converted_centre(page, settings):
    settings.QZ_MAP_TILE_URL, settings.QZ_MAP_DATUM = "https://tiles.example/{z}/{x}/{y}.png", "gcj02"
    lat, lng = coords.wgs84_to_gcj02(33.425, 109.155)
    assert f'data-lat="{lat:.6f}" data-lng="{lng:.6f}"' in page() and 'data-datum="gcj02"' in page()
