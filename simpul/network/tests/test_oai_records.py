"""The provider's MARCXML and Dublin Core say what the catalog's export says, and stay valid.

``records.marcxml`` and ``records.oai_dc`` write text straight from MARC-in-JSON for speed;
these tests hold them to the export's element-tree writers over every readable record in
tests/fixtures/marc (MARC-8, 880 scripts, odd tags and leaders, malformed files included).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from simpul.catalog.marc.export import dublin_core_element, marcxml_element
from simpul.catalog.marc.reader import read_records
from simpul.catalog.models import Record
from simpul.catalog.records import marc_json, marc_record, values_of
from simpul.network.oai import records
from simpul.network.tests.oai_support import FIXTURES, MARC_SCHEMAS, LocalSchemas

XSI = "http://www.w3.org/2001/XMLSchema-instance"
FILES = sorted(
    str(path.relative_to(FIXTURES / "marc"))
    for path in (FIXTURES / "marc").rglob("*")
    if path.is_file() and path.suffix not in (".md", ".xsd", ".csv")
)


@cache
def schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.parse(str(MARC_SCHEMAS / name), parser))


def marc_of(relative: str) -> list[dict[str, Any]]:
    try:
        with (FIXTURES / "marc" / relative).open("rb") as stream:
            return [marc_json(r.record) for r in read_records(stream) if r.record is not None]
    except Exception:  # a file no reader accepts holds no record the catalog could serve
        return []


def parsed(fragment: str) -> etree._Element:
    """A fragment written for the envelope (which declares xsi) parsed on its own."""
    first_space = fragment.index(" ")
    declared = f'{fragment[:first_space]} xmlns:xsi="{XSI}"{fragment[first_space:]}'
    return etree.fromstring(declared.encode())


def shape(element: etree._Element) -> list[tuple[str, dict[str, str], str]]:
    return [
        (node.tag, {k: v for k, v in node.attrib.items() if not k.startswith(f"{{{XSI}}}")},
         node.text or "")
        for node in element.iter()
    ]  # fmt: skip


@pytest.mark.parametrize("relative", FILES)
def test_marcxml_is_valid_and_as_the_export_writes_it(relative: str) -> None:
    marc21slim = schema("MARC21slim.xsd")
    for marc in marc_of(relative):
        ours = parsed(records.marcxml(marc))
        assert marc21slim.validate(ours), (relative, marc21slim.error_log)
        export = marcxml_element(marc_record(Record(marc=marc)))
        if marc21slim.validate(export):  # where the export is valid, ours is the same
            assert shape(ours) == shape(export), relative


@pytest.mark.parametrize("relative", FILES)
def test_dublin_core_is_valid_and_as_the_export_writes_it(relative: str) -> None:
    oai_dc = schema("oai_dc.xsd")
    for marc in marc_of(relative):
        values = values_of(marc_record(Record(marc=marc)))  # what services store
        ours = parsed(records.oai_dc(tuple(values[column] for column in records.DC_COLUMNS)))
        assert oai_dc.validate(ours), (relative, oai_dc.error_log)
        export = dublin_core_element(marc_record(Record(marc=marc)))
        if values["year"] is None:  # the stored year leaves out 9999 and other slips
            for date in export.findall("{*}date"):
                export.remove(date)
        assert shape(ours) == shape(export), relative


def test_text_is_escaped_and_characters_xml_cannot_carry_are_left_out() -> None:
    marc = {
        "leader": "00000nam a2200000 i 4500",
        "fields": [
            {"001": "a&b<c>"},
            {"245": {"ind1": "1", "ind2": "0", "subfields": [{"a": 'Tom & "Jerry" <\x1b>\r'}]}},
        ],
    }

    root = parsed(records.marcxml(marc))

    assert root.findtext("{*}controlfield") == "a&b<c>"
    assert root.findtext(".//{*}subfield") == 'Tom & "Jerry" <>\r'


def test_a_leader_or_fields_the_schema_refuses_are_mended_or_left_out() -> None:
    marc = {
        "leader": "bad leader",
        "fields": [
            {"FMT": "BK"},
            {"001": "x"},
            {"24": {"ind1": "1", "ind2": "0", "subfields": [{"a": "short tag"}]}},
            {"245": {"ind1": "X", "ind2": "#", "subfields": [{"@@": "no"}, {"a": "Judul"}]}},
            {"500": {"ind1": " ", "ind2": " ", "subfields": []}},
        ],
    }

    root = parsed(records.marcxml(marc))

    assert schema("MARC21slim.xsd").validate(root), schema("MARC21slim.xsd").error_log
    assert [node.get("tag") for node in root.iter("{*}controlfield", "{*}datafield")] == [
        "001",
        "245",
    ]
    assert root.find("{*}datafield").attrib == {"tag": "245", "ind1": " ", "ind2": " "}


def test_fixture_files_are_all_read(tmp_path: Path) -> None:
    assert sum(len(marc_of(relative)) for relative in FILES) > 900
