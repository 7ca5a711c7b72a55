"""Dublin Core (oai_dc) to MARC-in-JSON: enough for matching and for the OPAC record page."""

from __future__ import annotations

import re
from typing import Any

from simpul.catalog.marc.isbn import normalize_isbn

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_LANGUAGES = {"id": "ind", "in": "ind", "en": "eng", "ms": "may", "ar": "ara", "jv": "jav"}


def _field(tag: str, code: str, value: str, ind1: str = " ", ind2: str = " ") -> dict[str, Any]:
    return {tag: {"ind1": ind1, "ind2": ind2, "subfields": [{code: value}]}}


def dc_to_marc(dc: dict[str, list[str]]) -> dict[str, Any]:
    """MARC-in-JSON for the Dublin Core elements ``dc`` (element name to its values):
    title 245, creator 100/700, contributor 700, subject 650, description 520, publisher and
    date 264, identifier 020 when it is an ISBN, language 041 and 008/35-37."""
    first = lambda name: next((v.strip() for v in dc.get(name, []) if v.strip()), "")  # noqa: E731
    year_match = _YEAR.search(first("date"))
    year = year_match.group(1) if year_match else "    "
    language = first("language").casefold()
    language = _LANGUAGES.get(language[:2], language[:3]) if language else "   "
    fields: list[dict[str, Any]] = [
        {"008": f"000000s{year}    xx            000 0 {language.ljust(3)[:3]} d"}
    ]
    for identifier in dc.get("identifier", []):
        if normalize_isbn(identifier):
            fields.append(_field("020", "a", identifier.strip()))
    creators = [c.strip() for c in dc.get("creator", []) if c.strip()]
    if creators:
        fields.append(_field("100", "a", creators[0], "1"))
    fields.append(_field("245", "a", first("title") or "", "1" if creators else "0", "0"))
    publisher = first("publisher")
    if publisher or year.strip():
        subfields = [{"b": publisher}] if publisher else []
        if year.strip():
            subfields.append({"c": year})
        fields.append({"264": {"ind1": " ", "ind2": "1", "subfields": subfields}})
    for text in dc.get("description", []):
        if text.strip():
            fields.append(_field("520", "a", text.strip()))
    for subject in dc.get("subject", []):
        if subject.strip():
            fields.append(_field("650", "a", subject.strip(), " ", "4"))
    for name in creators[1:] + [c.strip() for c in dc.get("contributor", []) if c.strip()]:
        fields.append(_field("700", "a", name, "1"))
    return {"leader": "00000nam a2200000 i 4500", "fields": fields}
