"""Photo files made in memory for tests of every upload of photos: a phone photo with GPS and device in its EXIF, other
formats, and the hostile set (a renamed text file, an SVG with a script, a truncated JPEG, an image bomb)."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_LAT = (33, 25, 30)


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
    out = io.BytesIO()
    Image.new(mode, size).save(out, format=fmt)
    return SimpleUploadedFile(f"{name}.{fmt.lower()}", out.getvalue())


def png_bomb(side: int = 12_000) -> SimpleUploadedFile:
    """A small PNG file that decodes to side² pixels (144 million by default)."""
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, format="PNG", optimize=True)
    return SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png")


def truncated_jpeg() -> SimpleUploadedFile:
    whole = jpeg_with_gps(size=(400, 300)).read()
    return SimpleUploadedFile("cut.jpg", whole[: len(whole) // 2], content_type="image/jpeg")


def svg_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
                              content_type="image/svg+xml")


def renamed_text() -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.jpg", "这不是照片，只是改了名字的文本文件。".encode(), content_type="image/jpeg")


HOSTILE: dict[str, tuple[Callable[[], SimpleUploadedFile], str]] = {"renamed text file": (renamed_text, "photo_not_image"), "SVG": (svg_file, "photo_not_image"),
           "truncated JPEG": (truncated_jpeg, "photo_broken"), "image bomb": (png_bomb, "photo_too_many_pixels")}
