"""CQL trees run against the catalog's search index.

Indexes (any of the names in ``INDEXES``) map to the index's fields: title, creator, subject,
isbn and anywhere. Relations: ``=`` (one word: the word; several: the words in that order),
``adj`` (in order), ``all`` (every word), ``any`` (at least one word), ``exact`` and ``==``
(title: the whole title, folded, without a leading article; isbn: the number; subject: the
heading as written; creator and anywhere: the words in that order). A word may end in ``*``
(truncation). Words are folded and stemmed as the OPAC does (``catalog/search/analyzer.py``),
so ``membaca`` finds ``baca``. Results come in order of relevance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simpul.catalog.indexing import catalog_index
from simpul.catalog.marc.writer import ARTICLES
from simpul.catalog.search import (
    And,
    BooleanQuery,
    Exact,
    MatchAll,
    Not,
    Or,
    Words,
    looks_like_isbn,
    tokens,
)
from simpul.network.sru.cql import Boolean, Node, Query, SearchClause
from simpul.network.sru.diagnostics import SruDiagnostic

# Context sets we know, by their usual prefix and by URI.
CONTEXT_SETS = {
    "cql": "info:srw/cql-context-set/1/cql-v1.2",
    "dc": "info:srw/cql-context-set/1/dc-v1.1",
    "bath": "http://zing.z3950.org/cql/bath/2.0/",
}
_SET_BY_URI = {uri: name for name, uri in CONTEXT_SETS.items()} | {
    "info:srw/cql-context-set/1/cql-v1.1": "cql",
    "info:srw/cql-context-set/1/dc-v1.0": "dc",
}
# index name (prefix.name, or a bare name) -> what it searches
INDEXES: dict[str, str] = {
    "title": "title", "dc.title": "title", "bath.title": "title",
    "creator": "author", "author": "author", "dc.creator": "author", "bath.author": "author",
    "bath.name": "author", "bath.personalname": "author", "dc.contributor": "author",
    "subject": "subject", "dc.subject": "subject", "bath.subject": "subject",
    "isbn": "isbn", "bath.isbn": "isbn", "dc.identifier": "isbn",
    "anywhere": "any", "cql.serverchoice": "any", "cql.anywhere": "any",
    "cql.anyindexes": "any", "cql.keywords": "any", "bath.any": "any",
    "cql.allrecords": "all_records",
}  # fmt: skip
# What the explain record lists: (index set, name, Indonesian title).
EXPLAINED_INDEXES = [
    ("dc", "title", "title"),
    ("dc", "creator", "author"),
    ("dc", "subject", "subject"),
    ("bath", "isbn", "isbn"),
    ("cql", "serverChoice", "any"),
    ("cql", "anywhere", "any"),
]
RELATIONS = ("=", "==", "exact", "all", "any", "adj")
RELATION_MODIFIERS = ("relevant", "stem", "ignorecase", "ignoreaccents", "word")
MAX_START = 10_000  # like the OPAC: nobody pages past record 10,000


@dataclass(frozen=True)
class Found:
    total: int
    record_ids: list[int]


def run(query: Query, start: int, limit: int) -> Found:
    """Records matching ``query`` from position ``start`` (1-based), at most ``limit``.

    Raises SruDiagnostic for what the query asks that the catalog cannot do.
    """
    if query.sort_keys:
        raise SruDiagnostic(80, query.sort_keys)
    tree = _node(query.root, query.prefixes)
    index = catalog_index()
    if start - 1 > MAX_START:
        raise SruDiagnostic(61, str(start), f"Records after {MAX_START} cannot be retrieved")
    total, record_ids = index.find(tree, offset=start - 1, limit=limit)
    return Found(total, record_ids)


def _node(node: Node, prefixes: dict[str, str]) -> BooleanQuery:
    if isinstance(node, Boolean):
        if node.modifiers:
            raise SruDiagnostic(46, node.modifiers[0].name)
        left = _node(node.left, prefixes)
        right = _node(node.right, prefixes)
        if node.operator == "and":
            return And((left, right))
        if node.operator == "or":
            return Or((left, right))
        if node.operator == "not":
            return Not(left, right)
        raise SruDiagnostic(37, node.operator)
    return _clause(node, prefixes)


def resolve_index(name: str, prefixes: dict[str, str]) -> str:
    """What an index name searches ("title", "author", ...); raises diagnostic 15 or 16."""
    lowered = name.lower()
    prefix, dot, rest = lowered.partition(".")
    if dot and prefix in prefixes:  # a prefix the query assigned: map its URI to our name
        known = _SET_BY_URI.get(prefixes[prefix])
        if known is None:
            raise SruDiagnostic(15, prefixes[prefix])
        lowered = f"{known}.{rest}"
    elif dot and prefix not in CONTEXT_SETS:
        raise SruDiagnostic(15, prefix)
    if lowered not in INDEXES:
        raise SruDiagnostic(16, name)
    return INDEXES[lowered]


def _clause(clause: SearchClause, prefixes: dict[str, str]) -> BooleanQuery:
    field = resolve_index(clause.index, prefixes)
    relation = clause.relation
    if relation not in RELATIONS:
        raise SruDiagnostic(19, relation)
    for modifier in clause.modifiers:
        if modifier.name not in RELATION_MODIFIERS or modifier.comparison:
            raise SruDiagnostic(20, modifier.name)
    if field == "all_records":
        return MatchAll()
    words, prefix_last = _words(clause.term)
    if field == "isbn":
        return _isbn(clause.term, relation)
    if relation in ("exact", "==") and field == "title":
        return _exact_title(words)
    if relation in ("exact", "==") and field == "subject":
        return Exact("subject", clause.term.strip())
    if field == "any" and looks_like_isbn(clause.term.strip()):  # as the OPAC's search box
        return Or((_isbn(clause.term, "="), _text(field, relation, words, prefix_last)))
    return _text(field, relation, words, prefix_last)


def _text(field: str, relation: str, words: list[str], prefix_last: bool) -> Words:
    if relation == "all" or (relation == "=" and len(words) == 1):
        return Words(field, tuple(words), "all", prefix_last)
    if relation == "any":
        return Words(field, tuple(words), "any", prefix_last)
    return Words(field, tuple(words), "phrase", prefix_last)


_MASK = re.compile(r"(?<!\\)[*?^]")


def _words(term: str) -> tuple[list[str], bool]:
    """The folded words of a term, and whether the last one is truncated (``pelang*``).

    A ``*`` that ends the term is truncation; any other masking character (``?``, ``^``, a
    ``*`` inside) answers diagnostic 28.
    """
    stripped = term.strip()
    truncated = stripped.endswith("*") and not stripped.endswith("\\*")
    body = stripped[:-1] if truncated else stripped
    if _MASK.search(body) or (truncated and not body[-1:].isalnum()):
        raise SruDiagnostic(28, term)
    words = tokens(body.replace("\\", " "))
    if not words:
        raise SruDiagnostic(27, term)
    return words, truncated


def _exact_title(words: list[str]) -> Or:
    """The whole title, folded, with or without a leading article (the index sorts without)."""
    forms = [Exact("title", " ".join(words))]
    if len(words) > 1 and f"{words[0]} " in ARTICLES:
        forms.append(Exact("title", " ".join(words[1:])))
    return Or(tuple(forms))


def _isbn(term: str, relation: str) -> BooleanQuery:
    """ISBNs; ``any``/``all`` take several separated by spaces."""
    values = term.split() if relation in ("any", "all") else [term]
    isbns = tuple(Exact("isbn", value) for value in values)
    return And(isbns) if relation == "all" else Or(isbns)
