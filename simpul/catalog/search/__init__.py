"""Catalog search: the only code in Simpul that knows the engine is tantivy.

The rest of Simpul uses this narrow interface: build ``SearchDoc`` values, feed them to a
``CatalogIndex`` (``add_many``/``replace_many``/``delete_many``, ``commit``), and ask it
``search(SearchQuery)`` for a ``SearchResult`` or ``suggest(prefix)`` for type-ahead; a
protocol with its own query language builds a boolean query (``Words``, ``Exact``, ``And``,
``Or``, ``Not``, ``MatchAll``) and asks ``find`` for the matching record ids. A bulk
writer may analyse documents elsewhere first: ``text_json`` (plain text, computed in another
process), ``joined_json`` with ``holding_json``, goes to ``CatalogIndex.add_json``. Another
engine (OpenSearch for a national catalog) would replace ``index.py`` and its helpers
(``schema.py``, ``builder.py``, ``facets.py``) behind the same names.
"""

from simpul.catalog.search.analyzer import analyze, fold, stem, tokens
from simpul.catalog.search.boolean import And, BooleanQuery, Exact, MatchAll, Not, Or, Words
from simpul.catalog.search.documents import (
    FACET_GROUPS,
    Hit,
    SearchDoc,
    SearchQuery,
    SearchResult,
)
from simpul.catalog.search.index import CatalogIndex, SearchIndexBusy
from simpul.catalog.search.isbn import looks_like_isbn
from simpul.catalog.search.query import ParsedQuery, parse
from simpul.catalog.search.schema import holding_json, joined_json, text_json

__all__ = [
    "FACET_GROUPS",
    "And",
    "BooleanQuery",
    "CatalogIndex",
    "Exact",
    "Hit",
    "MatchAll",
    "Not",
    "Or",
    "ParsedQuery",
    "SearchDoc",
    "SearchIndexBusy",
    "SearchQuery",
    "SearchResult",
    "Words",
    "analyze",
    "fold",
    "holding_json",
    "joined_json",
    "looks_like_isbn",
    "parse",
    "stem",
    "text_json",
    "tokens",
]
