import io
import zipfile

import pytest

from qingzhuang.lib import zip_limits
from qingzhuang.lib.zip_limits import ZipLimits, ZipRefused, zip_check
from tests import bombs

MB = 1024 * 1024
LIMITS = ZipLimits(member_bytes=50 * MB, total_bytes=200 * MB, members=2000)


def _refusal(data: bytes, limits: ZipLimits = LIMITS) -> ZipRefused:
    with pytest.raises(ZipRefused) as err:
        zip_check(io.BytesIO(data), limits)
    return err.value


def test_an_ordinary_docx_passes_and_its_inflated_size_is_counted():
    data = bombs.small_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        expected = sum(info.file_size for info in archive.infolist())

    assert zip_check(io.BytesIO(data), LIMITS) == expected


def test_a_member_that_declares_more_than_the_limit_is_refused_before_inflating_it():
    with bombs.peak_memory() as peak:
        refusal = _refusal(bombs.docx_bomb(200))

    assert (refusal.reason, refusal.member) == (zip_limits.MEMBER_TOO_LARGE, "word/document.xml")
    assert peak.growth_mb < 30


def test_a_member_whose_header_lies_about_its_size_is_stopped_while_inflating():
    data = bombs.docx_bomb(200, lying=True)

    with bombs.peak_memory() as peak:
        refusal = _refusal(data)

    assert (refusal.reason, refusal.member) == (zip_limits.SIZE_MISMATCH, "word/document.xml")
    assert peak.growth_mb < 30


def test_a_lying_header_is_caught_even_when_the_declared_size_is_within_the_limit():
    # Declared 4 KB, inflates to 20 MB: under the member limit, over its own header.
    refusal = _refusal(bombs.docx_bomb(20, lying=True))

    assert refusal.reason == zip_limits.SIZE_MISMATCH


def test_members_that_together_inflate_past_the_total_are_refused():
    refusal = _refusal(bombs.docx_bomb(20), ZipLimits(member_bytes=50 * MB, total_bytes=10 * MB, members=2000))

    assert refusal.reason in (zip_limits.TOTAL_TOO_LARGE, zip_limits.MEMBER_TOO_LARGE)


def test_a_zip_of_many_tiny_members_is_refused_by_count():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number in range(30):
            archive.writestr(f"part{number}.xml", b"<a/>")

    assert _refusal(out.getvalue(), ZipLimits(member_bytes=MB, total_bytes=MB, members=20)).reason == zip_limits.TOO_MANY_MEMBERS


@pytest.mark.parametrize("data", [b"", b"plain text, not a zip", b"%PDF-1.7 garbage", b"PK\x03\x04 truncated"])
def test_what_is_not_a_whole_zip_is_refused_as_such(data):
    assert _refusal(data).reason in (zip_limits.NOT_A_ZIP, zip_limits.DAMAGED)


def test_an_encrypted_member_is_refused():
    data = bytearray(bombs.small_docx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        first = archive.infolist()[0]
    data[first.header_offset + 6] |= 0x1  # the local header's "encrypted" flag
    cd = data.find(b"PK\x01\x02")
    data[cd + 8] |= 0x1  # and the central directory's

    assert _refusal(bytes(data)).reason == zip_limits.UNSUPPORTED
