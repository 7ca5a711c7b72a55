"""One catalogue CSV row as a MARC record (``row_record``), and a record as a row (``row_values``).

Column keys are those of ``csvformat.HEADERS``. The copies of a row become 852 fields with
Simpul's subfields, which ``mapping.holdings`` reads: $a library code, $b location ($c when
there is no library code, so the location is not taken for one), $h call number, $p barcode,
$y item type, $r price (rupiah, plain decimal), $v date acquired (YYYY-MM-DD), $w acquisition
(purchase/donation/exchange/partner_deposit), $o status hint (lost/damaged/withdrawn).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

import pymarc
from django.utils.translation import gettext_lazy as _

from simpul.catalog.marc import writer
from simpul.catalog.marc.isbn import isbn_error, normalize_issn
from simpul.catalog.marc.mapping import bib_fields, holdings, strip_isbd
from simpul.catalog.marc.vocabulary import (
    ACQUISITIONS,
    LANGUAGES,
    MATERIAL_LEADERS,
    MATERIALS,
    STATUSES,
)

ITEM_COLUMNS = ("library_code", "location", "item_call_number", "item_type", "price",
                "currency", "acquisition", "acquired_on", "status")  # fmt: skip
YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# A list separator: "|", or else ";" that follows a word (so "Series ; 12" and "&apos;" stay).
LIST = re.compile(r"(?<!\s)(?<!&[a-z]{2})(?<!&[a-z]{3})(?<!&[a-z]{4})(?<!&#\d{2})(?<!&#\d{3});")
DATE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})|(?P<y2>\d{4})(?P<m2>\d\d)(?P<d2>\d\d)"
)
DAY_FIRST = re.compile(r"(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})")
RUPIAH = ("", "IDR", "RP", "RUPIAH")


def split_list(text: str) -> list[str]:
    """The values of a list cell: "a | b", or "a; b" and "a;b" when there is no "|"."""
    parts = text.split("|") if "|" in text else LIST.split(text)
    return [part.strip() for part in parts if part.strip()]


def list_cell(values: list[str]) -> str:
    """One cell for a list that ``split_list`` reads back as ``values``."""
    values = [value.replace("|", "/") for value in values]
    joined = "; ".join(values)
    if split_list(joined) == values:
        return joined
    return " | ".join(values) + (" |" if len(values) == 1 else "")


class RowProblem(ValueError):
    """A row that cannot become a record; the message names the column."""


class Row:
    """One row's cells by column key, the header names for messages, and the warnings so far."""

    def __init__(self, values: dict[str, str], columns: dict[str, str]) -> None:
        self.values = values
        self.columns = columns  # key -> the column name as written in the file
        self.warnings: list[str] = []

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    def split(self, key: str) -> list[str]:
        """The values of a list cell (see ``split_list``)."""
        return split_list(self.get(key))

    def drop(self, key: str, value: str, why: object) -> None:
        """Note that ``value`` of column ``key`` is not imported, and why."""
        reason = _("Kolom {column}: '{value}' diabaikan ({why}).")
        self.warnings.append(reason.format(column=self.columns.get(key, key), value=value, why=why))


def row_record(values: dict[str, str], columns: dict[str, str]) -> tuple[pymarc.Record, list[str]]:
    """The MARC record for one row's ``values`` (column key -> cell text), and warnings.

    Raises RowProblem when the title is empty. Other bad cells are left out, each with a warning
    naming its column (``columns`` maps keys to the header as written in the file).
    """
    row = Row(values, columns)
    if not row.get("title"):
        reason = _("Kolom {column} kosong: judul wajib diisi.")
        raise RowProblem(reason.format(column=columns.get("title", "title")))
    languages = _languages(row)
    year = _year(row)
    record = pymarc.Record()
    record.leader = pymarc.Leader(_leader(row))
    record.add_field(
        *_control_fields(row), pymarc.Field(tag="008", data=writer.fixed_field(year, languages))
    )
    record.add_field(*_isbns(row), *_issns(row), *_codes(row, languages))
    main, added = _names(row)
    record.add_field(*main)
    title = writer.title_field(
        row.get("title"), row.get("subtitle"), row.get("responsibility"), has_main_entry=bool(main)
    )
    record.add_field(title, *_description(row, year), *added, *_items(row))
    return record, row.warnings


