"""The shared photo checker: a photo is read by its content, stood up, re-encoded without any metadata; the hostile set is
refused with a Chinese message naming the file and a generic PhotoError (no domain's error)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image, ImageFile

from qingzhuang.lib import photos
from qingzhuang.lib.tests import photo_files


def test_gps_and_device_are_gone_and_the_photo_stands_up():
    clean = photos.photo_clean(photo_files.jpeg_with_gps(size=(64, 32), orientation=6))
    stored = Image.open(io.BytesIO(clean.image))
    assert stored.size == (32, 64) and stored.getexif().get_ifd(0x8825) == {} and dict(stored.getexif()) == {}
    assert b"iPhone" not in clean.image and b"iPhone" not in clean.thumbnail
    assert max(Image.open(io.BytesIO(clean.thumbnail)).size) <= photos.THUMB_SIDE


@pytest.mark.parametrize("name", sorted(photo_files.HOSTILE))
def test_the_hostile_set_is_refused_in_chinese_naming_the_file(name):
    make, code = photo_files.HOSTILE[name]
    bad = make()
    with translation.override("zh-hans"), pytest.raises(photos.PhotoError) as exc:
        photos.photo_clean(bad, field="attachments")
    assert exc.value.code == code and exc.value.field == "attachments" and str(bad.name) in exc.value.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.message.replace(str(bad.name), ""))
    assert "Error" not in exc.value.message and "Exception" not in exc.value.message


def test_the_error_is_not_a_domain_error_of_another_app():
    assert photos.PhotoError.__module__ == "qingzhuang.lib.photos"


def test_truncation_is_caught_although_weasyprint_turned_the_global_flag_on(monkeypatch):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(photos.PhotoError) as exc:
        photos.photo_clean(photo_files.truncated_jpeg())
    assert exc.value.code == "photo_broken" and ImageFile.LOAD_TRUNCATED_IMAGES is True


def test_an_empty_file_is_refused():
    with pytest.raises(photos.PhotoError) as exc:
        photos.photo_clean(ContentFile(b"", name="empty.jpg"))
    assert exc.value.code == "photo_empty"


def test_files_written_in_a_failed_block_are_removed(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(RuntimeError), photos.files_removed_on_failure() as written:
        written.append(default_storage.save("x/a.jpg", ContentFile(b"1")))
        raise RuntimeError("the transaction rolled back")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "HEIF"])
def test_png_webp_and_heic_are_accepted_and_stored_as_jpeg(fmt):
    clean = photos.photo_clean(photo_files.image_file(fmt, size=(40, 30)))
    assert Image.open(io.BytesIO(clean.image)).format == "JPEG" and (clean.width, clean.height) == (40, 30)


@pytest.mark.parametrize("fmt", ["GIF", "BMP"])
def test_other_image_formats_are_refused(fmt):
    with pytest.raises(photos.PhotoError) as exc:
        photos.photo_clean(photo_files.image_file(fmt))
    assert exc.value.code == "photo_not_image"


def test_a_file_over_the_size_limit_is_refused_unread(settings):
    settings.QZ_PHOTO_MAX_BYTES = 1000
    with pytest.raises(photos.PhotoError) as exc:
        photos.photo_clean(photo_files.jpeg_with_gps(size=(400, 400)))
    assert exc.value.code == "photo_too_big"
