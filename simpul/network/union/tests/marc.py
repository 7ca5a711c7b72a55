"""MARC-in-JSON records for the union catalog's tests, built from a few plain values."""

from __future__ import annotations

from typing import Any


def marc(
    title: str,
    *,
    author: str = "",
    year: int | None = None,
    isbn: str = "",
    subtitle: str = "",
    edition: str = "",
    number: tuple[str, str] | None = None,
    other_numbers: tuple[str, ...] = (),
    call_number: str = "",
) -> dict[str, Any]:
    fields: list[dict[str, Any]] = []
    if number:
        fields.append({"001": number[0]})
        if number[1]:
            fields.append({"003": number[1]})
    fields.append({"008": f"240101s{year or '    '}    io            000 0 ind d"})
    if isbn:
        fields.append(_field("020", [("a", isbn)]))
    for other in other_numbers:
        fields.append(_field("035", [("a", other)]))
    if author:
        fields.append(_field("100", [("a", author)], "1"))
    title_parts = [("a", title + (" :" if subtitle else ""))]
    if subtitle:
        title_parts.append(("b", subtitle))
    fields.append(_field("245", title_parts, "1", "0"))
    if edition:
        fields.append(_field("250", [("a", edition)]))
    if year:
        fields.append(
            _field("264", [("a", "Jakarta :"), ("b", "Penerbit,"), ("c", str(year))], " ", "1")
        )
    if call_number:
        fields.append(_field("852", [("h", call_number)]))
    return {"leader": "00000nam a2200000 i 4500", "fields": fields}


def _field(
    tag: str, subfields: list[tuple[str, str]], ind1: str = " ", ind2: str = " "
) -> dict[str, Any]:
    return {
        tag: {"ind1": ind1, "ind2": ind2, "subfields": [{code: value} for code, value in subfields]}
    }
