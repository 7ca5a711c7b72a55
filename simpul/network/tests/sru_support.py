"""What the SRU tests share: an indexed shelf of real and Indonesian records, schema checks.

Import the fixture into a test module (``from simpul.network.tests.sru_support import
sru_shelf``); the network tests have no conftest of their own for SRU.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from lxml import etree

from simpul.catalog.importer import import_file
from simpul.catalog.indexing import drain_outbox
from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Record
from simpul.catalog.services import add_item, create_record

FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures"
SCHEMAS = FIXTURES / "schemas"
MARC_SCHEMAS = FIXTURES / "marc" / "schemas"
SRU_12 = "http://www.loc.gov/zing/srw/"
SRU_20 = "http://docs.oasis-open.org/ns/search-ws/sruResponse"
DIAG_12 = "http://www.loc.gov/zing/srw/diagnostic/"
DIAG_20 = "http://docs.oasis-open.org/ns/search-ws/diagnostic"
MARC = "http://www.loc.gov/MARC21/slim"
DC = "http://purl.org/dc/elements/1.1/"

INDONESIAN = [
    SimpleRecord(
        title="Laskar Pelangi",
        authors=["Andrea Hirata"],
        publisher="Bentang Pustaka",
        place="Yogyakarta",
        year=2005,
        isbn="978-979-3062-79-2",
        subjects=["Novel Indonesia", "Pendidikan -- Belitung"],
    ),
    SimpleRecord(
        title="Bumi Manusia",
        authors=["Pramoedya Ananta Toer"],
        publisher="Hasta Mitra",
        year=1980,
        subjects=["Novel Indonesia", "Sejarah -- Indonesia"],
    ),
    SimpleRecord(
        title="Gemar Baca di Perpustakaan Keliling",
        authors=["Sari Wulandari"],
        year=2021,
        subjects=["Literasi"],
    ),
    SimpleRecord(
        title="Sejarah Kota Metro",
        authors=["Hendra Gunawan"],
        year=2023,
        subjects=["Metro (Lampung) -- Sejarah"],
    ),
]
# Real records (marc4j's test data, see tests/fixtures/marc/SOURCES.md): Michael Chabon's
# "Summerland" and "The amazing adventures of Kavalier and Clay".
CHABON = FIXTURES / "marc" / "xml" / "marc4j" / "chabon.xml"


@pytest.fixture
def sru_shelf(network: Any) -> dict[str, Record]:
    """Four Indonesian records and two real MARCXML records, indexed; by title."""
    kota = network.libraries["KOTA"]
    for number, data in enumerate(INDONESIAN):
        record = create_record(data, kota)
        add_item(record, kota, barcode=f"SRU{number:03d}")
    with CHABON.open("rb") as stream:
        import_file(stream, kota)
    drain_outbox()
    return {record.title: record for record in Record.objects.all()}


class _LocalSchemas(etree.Resolver):
    """Schema imports by absolute URL (docs.oasis-open.org, w3.org) answered from fixtures."""

    def resolve(self, url: str | None, pubid: str | None, context: Any) -> Any:
        name = (url or "").rsplit("/", 1)[-1]
        for folder in (SCHEMAS, MARC_SCHEMAS):
            if (folder / name).exists():
                return self.resolve_filename(str(folder / name), context)
        return None


def _schema(path: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.parse(str(path), parser))


_cache: dict[str, etree.XMLSchema] = {}


def schema(name: str) -> etree.XMLSchema:
    if name not in _cache:
        folder = SCHEMAS if (SCHEMAS / name).exists() else MARC_SCHEMAS
        _cache[name] = _schema(folder / name)
    return _cache[name]


def parse(body: bytes) -> etree._Element:
    return etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))


def assert_valid(body: bytes) -> etree._Element:
    """The response, checked: 2.0 against sruResponse.xsd; 1.x (no local schema) for its
    structure; every MARC record against MARC21slim.xsd, every DC record against oai_dc.xsd."""
    root = parse(body)
    namespace = etree.QName(root).namespace
    if namespace == SRU_20:
        sru = schema("sruResponse.xsd")
        assert sru.validate(root), sru.error_log
    else:
        assert namespace == SRU_12
        assert root.findtext(f"{{{SRU_12}}}version") in ("1.1", "1.2")
        _check_legacy_structure(root)
    marc = schema("MARC21slim.xsd")
    for record in root.iter(f"{{{MARC}}}record"):
        assert marc.validate(etree.ElementTree(record)), marc.error_log
    oai_dc = schema("oai_dc.xsd")
    for dc in root.iter("{info:srw/schema/1/dc-schema}dc"):
        wrapper = etree.Element("{http://www.openarchives.org/OAI/2.0/oai_dc/}dc")
        wrapper.extend([etree.fromstring(etree.tostring(child)) for child in dc])
        assert oai_dc.validate(wrapper), oai_dc.error_log
    return root


_LEGACY_ORDER = {
    "searchRetrieveResponse": [
        "version", "numberOfRecords", "resultSetId", "resultSetIdleTime", "records",
        "nextRecordPosition", "echoedSearchRetrieveRequest", "diagnostics", "extraResponseData",
    ],
    "explainResponse": [
        "version", "record", "echoedExplainRequest", "diagnostics", "extraResponseData",
    ],
}  # fmt: skip
_RECORD_ORDER = ["recordSchema", "recordPacking", "recordData", "recordPosition"]


def _check_legacy_structure(root: etree._Element) -> None:
    """SRU 1.2's element order (srw-types.xsd, not available offline) and required parts."""
    local = etree.QName(root).localname
    names = [etree.QName(child).localname for child in root]
    order = _LEGACY_ORDER[local]
    assert names == sorted(names, key=order.index), names
    if local == "searchRetrieveResponse":
        assert "numberOfRecords" in names
    for record in root.iter(f"{{{SRU_12}}}record"):
        parts = [etree.QName(child).localname for child in record]
        assert parts == [name for name in _RECORD_ORDER if name in parts], parts
        assert record.findtext(f"{{{SRU_12}}}recordPacking") == "xml"
    for diagnostic in root.iter(f"{{{DIAG_12}}}diagnostic"):
        assert diagnostic.findtext(f"{{{DIAG_12}}}uri").startswith("info:srw/diagnostic/1/")


def diagnostics(root: etree._Element) -> list[str]:
    """The diagnostic URIs of a response, either version."""
    return [uri.text or "" for uri in root.iter(f"{{{DIAG_12}}}uri", f"{{{DIAG_20}}}uri")]


def titles(root: etree._Element) -> list[str]:
    """245 $a of each MARC record in a response, in order, without ISBD punctuation."""
    found = []
    for record in root.iter(f"{{{MARC}}}record"):
        value = record.findtext(f"{{{MARC}}}datafield[@tag='245']/{{{MARC}}}subfield[@code='a']")
        found.append((value or "").rstrip(" /:;,."))
    return found


def count(root: etree._Element) -> int:
    ns = etree.QName(root).namespace
    return int(root.findtext(f"{{{ns}}}numberOfRecords") or -1)
