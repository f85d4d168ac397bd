"""Photos are checked by content and stored clean: orientation applied, no EXIF (no GPS, no device); a renamed text
file, an SVG, a truncated JPEG and an image bomb are refused by name, and HEIC from iPhones is read."""

import io

import pytest
from PIL import Image, ImageFile

from qingzhuang.lib import photos
from qingzhuang.lib.photos import PhotoError
from qingzhuang.riders import testing


def test_a_phone_photo_is_stood_up_and_stripped_of_gps_and_device():
    clean = photos.photo_clean(testing.jpeg_with_gps(size=(64, 32), orientation=6))
    stored = Image.open(io.BytesIO(clean.image))
    assert stored.format == "JPEG" and stored.size == (32, 64) == (clean.width, clean.height)
    exif = stored.getexif()
    assert dict(exif) == {} and exif.get_ifd(0x8825) == {} and b"iPhone" not in clean.image and b"Apple" not in clean.image
    assert max(Image.open(io.BytesIO(clean.thumbnail)).size) <= photos.THUMB_SIDE


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "HEIF"])
def test_png_webp_and_heic_are_accepted_and_stored_as_jpeg(fmt):
    clean = photos.photo_clean(testing.image_file(fmt, size=(40, 30)))
    assert Image.open(io.BytesIO(clean.image)).format == "JPEG" and (clean.width, clean.height) == (40, 30)


@pytest.mark.parametrize(("upload", "code"), [
    (testing.renamed_text, "photo_not_image"), (testing.svg_file, "photo_not_image"), (testing.truncated_jpeg, "photo_broken"),
    (testing.png_bomb, "photo_too_many_pixels"), (lambda: testing.image_file("GIF"), "photo_not_image"),
    (lambda: testing.image_file("BMP"), "photo_not_image"),
])
def test_bad_files_are_refused_naming_the_file(upload, code):
    bad = upload()
    with pytest.raises(PhotoError) as exc:
        photos.photo_clean(bad)
    assert exc.value.code == code and bad.name in exc.value.message


def test_a_truncated_photo_is_refused_even_after_weasyprint_let_pillow_load_truncated_images(monkeypatch):
    # WeasyPrint (the ledger's PDFs) sets this process-wide flag on import; the photo check must not inherit it.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(PhotoError) as exc:
        photos.photo_clean(testing.truncated_jpeg())
    assert exc.value.code == "photo_broken" and ImageFile.LOAD_TRUNCATED_IMAGES is True


def test_a_file_over_the_size_limit_is_refused_unread(settings):
    settings.QZ_PHOTO_MAX_BYTES = 1000
    with pytest.raises(PhotoError) as exc:
        photos.photo_clean(testing.jpeg_with_gps(size=(400, 400)))
    assert exc.value.code == "photo_too_big"
