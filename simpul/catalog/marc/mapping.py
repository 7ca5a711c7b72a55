"""What Simpul stores and searches about a MARC record: plain fields out of MARC21 tags.

``bib_fields`` reads the bibliographic description, ``holdings`` the copies (852, or Koha's 952).
Both are pure and never raise on odd data: a missing or malformed field gives an empty value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, NamedTuple

import pymarc

from simpul.catalog.marc.isbn import normalize_isbn, normalize_issn

# leader/06 (type of record) to our material type; leader/07 and /08 refine it in _material_type.
MATERIAL_TYPES = {
    "a": "book", "t": "book", "c": "music", "d": "music", "e": "map", "f": "map",
    "g": "video", "i": "sound", "j": "sound", "k": "visual", "r": "visual",
    "m": "computer", "o": "mixed", "p": "mixed",
}  # fmt: skip
SERIAL_LEVELS = frozenset("bis")
# Words whose final full stop is part of the word, so ISBD stripping must keep it.
ABBREVIATIONS = frozenset({
    "jr", "sr", "inc", "co", "ltd", "corp", "etc", "ed", "eds", "rev", "enl", "st", "dr", "mr",
    "mrs", "prof", "hlm", "cm", "mm", "p", "pp", "ill", "illus", "col", "vol", "vols", "no", "nos",
    "ca", "fl", "in", "ft", "pt", "pts", "ser", "dll", "dkk", "cet", "jil", "bk", "bks",
})  # fmt: skip
SUBDIVISIONS = frozenset("vxyz")
HEADING_PARTS = {"600": "abcdqt", "610": "abcdnt", "611": "acdent", "630": "adfklnpst"}
STATUS_HINTS = ("lost", "damaged", "withdrawn")
YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
PAGES = re.compile(
    r"(\d+)\s*(?:p\b|pp\b|pages\b|page\b|hlm\b|halaman\b|h\.|leaves\b|lembar\b)", re.I
)
TRAILING = re.compile(r"[\s/:;=,]+$")
ISBD_ENDINGS = frozenset("/:;=,.")


class MarcField(NamedTuple):
    """One field as the mapping reads it: a control field has ``data``, others subfields."""

    tag: str
    ind1: str = " "
    ind2: str = " "
    subfields: list[tuple[str, str]] | tuple[tuple[str, str], ...] = ()
    data: str | None = None


class MarcView:
    """A record reduced to what the mapping needs: cheap to build, no pymarc objects.

    The importer's decoder builds it straight from the bytes; ``view_of`` makes one from a pymarc
    record or from MARC-in-JSON (what ``Record.marc`` keeps).
    """

    __slots__ = ("by_tag", "fields", "leader")

    def __init__(self, leader: str, fields: list[MarcField]) -> None:
        self.leader = leader
        self.fields = fields
        self.by_tag: dict[str, list[MarcField]] = {}
        for found in fields:
            self.by_tag.setdefault(found.tag, []).append(found)

    def get(self, tag: str) -> MarcField | None:
        found = self.by_tag.get(tag)
        return found[0] if found else None

    def get_fields(self, *tags: str) -> list[MarcField]:
        if len(tags) == 1:
            return list(self.by_tag.get(tags[0], ()))
        return [found for found in self.fields if found.tag in tags]


Marc = pymarc.Record | MarcView | dict[str, Any]


def view_of(record: Marc) -> MarcView:
    """``record`` (pymarc, MARC-in-JSON, or already a view) as a MarcView."""
    if isinstance(record, MarcView):
        return record
    if isinstance(record, dict):
        return _view_of_json(record)
    fields = [
        MarcField(found.tag, data=found.data or "")
        if found.control_field
        else MarcField(
            found.tag,
            found.indicator1 or " ",
            found.indicator2 or " ",
            [(s.code, s.value) for s in found.subfields],
        )
        for found in record.fields
    ]
    return MarcView(str(record.leader), fields)


def _view_of_json(data: dict[str, Any]) -> MarcView:
    fields = []
    for entry in data.get("fields", []):
        for tag, body in entry.items():
            if isinstance(body, dict):
                pairs = [pair for sub in body.get("subfields", []) for pair in sub.items()]
                fields.append(MarcField(tag, body.get("ind1", " "), body.get("ind2", " "), pairs))
            else:
                fields.append(MarcField(tag, data=str(body)))
    return MarcView(str(data.get("leader", "")), fields)


@dataclass
class BibFields:
    """The plain, searchable description of one bibliographic record."""

    control_number: str = ""
    control_source: str = ""
    title: str = ""
    subtitle: str = ""
    title_sort: str = ""
    authors: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    publisher: str = ""
    place: str = ""
    year: int | None = None
    isbns: list[str] = field(default_factory=list)
    issns: list[str] = field(default_factory=list)
    language: str = ""
    series: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: str = ""
    ddc: str = ""
    edition: str = ""
    physical: str = ""
    material_type: str = "book"
    pages: int | None = None


@dataclass(slots=True)
class HoldingData:
    """One copy as a holdings field describes it; codes are raw, the importer maps them."""

    barcode: str = ""
    library_code: str = ""
    location: str = ""
    call_number: str = ""
    item_type: str = ""
    price: Decimal | None = None
    acquired_on: date | None = None
    acquisition: str = ""
    status_hint: str = ""  # "lost", "damaged", "withdrawn" or ""
    source_tag: Literal["852", "952"] = "852"


def strip_isbd(text: str) -> str:
    """``text`` without the ISBD punctuation closing a subfield (" /", " :", " ;", ",", ".").

    A final full stop stays when it ends an initial ("Taylor, Arlene G.") or a known abbreviation
    ("2nd ed.", "24 cm."), or is part of an ellipsis.
    """
    text = (text or "").strip()
    if text[-1:] not in ISBD_ENDINGS:
        return text
    text = TRAILING.sub("", text)
    while text.endswith(".") and not text.endswith("..."):
        word = re.split(r"[\s,(\[]", text[:-1])[-1].lower()
        if len(word) == 1 or word in ABBREVIATIONS or "." in word:
            break
        text = TRAILING.sub("", text[:-1])
    return text


def unbracket(text: str) -> str:
    """``text`` without the square brackets cataloguers put round supplied information."""
    text = text.strip()
    if text.count("[") != text.count("]"):  # a bracket opened or closed in another subfield
        return text.replace("[", "").replace("]", "").strip()
    if text.startswith("[") and text.endswith("]") and text.count("[") == 1:
        return text[1:-1].strip()
    return text


def bib_fields(marc: Marc) -> BibFields:
    """The plain fields of ``marc``; every value is empty rather than missing. Never raises."""
    record = view_of(marc)
    title, subtitle, title_sort = _title(record)
    place, publisher, imprint_date = _imprint(record)
    physical = _join(record, "300", "abcefg3")
    return BibFields(
        control_number=_control(record, "001"),
        control_source=_control(record, "003"),
        title=title,
        subtitle=subtitle,
        title_sort=title_sort,
        authors=_authors(record),
        subjects=_subjects(record),
        publisher=publisher,
        place=place,
        year=_year(record, imprint_date),
        isbns=_unique(normalize_isbn(v) for v in _values(record, "020", "a")),
        issns=_unique(normalize_issn(v) for v in _values(record, "022", "a")),
        language=_language(record),
        series=_series(record),
        notes=_notes(record),
        summary="\n\n".join(
            filter(None, (_join_field(f, "ab", prose=True) for f in record.get_fields("520")))
        ),
        ddc=next(
            (v.replace("/", "").replace("'", "").strip() for v in _values(record, "082", "a")), ""
        ),
        edition=_join(record, "250", "ab"),
        physical=physical,
        material_type=material_type(record.leader),
        pages=_pages(record),
    )


def material_type(leader: str) -> str:
    """Our material type from leader/06-08: one of the keys of ``choices.MaterialType``."""
    kind, level = (leader + "  ")[6], (leader + "   ")[7]
    if (leader + "   ")[8] == "a" and kind in "atp":
        return "archive"
    if kind == "a" and level in SERIAL_LEVELS:
        return "serial"
    return MATERIAL_TYPES.get(kind, "book")


def _control(record: MarcView, tag: str) -> str:
    found = record.get(tag)
    return found.data.strip() if found is not None and found.data is not None else ""


def _values(record: MarcView, tag: str, codes: str) -> list[str]:
    return [
        value.strip()
        for f in record.by_tag.get(tag, ())
        if f.data is None
        for code, value in f.subfields
        if code in codes and value and value.strip()
    ]


def _subfield_values(found: MarcField, code: str) -> list[str]:
    return [value for sub, value in found.subfields if sub == code]


def _join_field(found: MarcField, codes: str, *, prose: bool = False) -> str:
    """The values of ``codes`` joined; ISBD punctuation stripped unless the field is prose."""
    if found.data is not None:
        return ""
    text = " ".join(value.strip() for code, value in found.subfields if code in codes and value)
    return text.strip() if prose else strip_isbd(text)


def _join(record: MarcView, tag: str, codes: str) -> str:
    found = record.get(tag)
    return _join_field(found, codes) if found is not None else ""


def _unique(values: Iterable[str | None]) -> list[str]:
    """The non-empty ``values`` in order, without repeats (ignoring case)."""
    seen: dict[str, str] = {}
    for value in values:
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return list(seen.values())


def _title(record: MarcView) -> tuple[str, str, str]:
    found = record.get("245")
    if found is None or found.data is not None:
        return "", "", ""
    parts = [value for code, value in found.subfields if code in "anp" and value.strip()]
    if not parts:
        parts = [value for code, value in found.subfields if code in "kfg" and value.strip()]
    title = strip_isbd(". ".join(strip_isbd(value) for value in parts))
    subtitle = strip_isbd(" ".join(value.strip() for code, value in found.subfields if code == "b"))
    skip = int(found.ind2) if (found.ind2 or "").isdigit() else 0
    first = parts[0].lstrip() if parts else ""
    skip = skip if 0 < skip < len(first) else 0
    sort = title[skip:] if title.startswith(first[:skip]) else title
    return title, subtitle, sort.lstrip(" \"'[(¿¡").casefold()


def _authors(record: MarcView) -> list[str]:
    names = []
    for found in record.get_fields("100", "110", "111", "700", "710", "711"):
        names.append(_join_field(found, "ab" if found.tag in ("110", "710") else "a"))
    return _unique(names)


def _subjects(record: MarcView) -> list[str]:
    subjects = []
    for found in record.fields:
        if not found.tag.startswith("6") or found.data is not None or not found.tag.isdigit():
            continue
        heading_codes = HEADING_PARTS.get(found.tag, "a")
        heading = strip_isbd(
            " ".join(value.strip() for code, value in found.subfields if code in heading_codes)
        )
        parts = [heading] if heading else []
        parts += [
            strip_isbd(value)
            for code, value in found.subfields
            if code in SUBDIVISIONS and value.strip()
        ]
        if parts:
            subjects.append(" -- ".join(parts))
    return _unique(subjects)


def _imprint(record: MarcView) -> tuple[str, str, str]:
    fields = [f for f in record.get_fields("264", "260") if f.data is None]
    fields.sort(key=lambda f: (f.tag != "264" or f.ind2 != "1", f.tag != "260"))
    for found in fields:
        place = _placeholder(next(iter(_subfield_values(found, "a")), ""), ("s.l", "tempat tidak"))
        publisher = _placeholder(
            next(iter(_subfield_values(found, "b")), ""), ("s.n", "penerbit tidak")
        )
        when = next(iter(_subfield_values(found, "c")), "")
        if place or publisher or when:
            return place, publisher, when
    return "", "", ""


def _placeholder(value: str, unknown: tuple[str, ...]) -> str:
    text = unbracket(strip_isbd(value))
    return "" if text.rstrip(".").lower().startswith(unknown) else strip_isbd(text)


def _year(record: MarcView, imprint_date: str) -> int | None:
    fixed = _control(record, "008")
    if len(fixed) >= 11 and fixed[7:11].isdigit() and fixed[7:11] != "0000":
        return int(fixed[7:11])
    match = YEAR.search(imprint_date)
    return int(match.group(1)) if match else None


def _language(record: MarcView) -> str:
    code = _control(record, "008").ljust(38)[35:38].lower()
    if re.fullmatch("[a-z]{3}", code):
        return code
    packed = next(iter(_values(record, "041", "a")), "").lower()
    return packed[:3] if re.fullmatch("[a-z]{3}", packed[:3]) else ""


def _series(record: MarcView) -> list[str]:
    titles = [_join_field(f, "a") for f in record.get_fields("490")]
    titles += [
        _join_field(f, "at" if f.tag != "830" else "a")
        for f in record.get_fields("800", "810", "811", "830")
    ]
    return _unique(titles)


def _notes(record: MarcView) -> list[str]:
    notes = []
    for found in record.fields:
        if found.tag.startswith("5") and found.tag != "520" and found.data is None:
            notes.append(_join_field(found, "abcdefghijklmnopqrstuvwxyz", prose=True))
    return [n for n in notes if n]


def _pages(record: MarcView) -> int | None:
    numbers = [int(m.group(1)) for v in _values(record, "300", "a") for m in PAGES.finditer(v)]
    return numbers[-1] if numbers else None


def holdings(marc: Marc) -> list[HoldingData]:
    """The copies in ``record``'s 852 and 952 fields, in field order. Never raises.

    852: $a (else $b) library code, $c shelving location (else $b when $a is there), $k $h $i $m
    call number, $p barcode, and Simpul's local subfields $y item type, $r price (a plain
    decimal), $v date acquired (YYYY-MM-DD), $w acquisition code, $o status hint.
    952 (Koha): $a home branch (else $b), $c location, $o call number, $p barcode, $y item type,
    $g price (else $v replacement price), $d date acquired, $1 lost, $4 damaged, $0 withdrawn.
    """
    found = []
    for item in view_of(marc).get_fields("852", "952"):
        if item.data is None:
            found.append(_from_852(item) if item.tag == "852" else _from_952(item))
    return found


def _firsts(item: MarcField) -> dict[str, str]:
    """The first non-blank value of each subfield code, stripped."""
    found: dict[str, str] = {}
    for code, value in item.subfields:
        if code not in found and value and (value := value.strip()):
            found[code] = value
    return found


def _from_852(item: MarcField) -> HoldingData:
    first = _firsts(item).get
    library, sublocation = first("a", ""), first("b", "")
    hint = first("o", "").lower()
    return HoldingData(
        barcode=first("p", ""),
        library_code=library or sublocation,
        location=first("c", "") or (sublocation if library else ""),
        call_number=" ".join(filter(None, (first(code, "") for code in "khim"))),
        item_type=first("y", ""),
        price=_decimal(first("r", "")),
        acquired_on=_date(first("v", "")),
        acquisition=first("w", ""),
        status_hint=hint if hint in STATUS_HINTS else "",
        source_tag="852",
    )


def _from_952(item: MarcField) -> HoldingData:
    first = _firsts(item).get
    flags = {"withdrawn": "0", "lost": "1", "damaged": "4"}
    hint = next((name for name, code in flags.items() if first(code, "") not in ("", "0")), "")
    return HoldingData(
        barcode=first("p", ""),
        library_code=first("a", "") or first("b", ""),
        location=first("c", ""),
        call_number=first("o", ""),
        item_type=first("y", ""),
        price=_decimal(first("g", "")) or _decimal(first("v", "")),
        acquired_on=_date(first("d", "")),
        acquisition="",
        status_hint=hint,
        source_tag="952",
    )


def _decimal(text: str) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def _date(text: str) -> date | None:
    if not text:
        return None
    digits = re.sub(r"\D", "", text)[:8]
    try:
        return (
            date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])) if len(digits) == 8 else None
        )
    except ValueError:
        return None
