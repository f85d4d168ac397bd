"""Photos taken on a phone, checked by what they contain (not by their name) and stored clean.

A photo is read by Pillow from its bytes: JPEG, PNG, WebP, and HEIC when pillow-heif is installed (iPhones' default).
Its header's pixel count is checked before any pixel is decoded (an image bomb: a small file that decodes to
gigapixels), the whole image is then decoded (a truncated file fails here), the EXIF orientation is applied, and the
pixels are written again as a new JPEG: no EXIF survives (no GPS position, no device), nor any other metadata.
"""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from qingzhuang.riders import errors
from qingzhuang.riders.errors import RiderError

try:  # HEIC from iPhones: the opener registers itself with Pillow.
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIC = True
except ImportError:  # pragma: no cover - the package is in requirements; a stripped install refuses HEIC clearly
    HEIC = False

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}
LONGEST_SIDE = 2048
THUMB_SIDE = 320


@dataclass(frozen=True)
class CleanPhoto:
    image: bytes
    thumbnail: bytes
    width: int
    height: int
    sha256: str


# WeasyPrint (the ledger's PDF reports) sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on import, which makes a
# truncated photo decode silently with grey rows. A photo is decoded with it off, under a lock (the flag is global).
_STRICT = threading.Lock()


@contextmanager
def _strict_decoding() -> Iterator[None]:
    with _STRICT:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def _name(upload: Any) -> str:
    name = str(getattr(upload, "name", "") or "photo")
    return name.encode("utf-8", "replace").decode("utf-8")[-60:]


def photo_clean(upload: Any) -> CleanPhoto:
    """The photo as it will be stored, or RiderError saying why it is refused."""
    name = _name(upload)
    size = getattr(upload, "size", None)
    limit = settings.QZ_PHOTO_MAX_BYTES
    if size is not None and size > limit:
        raise RiderError("photo_too_big", errors.PHOTO_TOO_BIG % {"name": name, "size": f"{size / 2**20:.1f}", "max": limit // 2**20}, "photos")
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise RiderError("photo_too_big", errors.PHOTO_TOO_BIG % {"name": name, "size": f"> {limit // 2**20}", "max": limit // 2**20}, "photos")
    if not data:
        raise RiderError("photo_empty", errors.PHOTO_EMPTY % {"name": name}, "photos")
    max_pixels = settings.QZ_PHOTO_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # The header's size is checked below against our own, lower limit; Pillow's warning would only repeat it.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
        with opened as img:
            if img.format not in ACCEPTED_FORMATS:
                raise RiderError("photo_not_image", errors.PHOTO_NOT_IMAGE % {"name": name}, "photos")
            width, height = img.size
            if width * height > max_pixels:
                raise RiderError("photo_too_many_pixels", errors.PHOTO_TOO_MANY_PIXELS % {
                    "name": name, "width": width, "height": height, "max": max_pixels // 1_000_000}, "photos")
            with _strict_decoding():
                img.load()
            upright = ImageOps.exif_transpose(img)
            rgb = upright.convert("RGB")
    except RiderError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        code = "photo_too_many_pixels" if isinstance(exc, Image.DecompressionBombError) else "photo_not_image"
        message = errors.PHOTO_NOT_IMAGE % {"name": name} if code == "photo_not_image" else errors.PHOTO_TOO_MANY_PIXELS % {
            "name": name, "width": "?", "height": "?", "max": max_pixels // 1_000_000}
        raise RiderError(code, message, "photos") from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise RiderError("photo_broken", errors.PHOTO_BROKEN % {"name": name}, "photos") from None
    rgb.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    image = _jpeg(rgb, quality=85)
    thumb = rgb.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE))
    return CleanPhoto(image=image, thumbnail=_jpeg(thumb, quality=75), width=rgb.width, height=rgb.height,
                      sha256=hashlib.sha256(image).hexdigest())


def _jpeg(img: Image.Image, *, quality: int) -> bytes:
    out = io.BytesIO()
    # No exif= and no icc_profile=: nothing of the original's metadata is written.
    img.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue()
