"""What people type into the search box, read into words, phrases and field searches.

``parse`` never raises: any text (very long, NUL bytes, stray quotes, only punctuation) gives a
``ParsedQuery``, possibly empty. The grammar is small on purpose:

- ``bumi manusia`` — words; every word must match somewhere (see ``index.py`` for fallbacks).
- ``"bumi manusia"`` — a phrase: consecutive words. An unclosed quote runs to the end.
- ``judul:bumi``, ``pengarang:"pramoedya ananta"`` — a field search, Indonesian or English
  name (``FIELD_ALIASES``). ``judul: bumi`` applies the field to the next word. An unknown
  ``foo:bar`` is read as the words ``foo`` and ``bar``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simpul.catalog.search.analyzer import fold

# Longer input is cut: nobody types more, and every part costs the engine work.
MAX_QUERY_LENGTH = 500
MAX_PARTS = 24

FIELD_ALIASES = {
    "judul": "title",
    "title": "title",
    "pengarang": "author",
    "penulis": "author",
    "author": "author",
    "subjek": "subject",
    "subject": "subject",
    "isbn": "isbn",
    "penerbit": "publisher",
    "publisher": "publisher",
    "seri": "series",
    "series": "series",
    "tahun": "year",
    "year": "year",
}
# The alias written back into a suggested query, per language of the original.
_WRITTEN_ALIAS = {"title": "judul", "author": "pengarang", "subject": "subjek", "isbn": "isbn"}

_PART = re.compile(
    r"""(?:(?P<field>[^\W\d_]+):)?      # an optional field name
        (?:"(?P<phrase>[^"]*)"?         # a quoted phrase (the closing quote may be missing)
          |(?P<word>[^\s"]+)            # or a bare word
        )?""",
    re.VERBOSE,
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Part:
    """A word, a phrase or a field search; ``text`` is as typed, without quotes."""

    text: str
    field: str | None = None  # a canonical field name ("title", "author", ...) or None
    phrase: bool = False

    def written(self, text: str | None = None, alias: str | None = None) -> str:
        """This part as it would be typed, optionally with other words."""
        value = self.text if text is None else text
        if self.phrase:
            value = f'"{value}"'
        if self.field:
            value = f"{alias or _WRITTEN_ALIAS.get(self.field, self.field)}:{value}"
        return value


@dataclass(frozen=True)
class ParsedQuery:
    parts: tuple[Part, ...] = ()

    @property
    def terms(self) -> list[str]:
        """Bare words searched in every field."""
        return [p.text for p in self.parts if p.field is None and not p.phrase]

    @property
    def phrases(self) -> list[str]:
        """Quoted phrases searched in every field."""
        return [p.text for p in self.parts if p.field is None and p.phrase]

    @property
    def fielded(self) -> list[Part]:
        return [p for p in self.parts if p.field is not None]

    def __bool__(self) -> bool:
        return bool(self.parts)


def parse(text: str) -> ParsedQuery:
    """Read search-box text into parts; see the module docstring for the grammar."""
    if not isinstance(text, str):
        return ParsedQuery()
    text = _CONTROL.sub(" ", text[:MAX_QUERY_LENGTH])
    parts: list[Part] = []
    pending_field: str | None = None
    for match in _PART.finditer(text):
        if len(parts) >= MAX_PARTS:
            break
        if not match.group(0):
            continue
        name, phrase, word = match.group("field", "phrase", "word")
        field = FIELD_ALIASES.get(fold(name)) if name else None
        if name and field is None:
            parts.extend(_parts_of(name, None, phrase=False))
        field = field or pending_field
        pending_field = None
        if phrase is None and word is None:
            pending_field = field  # "judul: bumi" — the field applies to the next part
            continue
        parts.extend(_parts_of(phrase if phrase is not None else word, field, phrase is not None))
    return ParsedQuery(tuple(parts[:MAX_PARTS]))


def _parts_of(text: str | None, field: str | None, phrase: bool) -> list[Part]:
    text = (text or "").strip()
    if not fold(text):
        return []  # empty or only punctuation
    return [Part(text=text, field=field, phrase=phrase)]
