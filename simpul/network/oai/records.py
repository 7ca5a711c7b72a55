"""Headers and metadata of the provider's records, written as XML text.

``marcxml`` and ``oai_dc`` write what ``catalog.marc.export.marcxml_element`` and
``dublin_core_element`` write (the same fields in the same order; tests compare them over the
real records in tests/fixtures), but as escaped text with no pymarc record and no element tree
per record, which was most of the time of a page of 500. MARCXML comes straight from the
MARC-in-JSON that ``Record.marc`` keeps; Dublin Core from the columns that services derive
with ``bib_fields`` on every save (running the mapping again cost 150 µs a record), plus the
three things no column keeps: leader/06, the ISSNs and the 856 links.

The protocol wants every response valid against the schemas, also for imported records whose
MARC is not: a tag, indicator or subfield code that MARC21slim.xsd refuses is left out or
blanked, and a leader it refuses is repaired position by position.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from simpul.catalog.marc.export import DC_NS, DCMI_TYPES, MARC_NS, MARC_SCHEMA, OAI_DC_NS
from simpul.catalog.marc.export import OAI_DC_SCHEMA as OAI_DC_XSD
from simpul.catalog.marc.isbn import normalize_issn
from simpul.catalog.marc.iso2709 import NOT_XML

# Character sets of MARC21slim.xsd's simple types.
CONTROL_TAG = re.compile(r"00[1-9A-Za-z]")
DATA_TAG = re.compile(
    r"0[1-9A-Z][0-9A-Z]|0[1-9a-z][0-9a-z]|[1-9A-Z][0-9A-Z]{2}|[1-9a-z][0-9a-z]{2}"
)
INDICATORS = frozenset("0123456789abcdefghijklmnopqrstuvwxyz ")
# Subfield codes the schema allows, each as written in the attribute.
CODES = {
    code: code.replace("&", "&amp;")
    .replace("<", "&lt;")
    .replace(">", "&gt;")
    .replace('"', "&quot;")
    for code in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "!\"#$%&'()*+,-./:;<=>?{}_^`~[]\\"
}
LEADER = re.compile(
    r"[\d ]{5}[\dA-Za-z ][\dA-Za-z][\dA-Za-z ]{3}[2 ][2 ][\d ]{5}[\dA-Za-z ]{3}(4500|    )"
)
# What each leader position may hold, and what stands in for anything else.
LEADER_POSITIONS = [
    *[("0123456789 ", "0")] * 5,
    ("ALNUM ", " "), ("ALNUM", "a"), *[("ALNUM ", " ")] * 3,
    *[("2 ", "2")] * 2,
    *[("0123456789 ", "0")] * 5,
    *[("ALNUM ", " ")] * 3,
]  # fmt: skip
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
SPECIAL = re.compile('[&<>"\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]')
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

MARC_OPEN = f'<record xmlns="{MARC_NS}" xsi:schemaLocation="{MARC_NS} {MARC_SCHEMA}">'
DC_OPEN = (
    f'<oai_dc:dc xmlns:oai_dc="{OAI_DC_NS}" xmlns:dc="{DC_NS}" '
    f'xsi:schemaLocation="{OAI_DC_NS} {OAI_DC_XSD}">'
)


def escape(text: str) -> str:
    """``text`` for XML content or a double-quoted attribute, without what XML cannot carry."""
    if not SPECIAL.search(text):
        return text
    return NOT_XML.sub("", text).translate(ESCAPES)


def decoded(marc: Any) -> dict[str, Any]:
    """MARC-in-JSON as the database driver returns it (text on SQLite) as a dictionary."""
    if isinstance(marc, dict):
        return marc
    value = json.loads(marc)
    return value if isinstance(value, dict) else {}


def header(identifier: str, datestamp: str, specs: list[str], *, deleted: bool) -> str:
    status = ' status="deleted"' if deleted else ""
    sets = "".join(f"<setSpec>{spec}</setSpec>" for spec in specs)
    return (
        f"<header{status}><identifier>{escape(identifier)}</identifier>"
        f"<datestamp>{datestamp}</datestamp>{sets}</header>"
    )


def marcxml(marc: dict[str, Any]) -> str:
    """``marc`` as a MARCXML ``<record>`` valid against MARC21slim.xsd (leader/09 "a")."""
    parts = [MARC_OPEN, "<leader>", escape(_leader(str(marc.get("leader", "")))), "</leader>"]
    append = parts.append
    for entry in marc.get("fields", ()):
        for tag, body in entry.items():
            if not isinstance(body, dict):
                if _control_tag(tag):
                    append(f'<controlfield tag="{tag}">{escape(_text(body))}</controlfield>')
                continue
            subfields = [
                f'<subfield code="{CODES[code]}">{escape(_text(value))}</subfield>'
                for sub in body.get("subfields", ())
                for code, value in sub.items()
                if code in CODES
            ]
            if subfields and _data_tag(tag):
                ind1, ind2 = body.get("ind1") or " ", body.get("ind2") or " "
                ind1 = ind1 if ind1 in INDICATORS else _indicator(ind1)
                ind2 = ind2 if ind2 in INDICATORS else _indicator(ind2)
                append(f'<datafield tag="{tag}" ind1="{ind1}" ind2="{ind2}">')
                parts += subfields
                append("</datafield>")
    append("</record>")
    return "".join(parts)


# What ``oai_dc`` reads: the derived columns services keep from ``bib_fields`` (the mapping the
# catalog's export uses), and the MARC for what no column keeps (leader/06, ISSNs, links).
DC_COLUMNS = (
    "title", "subtitle", "authors", "subjects", "ddc", "summary", "notes", "publisher", "year",
    "physical", "isbns", "language", "series", "marc",
)  # fmt: skip


def oai_dc(values: Sequence[Any]) -> str:
    """A record's ``DC_COLUMNS`` as an ``<oai_dc:dc>`` valid against oai_dc.xsd, with the
    catalog export's crosswalk (``export.dublin_core_element``)."""
    (title, subtitle, authors, subjects, ddc, summary, notes, publisher, year, physical,
     isbns, language, series, marc) = values  # fmt: skip
    marc = decoded(marc)
    issns, links = _issns_and_links(marc)
    elements = [
        ("title", [title + (" : " + subtitle if subtitle else "")]),
        ("creator", _list(authors)),
        ("subject", _list(subjects) + ([ddc] if ddc else [])),
        ("description", ([summary] if summary else []) + _list(notes)),
        ("publisher", [publisher]),
        ("date", [str(year)] if year else []),
        ("type", [DCMI_TYPES.get(str(marc.get("leader", "")).ljust(24)[6], "Text")]),
        ("format", [physical]),
        ("identifier", [f"URN:ISBN:{i}" for i in _list(isbns)] + issns + links),
        ("language", [language]),
        ("relation", _list(series)),
    ]  # fmt: skip
    parts = [DC_OPEN]
    for name, texts in elements:
        for value in texts:
            if value and isinstance(value, str) and (value := value.strip()):
                parts.append(f"<dc:{name}>{escape(value)}</dc:{name}>")
    parts.append("</oai_dc:dc>")
    return "".join(parts)