def _field(tag: str, indicators: str, subfields: list[tuple[str, str]]) -> pymarc.Field:
    return pymarc.Field(
        tag=tag,
        indicators=pymarc.Indicators(indicators[0], indicators[1]),
        subfields=[pymarc.Subfield(code, value) for code, value in subfields if value],
    )


def _control_fields(row: Row) -> list[pymarc.Field]:
    """001 and 003 as given; a row without a control number gets a stable one (003 SIMPUL)."""
    number, source = row.get("control_number"), row.get("control_source")
    if not number:
        number, source = _content_key(row), "SIMPUL"
    fields = [pymarc.Field(tag="001", data=number)]
    return fields + ([pymarc.Field(tag="003", data=source)] if source else [])


def _content_key(row: Row) -> str:
    """A stable 001 for a row without one, so re-importing a file finds the same records."""
    keys = ("title", "subtitle", "authors", "publisher", "year", "edition")
    text = "\x1f".join(row.get(key).casefold() for key in keys)
    return "csv" + hashlib.sha1(text.encode()).hexdigest()[:16]


def _languages(row: Row) -> list[str]:
    codes = []
    for part in row.split("language"):
        word = part.lower()
        code = LANGUAGES.get(re.sub(r"\s*\(.*\)$", "", word)) or LANGUAGES.get(word)
        if code is None and re.fullmatch("[a-z]{3}", word):
            code = word
        if code:
            codes.append(code)
        else:
            row.drop("language", part, _("bahasa tidak dikenal"))
    return codes


def _year(row: Row) -> int | None:
    match = YEAR.search(row.get("year"))
    if row.get("year") and not match:
        row.drop("year", row.get("year"), _("tahun tidak dikenali"))
    return int(match.group(1)) if match else None


def _leader(row: Row) -> str:
    text = row.get("material_type")
    kind = MATERIALS.get(text.strip().lower(), "") if text else "book"
    if not kind:
        row.drop("material_type", text, _("jenis bahan tidak dikenal; dianggap buku"))
        kind = "book"
    codes = MATERIAL_LEADERS[kind]
    return f"00000n{codes[:2]}{codes[2:] or ' '}a22000004i 4500"


def _isbns(row: Row) -> list[pymarc.Field]:
    values = [
        part for part in re.split(r"\s*[;|,]\s*", row.get("isbn").strip()) if part
    ]  # no ";" inside
    for value in values:
        if reason := isbn_error(value):
            row.drop("isbn", value, reason + " " + str(_("Disimpan di 020 $z.")))
    return writer.isbn_fields(values)


def _issns(row: Row) -> list[pymarc.Field]:
    fields = []
    for value in row.split("issn"):
        if issn := normalize_issn(value):
            fields.append(_field("022", "  ", [("a", issn)]))
        else:
            row.drop("issn", value, _("ISSN tidak sah; disimpan di 022 $y"))
            fields.append(_field("022", "  ", [("y", value)]))
    return fields


def _codes(row: Row, languages: list[str]) -> list[pymarc.Field]:
    """035 (SLiMS id), 041 (several languages), 082 (DDC) and 099 (local call number)."""
    fields = []
    if row.get("slims_id"):
        fields.append(_field("035", "  ", [("a", f"(SLiMS){row.get('slims_id')}")]))
    if len(languages) > 1:
        fields.append(_field("041", "0 ", [("a", code) for code in languages]))
    if row.get("ddc"):
        fields.append(writer.ddc_field(row.get("ddc")))
    if row.get("call_number"):
        fields.append(_field("099", "  ", [("a", row.get("call_number"))]))
    return fields


