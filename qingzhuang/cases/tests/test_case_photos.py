"""Case photos: attached on raising and on the case page by the community and the handlers, checked by content with the
metadata stripped (no GPS left), served with thumbnails only to those who see the case; the hostile set (a renamed text
file, an SVG, a truncated JPEG, an image bomb) is refused in Chinese with nothing stored, neither row nor file."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from PIL import Image

from qingzhuang.cases import services
from qingzhuang.cases.errors import CaseError
from qingzhuang.cases.models import Case, CasePhoto, EventKind
from qingzhuang.lib.tests import photo_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _files(settings):
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def test_photos_on_raise_are_stored_without_gps_and_shown_with_thumbnails(paired, raise_case, settings):
    case = raise_case(photos=[photo_files.jpeg_with_gps(size=(64, 32)), photo_files.image_file("PNG")])
    stored = list(case.photos.order_by("id"))
    assert len(stored) == 2 and len(_files(settings)) == 4
    with stored[0].image.open("rb") as fh:
        data = fh.read()
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (32, 64)
    assert image.getexif().get_ifd(0x8825) == {} and b"iPhone" not in data and b"Apple" not in data
    assert case.events.get(kind=EventKind.RAISED).params["photos"] == 2


@pytest.mark.parametrize("name", sorted(photo_files.HOSTILE))
def test_a_hostile_photo_refuses_the_raise_in_chinese_and_nothing_is_stored(paired, raise_case, settings, name):
    make, code = photo_files.HOSTILE[name]
    bad = make()
    with pytest.raises(CaseError) as refused:
        raise_case(photos=[photo_files.jpeg_with_gps(), bad])
    assert refused.value.code == code and refused.value.field == "photos" and str(bad.name) in refused.value.message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in refused.value.message.replace(str(bad.name), ""))
    assert Case.objects.count() == 0 and CasePhoto.objects.count() == 0 and _files(settings) == []


@pytest.mark.parametrize("name", sorted(photo_files.HOSTILE))
def test_a_hostile_photo_added_later_is_refused_and_nothing_is_stored(paired, raise_case, settings, name):
    case = raise_case()
    make, code = photo_files.HOSTILE[name]
    with pytest.raises(CaseError) as refused:
        services.case_photos_add(actor=paired.secretary, case=case, photos=[photo_files.jpeg_with_gps(), make()])
    assert refused.value.code == code
    assert CasePhoto.objects.count() == 0 and _files(settings) == [] and not case.events.filter(kind=EventKind.PHOTOS).exists()


def test_the_community_and_a_handler_add_photos_others_may_not(paired, raise_case, settings):
    case = raise_case()
    services.case_photos_add(actor=paired.secretary, case=case, photos=[photo_files.jpeg_with_gps()])
    services.case_photos_add(actor=paired.clerk, case=case, photos=[photo_files.image_file("WEBP")])
    assert [p.added_by_unit for p in case.photos.order_by("id")] == [paired.xincheng, paired.civil_affairs]
    for outsider in (paired.outsider, paired.rider):
        with pytest.raises((CaseError, PermissionDenied)):
            services.case_photos_add(actor=outsider, case=case, photos=[photo_files.jpeg_with_gps()])
    assert case.photos.count() == 2 and len(_files(settings)) == 4
    from qingzhuang.audit.models import Event as AuditEvent

    assert AuditEvent.objects.filter(model="cases.casephoto", action="create").count() == 2


def test_too_many_photos_at_once_are_refused(paired, raise_case):
    with pytest.raises(CaseError) as refused:
        raise_case(photos=[photo_files.image_file("PNG") for _ in range(services.MAX_PHOTOS + 1)])
    assert refused.value.code == "photo_too_many" and Case.objects.count() == 0


def test_photos_are_served_only_to_those_who_see_the_case(paired, raise_case, client_for):
    case = raise_case(photos=[photo_files.jpeg_with_gps()])
    photo = case.photos.get()
    for user in (paired.secretary, paired.clerk, paired.reviewer):
        for size in ("thumb", "full"):
            response = client_for(user).get(reverse("cases:photo", args=[photo.pk, size]))
            assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert client_for(paired.outsider).get(reverse("cases:photo", args=[photo.pk, "thumb"])).status_code in (403, 404)
    assert client_for(paired.secretary).get(reverse("cases:photo", args=[photo.pk + 99, "thumb"])).status_code == 404
    page = client_for(paired.secretary).get(reverse("cases:case", args=[case.pk])).content.decode()
    assert reverse("cases:photo", args=[photo.pk, "thumb"]) in page


def test_the_case_page_uploads_photos_and_refuses_a_renamed_text_file(paired, raise_case, client_for, settings):
    case = raise_case()
    url = reverse("cases:act", args=[case.pk, "photos"])
    client_for(paired.secretary).post(url, {"photos": [photo_files.renamed_text()]})
    page = client_for(paired.secretary).get(reverse("cases:case", args=[case.pk]))
    assert page.status_code == 400 and "不是照片" in page.content.decode() and CasePhoto.objects.count() == 0
    client_for(paired.secretary).post(url, {"photos": [photo_files.jpeg_with_gps()]})
    assert case.photos.count() == 1
    assert client_for(paired.outsider).post(url, {"photos": [photo_files.jpeg_with_gps()]}).status_code in (403, 404)
    assert case.photos.count() == 1
