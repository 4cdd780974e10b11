"""Tell what a file is from its first bytes and its name, before anything is parsed.

The bytes decide; the name only tells a plain-text file from a markdown one and serves the
error for a type we do not read. A Word 97-2003 file and a password-protected .docx are both
OLE compound files: the stream names inside tell them apart.
"""

from __future__ import annotations

from enum import StrEnum
from typing import BinaryIO

from knowledge.imports.errors import ImportErrorCode, PlanImportError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


class Format(StrEnum):
    TEXT = "text"  # .txt and .md share one reader: plain text with a little markdown
    DOCX = "docx"
    PDF = "pdf"


def read_limited(stream: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file for ``read_plan`` and refuse it once it passes the limit, without ever
    holding more than ``max_bytes`` + 1 bytes of it."""
    content = stream.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise PlanImportError(ImportErrorCode.TOO_LARGE, f"more than {max_bytes} bytes")
    return content


def _ole_kind(content: bytes) -> ImportErrorCode:
    if "EncryptedPackage".encode("utf-16-le") in content:
        return ImportErrorCode.PASSWORD
    if "WordDocument".encode("utf-16-le") in content:
        return ImportErrorCode.OLD_DOC
    return ImportErrorCode.UNSUPPORTED


def _looks_like_text(content: bytes) -> bool:
    head = content[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if b"\x00" in head:
        # UTF-16 without a BOM: every other byte of Latin text is zero.
        return head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls <= len(head) // 100


def sniff(filename: str, content: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Format:
    """The format to read ``content`` with, or the typed reason it cannot be read."""
    if len(content) > max_bytes:
        raise PlanImportError(ImportErrorCode.TOO_LARGE, f"{len(content)} bytes")
    if not content.strip():
        raise PlanImportError(ImportErrorCode.EMPTY)
    name = filename.lower()
    if content.startswith(b"%PDF"):
        return Format.PDF
    if content.startswith(b"PK\x03\x04"):
        if name.endswith((".docx", ".docm")) or b"word/" in content[:4096]:
            return Format.DOCX
        raise PlanImportError(ImportErrorCode.UNSUPPORTED, "zip that is not a Word file")
    if content.startswith(_OLE):
        raise PlanImportError(_ole_kind(content))
    if name.endswith(".pdf"):
        raise PlanImportError(ImportErrorCode.CORRUPT, "no PDF header")
    if name.endswith(".docx"):
        raise PlanImportError(ImportErrorCode.CORRUPT, "no zip header")
    if name.endswith(".doc"):
        raise PlanImportError(ImportErrorCode.OLD_DOC)
    if _looks_like_text(content) and (name.endswith(_TEXT_SUFFIXES) or "." not in name[-6:]):
        return Format.TEXT
    if _looks_like_text(content):
        raise PlanImportError(ImportErrorCode.UNSUPPORTED, f"text file named {filename!r}")
    raise PlanImportError(ImportErrorCode.UNSUPPORTED, "binary")
