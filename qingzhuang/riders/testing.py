"""Test helpers: photos made in memory (with GPS in their EXIF, rotated, broken, bombs) and the test world's boundaries.

The world's two places get adjacent illustrative rectangles (WGS-84): 长发村 to the west of 109.150°E and 新城社区 to
the east. A point 200 m west of the line given in GCJ-02 reads ~500 m east of it if taken as WGS-84: only a correct
conversion routes it to 长发村.
"""

from __future__ import annotations

import io
import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from qingzhuang.lib import coords
from qingzhuang.riders import services

# (WGS-84) the true spot inside 长发村's rectangle, and how a Chinese map app gives it.
SPOT_WGS = (33.4250, 109.1480)
SPOT_GCJ = coords.wgs84_to_gcj02(*SPOT_WGS)
GPS_LAT = (33, 25, 30)


def rectangle(name: str, south: float, west: float, north: float, east: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def world_areas() -> str:
    return json.dumps({"type": "FeatureCollection", "features": [
        rectangle("长发村", 33.420, 109.140, 33.430, 109.150), rectangle("新城社区", 33.420, 109.150, 33.430, 109.160)]})


def import_world_areas() -> int:
    return services.areas_import(actor=None, text=world_areas())


def jpeg_with_gps(*, size: tuple[int, int] = (64, 32), orientation: int = 6, name: str = "photo.jpg") -> SimpleUploadedFile:
    """A JPEG whose EXIF carries a GPS position, a camera make and model, and an orientation (6: turn 90° to stand up)."""
    img = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "Apple"  # Make
    exif[0x0110] = "iPhone 15"  # Model
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", GPS_LAT, "E", (109, 8, 52)
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def image_file(fmt: str, *, size: tuple[int, int] = (40, 30), mode: str = "RGB", name: str = "photo") -> SimpleUploadedFile:
    img = Image.new(mode, size)
    out = io.BytesIO()
    img.save(out, format=fmt)
    return SimpleUploadedFile(f"{name}.{fmt.lower()}", out.getvalue())


def png_bomb(side: int = 12_000) -> SimpleUploadedFile:
    """A small PNG file that decodes to side² pixels (144 million by default)."""
    img = Image.new("1", (side, side))
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")


def truncated_jpeg() -> SimpleUploadedFile:
    whole = jpeg_with_gps(size=(400, 300)).read()
    return SimpleUploadedFile("cut.jpg", whole[: len(whole) // 2], content_type="image/jpeg")


def svg_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
                              content_type="image/svg+xml")


def renamed_text() -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.jpg", "这不是照片，只是改了名字的文本文件。".encode(), content_type="image/jpeg")
