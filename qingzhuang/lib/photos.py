"""Photos taken on a phone, checked by what they contain (not by their name) and stored clean.

Shared by every upload of photos (riders' hazard reports, cases' attachments): ``photo_clean`` refuses with a
``PhotoError`` whose code is stable (``photo_not_image``, ``photo_broken``, ``photo_too_many_pixels``,
``photo_too_big``, ``photo_empty``) and whose message names the file; each domain may translate it into its own error.

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
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from qingzhuang.lib.errors import DomainError

try:  # HEIC from iPhones: the opener registers itself with Pillow.
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIC = True
except ImportError:  # pragma: no cover - the package is in requirements; a stripped install refuses HEIC clearly
    HEIC = False

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}
LONGEST_SIDE = 2048
THUMB_SIDE = 320

PHOTO_TOO_BIG = _("“%(name)s” is %(size)s MB: a photo may be at most %(max)s MB.")
PHOTO_NOT_IMAGE = _("“%(name)s” is not a photo: only JPEG, PNG, WebP or HEIC (iPhone) photos are accepted.")
PHOTO_BROKEN = _("“%(name)s” is damaged or incomplete (the upload may have been cut off): take or choose it again.")
PHOTO_TOO_MANY_PIXELS = _("“%(name)s” is %(width)s×%(height)s pixels, more than the limit of %(max)s million: it is refused as a possible image bomb.")
PHOTO_EMPTY = _("“%(name)s” is empty.")


class PhotoError(DomainError):
    """A photo refused: the code says why, the message names the file, the field is where the photos were given."""

    status = 400


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


def photo_clean(upload: Any, *, field: str = "photos") -> CleanPhoto:
    """The photo as it will be stored, or PhotoError saying why it is refused (``field``: where the form took it)."""
    name = _name(upload)
    size = getattr(upload, "size", None)
    limit = settings.QZ_PHOTO_MAX_BYTES
    if size is not None and size > limit:
        raise PhotoError("photo_too_big", PHOTO_TOO_BIG % {"name": name, "size": f"{size / 2**20:.1f}", "max": limit // 2**20}, field)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise PhotoError("photo_too_big", PHOTO_TOO_BIG % {"name": name, "size": f"> {limit // 2**20}", "max": limit // 2**20}, field)
    if not data:
        raise PhotoError("photo_empty", PHOTO_EMPTY % {"name": name}, field)
    max_pixels = settings.QZ_PHOTO_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # The header's size is checked below against our own, lower limit; Pillow's warning would only repeat it.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
        with opened as img:
            if img.format not in ACCEPTED_FORMATS:
                raise PhotoError("photo_not_image", PHOTO_NOT_IMAGE % {"name": name}, field)
            width, height = img.size
            if width * height > max_pixels:
                raise PhotoError("photo_too_many_pixels", PHOTO_TOO_MANY_PIXELS % {
                    "name": name, "width": width, "height": height, "max": max_pixels // 1_000_000}, field)
            with _strict_decoding():
                img.load()
            upright = ImageOps.exif_transpose(img)
            rgb = upright.convert("RGB")
    except PhotoError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        code = "photo_too_many_pixels" if isinstance(exc, Image.DecompressionBombError) else "photo_not_image"
        message = PHOTO_NOT_IMAGE % {"name": name} if code == "photo_not_image" else PHOTO_TOO_MANY_PIXELS % {
            "name": name, "width": "?", "height": "?", "max": max_pixels // 1_000_000}
        raise PhotoError(code, message, field) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise PhotoError("photo_broken", PHOTO_BROKEN % {"name": name}, field) from None
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


@contextmanager
def files_removed_on_failure() -> Iterator[list[str]]:
    """The storage names of the files written inside the block; if the block fails (its transaction rolled back),
    those files are deleted so no photo is left on disk without its row."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
