"""The stand-in's record stays out of the public catalog and the protocols: SMA N 1 receives
“Ayat-Ayat Cinta” from Perpustakaan Kota Lain for Siti, while the city library has its own
“Ayat-Ayat Cinta”. The OPAC, SRU and OAI-PMH show the city's record and never the stand-in's,
which libraries harvesting us would otherwise copy; staff still see and lend it."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from simpul.catalog.indexing import drain_outbox
from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Record
from simpul.catalog.services import add_item, create_record
from simpul.circulation.services import checkout
from simpul.network.ill import services
from simpul.network.ill.models import IllRequest
from simpul.network.ill.tests.world import a_peer, deliver, from_peer
from simpul.network.tests import oai_support, sru_support

pytestmark = pytest.mark.django_db
TITLE = "Ayat-Ayat Cinta"
AUTHOR = "Habiburrahman El Shirazy"


@pytest.fixture
def citys_own(kota: Any) -> Record:
    """The city library's record of the same book, with a copy on its shelf."""
    record = create_record(SimpleRecord(title=TITLE, authors=[AUTHOR]), kota)
    add_item(record, kota, barcode="K-AAC-1")
    return record


@pytest.fixture
def received(client: Client, siti_member: Any, rina: Any, sman1: Any) -> IllRequest:
    """Siti's request to the peer, shipped and received at SMA N 1: the stand-in exists."""
    ill = services.request_from_peer(siti_member, a_peer(), title=TITLE, author=AUTHOR)
    deliver(client, from_peer(ill, "Loaned", due=timezone.localdate() + timedelta(days=20)))
    ill.refresh_from_db()
    services.receive(ill, rina, sman1)
    ill.refresh_from_db()
    return ill


@pytest.fixture
def stand_in_record(received: IllRequest, citys_own: Record) -> Record:
    assert received.record is not None
    drain_outbox()  # the worker's step: both records' changes reach the index
    return received.record


def oai_id(record: Record) -> str:
    return f"oai:simpul.kotametro.example:{record.pk}"


def test_the_stand_in_record_is_suppressed_and_the_citys_is_not(
    stand_in_record: Record, citys_own: Record
) -> None:
    assert stand_in_record.suppressed
    assert (stand_in_record.title, stand_in_record.library) == (TITLE, None)
    assert not citys_own.suppressed


def test_the_opac_search_finds_the_citys_record_only(
    client: Client, stand_in_record: Record, citys_own: Record
) -> None:
    html = client.get(reverse("catalog:search"), {"q": TITLE}).text
    found = {int(pk) for pk in re.findall(r'<h3><a href="/katalog/(\d+)/">', html)}
    assert found == {citys_own.pk}


def test_sru_search_retrieve_finds_the_citys_record_only(
    client: Client, stand_in_record: Record, citys_own: Record
) -> None:
    response = client.get(
        "/sru",
        {"operation": "searchRetrieve", "version": "2.0", "query": 'dc.title = "ayat-ayat cinta"'},
    )
    root = sru_support.assert_valid(response.content)
    assert sru_support.count(root) == 1
    assert sru_support.titles(root) == [TITLE]
    assert b"Eksemplar sementara" not in response.content  # the stand-in's 500 note


@pytest.mark.parametrize(
    ("verb", "prefix"), [("ListIdentifiers", "oai_dc"), ("ListRecords", "marc21")]
)
def test_oai_pmh_lists_the_citys_record_only(
    client: Client, stand_in_record: Record, citys_own: Record, verb: str, prefix: str
) -> None:
    root = oai_support.fetch(client, verb=verb, metadataPrefix=prefix)
    headers = root.iterfind(".//o:header/o:identifier", oai_support.NS)
    assert [node.text for node in headers] == [oai_id(citys_own)]


def test_oai_pmh_get_record_does_not_know_the_stand_in_record(
    client: Client, stand_in_record: Record, citys_own: Record
) -> None:
    for verb, extra in (("GetRecord", {"metadataPrefix": "oai_dc"}), ("ListMetadataFormats", {})):
        hidden = oai_support.fetch(client, verb=verb, identifier=oai_id(stand_in_record), **extra)
        assert oai_support.error_code(hidden) == "idDoesNotExist"
        shown = oai_support.fetch(client, verb=verb, identifier=oai_id(citys_own), **extra)
        assert oai_support.error_code(shown) is None


def test_staff_still_see_the_stand_in_and_the_desk_lends_it(
    client_as: Any,
    stand_in_record: Record,
    received: IllRequest,
    siti_member: Any,
    rina: Any,
    agus: Any,
    sman1: Any,
) -> None:
    client = client_as(rina)
    page = client.get(reverse("catalog:record", args=[stand_in_record.pk]))
    assert page.status_code == 200
    assert "Eksemplar sementara pinjam antarperpustakaan" in page.text
    assert '<meta name="robots" content="noindex">' in page.text
    items = client.get(reverse("catalog:record-items", args=[stand_in_record.pk]))
    assert items.status_code == 200
    assert f"ILL-{received.request_id}" in items.text
    assert received.item is not None
    loan = checkout(received.item.barcode, siti_member, sman1, agus).loan
    assert loan.item == received.item