def _list(value: Any) -> list[Any]:
    """A JSON list column as the driver returns it (text on SQLite)."""
    if isinstance(value, str):
        value = json.loads(value)
    return value if isinstance(value, list) else []


def _issns_and_links(marc: dict[str, Any]) -> tuple[list[str], list[str]]:
    """dc:identifier values: the valid ISSNs of 022 $a (once each, as ``bib_fields`` gives
    them) and the links of 856 $u."""
    issns: dict[str, str] = {}
    links: list[str] = []
    for entry in marc.get("fields", ()):
        for tag, body in entry.items():
            if tag not in ("022", "856") or not isinstance(body, dict):
                continue
            for sub in body.get("subfields", ()):
                for code, value in sub.items():
                    if tag == "856" and code == "u":
                        links.append(value)
                    elif tag == "022" and code == "a" and value and value.strip():
                        issn = normalize_issn(value.strip())
                        if issn and issn.casefold() not in issns:
                            issns[issn.casefold()] = f"ISSN {issn}"
    return list(issns.values()), links


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value or "")


@cache
def _control_tag(tag: str) -> bool:
    return bool(CONTROL_TAG.fullmatch(tag))


@cache
def _data_tag(tag: str) -> bool:
    return bool(DATA_TAG.fullmatch(tag))


def _indicator(value: Any) -> str:
    text = (str(value) if value else " ")[:1]
    return text if text in INDICATORS else " "


def _leader(text: str) -> str:
    leader = text.ljust(24)[:24]
    leader = leader[:9] + "a" + leader[10:]
    if LEADER.fullmatch(leader):
        return leader
    fixed = [
        char if char in allowed.replace("ALNUM", ALNUM) else fallback
        for char, (allowed, fallback) in zip(leader[:20], LEADER_POSITIONS, strict=True)
    ]
    ending = leader[20:] if leader[20:] in ("4500", "    ") else "4500"
    return "".join(fixed) + ending
