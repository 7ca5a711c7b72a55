"""Identify, ListMetadataFormats, ListSets and GetRecord, over GET and POST."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from simpul.catalog import services
from simpul.catalog.models import Record
from simpul.network.tests.oai_support import (
    NS,
    add_records,
    error_code,
    fetch,
    fixture_records,
    valid,
)

OAI_ID = "oai:simpul.kotametro.example"


@pytest.fixture
def chabon(kota: Any) -> Record:
    with time_machine.travel(datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC), tick=False):
        return add_records(kota, fixture_records()[:1])[0]


def test_identify_describes_the_repository(client: Client, chabon: Record) -> None:
    root = fetch(client, verb="Identify")

    identify = root.find("o:Identify", NS)
    assert identify.findtext("o:baseURL", namespaces=NS) == "http://testserver/oai"
    assert identify.findtext("o:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("o:adminEmail", namespaces=NS) == "perpustakaan@kotametro.example"
    assert identify.findtext("o:earliestDatestamp", namespaces=NS) == "2025-01-02T03:04:05Z"
    assert identify.findtext("o:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("o:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext(".//id:repositoryIdentifier", namespaces=NS) == (
        "simpul.kotametro.example"
    )
    assert root.find("o:request", NS).attrib == {"verb": "Identify"}


def test_the_repository_identifier_comes_from_the_settings(
    client: Client, settings: Any, chabon: Record
) -> None:
    settings.OAI_REPOSITORY_ID = "katalog.metrokota.go.id"

    root = fetch(
        client,
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=f"oai:katalog.metrokota.go.id:{chabon.pk}",
    )

    assert root.findtext(".//o:header/o:identifier", namespaces=NS).startswith(
        "oai:katalog.metrokota.go.id:"
    )
    sample = fetch(client, verb="Identify").findtext(".//id:sampleIdentifier", namespaces=NS)
    assert sample == "oai:katalog.metrokota.go.id:1"


def test_both_metadata_formats_are_offered(client: Client, chabon: Record) -> None:
    everything = fetch(client, verb="ListMetadataFormats")
    for_one = fetch(client, verb="ListMetadataFormats", identifier=f"{OAI_ID}:{chabon.pk}")

    for root in (everything, for_one):
        prefixes = [n.text for n in root.iterfind(".//o:metadataPrefix", NS)]
        assert prefixes == ["oai_dc", "marc21"]
    namespaces = [n.text for n in everything.iterfind(".//o:metadataNamespace", NS)]
    assert "http://www.loc.gov/MARC21/slim" in namespaces


def test_sets_are_named_in_bahasa_indonesia(client: Client, network: Any) -> None:
    root = fetch(client, verb="ListSets")

    names = {
        node.findtext("o:setSpec", namespaces=NS): node.findtext("o:setName", namespaces=NS)
        for node in root.iterfind(".//o:set", NS)
    }
    assert names["library:KOTA"] == "Perpustakaan Daerah Kota Metro"
    assert names["type:book"] == "Jenis bahan: Buku"
    assert names["library"] == "Menurut perpustakaan yang mengatalog"
    assert names["type"] == "Menurut jenis bahan"


def test_get_record_gives_marcxml_and_dublin_core(client: Client, chabon: Record) -> None:
    identifier = f"{OAI_ID}:{chabon.pk}"
    marc = fetch(client, verb="GetRecord", metadataPrefix="marc21", identifier=identifier)
    dc = fetch(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier)

    assert marc.findtext(".//marc:controlfield[@tag='001']", namespaces=NS) == "11939876"
    assert marc.findtext(".//o:datestamp", namespaces=NS) == "2025-01-02T03:04:05Z"
    assert dc.findtext(".//dc:title", namespaces=NS).startswith(
        "The amazing adventures of Kavalier and Clay"
    )
    assert marc.find("o:request", NS).attrib == {
        "verb": "GetRecord",
        "identifier": identifier,
        "metadataPrefix": "marc21",
    }


def test_a_deleted_record_is_a_header_with_deleted_status(
    client: Client, chabon: Record, admin: Any
) -> None:
    identifier = f"{OAI_ID}:{chabon.pk}"
    with time_machine.travel(datetime(2026, 3, 1, tzinfo=UTC), tick=False):
        services.delete_record(chabon, by=admin)

    root = fetch(client, verb="GetRecord", metadataPrefix="marc21", identifier=identifier)
    formats = fetch(client, verb="ListMetadataFormats", identifier=identifier)

    header = root.find(".//o:record/o:header", NS)
    assert header.get("status") == "deleted"
    assert header.findtext("o:datestamp", namespaces=NS) == "2026-03-01T00:00:00Z"
    assert root.find(".//o:metadata", NS) is None
    assert error_code(formats) == "noMetadataFormats"


def test_post_is_answered_like_get_without_a_csrf_token(chabon: Record) -> None:
    client = Client(enforce_csrf_checks=True)
    identifier = f"{OAI_ID}:{chabon.pk}"

    posted = fetch(client, "post", verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier)
    listed = fetch(client, "post", verb="ListIdentifiers", metadataPrefix="marc21")

    assert posted.findtext(".//o:identifier", namespaces=NS) == identifier
    assert listed.findtext(".//o:identifier", namespaces=NS) == identifier


def test_the_endpoint_has_no_trailing_slash_and_no_redirect(client: Client, network: Any) -> None:
    response = client.get("/oai", {"verb": "Identify"})
    head = client.head("/oai", {"verb": "Identify"})
    put = client.put("/oai")

    assert response.status_code == 200
    assert valid(response.content).find("o:Identify", NS) is not None
    assert head.status_code == 200
    assert put.status_code == 405
