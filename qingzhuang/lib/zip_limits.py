"""Check a zip file (.docx, .xlsx) before any library opens it: a bomb is refused at a bounded cost.

A zip member can inflate a thousandfold, and its header can lie about its size. So every member
is inflated here, from its raw bytes, in small pieces that are counted and thrown away: the check
stops as soon as a member inflates past its declared size or the limit, whichever comes first, and
memory stays flat whatever the file claims. Only then may python-docx or openpyxl read it, and
Python's zipfile never reads past the (now verified) declared size.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO

CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_END_SIGNATURE = b"PK\x05\x06"


class ZipRefused(Exception):
    """Why a zip file is refused: ``reason`` is one of the constants below; ``member`` names the part."""

    def __init__(self, reason: str, member: str = "") -> None:
        super().__init__(reason if not member else f"{reason}: {member}")
        self.reason = reason
        self.member = member


NOT_A_ZIP = "not_a_zip"
DAMAGED = "damaged"
TOO_MANY_MEMBERS = "too_many_members"
MEMBER_TOO_LARGE = "member_too_large"
TOTAL_TOO_LARGE = "total_too_large"
SIZE_MISMATCH = "size_mismatch"  # a member inflates to more than its header says: a bomb
UNSUPPORTED = "unsupported"  # encrypted, or compressed other than stored/deflate


@dataclass(frozen=True)
class ZipLimits:
    member_bytes: int
    total_bytes: int
    members: int


def _entry_count(stream: IO[bytes]) -> int:
    """The number of entries the end-of-central-directory record announces (read before zipfile lists them)."""
    stream.seek(0, 2)
    size = stream.tell()
    tail_start = max(0, size - (65535 + 22))
    stream.seek(tail_start)
    tail = stream.read()
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) - at < 22:
        raise ZipRefused(NOT_A_ZIP)
    return int(struct.unpack("<H", tail[at + 10 : at + 12])[0])


def zip_check(stream: IO[bytes], limits: ZipLimits) -> int:
    """Inflate every member of the zip in ``stream`` without keeping it; return the total inflated bytes.

    Raise ZipRefused at the first member that breaks a limit or inflates past its declared size.
    """
    stream.seek(0)
    if stream.read(4) != _LOCAL_SIGNATURE:
        raise ZipRefused(NOT_A_ZIP)
    count = _entry_count(stream)
    # 0xFFFF means "see the zip64 record": more entries than we ever accept, or a zip64 file.
    if count > limits.members:
        raise ZipRefused(TOO_MANY_MEMBERS)
    try:
        stream.seek(0)
        infos = zipfile.ZipFile(stream).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error) as exc:
        raise ZipRefused(DAMAGED) from exc
    if len(infos) > limits.members:
        raise ZipRefused(TOO_MANY_MEMBERS)
    declared_total = sum(info.file_size for info in infos)
    if declared_total > limits.total_bytes:
        big = max(infos, key=lambda info: info.file_size)
        reason = MEMBER_TOO_LARGE if big.file_size > limits.member_bytes else TOTAL_TOO_LARGE
        raise ZipRefused(reason, big.filename)
    total = 0
    for info in infos:
        if info.file_size > limits.member_bytes:
            raise ZipRefused(MEMBER_TOO_LARGE, info.filename)
        inflated = _inflate_counting(stream, info, min(info.file_size, limits.member_bytes))
        total += inflated
        if total > limits.total_bytes:
            raise ZipRefused(TOTAL_TOO_LARGE, info.filename)
    return total


def _inflate_counting(stream: IO[bytes], info: zipfile.ZipInfo, allowed: int) -> int:
    """Inflate one member from its raw bytes, counting; stop as soon as it passes ``allowed``."""
    if info.flag_bits & 0x1:
        raise ZipRefused(UNSUPPORTED, info.filename)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ZipRefused(UNSUPPORTED, info.filename)
    stream.seek(info.header_offset)
    header = stream.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != _LOCAL_SIGNATURE:
        raise ZipRefused(DAMAGED, info.filename)
    fields = _LOCAL_HEADER.unpack(header)
    stream.seek(fields[-2] + fields[-1], 1)  # the member's name and extra field
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        if left != info.file_size:
            raise ZipRefused(SIZE_MISMATCH, info.filename)
        return left
    inflater = zlib.decompressobj(-15)
    out = 0
    while left > 0 and not inflater.eof:
        raw = stream.read(min(CHUNK, left))
        if not raw:
            raise ZipRefused(DAMAGED, info.filename)
        left -= len(raw)
        pending = raw
        while pending and not inflater.eof:
            try:
                piece = inflater.decompress(pending, CHUNK)
            except zlib.error as exc:
                raise ZipRefused(DAMAGED, info.filename) from exc
            out += len(piece)
            if out > allowed:
                reason = SIZE_MISMATCH if out > info.file_size else MEMBER_TOO_LARGE
                raise ZipRefused(reason, info.filename)
            pending = inflater.unconsumed_tail
    # Whatever is still buffered inside zlib (the stream ended without more input).
    while not inflater.eof:
        try:
            piece = inflater.decompress(b"", CHUNK)
        except zlib.error as exc:
            raise ZipRefused(DAMAGED, info.filename) from exc
        if not piece:
            break
        out += len(piece)
        if out > allowed:
            raise ZipRefused(SIZE_MISMATCH if out > info.file_size else MEMBER_TOO_LARGE, info.filename)
    if out != info.file_size:
        raise ZipRefused(SIZE_MISMATCH if out > info.file_size else DAMAGED, info.filename)
    return out
