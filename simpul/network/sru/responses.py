"""SRU response documents: explain, searchRetrieve and diagnostics, for 1.2 and 2.0.

SRU 1.1 and 1.2 answer in ``http://www.loc.gov/zing/srw/`` with a ``version`` element; 2.0 in
the OASIS namespace without one (sruResponse.xsd). Records are MARCXML (MARC21slim) or the SRU
Dublin Core schema, embedded as XML (recordXMLEscaping ``xml``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pymarc
from lxml import etree

from simpul.catalog.marc.export import DC_NS, XSI_NS, dublin_core_element, marcxml_element
from simpul.catalog.marc.iso2709 import NOT_XML
from simpul.network.sru.diagnostics import SruDiagnostic
from simpul.network.sru.search import CONTEXT_SETS, EXPLAINED_INDEXES

ZEEREX_NS = "http://explain.z3950.org/dtd/2.0/"
SRW_DC_NS = "info:srw/schema/1/dc-schema"
SRW_DC_SCHEMA = "http://www.loc.gov/standards/sru/recordSchemas/dc-schema.xsd"
DEFAULT_RECORDS = 10
MAX_RECORDS = 100


@dataclass(frozen=True)
class RecordSchema:
    name: str
    identifier: str
    title: str
    location: str


SCHEMAS = {
    "marcxml": RecordSchema(
        "marcxml",
        "info:srw/schema/1/marcxml-v1.1",
        "MARCXML (MARC21slim)",
        "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd",
    ),
    "dc": RecordSchema("dc", "info:srw/schema/1/dc-v1.1", "Dublin Core", SRW_DC_SCHEMA),
}
# What clients write in recordSchema, lower-cased, -> our schema.
SCHEMA_ALIASES = {
    "marcxml": "marcxml", "marc21": "marcxml", "marc21xml": "marcxml", "marc": "marcxml",
    "info:srw/schema/1/marcxml-v1.1": "marcxml", "http://www.loc.gov/marc21/slim": "marcxml",
    "dc": "dc", "info:srw/schema/1/dc-v1.1": "dc", "info:srw/schema/1/dc-schema": "dc",
}  # fmt: skip


@dataclass(frozen=True)
class Version:
    number: str  # "1.1", "1.2" or "2.0"

    @property
    def legacy(self) -> bool:
        return self.number != "2.0"

    @property
    def namespace(self) -> str:
        if self.legacy:
            return "http://www.loc.gov/zing/srw/"
        return "http://docs.oasis-open.org/ns/search-ws/sruResponse"

    @property
    def diagnostic_namespace(self) -> str:
        if self.legacy:
            return "http://www.loc.gov/zing/srw/diagnostic/"
        return "http://docs.oasis-open.org/ns/search-ws/diagnostic"

    @property
    def content_type(self) -> str:
        return "text/xml; charset=utf-8" if self.legacy else "application/sru+xml; charset=utf-8"


V2 = Version("2.0")


@dataclass(frozen=True)
class ServerInfo:
    host: str
    port: int
    database: str
    title: str
    description: str


class _Document:
    """One response under construction, in the version's namespace."""

    def __init__(self, version: Version, root: str) -> None:
        self.version = version
        self.ns = version.namespace
        prefix = "zs" if version.legacy else "sru"
        self.root = etree.Element(self.tag(root), nsmap={prefix: self.ns})
        if version.legacy:
            self.add(self.root, "version", version.number)

    def tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def add(self, parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
        element = etree.SubElement(parent, self.tag(name))
        if text is not None:
            element.text = clean(text)
        return element

    def record(
        self, parent: etree._Element, schema: str, data: etree._Element, position: int | None
    ) -> None:
        record = self.add(parent, "record")
        self.add(record, "recordSchema", schema)
        if self.version.legacy:
            self.add(record, "recordPacking", "xml")
        else:
            self.add(record, "recordPacking", "packed")
            self.add(record, "recordXMLEscaping", "xml")
        self.add(record, "recordData").append(data)
        if position is not None:
            self.add(record, "recordPosition", str(position))

    def diagnostics(self, problems: list[SruDiagnostic]) -> None:
        if not problems:
            return
        container = self.add(self.root, "diagnostics")
        ns = self.version.diagnostic_namespace
        for problem in problems:
            element = etree.SubElement(container, f"{{{ns}}}diagnostic", nsmap={"diag": ns})
            etree.SubElement(element, f"{{{ns}}}uri").text = problem.uri
            if problem.details:
                etree.SubElement(element, f"{{{ns}}}details").text = clean(problem.details)
            if problem.message:
                etree.SubElement(element, f"{{{ns}}}message").text = clean(problem.message)

    def bytes(self) -> bytes:
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8")


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry, at most 1,000 characters."""
    return NOT_XML.sub("", text[:1000])


def explain(version: Version, server: ServerInfo, problems: list[SruDiagnostic]) -> bytes:
    document = _Document(version, "explainResponse")
    document.record(document.root, ZEEREX_NS, _zeerex(version, server), None)
    document.diagnostics(problems)
    return document.bytes()


def search_retrieve(
    version: Version,
    total: int,
    records: list[tuple[str, pymarc.Record, int]],
    next_position: int | None,
    problems: list[SruDiagnostic],
) -> bytes:
    """A searchRetrieveResponse; ``records`` holds (schema name, MARC record, position)."""
    document = _Document(version, "searchRetrieveResponse")
    document.add(document.root, "numberOfRecords", str(total))
    if records:
        container = document.add(document.root, "records")
        for schema, marc, position in records:
            data = marcxml_element(marc) if schema == "marcxml" else dc_element(marc)
            document.record(container, SCHEMAS[schema].identifier, data, position)
    if next_position is not None:
        document.add(document.root, "nextRecordPosition", str(next_position))
    document.diagnostics(problems)
    return document.bytes()


def dc_element(marc: pymarc.Record) -> etree._Element:
    """The catalog's Dublin Core crosswalk (export.py) in the SRU DC schema's wrapper."""
    source = dublin_core_element(marc)
    root = etree.Element(
        f"{{{SRW_DC_NS}}}dc",
        {f"{{{XSI_NS}}}schemaLocation": f"{SRW_DC_NS} {SRW_DC_SCHEMA}"},
        nsmap={"srw_dc": SRW_DC_NS, "dc": DC_NS, "xsi": XSI_NS},
    )
    root.extend(list(source))
    return root


def _z(
    parent: etree._Element, tag: str, text: str | None = None, /, **attrs: str
) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ZEEREX_NS}}}{tag}", attrs)
    if text is not None:
        element.text = clean(text)
    return element


def _zeerex(version: Version, server: ServerInfo) -> etree._Element:
    z = _z
    root = etree.Element(f"{{{ZEEREX_NS}}}explain", nsmap={"zr": ZEEREX_NS})
    info = z(root, "serverInfo", protocol="SRU", version=version.number, transport="http")
    z(info, "host", server.host)
    z(info, "port", str(server.port))
    z(info, "database", server.database)
    database = z(root, "databaseInfo")
    z(database, "title", server.title, lang="id", primary="true")
    z(database, "description", server.description, lang="id", primary="true")
    indexes = z(root, "indexInfo")
    for name, uri in CONTEXT_SETS.items():
        z(indexes, "set", name=name, identifier=uri)
    for context, name, searches in EXPLAINED_INDEXES:
        index = z(indexes, "index", search="true", scan="false", sort="false")
        z(index, "title", INDEX_TITLES[searches], lang="en")
        z(z(index, "map"), "name", name, set=context)
    schemas = z(root, "schemaInfo")
    for schema in SCHEMAS.values():
        element = z(
            schemas,
            "schema",
            identifier=schema.identifier,
            name=schema.name,
            location=schema.location,
            sort="false",
            retrieve="true",
        )
        z(element, "title", schema.title, lang="en")
    config = z(root, "configInfo")
    z(config, "default", str(DEFAULT_RECORDS), type="numberOfRecords")
    z(config, "default", "marcxml", type="retrieveSchema")
    z(config, "setting", str(MAX_RECORDS), type="maximumRecords")
    for relation in ("=", "==", "exact", "all", "any", "adj"):
        z(config, "supports", relation, type="relation")
    for operator in ("and", "or", "not"):
        z(config, "supports", operator, type="booleanOperator")
    z(config, "supports", "*", type="maskingCharacter")
    return root


INDEX_TITLES = {
    "title": "Title (judul)",
    "author": "Creator (pengarang)",
    "subject": "Subject (subjek)",
    "isbn": "ISBN",
    "any": "Anywhere (semua kolom)",
}
