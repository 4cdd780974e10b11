"""The typed failure of an import: a code the caller maps to a Vietnamese message."""

from __future__ import annotations

from enum import StrEnum


class ImportErrorCode(StrEnum):
    EMPTY = "empty"  # no bytes, or no text at all
    TOO_LARGE = "too_large"  # over the size limit (the file, or what it unpacks to)
    UNSUPPORTED = "unsupported"  # binary or of a type we do not read
    OLD_DOC = "old_doc"  # a Word 97-2003 .doc: ask for .docx
    PASSWORD = "password"  # a password-protected .docx or .pdf
    CORRUPT = "corrupt"  # a damaged .docx or .pdf
    SCANNED = "scanned"  # a PDF with no text layer (a scan): OCR is not available here
    NO_OBLIGATIONS = "no_obligations"  # text read, but not a plan: no duty found in it


class PlanImportError(ValueError):
    """Why a document could not be read; ``detail`` is for logs, never for users."""

    def __init__(self, code: ImportErrorCode, detail: str = "") -> None:
        self.code, self.detail = code, detail
        super().__init__(f"{code.value}: {detail}" if detail else code.value)
