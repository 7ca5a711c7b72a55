"""Writing MARC21 bibliographic records from the simple cataloguing form, and back.

The field builders here (``fixed_field``, ``title_field``, ``name_field``, ...) are also used by
``csvformat`` so that a record typed into the form and one imported from a CSV row look alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

import pymarc

from simpul.catalog.marc.isbn import normalize_isbn
from simpul.catalog.marc.mapping import bib_fields, strip_isbd

# Leader: new record (05 n), language material (06 a), monograph (07 m), Unicode (09 a),
# core level (17 4), ISBD punctuation included (18 i). Length and base address are computed
# when the record is written.
LEADER = "00000nam a22000004i 4500"
ARTICLES = ("the ", "an ", "a ")  # English; Indonesian titles have no initial articles
DDC_EDITION = "23"
Sub = pymarc.Subfield


@dataclass
class SimpleRecord:
    """What the simple cataloguing form holds; ``language`` is a MARC code ("ind", "eng")."""

    title: str
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)  # first is the main entry (100)
    publisher: str = ""
    place: str = ""
    year: int | None = None
    isbn: str = ""
    subjects: list[str] = field(default_factory=list)  # "Topic -- Subdivision"
    ddc: str = ""
    language: str = "ind"
    pages: int | None = None
    summary: str = ""
    series: str = ""
    edition: str = ""


def record_from_simple(
    data: SimpleRecord,
    *,
    control_number: str,
    control_source: str = "SIMPUL",
    entered: date | None = None,
) -> pymarc.Record:
    """A MARC21 bibliographic record for ``data``, valid against MARC21slim.xsd as MARCXML.

    Fields come in tag order: 001, 003, 005, 008, 020, 041 (only for several languages), 082,
    100, 245, 250, 264, 300, 490, 520, 650, 700. Empty values give no field. ``entered`` is the
    date written in 008/00-05 (today when omitted). Never raises for text input.
    """
    languages = language_codes(data.language)
    authors = [a.strip() for a in data.authors if a.strip()]
    record = pymarc.Record()
    record.leader = pymarc.Leader(LEADER)
    record.add_field(
        pymarc.Field(tag="001", data=control_number),
        pymarc.Field(tag="003", data=control_source),
        pymarc.Field(tag="005", data=f"{datetime.now():%Y%m%d%H%M%S}.0"),
        pymarc.Field(tag="008", data=fixed_field(data.year, languages, entered=entered)),
    )
    record.add_field(*isbn_fields([data.isbn]))
    if len(languages) > 1:
        record.add_field(_datafield("041", "0 ", [Sub("a", code) for code in languages]))
    if data.ddc.strip():
        record.add_field(ddc_field(data.ddc))
    if authors:
        record.add_field(name_field("100", authors[0]))
    record.add_field(title_field(data.title, data.subtitle, has_main_entry=bool(authors)))
    if data.edition.strip():
        record.add_field(_datafield("250", "  ", [Sub("a", data.edition.strip())]))
    if publication := publication_field(data.place, data.publisher, data.year):
        record.add_field(publication)
    if data.pages:
        unit = "hlm." if languages[:1] in ([], ["ind"]) else "p."
        record.add_field(_datafield("300", "  ", [Sub("a", f"{data.pages} {unit}")]))
    if data.series.strip():
        record.add_field(_datafield("490", "0 ", [Sub("a", data.series.strip())]))
    if data.summary.strip():
        record.add_field(_datafield("520", "  ", [Sub("a", data.summary.strip())]))
    record.add_field(*(subject_field(s) for s in data.subjects if s.strip()))
    record.add_field(*(name_field("700", name) for name in authors[1:]))
    return record


def simple_from_record(record: pymarc.Record) -> SimpleRecord:
    """The simple form's view of ``record``: what ``record_from_simple`` would write back.

    Authors are the personal names of 100 and 700 and subjects the 650 headings, because those
    are the fields the simple form rewrites; other name and subject fields stay untouched.
    """
    fields = bib_fields(record)
    isbn = fields.isbns[0] if fields.isbns else next(_subfields(record, "020", "a"), "")
    return SimpleRecord(
        title=fields.title,
        subtitle=fields.subtitle,
        authors=[strip_isbd(name) for name in _subfields(record, "100", "a")]
        + [strip_isbd(name) for name in _subfields(record, "700", "a")],
        publisher=fields.publisher,
        place=fields.place,
        year=fields.year,
        isbn=isbn,
        subjects=_topical_subjects(record),
        ddc=_ddc(record),
        language=fields.language,
        pages=fields.pages,
        summary=fields.summary,
        series=next((strip_isbd(s) for s in _subfields(record, "490", "a")), ""),
        edition=fields.edition,
    )


def language_codes(text: str) -> list[str]:
    """The MARC language codes in ``text`` ("ind", "ind; eng"), in order; maybe none."""
    return re.findall(r"\b[a-z]{3}\b", (text or "").lower())


def fixed_field(
    year: int | None, languages: list[str], *, place: str = "", entered: date | None = None
) -> str:
    """A 40-character 008 for a book: date entered, single date or unknown date, language.

    ``place`` is a MARC country code; when empty it is "io" (Indonesia) for Indonesian-language
    records and "xx" (unknown) otherwise.
    """
    when = entered or date.today()
    dates = f"s{year:04d}    " if year and 0 < year < 10000 else "nuuuuuuuu"
    language = languages[0][:3] if languages else "   "  # blanks: no information
    country = (place or ("io" if language == "ind" else "xx")).ljust(3)[:3]
    books = "    " + " " + " " + "    " + " " + "000" + " " + "|" + " "  # 008/18-34
    return f"{when:%y%m%d}{dates}{country}{books}{language} d"


def non_filing(title: str) -> int:
    """How many leading characters of ``title`` are an article to skip when sorting (245 ind2)."""
    lowered = title.lower()
    return next((len(a) for a in ARTICLES if lowered.startswith(a) and len(title) > len(a)), 0)


def title_field(
    title: str, subtitle: str = "", responsibility: str = "", *, has_main_entry: bool
) -> pymarc.Field:
    """245 with ISBD punctuation; ind1 says whether a 1XX exists, ind2 counts the article."""
    title, subtitle, responsibility = title.strip(), subtitle.strip(), responsibility.strip()
    subfields = [Sub("a", title + (" :" if subtitle else " /" if responsibility else ""))]
    if subtitle:
        subfields.append(Sub("b", subtitle + (" /" if responsibility else "")))
    if responsibility:
        subfields.append(Sub("c", responsibility))
    indicators = ("1" if has_main_entry else "0") + str(min(non_filing(title), 9))
    return _datafield("245", indicators, subfields)


def name_field(tag: str, name: str) -> pymarc.Field:
    """A name entry (100/700 personal, 110/710 corporate); ind1 1 = inverted "Surname, Name"."""
    name = name.strip()
    ind1 = "2" if tag in ("110", "710") else "1" if "," in name else "0"
    return _datafield(tag, ind1 + " ", [Sub("a", name)])


def publication_field(place: str, publisher: str, year: int | str | None) -> pymarc.Field | None:
    """264 _1 (publication) with ISBD punctuation between the parts present, or None."""
    parts = [
        (code, str(v).strip()) for code, v in (("a", place), ("b", publisher), ("c", year or ""))
    ]
    parts = [(code, value) for code, value in parts if value]
    if not parts:
        return None
    subfields = []
    for (code, value), following in zip(parts, [*parts[1:], None], strict=True):
        if following is not None:
            value += " :" if code == "a" and following[0] == "b" else ","
        subfields.append(Sub(code, value))
    return _datafield("264", " 1", subfields)


def isbn_fields(values: list[str]) -> list[pymarc.Field]:
    """020s: $a the ISBN-13 of each valid ISBN, $z (cancelled/invalid) for the others."""
    fields = []
    for raw in (v.strip() for v in values):
        if raw:
            valid = normalize_isbn(raw)
            fields.append(_datafield("020", "  ", [Sub("a", valid) if valid else Sub("z", raw)]))
    return fields


def ddc_field(ddc: str) -> pymarc.Field:
    """082 04: $a the number, $2 the edition ("005.13/3 22" carries its own edition)."""
    number, _space, edition = ddc.strip().partition(" ")
    edition = edition.strip()
    if not (edition.isdigit() and len(edition) <= 2):
        number, edition = ddc.strip(), DDC_EDITION
    return _datafield("082", "04", [Sub("a", number), Sub("2", edition)])


def subject_field(heading: str) -> pymarc.Field:
    """650 _4 (local topical term); " -- " separates general subdivisions ($x)."""
    first, *rest = [part.strip() for part in heading.split("--") if part.strip()] or [heading]
    return _datafield("650", " 4", [Sub("a", first)] + [Sub("x", part) for part in rest])


def _datafield(tag: str, indicators: str, subfields: list[pymarc.Subfield]) -> pymarc.Field:
    return pymarc.Field(
        tag=tag, indicators=pymarc.Indicators(indicators[0], indicators[1]), subfields=subfields
    )


def _subfields(record: pymarc.Record, tag: str, code: str) -> Iterator[str]:
    return (v.strip() for f in record.get_fields(tag) for v in f.get_subfields(code) if v.strip())


def _ddc(record: pymarc.Record) -> str:
    """082 $a, followed by its edition when that is not the one ``ddc_field`` assumes."""
    found = record.get("082")
    if found is None or found.is_control_field() or not found.get_subfields("a"):
        return ""
    edition = next(iter(found.get_subfields("2")), DDC_EDITION).strip()
    number = found.get_subfields("a")[0].strip()
    return number if edition == DDC_EDITION or not edition.isdigit() else f"{number} {edition}"


def _topical_subjects(record: pymarc.Record) -> list[str]:
    headings = []
    for found in record.get_fields("650"):
        parts = [
            strip_isbd(s.value) for s in found.subfields if s.code in "avxyz" and s.value.strip()
        ]
        if parts:
            headings.append(" -- ".join(parts))
    return headings
