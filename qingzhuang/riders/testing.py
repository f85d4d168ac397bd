"""Test helpers: photos made in memory (with GPS in their EXIF, rotated, broken, bombs) and the test world's boundaries.

The world's two places get adjacent illustrative rectangles (WGS-84): 长发村 to the west of 109.150°E and 新城社区 to
the east. A point 200 m west of the line given in GCJ-02 reads ~500 m east of it if taken as WGS-84: only a correct
conversion routes it to 长发村.
"""

from __future__ import annotations

import json
from typing import Any

from qingzhuang.lib import coords
from qingzhuang.lib.tests import photo_files
from qingzhuang.riders import services

# (WGS-84) the true spot inside 长发村's rectangle, and how a Chinese map app gives it.
SPOT_WGS = (33.4250, 109.1480)
SPOT_GCJ = coords.wgs84_to_gcj02(*SPOT_WGS)


def rectangle(name: str, south: float, west: float, north: float, east: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def world_areas() -> str:
    return json.dumps({"type": "FeatureCollection", "features": [
        rectangle("长发村", 33.420, 109.140, 33.430, 109.150), rectangle("新城社区", 33.420, 109.150, 33.430, 109.160)]})


def import_world_areas() -> int:
    return services.areas_import(actor=None, text=world_areas())


# Phone photos for the riders' tests: the shared photo checker's test files (one set of builders for every app).
jpeg_with_gps, image_file, png_bomb = photo_files.jpeg_with_gps, photo_files.image_file, photo_files.png_bomb
truncated_jpeg, svg_file, renamed_text = photo_files.truncated_jpeg, photo_files.svg_file, photo_files.renamed_text
