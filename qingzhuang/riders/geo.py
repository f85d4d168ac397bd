"""Where a report is: coordinates checked and brought to WGS-84, community boundaries, and routing a point.

Stored datum: WGS-84. Browser geolocation gives WGS-84, GeoJSON boundaries are WGS-84 (RFC 7946) and 天地图 (the
government's map) uses CGCS2000, within centimetres of it; GCJ-02 points from 高德/腾讯 or a delivery app are converted
on arrival (qingzhuang.lib.coords).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from shapely.geometry import Point, shape
from shapely.validation import explain_validity

from qingzhuang.lib import coords
from qingzhuang.lib.chinese_text import clean_text
from qingzhuang.org.models import Unit, UnitKind
from qingzhuang.riders import errors
from qingzhuang.riders.errors import RiderError
from qingzhuang.riders.models import CommunityArea, Datum, RoutedBy

GRASSROOTS = (UnitKind.COMMUNITY, UnitKind.VILLAGE)
MAX_FEATURES = 5000
# Mainland China's extent, tighter than GCJ-02's rectangle in the north and west (Mohe ~53.6°N, Pamirs ~73.5°E).
LAT_RANGE = (17.5, 53.6)
LNG_RANGE = (73.4, 135.1)


def _degrees(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise RiderError("coord_not_a_number", errors.COORD_NOT_A_NUMBER, "lat")
    text = clean_text(str(value)).strip().replace("°", "")
    if not text:
        return None
    if len(text) > 30:
        raise RiderError("coord_not_a_number", errors.COORD_NOT_A_NUMBER, "lat")
    try:
        number = float(text)
    except ValueError:
        raise RiderError("coord_not_a_number", errors.COORD_NOT_A_NUMBER, "lat") from None
    if not math.isfinite(number):
        raise RiderError("coord_not_a_number", errors.COORD_NOT_A_NUMBER, "lat")
    return number


def _in_china(lat: float, lng: float) -> bool:
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LNG_RANGE[0] <= lng <= LNG_RANGE[1]


def point_wgs84(lat: Any, lng: Any, datum: Any) -> tuple[float, float] | None:
    """The point in WGS-84 from what was typed or sent (None when neither value was given), or a clear refusal."""
    lat_value, lng_value = _degrees(lat), _degrees(lng)
    if lat_value is None and lng_value is None:
        return None
    if lat_value is None or lng_value is None:
        raise RiderError("coord_half", errors.COORD_HALF, "lat" if lat_value is None else "lng")
    if datum not in Datum.values:
        raise RiderError("datum_unknown", errors.DATUM_UNKNOWN, "datum")
    if not (-180 <= lng_value <= 180):
        raise RiderError("coord_out_of_range", errors.COORD_OUT_OF_RANGE, "lng")
    if not (-90 <= lat_value <= 90):
        if _in_china(lng_value, lat_value):
            raise RiderError("coord_swapped", errors.COORD_SWAPPED, "lat")
        raise RiderError("coord_out_of_range", errors.COORD_OUT_OF_RANGE, "lat")
    if not _in_china(lat_value, lng_value):
        if _in_china(lng_value, lat_value):
            raise RiderError("coord_swapped", errors.COORD_SWAPPED, "lat")
        raise RiderError("coord_outside_china", errors.COORD_OUTSIDE_CHINA, "lat")
    if datum == Datum.GCJ02:
        return coords.gcj02_to_wgs84(lat_value, lng_value)
    return lat_value, lng_value


@dataclass(frozen=True)
class Route:
    unit: Unit
    routed_by: str
    distance_m: float | None = None


def _nearest(lat: float, lng: float, county_id: int | None = None) -> tuple[CommunityArea, float] | None:
    """The community centre nearest the point (a box of ±0.5° first: about 55 km, past any routing limit)."""
    box = CommunityArea.objects.filter(centre_lat__range=(lat - 0.5, lat + 0.5), centre_lng__range=(lng - 0.6, lng + 0.6),
                                       unit__is_active=True).select_related("unit")
    if county_id is not None:
        box = box.filter(unit__county_id=county_id)
    best: tuple[CommunityArea, float] | None = None
    for area in box:
        d = coords.distance_m(lat, lng, area.centre_lat, area.centre_lng)
        if best is None or d < best[1]:
            best = (area, d)
    return best


def check_not_far(lat: float, lng: float) -> None:
    """Refuse a point far from every known community (at sea, a typo in the degrees), when boundaries are known at all."""
    if not CommunityArea.objects.exists():
        return
    near = _nearest(lat, lng)
    limit = settings.QZ_HAZARD_FAR_KM * 1000
    if near is None or near[1] > limit:
        km = f"{near[1] / 1000:.0f}" if near else f"> {settings.QZ_HAZARD_FAR_KM}"
        raise RiderError("coord_far_away", errors.COORD_FAR_AWAY % {"km": km}, "lat")


def route(lat: float | None, lng: float | None, fallback: Unit | None) -> Route | None:
    """The community whose boundary contains the point; else the nearest centre within the limit; else the street office
    of ``fallback`` (the rider's own community)."""
    if lat is not None and lng is not None:
        candidates = CommunityArea.objects.filter(boundary__isnull=False, min_lat__lte=lat, max_lat__gte=lat, min_lng__lte=lng,
                                                  max_lng__gte=lng, unit__is_active=True).select_related("unit").order_by("unit__path")
        point = Point(lng, lat)
        for area in candidates:
            if shape(area.boundary).covers(point):
                return Route(area.unit, RoutedBy.BOUNDARY)
        near = _nearest(lat, lng)
        if near is not None and near[1] <= settings.QZ_HAZARD_NEAREST_M:
            return Route(near[0].unit, RoutedBy.NEAREST, near[1])
    if fallback is None:
        return None
    street = fallback if fallback.kind == UnitKind.TOWN_OFFICE else fallback.parent
    if street is None or street.kind != UnitKind.TOWN_OFFICE:
        return Route(fallback, RoutedBy.STREET) if lat is None else None
    if lat is None:
        # A typed address only: the rider's own community reads it and passes it on if it is not theirs.
        return Route(fallback, RoutedBy.STREET)
    return Route(street, RoutedBy.STREET)


@dataclass(frozen=True)
class AreaRow:
    unit: Unit
    boundary: dict[str, Any]
    centre: tuple[float, float]
    bbox: tuple[float, float, float, float]


def areas_parse(text: str, units: dict[str, Unit]) -> list[AreaRow]:
    """Read a GeoJSON FeatureCollection (WGS-84) whose features name a community (properties.name or .code)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise RiderError("area_file_invalid", errors.AREA_FILE_INVALID % {"reason": str(exc)[:100]}, "file") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise RiderError("area_file_invalid", errors.AREA_FILE_INVALID % {"reason": "no FeatureCollection"}, "file")
    if len(features) > MAX_FEATURES:
        raise RiderError("area_too_many", errors.AREA_TOO_MANY % {"max": MAX_FEATURES}, "file")
    rows = []
    for index, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        props = props if isinstance(props, dict) else {}
        key = str(props.get("code") or props.get("name") or "")[:100]
        unit = units.get(key)
        if unit is None:
            raise RiderError("area_unit_unknown", errors.AREA_UNIT_UNKNOWN % {"index": index, "name": key}, "file")
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise RiderError("area_not_polygon", errors.AREA_NOT_POLYGON % {"index": index}, "file")
        try:
            polygon = shape(geometry)
        except Exception as exc:  # shapely raises several kinds on malformed rings
            raise RiderError("area_invalid", errors.AREA_INVALID % {"index": index, "reason": str(exc)[:80]}, "file") from None
        if polygon.is_empty or not polygon.is_valid:
            reason = explain_validity(polygon) if not polygon.is_empty else "empty"
            raise RiderError("area_invalid", errors.AREA_INVALID % {"index": index, "reason": reason[:80]}, "file")
        min_lng, min_lat, max_lng, max_lat = polygon.bounds
        if not (_in_china(min_lat, min_lng) and _in_china(max_lat, max_lng)):
            raise RiderError("area_outside_china", errors.AREA_OUTSIDE_CHINA % {"index": index}, "file")
        inside = polygon.representative_point()
        rows.append(AreaRow(unit=unit, boundary=polygon.__geo_interface__, centre=(inside.y, inside.x),
                            bbox=(min_lat, max_lat, min_lng, max_lng)))
    return rows


def centre_of(unit: Unit, datum: str = "wgs84") -> tuple[float, float] | None:
    """Where a map of ``unit`` opens: its area's centre (or its street's first community's), in the map's datum."""
    area = CommunityArea.objects.filter(unit=unit).first() or CommunityArea.objects.filter(unit__parent_id=unit.parent_id).first()
    if area is None:
        return None
    if datum == "gcj02":
        return coords.wgs84_to_gcj02(area.centre_lat, area.centre_lng)
    return area.centre_lat, area.centre_lng
