"""Catalogue CSV: Simpul's own columns, and the SLiMS and INLISLite exports, as MARC records.

One row is one bibliographic record with its copies. Column names are matched after folding
case, spaces and punctuation ("NO. BARCODE" -> "no_barcode"); ``HEADERS`` is the whole list.
Several values in one cell are separated by ";" (authors, subjects, ISBNs, series, languages)
or by "|" (notes, and the copy columns, whose n-th values describe the n-th copy). The guide
for librarians is docs/guides/csv-import.md. ``row_values`` is the inverse used by export.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import pymarc
from django.utils.translation import gettext_lazy as _

from simpul.catalog.marc.csvrecord import RowProblem, row_record, row_values

__all__ = ["EXPORT_COLUMNS", "HEADERS", "read_csv", "row_values"]

# Folded column name -> what it holds. Simpul's names (English and Indonesian), then SLiMS's
# biblio export, then INLISLite's import template.
HEADERS = {
    "control_number": "control_number", "nomor_kontrol": "control_number",
    "control_source": "control_source", "sumber_kontrol": "control_source",
    "title": "title", "judul": "title", "subtitle": "subtitle", "anak_judul": "subtitle",
    "responsibility": "responsibility", "pernyataan_tanggung_jawab": "responsibility",
    "authors": "authors", "author": "authors", "pengarang": "authors",
    "added_authors": "added_authors", "pengarang_tambahan": "added_authors",
    "corporate_author": "corporate_author", "pengarang_badan": "corporate_author",
    "edition": "edition", "edisi": "edition",
    "place": "place", "tempat_terbit": "place", "kota_terbit": "place",
    "publisher": "publisher", "penerbit": "publisher",
    "year": "year", "tahun": "year", "tahun_terbit": "year",
    "physical": "physical", "deskripsi_fisik": "physical", "kolasi": "physical",
    "pages": "extent", "jumlah_halaman": "extent",
    "dimensions": "dimensions", "dimensi": "dimensions",
    "isbn": "isbn", "issn": "issn", "ddc": "ddc", "klasifikasi": "ddc",
    "call_number": "call_number", "nomor_panggil": "call_number",
    "language": "language", "bahasa": "language",
    "subjects": "subjects", "subject": "subjects", "subjek": "subjects",
    "series": "series", "seri": "series",
    "summary": "summary", "ringkasan": "summary", "abstrak": "summary",
    "notes": "notes", "catatan": "notes",
    "material_type": "material_type", "jenis_bahan": "material_type",
    "barcode": "barcode", "barkode": "barcode",
    "library_code": "library_code", "kode_perpustakaan": "library_code",
    "location": "location", "lokasi": "location",
    "item_call_number": "item_call_number", "nomor_panggil_eksemplar": "item_call_number",
    "item_type": "item_type", "jenis_eksemplar": "item_type",
    "price": "price", "harga": "price", "currency": "currency", "mata_uang": "currency",
    "acquisition": "acquisition", "cara_perolehan": "acquisition",
    "acquired_on": "acquired_on", "tanggal_perolehan": "acquired_on",
    "status": "status",
    # SLiMS (biblio + items, as exported by its "Export" menu and in slims_sample_biblio.csv)
    "biblio_id": "slims_id", "isbn_issn": "isbn", "collation": "physical",
    "series_title": "series", "classification": "ddc", "gmd": "material_type",
    "item_codes": "barcode",
    # INLISLite v3 (sample_data_koleksi_AACR.xlsx)
    "tgl_pengadaan": "acquired_on", "no_induk": "accession", "no_barcode": "barcode",
    "jenis_sumber": "acquisition", "kode_lokasi_perpustakaan": "library_code",
    "kode_lokasi_ruang": "location", "media": "item_type", "ketersediaan": "status",
    "judul_utama": "title", "pernyataan_tanggungjawab": "responsibility",
    "tajuk_pengarang": "authors", "tajuk_pengarang_badan_kooperasi": "corporate_author",
    "tajuk_pengarang_badan_korporasi": "corporate_author",
    "pengarang_tambahan_nama_orang": "added_authors",
    "pengarang_tambahan_nama_badan": "added_corporate", "no_ddc": "ddc",
    "nomor_panggil_katalog": "call_number", "subjek_topik": "subjects",
}  # fmt: skip
# Columns of those systems that Simpul knowingly does not import.
IGNORED = frozenset({
    "no", "no_rfid", "nama_sumber", "akses", "kategori", "ismn", "edisi_serial",
    "tgl_terbit_edisi_serial", "bahan_sertaan_serial", "keterangan_lain_serial",
})  # fmt: skip
# Export: the column key and the header written for it (Indonesian; English names are read too).
EXPORT_COLUMNS = [
    ("control_number", "nomor_kontrol"), ("control_source", "sumber_kontrol"), ("title", "judul"),
    ("subtitle", "anak_judul"), ("responsibility", "pernyataan_tanggung_jawab"),
    ("authors", "pengarang"), ("edition", "edisi"), ("place", "tempat_terbit"),
    ("publisher", "penerbit"), ("year", "tahun_terbit"), ("physical", "deskripsi_fisik"),
    ("isbn", "isbn"), ("issn", "issn"), ("ddc", "ddc"), ("call_number", "nomor_panggil"),
    ("language", "bahasa"), ("subjects", "subjek"), ("series", "seri"), ("summary", "ringkasan"),
    ("notes", "catatan"), ("material_type", "jenis_bahan"), ("barcode", "barkode"),
    ("library_code", "kode_perpustakaan"), ("location", "lokasi"),
    ("item_call_number", "nomor_panggil_eksemplar"), ("item_type", "jenis_eksemplar"),
    ("price", "harga"), ("acquisition", "cara_perolehan"), ("acquired_on", "tanggal_perolehan"),
    ("status", "status"),
]  # fmt: skip
SAMPLE_SIZE = 1 << 16
DELIMITERS = (",", ";", "\t")
LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
# "Ã©", "â€™" and the like: UTF-8 bytes shown as Windows-1252 characters.
MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00e2]"  # Â Ã â: the Windows-1252 reading of a UTF-8 lead byte
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013-\u203a\u20ac\u2122]"  # ... and of a continuation byte
)


@dataclass(frozen=True)
class CsvRow:
    """One data row as a record, or why it could not become one (the error names the column)."""

    position: int
    record: pymarc.Record | None
    error: str = ""
    line: int | None = None
    warnings: tuple[str, ...] = ()


def fold(header: str) -> str:
    """A column name folded for matching: lower case, runs of non-letters as one "_"."""
    return re.sub(r"[^0-9a-z]+", "_", header.strip().lstrip("\ufeff").lower()).strip("_")


def looks_like_csv(head: bytes) -> bool:
    """True when the first line of ``head`` is a CSV header: delimited, or one known column."""
    first = LINE_BREAK.split(head.decode("utf-8", "replace").lstrip("\ufeff"), maxsplit=1)[0]
    if not first.strip() or not first.replace("\t", " ").isprintable():
        return False
    return any(d in first for d in DELIMITERS) or fold(first) in HEADERS


def read_csv(stream: BinaryIO) -> Iterator[CsvRow]:
    """Every data row of a CSV file as a CsvRow; the first non-empty line is the header.

    The delimiter (comma, semicolon or tab) is taken from the header line; the encoding is
    UTF-8 (with or without BOM), else Windows-1252 (with a warning on the first row). A row
    without a title, or a file without a title column, is an error naming line and column;
    odd values in other columns are dropped with a warning. Never raises for bad content.
    """
    notes: list[str] = []
    lines = _text_lines(stream, notes)
    text, before = "", 0
    for text in lines:
        before += 1
        if text.strip():
            break
    delimiter = max(DELIMITERS, key=text.count)
    header = Header(
        [n.strip().lstrip("\ufeff") for n in next(csv.reader([text], delimiter=delimiter), [])]
    )
    if "title" not in header.columns:
        reason = _("Baris judul kolom tidak berisi kolom judul (title, judul, atau JUDUL UTAMA).")
        yield CsvRow(1, None, str(reason), before)
        return
    if header.unknown:
        notes.append(
            _("Kolom tidak dikenal diabaikan: {names}.").format(names=", ".join(header.unknown))
        )
    yield from _rows(csv.reader(lines, delimiter=delimiter), header, notes, before)


class Header:
    """The header row: each column's name as written and what it holds ("" = not imported)."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.keys = [HEADERS.get(fold(name), "") for name in names]
        self.columns: dict[str, str] = {}  # key -> the first column name holding it
        for name, key in zip(names, self.keys, strict=True):
            if key:
                self.columns.setdefault(key, name)
        self.unknown = [
            n
            for n, k in zip(names, self.keys, strict=True)
            if not k and n and fold(n) not in IGNORED
        ]

    def values(self, cells: list[str], warnings: list[str]) -> dict[str, str]:
        """Column key -> the first non-empty cell for it, with mojibake repaired."""
        values: dict[str, str] = {}
        for key, name, cell in zip(self.keys, self.names, cells, strict=False):
            if key and cell.strip() and key not in values:
                values[key] = _unmangle(cell.strip(), name, warnings)
        if len(cells) > len(self.keys) and any(c.strip() for c in cells[len(self.keys) :]):
            warnings.append(
                str(_("Baris ini punya lebih banyak sel daripada kolom; sisanya diabaikan."))
            )
        return values


