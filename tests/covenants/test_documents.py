"""Documents with a covenant: PDF and office files only (read from the content), kept as versions, in the
database by default, in the export, and served only in the covenant's rights."""

import base64
import gzip
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from covenants import services
from covenants.documents import sniff
from covenants.models import Document

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def _zip(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODS = _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})


def _post(client, covenant, content, name="agreement.pdf", **extra):
    data = {
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        "title": "Signed agreement",
        "attached_to": "",
        "no_child_data": "on",
        **extra,
    }
    return client.post(reverse("covenants:documents", args=[covenant.pk]), data)


def test_it_reads_the_type_from_the_content():
    assert sniff(PDF).extension == "pdf"
    assert sniff(DOCX).extension == "docx"
    assert sniff(ODS).extension == "ods"
    assert sniff(PNG) is None
    assert sniff(EXE) is None
    assert sniff(_zip({"evil.exe": "MZ"})) is None


def test_a_partner_attaches_the_signed_agreement_and_the_city_opens_it(covenant, member_client, staff_client):
    assert _post(member_client, covenant, PDF).status_code == 302
    document = Document.objects.get()
    assert (document.content_type, document.file_name, bytes(document.content)) == (
        "application/pdf",
        "agreement.pdf",
        PDF,
    )
    response = staff_client.get(reverse("covenants:document_download", args=[covenant.pk, document.pk]))
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Disposition"] == 'attachment; filename="agreement.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("content", [EXE, PNG], ids=["exe", "png"])
def test_a_renamed_program_or_image_is_refused(content, covenant, member_client):
    response = _post(member_client, covenant, content, name="agreement.pdf")
    assert response.status_code == 200
    assert "Only PDF files and office documents" in response.content.decode()
    assert not Document.objects.exists()


def test_the_uploader_confirms_there_is_no_personal_data_of_children(covenant, member_client):
    response = _post(member_client, covenant, PDF, no_child_data="")
    assert response.status_code == 200
    assert "Confirm that the file holds no personal data of children." in response.content.decode()
    assert not Document.objects.exists()


def test_a_file_above_the_limit_is_refused(covenant, member_client, settings):
    settings.COVENANT_DOCUMENT_MAX_BYTES = 100
    response = _post(member_client, covenant, PDF + b"0" * 200)
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_a_new_upload_is_a_new_version_and_the_old_one_stays(covenant, member_client, staff_client):
    _post(member_client, covenant, PDF)
    first = Document.objects.get()
    second_bytes = PDF.replace(b"Catalog", b"Catalog2")
    response = _post(staff_client, covenant, second_bytes, name="agreement v2.pdf", replaces=str(first.pk))
    assert response.status_code == 302
    versions = list(Document.objects.order_by("number"))
    assert [(d.lineage, d.number) for d in versions] == [(first.lineage, 1), (first.lineage, 2)]
    assert bytes(versions[0].content) == PDF and bytes(versions[1].content) == second_bytes
    page = staff_client.get(reverse("covenants:documents", args=[covenant.pk])).content.decode()
    assert "Earlier versions" in page


def test_a_document_is_404_for_another_partner_and_a_visitor_also_by_its_direct_url(
    covenant, member_client, other_client, client
):
    _post(member_client, covenant, PDF)
    document = Document.objects.get()
    download = reverse("covenants:document_download", args=[covenant.pk, document.pk])
    page = reverse("covenants:documents", args=[covenant.pk])
    assert other_client.get(download).status_code == 404
    assert other_client.get(page).status_code == 404
    assert client.get(download).status_code == 404
    assert _post(other_client, covenant, PDF).status_code == 404
    assert Document.objects.count() == 1


def test_a_document_of_another_covenant_is_404_under_this_covenants_address(
    covenant, city_org, other_org, member_client, staff_client
):
    from tests.covenants.conftest import make_covenant

    theirs = make_covenant(city_org, other_org)
    document = services.document_upload(
        covenant=theirs, by=None, content=PDF, file_name="x.pdf", title="Theirs", no_child_data_confirmed=True
    )
    assert member_client.get(reverse("covenants:document_download", args=[covenant.pk, document.pk])).status_code == 404


def test_it_attaches_to_a_version(covenant, member_client):
    terms = covenant.versions.get(number=1)
    _post(member_client, covenant, DOCX, name="budget.docx", attached_to=f"terms-{terms.pk}")
    assert Document.objects.get().terms == terms


def test_a_storage_backend_set_in_the_environment_holds_the_bytes(covenant, settings, tmp_path, member_client):
    settings.COVENANT_DOCUMENT_STORAGE = "default"
    settings.MEDIA_ROOT = str(tmp_path)
    _post(member_client, covenant, PDF)
    document = Document.objects.get()
    assert document.content is None and document.stored_as
    assert services.document_content(document) == PDF


def test_the_export_holds_the_documents(covenant, member_client, tmp_path):
    _post(member_client, covenant, PDF)
    exported = tmp_path / "export.json.gz"
    call_command("export_data", str(exported))
    with gzip.open(exported, "rt") as handle:
        records = [r for r in json.load(handle) if r["model"] == "covenants.document"]
    assert len(records) == 1
    assert base64.b64decode(records[0]["fields"]["content"]) == PDF
