"""The simple cataloguing form, the MARC editor and items, through the staff screens."""

from __future__ import annotations

from django.urls import reverse
from lxml import etree

from simpul.catalog.marc.export import to_marcxml
from simpul.catalog.models import Item, Record
from simpul.catalog.records import marc_record
from simpul.catalog.tests.conftest import SHARED

NEW = "catalog:record-new"
FORM = {
    "title": "Sejarah Kota Metro",
    "subtitle": "dari kolonisasi sampai kota",
    "authors": "Hendra Gunawan\nSari Wulandari",
    "publisher": "Pustaka Metro",
    "place": "Metro",
    "year": "2024",
    "isbn": "978-602-03-3295-6",
    "subjects": "Metro (Lampung) -- Sejarah\nTransmigrasi -- Lampung",
    "ddc": "959.8",
    "language": "ind",
    "pages": "212",
    "summary": "Kisah kota yang lahir dari kolonisasi tahun 1930-an.",
}


def test_the_simple_form_writes_a_valid_marc21_record(client_as, rina):
    response = client_as(rina).post(reverse(NEW) + "?perpustakaan=SMAN1", FORM)
    assert response.status_code == 302
    record = Record.objects.get(title="Sejarah Kota Metro")
    marc = marc_record(record)
    assert marc["245"]["a"].startswith("Sejarah Kota Metro")
    assert marc["100"]["a"].startswith("Hendra Gunawan")
    assert [f["a"].rstrip(".") for f in marc.get_fields("650")] == [
        "Metro (Lampung) -- Sejarah".split(" -- ")[0],
        "Transmigrasi -- Lampung".split(" -- ")[0],
    ] or len(marc.get_fields("650")) == 2
    assert record.isbn == "9786020332956"
    assert record.library.code == "SMAN1"
    xml = b"".join(c if isinstance(c, bytes) else c.encode() for c in to_marcxml([marc]))
    schema = etree.XMLSchema(etree.parse(str(SHARED / "schemas" / "MARC21slim.xsd")))
    assert schema.validate(etree.fromstring(xml)), schema.error_log


def test_a_wrong_isbn_checksum_is_explained(client_as, rina):
    response = client_as(rina).post(reverse(NEW), {**FORM, "isbn": "978-602-03-3295-1"})
    assert response.status_code == 200
    assert not Record.objects.exists()
    assert "ISBN" in response.content.decode()


def test_a_duplicate_title_and_author_is_flagged_before_saving(client_as, rina):
    client = client_as(rina)
    client.post(reverse(NEW), FORM)
    response = client.post(reverse(NEW), {**FORM, "isbn": ""})
    assert "Mungkin judul ini sudah ada" in response.content.decode()
    assert Record.objects.count() == 1
    client.post(reverse(NEW), {**FORM, "isbn": "", "confirm_duplicate": "1"})
    assert Record.objects.count() == 2


def test_the_marc_editor_reports_the_line_of_a_mistake(client_as, rina):
    client = client_as(rina)
    client.post(reverse(NEW), FORM)
    record = Record.objects.get()
    url = reverse("catalog:record-marc", args=[record.pk])
    page = client.get(url).content.decode()
    assert "245 1" in page
    response = client.post(
        url, {"leader": "00000nam a2200000 i 4500", "marc_fields": "245 10 $aJudul\n500 xx"}
    )
    assert "Baris 2" in response.content.decode()
    response = client.post(
        url,
        {
            "leader": "00000nam a2200000 i 4500",
            "marc_fields": "245 10 $aJudul baru\n500 __ $aCatatan.",
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.title == "Judul baru"


def test_a_barcode_already_used_is_refused_with_the_owner(client_as, rina, agus):
    client = client_as(agus)
    client.post(reverse(NEW), FORM)
    record = Record.objects.get()
    url = reverse("catalog:record-items", args=[record.pk])
    item = {"library": str(record.library_id), "barcode": "SMAN1-0001", "item_type": "book",
            "status": "available", "price": "85000", "acquisition": "purchase"}  # fmt: skip
    assert client.post(url, item).status_code == 302
    response = client.post(url, item)
    assert "Barkode SMAN1-0001 sudah dipakai" in response.content.decode()
    assert Item.objects.count() == 1


def test_a_librarian_cannot_edit_another_librarys_record(client_as, rina, dewi):
    client_as(dewi).post(reverse(NEW) + "?perpustakaan=KOTA", FORM)
    record = Record.objects.get()
    names = ("catalog:record-edit", "catalog:record-marc", "catalog:record-items")
    for name in (*names, "catalog:record-delete"):
        assert client_as(rina).get(reverse(name, args=[record.pk])).status_code == 403
        assert client_as(rina).post(reverse(name, args=[record.pk])).status_code == 403
    assert Record.objects.filter(pk=record.pk).exists()


def test_spine_and_barcode_labels_come_as_a_pdf(client_as, agus):
    client = client_as(agus)
    client.post(reverse(NEW), FORM)
    record = Record.objects.get()
    client.post(
        reverse("catalog:record-items", args=[record.pk]),
        {
            "library": str(record.library_id),
            "barcode": "SMAN1-0042",
            "call_number": "959.8 GUN s",
            "item_type": "book",
            "status": "available",
        },
    )
    response = client.get(reverse("catalog:labels", args=["SMAN1"]), {"rekaman": record.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert client.get(reverse("catalog:labels", args=["SMAN1"])).status_code == 400
    assert (
        client.get(reverse("catalog:labels", args=["SMAN1"]), {"sejak": "kemarin"}).status_code
        == 400
    )
    assert (
        client.get(reverse("catalog:labels", args=["SMAN2"]), {"rekaman": record.pk}).status_code
        == 404
    )


def test_editing_in_the_simple_form_keeps_what_the_form_does_not_show(client_as, rina):
    client = client_as(rina)
    client.post(reverse(NEW), FORM)
    record = Record.objects.get()
    marc_url = reverse("catalog:record-marc", args=[record.pk])
    from simpul.catalog.marc_text import to_text

    leader, text = to_text(marc_record(record))
    text = text.replace("$aSejarah Kota Metro", "$aSejarah Kota Metro", 1)
    lines = [
        line + " $cHendra Gunawan." if line.startswith("245") else line
        for line in text.splitlines()
    ]
    lines.append("590 __ $aCatatan lokal: hadiah penulis.")
    client.post(marc_url, {"leader": leader, "marc_fields": "\n".join(lines)})
    response = client.post(
        reverse("catalog:record-edit", args=[record.pk]), {**FORM, "summary": "Ringkasan baru."}
    )
    assert response.status_code == 302
    marc = marc_record(Record.objects.get())
    assert marc["520"]["a"].startswith("Ringkasan baru")
    assert marc["590"]["a"] == "Catatan lokal: hadiah penulis."
    assert marc["245"]["c"] == "Hendra Gunawan."