def _rows(reader: Any, header: Header, notes: list[str], header_line: int) -> Iterator[CsvRow]:
    """The data rows; ``notes`` collects warnings for the next row (encoding, unknown columns)."""
    position, line = 0, header_line
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reason = _("CSV rusak mulai baris {line}: {detail}. Baris sesudahnya tidak dibaca.")
            yield CsvRow(position + 1, None, reason.format(line=start, detail=error), start)
            return
        line = header_line + reader.line_num  # the lines up to the header are not counted by it
        if not any(cell.strip() for cell in cells):
            continue
        position += 1
        warnings, notes[:] = list(notes), []
        values = header.values(cells, warnings)
        if "subtitle" not in header.columns:
            _split_subtitle(values)
        try:
            record, found = row_record(values, header.columns)
        except RowProblem as problem:
            yield CsvRow(position, None, str(problem), start, tuple(warnings))
        else:
            yield CsvRow(position, record, "", start, tuple(warnings + found))


def _split_subtitle(values: dict[str, str]) -> None:
    """SLiMS keeps "Title : subtitle" in one column; MARC wants them in 245 $a and $b."""
    title, colon, subtitle = values.get("title", "").partition(" : ")
    if colon and title.strip() and subtitle.strip():
        values["title"], values["subtitle"] = title.strip(), subtitle.strip()


