"""What a covenant document is, read from its content and never from its name: PDF, and the office formats
(OOXML and OpenDocument zips, and the older binary Office files). Images and anything else are refused (R10)."""

import io
import zipfile
from dataclasses import dataclass

PDF = b"%PDF-"
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")  # Word 97-2003, Excel 97-2003, PowerPoint 97-2003
ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    label: str


KINDS = {
    "pdf": Kind("pdf", "application/pdf", "PDF"),
    "docx": Kind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
    "xlsx": Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "pptx": Kind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint"),
    "odt": Kind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument"),
    "ods": Kind("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument"),
    "odp": Kind("odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument"),
    "ole": Kind("doc", "application/octet-stream", "Office 97-2003"),
}

_OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
_ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}


def _zip_kind(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return _ODF_TYPES.get(declared)
            if "[Content_Types].xml" in names:
                for prefix, kind in _OOXML_PARTS.items():
                    if any(name.startswith(prefix) for name in names):
                        return kind
    except (zipfile.BadZipFile, ValueError, KeyError, NotImplementedError):
        return None
    return None


def sniff(content: bytes) -> Kind | None:
    """The kind of document ``content`` holds, or None when it is not a PDF or an office file."""
    if content.startswith(PDF):
        return KINDS["pdf"]
    if content.startswith(OLE2):
        return KINDS["ole"]
    if content.startswith(ZIP):
        kind = _zip_kind(content)
        return KINDS[kind] if kind else None
    return None
