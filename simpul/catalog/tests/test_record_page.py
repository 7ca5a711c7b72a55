"""A record's page: holdings per library, availability, citations, JSON-LD, Open Graph."""

from __future__ import annotations

import json
import re

from django.urls import reverse

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item, Record


def test_the_record_page_shows_where_copies_are_and_whether_they_are_in(client, shelf):
    record = Record.objects.get(title="Bumi Manusia")
    Item.objects.filter(record=record, library__code="SMAN1").update(status=ItemStatus.ON_LOAN)
    html = client.get(reverse("catalog:record", args=[record.pk])).content.decode()
    assert "Perpustakaan Daerah Kota Metro" in html
    assert "Perpustakaan SMA Negeri 1 Metro" in html
    assert "Dipinjam" in html
    assert "1 eksemplar bisa dipinjam sekarang" in html


def test_the_record_page_carries_json_ld_and_open_graph(client, shelf):
    record = Record.objects.get(title="Public Libraries and Their Readers")
    html = client.get(reverse("catalog:record", args=[record.pk])).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Book"
    assert data["name"] == "Public Libraries and Their Readers"
    assert data["isbn"] == "9780306406157"
    assert data["author"] == [{"@type": "Person", "name": "Anne Smith"}]
    assert data["offers"][0]["availability"] == "https://schema.org/InStock"
    assert '<meta property="og:title" content="Public Libraries and Their Readers">' in html
    assert f'<link rel="canonical" href="http://testserver/katalog/{record.pk}/">' in html


def test_citations_download_as_ris_and_bibtex(client, shelf):
    record = Record.objects.get(title="Laskar Pelangi")
    ris = client.get(reverse("catalog:record-ris", args=[record.pk])).content.decode()
    assert ris.startswith("TY  - BOOK")
    assert "AU  - Andrea Hirata" in ris
    assert "PY  - 2005" in ris
    assert ris.rstrip().endswith("ER  -")
    bib = client.get(reverse("catalog:record-bibtex", args=[record.pk])).content.decode()
    assert bib.startswith("@book{hirata2005simpul")
    assert "title = {Laskar Pelangi}" in bib
    assert "author = {Andrea Hirata}" in bib


def test_an_unknown_record_is_404(client, db):
    assert client.get("/katalog/999999/").status_code == 404
    assert client.get("/katalog/999999/kutipan.ris").status_code == 404


def test_new_arrivals_subjects_and_ddc_pages(client, shelf):
    assert "Sejarah Kota Metro" in client.get(reverse("catalog:new-arrivals")).content.decode()
    page = client.get(reverse("catalog:new-arrivals"), {"perpustakaan": "UMMETRO"}).content.decode()
    assert "Koleksi terbaru di Perpustakaan Universitas Muhammadiyah Metro" in page
    subjects = client.get(reverse("catalog:subjects"), {"huruf": "n"}).content.decode()
    assert "Novel Indonesia" in subjects
    assert client.get(reverse("catalog:ddc")).status_code == 200
    assert client.get("/katalog/ddc/8/").status_code == 200
    assert client.get("/katalog/ddc/x/").status_code == 404