def _unmangle(text: str, column: str, warnings: list[str]) -> str:
    """``text`` with UTF-8 that was decoded as Windows-1252 (once or twice) put right."""
    fixed = text
    for _round in range(3):
        if not MOJIBAKE.search(fixed):
            break
        try:
            fixed = fixed.encode("cp1252").decode("utf-8")
        except UnicodeError:
            break
    if fixed != text:
        reason = _("Kolom {column}: teks yang rusak pengodeannya diperbaiki menjadi '{value}'.")
        warnings.append(reason.format(column=column, value=fixed))
    return fixed


def _text_lines(stream: BinaryIO, notes: list[str]) -> Iterator[str]:
    """Decoded physical lines with their line breaks.

    The encoding is chosen from the first 64 KiB: UTF-8 when they are UTF-8, else Windows-1252
    (noted for the first row). A later line that is not UTF-8 is read as Windows-1252 too.
    """
    lines = iter(stream)
    sample: list[bytes] = []
    for raw in lines:
        sample.append(raw)
        if sum(map(len, sample)) > SAMPLE_SIZE:
            break
    if sample:
        sample[0] = sample[0].removeprefix(b"\xef\xbb\xbf")
    encoding = "utf-8" if _is_utf8(b"".join(sample)) else "cp1252"
    if encoding == "cp1252":
        notes.append(str(_("Berkas bukan UTF-8; dibaca sebagai Windows-1252.")))
    for raw in itertools.chain(sample, lines):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            notes.append(str(_("Baris ini bukan UTF-8; dibaca sebagai Windows-1252.")))
            text = _cp1252(raw)
        yield from _split_breaks(text)


def _is_utf8(data: bytes) -> bool:
    """True when ``data`` is UTF-8, allowing a character cut off at its end."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(data) - 3 and error.reason == "unexpected end of data"
    return True


def _cp1252(raw: bytes) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _split_breaks(text: str) -> Iterator[str]:
    parts = LINE_BREAK.split(text)
    for body, brk in zip(parts[0::2], [*parts[1::2], ""], strict=True):
        if body or brk:
            yield body + brk