def _names(row: Row) -> tuple[list[pymarc.Field], list[pymarc.Field]]:
    """The main entry (100, else 110) and the added entries (700, 710) of a row."""
    persons, corporate = row.split("authors"), row.split("corporate_author")
    main = []
    if persons:
        main.append(writer.name_field("100", persons[0]))
    elif corporate:
        main.append(writer.name_field("110", corporate.pop(0)))
    added = [writer.name_field("700", name) for name in persons[1:] + row.split("added_authors")]
    corporate += row.split("added_corporate")
    return main, added + [writer.name_field("710", name) for name in corporate]


def _description(row: Row, year: int | None) -> list[pymarc.Field]:
    """250, 264, 300, 490, 500, 520 and 650 of a row."""
    fields = []
    if row.get("edition"):
        fields.append(_field("250", "  ", [("a", row.get("edition"))]))
    place, publisher = strip_isbd(row.get("place")), strip_isbd(row.get("publisher"))
    if imprint := writer.publication_field(place, publisher, row.get("year") or year):
        fields.append(imprint)
    extent, dimensions = row.get("physical") or row.get("extent"), row.get("dimensions")
    if extent or dimensions:
        separator = " ;" if extent and dimensions else ""
        fields.append(_field("300", "  ", [("a", extent + separator), ("c", dimensions)]))
    fields += [_field("490", "0 ", [("a", series)]) for series in row.split("series")]
    fields += [_field("500", "  ", [("a", note)]) for note in _cells(row.get("notes")) if note]
    if row.get("summary"):
        fields.append(_field("520", "  ", [("a", row.get("summary"))]))
    return fields + [writer.subject_field(subject) for subject in row.split("subjects")]


def _cells(text: str) -> list[str]:
    """The "|"-separated values of a cell; empty values keep their place."""
    return [part.strip() for part in text.split("|")] if text.strip() else []


def _barcodes(row: Row) -> list[str]:
    text = row.get("barcode") or row.get("accession")
    if "|" in text:
        return _cells(text)
    return [part for part in re.split(r"[\s;]+", text) if part]


def _items(row: Row) -> list[pymarc.Field]:
    """One 852 per copy: per barcode, or one when only other copy columns are filled."""
    barcodes = _barcodes(row)
    cells = {key: _cells(row.get(key)) for key in ITEM_COLUMNS}
    count = len(barcodes) or max((len(parts) for parts in cells.values() if any(parts)), default=0)
    for key, parts in cells.items():
        if len(parts) not in (0, 1, count):
            why = _("jumlah nilai tidak sama dengan jumlah eksemplar ({count})")
            row.drop(key, row.get(key), why.format(count=count))
    copies = []
    for index in range(count):
        copy = {key: _nth(parts, index) for key, parts in cells.items()}
        copy["barcode"] = barcodes[index] if barcodes else ""
        copies.append(_item_field(row, copy))
    return copies


def _nth(parts: list[str], index: int) -> str:
    if len(parts) == 1:
        return parts[0]
    return parts[index] if index < len(parts) else ""


def _item_field(row: Row, copy: dict[str, str]) -> pymarc.Field:
    """852 with Simpul's subfields (see the module docstring)."""
    price = _price(row, copy["price"], copy["currency"])
    acquired = _date(row, copy["acquired_on"])
    subfields = [
        ("a", copy["library_code"]), ("b" if copy["library_code"] else "c", copy["location"]),
        ("h", copy["item_call_number"] or _shared_call_number(row)), ("p", copy["barcode"]),
        ("y", copy["item_type"]), ("r", "" if price is None else str(price)),
        ("v", acquired.isoformat() if acquired else ""),
        ("w", _word(row, ACQUISITIONS, "acquisition", copy["acquisition"])),
        ("o", _word(row, STATUSES, "status", copy["status"])),
    ]  # fmt: skip
    return _field("852", "  ", subfields)


def _shared_call_number(row: Row) -> str:
    """The record's call number for its copies, when the file has no per-copy column (SLiMS)."""
    return "" if "item_call_number" in row.columns else row.get("call_number")


def _word(row: Row, words: dict[str, str], key: str, text: str) -> str:
    found = words.get(text.strip().lower()) if text else ""
    if found is None:
        row.drop(key, text, _("nilai tidak dikenal"))
    return found or ""


