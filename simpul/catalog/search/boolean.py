"""Boolean searches of the catalog, as values that do not say which engine runs them.

The OPAC's search box reads into ``ParsedQuery`` (``query.py``); a protocol with its own query
language (SRU's CQL) builds a tree of these values instead and asks ``CatalogIndex.find`` for
the records matching it, in order of relevance. ``builder.py`` turns a tree into the engine's
query. Leaves are ``Words`` (analysed text, ranked by field weights as the OPAC ranks),
``Exact`` (a whole value) and ``MatchAll``; ``And``, ``Or`` and ``Not`` combine them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

WordsMode = Literal["all", "any", "phrase"]
ExactField = Literal["title", "subject", "isbn"]


@dataclass(frozen=True)
class Words:
    """Folded words (``analyzer.tokens``) in one field's texts, or in any text (``"any"``).

    ``mode`` says which must be there: ``"all"`` the words, ``"any"`` at least one of them,
    ``"phrase"`` all of them, consecutive and in order. A word matches as written and as every
    stem it may have (``membaca`` finds ``baca``). With ``truncated`` the last word is a prefix
    (``pelang`` finds ``pelangi``), matched as written only.
    """

    field: str  # "title", "author", "subject", "series", "publisher", "notes" or "any"
    words: tuple[str, ...]
    mode: WordsMode = "all"
    truncated: bool = False


@dataclass(frozen=True)
class Exact:
    """A field's whole value.

    ``"title"``: the folded title (``analyzer.fold``), compared with the title the index sorts
    by (which has no leading article); ``"subject"``: a heading as written; ``"isbn"``: an ISBN
    in any form (13 digits, 10, with hyphens), or anything else looked up as written.
    """

    field: ExactField
    value: str


@dataclass(frozen=True)
class MatchAll:
    """Every record."""


@dataclass(frozen=True)
class And:
    """Records matching every part; with no parts, every record."""

    parts: tuple[BooleanQuery, ...]


@dataclass(frozen=True)
class Or:
    """Records matching at least one part; with no parts, none."""

    parts: tuple[BooleanQuery, ...]


@dataclass(frozen=True)
class Not:
    """Records matching ``include`` but not ``exclude``."""

    include: BooleanQuery
    exclude: BooleanQuery


BooleanQuery = Words | Exact | MatchAll | And | Or | Not
