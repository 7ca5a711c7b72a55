"""Writing records out: MARC21 (ISO 2709, UTF-8), MARCXML, Dublin Core (oai_dc) and CSV.

Every writer is a generator that yields one chunk per record (plus a header and footer), so a
whole catalogue streams to a download without being held in memory. Input records are not
changed. Reading back what ``to_marc21`` or ``to_marcxml`` wrote gives the same fields, in the
same order; the leader differs only in 00-04 and 12-16 (recomputed) and 09 (always "a").
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterable, Iterator

import pymarc
from lxml import etree

from simpul.catalog.marc.csvformat import EXPORT_COLUMNS, row_values
from simpul.catalog.marc.iso2709 import NOT_XML
from simpul.catalog.marc.mapping import bib_fields

MARC_NS = "http://www.loc.gov/MARC21/slim"
MARC_SCHEMA = "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"
MAX_FIELD = 9_999  # the 4 digits of a directory entry's length
MAX_BODY = 99_999 - 24 - 2  # the 5 digits of the record length, less leader and terminators
log = logging.getLogger(__name__)
# leader/06 -> DCMI Type vocabulary term, for dc:type.
DCMI_TYPES = {
    "a": "Text", "t": "Text", "c": "Text", "d": "Text", "e": "Image", "f": "Image",
    "g": "MovingImage", "i": "Sound", "j": "Sound", "k": "StillImage", "r": "PhysicalObject",
    "m": "Software", "o": "Collection", "p": "Collection",
}  # fmt: skip


def to_marc21(records: Iterable[pymarc.Record]) -> Iterator[bytes]:
    """Each record as ISO 2709 bytes in UTF-8 with leader/09 "a"; lengths are computed.

    ISO 2709 cannot hold a field over 9,999 bytes or a record over 99,999 bytes: such fields,
    and the fields after the limit, are left out of that record and logged (MARCXML keeps all).
    """
    for record in records:
        yield iso2709_bytes(record)


def iso2709_bytes(record: pymarc.Record) -> bytes:
    """``record`` in transmission format (UTF-8), without changing ``record``."""
    directory: list[bytes] = []
    body: list[bytes] = []
    left_out: list[str] = []
    offset = 0
    for found in record.fields:
        data = _field_bytes(found)
        tag = found.tag.zfill(3) if found.tag.isdigit() else found.tag.rjust(3)[:3]
        if len(data) > MAX_FIELD or offset + len(data) + 12 * (len(directory) + 1) > MAX_BODY:
            left_out.append(tag)
            continue
        directory.append(f"{tag}{len(data):04d}{offset:05d}".encode("ascii"))
        body.append(data)
        offset += len(data)
    if left_out:
        number = record.get("001")
        log.warning("MARC21 export of %s left out fields %s (too long for ISO 2709)",
                    number.data if number else "?", ", ".join(left_out))  # fmt: skip
    head = b"".join(directory) + b"\x1e"
    base = 24 + len(head)
    leader = str(record.leader).ljust(24)[:24]
    leader = f"{base + offset + 1:05d}{leader[5:9]}a{leader[10:12]}{base:05d}{leader[17:]}"
    return leader.encode("ascii", "replace") + head + b"".join(body) + b"\x1d"


def _field_bytes(found: pymarc.Field) -> bytes:
    if found.is_control_field():
        return (found.data or "").encode("utf-8") + b"\x1e"
    indicators = "".join((i or " ")[:1] for i in (found.indicator1, found.indicator2))
    parts = [indicators.encode("utf-8")]
    parts += [
        b"\x1f" + s.code.encode("utf-8") + (s.value or "").encode("utf-8") for s in found.subfields
    ]
    return b"".join(parts) + b"\x1e"


def to_marcxml(records: Iterable[pymarc.Record]) -> Iterator[bytes]:
    """A MARCXML ``<collection>`` (UTF-8), streamed one record per chunk.

    Characters XML 1.0 cannot carry are left out; for records read by Simpul there are none.
    """
    buffer = io.BytesIO()
    with etree.xmlfile(buffer, encoding="utf-8") as xf:
        xf.write_declaration()
        attributes = {f"{{{XSI_NS}}}schemaLocation": f"{MARC_NS} {MARC_SCHEMA}"}
        with xf.element(
            f"{{{MARC_NS}}}collection", attributes, nsmap={None: MARC_NS, "xsi": XSI_NS}
        ):
            xf.write("\n")
            for record in records:
                xf.write(marcxml_element(record), pretty_print=True)
                xf.flush()
                yield _drain(buffer)
    yield _drain(buffer) + b"\n"


def _drain(buffer: io.BytesIO) -> bytes:
    data = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return data


def marcxml_element(record: pymarc.Record) -> etree._Element:
    """``record`` as a MARCXML ``<record>`` element (leader/09 written as "a")."""
    leader = str(record.leader).ljust(24)[:24]
    element = etree.Element(f"{{{MARC_NS}}}record", nsmap={None: MARC_NS})
    etree.SubElement(element, f"{{{MARC_NS}}}leader").text = _xml(leader[:9] + "a" + leader[10:])
    for found in record.fields:
        if found.is_control_field():
            control = etree.SubElement(element, f"{{{MARC_NS}}}controlfield", tag=found.tag)
            control.text = _xml(found.data or "")
            continue
        data = etree.SubElement(
            element,
            f"{{{MARC_NS}}}datafield",
            tag=found.tag,
            ind1=(found.indicator1 or " ")[:1],
            ind2=(found.indicator2 or " ")[:1],
        )
        for sub in found.subfields:
            etree.SubElement(data, f"{{{MARC_NS}}}subfield", code=_xml(sub.code)).text = _xml(
                sub.value or ""
            )
    return element


def _xml(text: str) -> str:
    return NOT_XML.sub("", text)


def to_dublin_core(records: Iterable[pymarc.Record]) -> Iterator[bytes]:
    """A ``<collection>`` of ``<oai_dc:dc>`` elements, each valid against oai_dc.xsd.

    The mapping follows the Library of Congress MARC-to-Dublin-Core crosswalk in simplified
    form: title, creator, subject (and DDC), description, publisher, date, type (DCMI Type),
    format, identifier (URN:ISBN, ISSN, 856 $u), language, relation (series).
    """
    yield b"<?xml version='1.0' encoding='UTF-8'?>\n<collection>\n"
    for record in records:
        yield etree.tostring(dublin_core_element(record), encoding="utf-8", pretty_print=True)
    yield b"</collection>\n"


def dublin_core_element(record: pymarc.Record) -> etree._Element:
    """``record`` as an ``<oai_dc:dc>`` element with its schema location."""
    fields = bib_fields(record)
    root = etree.Element(
        f"{{{OAI_DC_NS}}}dc",
        {f"{{{XSI_NS}}}schemaLocation": f"{OAI_DC_NS} {OAI_DC_SCHEMA}"},
        nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS},
    )
    title = fields.title + (" : " + fields.subtitle if fields.subtitle else "")
    leader = str(record.leader).ljust(24)
    elements = [
        ("title", [title]),
        ("creator", fields.authors),
        ("subject", fields.subjects + ([fields.ddc] if fields.ddc else [])),
        ("description", ([fields.summary] if fields.summary else []) + fields.notes),
        ("publisher", [fields.publisher]),
        ("date", [str(fields.year)] if fields.year else []),
        ("type", [DCMI_TYPES.get(leader[6], "Text")]),
        ("format", [fields.physical]),
        ("identifier", _identifiers(record, fields.isbns, fields.issns)),
        ("language", [fields.language]),
        ("relation", fields.series),
    ]  # fmt: skip
    for name, values in elements:
        for value in values:
            if value and value.strip():
                etree.SubElement(root, f"{{{DC_NS}}}{name}").text = _xml(value.strip())
    return root


def _identifiers(record: pymarc.Record, isbns: list[str], issns: list[str]) -> list[str]:
    links = [url for found in record.get_fields("856") for url in found.get_subfields("u")]
    return [f"URN:ISBN:{isbn}" for isbn in isbns] + [f"ISSN {issn}" for issn in issns] + links


def to_csv(records: Iterable[pymarc.Record]) -> Iterator[str]:
    """Simpul's catalogue CSV: a UTF-8 BOM and header row, then one row per record.

    The columns are those ``csvformat`` reads back (see docs/guides/csv-import.md), so a file
    exported here imports again with the same title, names, imprint, numbers, subjects,
    series, notes, summary and copies.
    """
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow([header for _key, header in EXPORT_COLUMNS])
    yield "\ufeff" + _drain_text(buffer)
    for record in records:
        values = row_values(record)
        out.writerow([values[key] for key, _header in EXPORT_COLUMNS])
        yield _drain_text(buffer)


def _drain_text(buffer: io.StringIO) -> str:
    data = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return data