def parse_price(text: str) -> Decimal | None:
    """A price as written in Indonesia ("Rp 75.000", "75.000,00", "75000", "12.50"), or None."""
    digits = re.sub(r"(?i)^\s*(rp\.?|idr)\s*", "", text).replace(" ", "")
    if not re.fullmatch(r"[0-9][0-9.,]*", digits):
        return None
    if "," in digits and "." in digits:
        mark = "," if digits.rfind(",") > digits.rfind(".") else "."
    elif "," in digits:
        mark = "," if re.fullmatch(r"\d+,\d{1,2}", digits) else ""
    else:
        mark = "." if re.fullmatch(r"\d+\.\d{1,2}", digits) else ""
    whole, _sep, fraction = digits.rpartition(mark) if mark else (digits, "", "")
    try:
        return Decimal(re.sub(r"[.,]", "", whole) + ("." + fraction if fraction else ""))
    except InvalidOperation:
        return None


def _price(row: Row, text: str, currency: str) -> Decimal | None:
    if not text:
        return None
    if currency.strip().upper() not in RUPIAH:
        row.drop("currency", currency, _("harga hanya dicatat dalam rupiah"))
        return None
    price = parse_price(text)
    if price is None:
        row.drop("price", text, _("bukan angka harga"))
    return price


def parse_date(text: str) -> date | None:
    """A date written "14-02-2015", "14/02/2015", "2015-02-14" or "20150214", or None."""
    text = text.strip()
    match = DAY_FIRST.fullmatch(text) or DATE.fullmatch(text)
    if match is None:
        return None
    parts = {k.rstrip("2"): v for k, v in match.groupdict().items() if v}
    try:
        return date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
    except ValueError:
        return None


def _date(row: Row, text: str) -> date | None:
    found = parse_date(text) if text else None
    if text and found is None:
        row.drop("acquired_on", text, _("tanggal tidak dikenali; tulis HH-BB-TTTT"))
    return found


def row_values(record: pymarc.Record) -> dict[str, str]:
    """The export columns of ``record`` by key; reading them back gives the same fields."""
    fields = bib_fields(record)
    title = record.get("245")
    responsibility = ""
    if title is not None and not title.is_control_field():
        responsibility = strip_isbd(" ".join(title.get_subfields("c")))
    calls = (v for f in record.get_fields("099", "092", "090") for v in f.get_subfields("a"))
    return {
        "control_number": fields.control_number, "control_source": fields.control_source,
        "title": fields.title, "subtitle": fields.subtitle, "responsibility": responsibility,
        "authors": list_cell(fields.authors), "edition": fields.edition, "place": fields.place,
        "publisher": fields.publisher, "year": str(fields.year or ""), "physical": fields.physical,
        "isbn": "; ".join(fields.isbns), "issn": "; ".join(fields.issns), "ddc": fields.ddc,
        "call_number": strip_isbd(next(calls, "")), "language": fields.language,
        "subjects": list_cell(fields.subjects), "series": list_cell(fields.series),
        "summary": fields.summary, "notes": _per_copy(fields.notes),
        "material_type": fields.material_type, **_copy_values(record),
    }  # fmt: skip


def _copy_values(record: pymarc.Record) -> dict[str, str]:
    items = holdings(record)
    return {
        "barcode": _per_copy(i.barcode for i in items),
        "library_code": _per_copy(i.library_code for i in items),
        "location": _per_copy(i.location for i in items),
        "item_call_number": _per_copy(i.call_number for i in items),
        "item_type": _per_copy(i.item_type for i in items),
        "price": _per_copy("" if i.price is None else str(i.price) for i in items),
        "acquisition": _per_copy(i.acquisition for i in items),
        "acquired_on": _per_copy(i.acquired_on.isoformat() if i.acquired_on else "" for i in items),
        "status": _per_copy(i.status_hint for i in items),
    }


def _per_copy(values: Iterable[str]) -> str:
    """One cell for several values: joined by " | ", or "" when all are empty."""
    parts = [value.replace("|", "/") for value in values]
    return " | ".join(parts) if any(parts) else ""
