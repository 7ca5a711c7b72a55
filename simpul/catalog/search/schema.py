"""The tantivy schema of the catalog index and how a ``SearchDoc`` becomes a tantivy document.

Text is analyzed in Python (``analyzer.py``) and handed to tantivy as space-separated words
with its whitespace tokenizer, so index and query time share one analyzer. Each searchable
text is indexed twice where stems help: ``*_x`` holds folded words (exact matches, boosted),
``*_s`` holds stems in the record's language; ``all_s`` holds every text once more, so
deciding whether a record matches costs one lookup per word (the per-field lookups only rank).
Facet fields are raw, fast text fields that terms aggregations count.
"""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from typing import Any

import tantivy

from simpul.catalog.search.analyzer import stem_tokens, tokens
from simpul.catalog.search.documents import SearchDoc
from simpul.catalog.search.isbn import normalize_isbn

# Bump when the schema or the analyzer changes: a new version lives in a new directory and is
# filled by `manage.py reindex`.
SCHEMA_VERSION = 3

# Text fields: folded (x) and stemmed (s) forms, and their weights in relevance.
EXACT_FIELDS = ("title_x", "author_x", "subject_x", "series_x", "publisher_x")
STEMMED_FIELDS = ("title_s", "subject_s", "series_s", "notes_s", "all_s")
# Raw values counted by facets and matched by filters (fast, exact, case-sensitive).
FACET_TEXT_FIELDS = ("library", "available", "material_type", "language", "subject")
TITLE_SORT_LENGTH = 80
# Joins a record's holding libraries into one value of ``library_set``: counting a
# single-valued field is several times faster than counting the multi-valued ``library``.
LIBRARY_SET_SEPARATOR = "\x1f"


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("record_id", indexed=True, fast=True)
    for name in (*EXACT_FIELDS, *STEMMED_FIELDS):
        builder.add_text_field(name, tokenizer_name="whitespace")
    builder.add_text_field("isbn", tokenizer_name="raw", index_option="basic")
    for name in FACET_TEXT_FIELDS:
        builder.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("library_set", fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("available_any", indexed=True, fast=True)
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("decade", fast=True)
    builder.add_unsigned_field("added", fast=True)
    builder.add_text_field("title_sort", fast=True, tokenizer_name="raw", index_option="basic")
    # Titles, authors and subjects as written, for type-ahead and spelling suggestions.
    builder.add_bytes_field("display", stored=True)
    return builder.build()


def to_document(doc: SearchDoc, schema: tantivy.Schema) -> tantivy.Document:
    """The tantivy document of one record; every value is analyzed here."""
    return tantivy.Document.from_dict(document_fields(doc), schema)


def document_fields(doc: SearchDoc) -> dict[str, Any]:
    return {
        **text_fields(doc),
        **holding_fields(doc.record_id, doc.libraries, doc.available_libraries, doc.added),
    }


def text_fields(doc: SearchDoc) -> dict[str, Any]:
    """The analysed part of a document: everything but the record id, holdings and date.

    Importing computes it in the processes that read the file, away from the writing one.
    """
    language = doc.language or ""
    subjects = _unique(doc.subjects)
    title_x, title_s = _analyzed([doc.title, doc.subtitle], language)
    subject_x, subject_s = _analyzed(subjects, language)
    series_x, series_s = _analyzed(doc.series, language)
    authors, publisher = _analyzed(doc.authors, "")[0], _analyzed([doc.publisher], "")[0]
    notes = _analyzed([*doc.notes, doc.summary], language)[1]
    fields: dict[str, Any] = {
        "title_x": title_x,
        "title_s": title_s,
        "author_x": authors,
        "subject_x": subject_x,
        "subject_s": subject_s,
        "series_x": series_x,
        "series_s": series_s,
        "publisher_x": publisher,
        "notes_s": notes,
        "all_s": [*title_s, *authors, *subject_s, *series_s, *publisher, *notes],
        "isbn": _unique(isbn for isbn in map(normalize_isbn, doc.isbns) if isbn),
        "material_type": _present([doc.material_type]),
        "language": _present([language]),
        "subject": subjects,
        "title_sort": _folded(doc.title_sort or doc.title)[:TITLE_SORT_LENGTH],
        "display": _display(doc),
    }
    if doc.year is not None:
        fields["year"] = doc.year
        fields["decade"] = doc.year - doc.year % 10
    return {name: value for name, value in fields.items() if value != []}


def text_json(doc: SearchDoc) -> str:
    """``text_fields`` as the JSON text ``CatalogIndex.add_json`` takes with ``holding_json``:
    cheap to pass between processes (the bytes field goes as base64, as tantivy reads JSON)."""
    fields = text_fields(doc)
    fields["display"] = base64.b64encode(fields["display"]).decode("ascii")
    return _compact_json(fields)


def holding_json(
    record_id: int, libraries: list[str], available_libraries: list[str], added: int
) -> str:
    """``holding_fields`` as JSON text."""
    return _compact_json(holding_fields(record_id, libraries, available_libraries, added))


def joined_json(text: str, holdings: str) -> str:
    """One document from ``text_json`` and ``holding_json`` (two JSON objects, merged)."""
    return f"{text[:-1]},{holdings[1:]}"


_compact_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def holding_fields(
    record_id: int, libraries: list[str], available_libraries: list[str], added: int
) -> dict[str, Any]:
    """The part of a document that changes with the record's copies: who holds it, where it is
    on the shelf now (a subset of ``libraries``), and when it was added."""
    held = _unique(libraries)
    available = _unique(available_libraries)
    fields: dict[str, Any] = {
        "record_id": record_id,
        "library": held,
        "library_set": LIBRARY_SET_SEPARATOR.join(sorted(held)) or LIBRARY_SET_SEPARATOR,
        "available": available,
        "available_any": 1 if available else 0,
        "added": max(added, 0),
    }
    return {name: value for name, value in fields.items() if value != []}


def _display(doc: SearchDoc) -> bytes:
    shown = {"t": doc.title, "a": _present(doc.authors), "s": _present(doc.subjects)}
    return _compact_json(shown).encode()


def read_display(stored: tantivy.Document) -> list[str]:
    """The title, authors and subjects stored with a record."""
    raw = stored.get_first("display")
    if not raw:
        return []
    shown = json.loads(bytes(raw))
    return [shown.get("t") or "", *shown.get("a", []), *shown.get("s", [])]


def _present(values: list[str]) -> list[str]:
    return [value.strip() for value in values if value and value.strip()]


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(value.strip() for value in values if value and value.strip()))


def _analyzed(values: list[str], language: str) -> tuple[list[str], list[str]]:
    """Each non-empty value folded, and stemmed for ``language``: one string per value."""
    folded, stemmed = [], []
    for value in values:
        if value and (pair := _analyzed_value(value, language)) is not None:
            folded.append(pair[0])
            stemmed.append(pair[1])
    return folded, stemmed


def _folded(value: str) -> str:
    """``fold(value)``, through the cache of analysed values."""
    pair = _analyzed_value(value, "") if value else None
    return pair[0] if pair else ""


@lru_cache(maxsize=65_536)
def _analyzed_value(value: str, language: str) -> tuple[str, str] | None:
    # Subjects, publishers, authors and series repeat across a catalog: a bulk import or a
    # reindex analyses each distinct value once.
    words = tokens(value)
    if not words:
        return None
    return " ".join(words), " ".join(stem_tokens(words, language))
