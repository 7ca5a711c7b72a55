"""What the OAI-PMH tests share: the strict schema, real records, and a validating fetch.

OAI-PMH.xsd lets ``<metadata>`` and ``<description>`` hold any element of another namespace,
but with processContents="strict": a validator must know that element's schema or fail. So
every response is checked against one wrapper schema that imports OAI-PMH.xsd, oai_dc.xsd
(with simpledc20021212.xsd and xml.xsd), MARC21slim.xsd and oai-identifier.xsd, all read from
tests/fixtures; a schema that reaches for the network fails the test instead.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pymarc
from lxml import etree

from simpul.catalog.marc.reader import read_records
from simpul.catalog.models import Record
from simpul.catalog.records import values_of

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
OAI_SCHEMAS = FIXTURES / "schemas"
MARC_SCHEMAS = FIXTURES / "marc" / "schemas"
NS = {
    "o": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "marc": "http://www.loc.gov/MARC21/slim",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
IMPORTS = [
    ("http://www.openarchives.org/OAI/2.0/", OAI_SCHEMAS / "OAI-PMH.xsd"),
    ("http://www.openarchives.org/OAI/2.0/oai_dc/", MARC_SCHEMAS / "oai_dc.xsd"),
    ("http://www.loc.gov/MARC21/slim", MARC_SCHEMAS / "MARC21slim.xsd"),
    ("http://www.openarchives.org/OAI/2.0/oai-identifier", OAI_SCHEMAS / "oai-identifier.xsd"),
]
# Real records (tests/fixtures/marc, from ../shared/data/marc), 38 of them: 880 fields in CJK,
# Hebrew and Cyrillic, MARC-8 diacritics, 856 links, serials and sound recordings.
SOURCES = [
    "binary/marc4j/chabon-loc.mrc",
    "binary/marc4j/diacritic4.mrc",
    "binary/marc-perl/cjk1.marc",
    "binary/openlibrary/ithaca_two_856u.mrc",
    "xml/pymarc/batch.xml",
    "xml/openlibrary/nybc200247_marc.xml",
    "binary/traject/test_data.utf8.mrc",
]


class LocalSchemas(etree.Resolver):
    """Serves xml.xsd (which simpledc imports from w3.org) locally; refuses the network."""

    def resolve(self, url: str, public_id: str, context: Any) -> Any:
        if url.endswith("/xml.xsd") or url == "xml.xsd":
            return self.resolve_filename(str(MARC_SCHEMAS / "xml.xsd"), context)
        if url.startswith(("http:", "https:")):
            raise AssertionError(f"a schema tried to load {url}")
        return None


@cache
def oai_schema() -> etree.XMLSchema:
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{path.as_uri()}"/>' for ns, path in IMPORTS
    )
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser, base_url=str(OAI_SCHEMAS)))


def valid(content: bytes) -> etree._Element:
    """``content`` parsed, after checking it against the strict schema."""
    root = etree.fromstring(content, etree.XMLParser(no_network=True, resolve_entities=False))
    schema = oai_schema()
    if not schema.validate(root):
        raise AssertionError(f"invalid OAI-PMH response: {schema.error_log}\n{content[:3000]!r}")
    return root


def fetch(client: Any, method: str = "get", **params: str) -> etree._Element:
    """Ask /oai with ``params`` and return the response, valid and parsed."""
    response = getattr(client, method)("/oai", params)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return valid(response.content)


def error_code(root: etree._Element) -> str | None:
    error = root.find("o:error", NS)
    return None if error is None else error.get("code")


def fixture_records(sources: list[str] = SOURCES) -> list[pymarc.Record]:
    found = []
    for relative in sources:
        with (FIXTURES / "marc" / relative).open("rb") as stream:
            found += [r.record for r in read_records(stream) if r.record is not None]
    return found


def add_records(library: Any, marcs: list[pymarc.Record]) -> list[Record]:
    """Catalogue ``marcs`` for ``library`` as the services store records (MARC-in-JSON)."""
    return [Record.objects.create(library=library, **values_of(marc)) for marc in marcs]
