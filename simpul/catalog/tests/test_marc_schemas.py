"""Our MARCXML and Dublin Core validate against the published schemas, checked offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from simpul.catalog.marc.export import to_dublin_core, to_marcxml
from simpul.catalog.marc.reader import read_records
from simpul.catalog.marc.writer import SimpleRecord, record_from_simple

FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "marc"
SCHEMAS = FIXTURES / "schemas"
# Files whose own MARCXML is schema-valid per SOURCES.md, or binary files without odd
# leaders, indicators or empty fields: what we write from them must be valid too.
VALID_SOURCES = [
    "binary/marc4j/chabon-loc.mrc", "binary/marc4j/diacritic4.mrc", "binary/marc-perl/cjk1.marc",
    "binary/pymarc/1251.dat", "binary/traject/test_data.utf8.mrc", "binary/traject/nature.marc",
    "binary/traject/louis_armstrong.marc",
    "xml/koha-misc4dev/koha_sample_authorities_part1.marcxml",
    "xml/marc-perl/batch-ns.xml", "xml/marc4j/azdoud.xml", "xml/openlibrary/nybc200247_marc.xml",
    "xml/pymarc/batch.xml", "xml/marc4j/sample1a.xml",
]  # fmt: skip


class LocalSchemas(etree.Resolver):
    """Serves the w3.org xml.xsd that simpledc imports from the fixtures; nothing from the net."""

    def resolve(self, url, public_id, context):
        if url.endswith("/xml.xsd") or url == "xml.xsd":
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        if url.startswith(("http:", "https:")):
            raise AssertionError(f"schema tried to load {url}")
        return None


def schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


@pytest.fixture(scope="module")
def marc21slim() -> etree.XMLSchema:
    return schema("MARC21slim.xsd")


@pytest.fixture(scope="module")
def oai_dc() -> etree.XMLSchema:
    return schema("oai_dc.xsd")


def records_of(relative: str) -> list:
    with (FIXTURES / relative).open("rb") as stream:
        return [r.record for r in read_records(stream) if r.record is not None]


@pytest.mark.parametrize("relative", VALID_SOURCES)
def test_our_marcxml_of_real_records_validates_against_marc21slim(relative, marc21slim):
    document = etree.fromstring(b"".join(to_marcxml(records_of(relative))))
    assert marc21slim.validate(document), marc21slim.error_log.last_error


@pytest.mark.parametrize("relative", [*VALID_SOURCES, "binary/pymarc/marc.dat"])
def test_each_dublin_core_record_validates_against_oai_dc(relative, oai_dc):
    collection = etree.fromstring(b"".join(to_dublin_core(records_of(relative))))
    assert len(collection) == len(records_of(relative))
    for element in collection:
        assert oai_dc.validate(etree.ElementTree(element)), oai_dc.error_log.last_error


def test_dublin_core_carries_title_creator_identifier_and_type():
    (record,) = records_of("binary/marc4j/summerland.mrc")
    (dc,) = etree.fromstring(b"".join(to_dublin_core([record])))
    values: dict[str, list[str]] = {}
    for element in dc:
        values.setdefault(etree.QName(element).localname, []).append(element.text)
    assert values["title"] == ["Summerland"]
    assert values["creator"] == ["Chabon, Michael"]
    assert values["identifier"] == ["URN:ISBN:9780786808779", "URN:ISBN:9780786816156"]
    assert values["type"] == ["Text"]
    assert values["language"] == ["eng"]


def test_a_record_from_the_simple_form_validates_as_marcxml(marc21slim):
    record = record_from_simple(
        SimpleRecord(
            title="Laskar Pelangi", authors=["Hirata, Andrea"], publisher="Bentang Pustaka",
            place="Yogyakarta", year=2005, isbn="979-3062-79-7", subjects=["Novel Indonesia"],
            ddc="899.2213", pages=529, summary="Sebelas anak Belitung.", series="Tetralogi",
            edition="Cet. 1", language="ind; eng",
        ),
        control_number="simpul20240101",
    )  # fmt: skip
    document = etree.fromstring(b"".join(to_marcxml([record])))
    assert marc21slim.validate(document), marc21slim.error_log.last_error
