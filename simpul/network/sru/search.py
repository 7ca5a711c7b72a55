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
from functools import cache

import tantivy

from simpul.catalog.indexing import catalog_index
from simpul.catalog.marc.writer import ARTICLES
from simpul.catalog.search.analyzer import ENGLISH, INDONESIAN, query_variants, stem, tokens
from simpul.catalog.search.builder import ALL, EVERYWHERE, FIELD_TARGETS, Target
from simpul.catalog.search.isbn import looks_like_isbn, normalize_isbn
from simpul.catalog.search.schema import TITLE_SORT_LENGTH, build_schema
from simpul.network.sru.cql import Boolean, Node, Query, SearchClause
from simpul.network.sru.diagnostics import SruDiagnostic

Q = tantivy.Query

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
    tree = _node(_schema(), query.root, query.prefixes)
    # CatalogIndex.search reads the OPAC's query language, which has no OR or NOT, so SRU runs
    # its own tree on the index's searcher (a public accessor there would be cleaner).
    searcher = catalog_index()._index.searcher()
    if start - 1 > MAX_START:
        raise SruDiagnostic(61, str(start), f"Records after {MAX_START} cannot be retrieved")
    found = searcher.search(tree, limit=max(limit, 1), offset=start - 1, count=True)
    rows = found.hits[:limit] if limit else []
    ids = searcher.fast_field_values("record_id", [address for _, address in rows])
    total = int(found.count or 0)  # type: ignore[attr-defined]
    return Found(total, [int(rid) for rid in ids if rid is not None])


@cache
def _schema() -> tantivy.Schema:
    return build_schema()


def _node(schema: tantivy.Schema, node: Node, prefixes: dict[str, str]) -> tantivy.Query:
    if isinstance(node, Boolean):
        if node.modifiers:
            raise SruDiagnostic(46, node.modifiers[0].name)
        left = _node(schema, node.left, prefixes)
        right = _node(schema, node.right, prefixes)
        if node.operator == "and":
            return Q.boolean_query([(tantivy.Occur.Must, left), (tantivy.Occur.Must, right)])
        if node.operator == "or":
            return Q.boolean_query([(tantivy.Occur.Should, left), (tantivy.Occur.Should, right)])
        if node.operator == "not":
            return Q.boolean_query([(tantivy.Occur.Must, left), (tantivy.Occur.MustNot, right)])
        raise SruDiagnostic(37, node.operator)
    return _clause(schema, node, prefixes)


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


def _clause(schema: tantivy.Schema, clause: SearchClause, prefixes: dict[str, str]) -> Q:
    field = resolve_index(clause.index, prefixes)
    relation = clause.relation
    if relation not in RELATIONS:
        raise SruDiagnostic(19, relation)
    for modifier in clause.modifiers:
        if modifier.name not in RELATION_MODIFIERS or modifier.comparison:
            raise SruDiagnostic(20, modifier.name)
    if field == "all_records":
        return Q.all_query()
    words, prefix_last = _words(clause.term)
    if field == "isbn":
        return _isbn(schema, clause.term, relation)
    if relation in ("exact", "==") and field == "title":
        return _exact_title(schema, words)
    if relation in ("exact", "==") and field == "subject":
        return Q.term_query(schema, "subject", clause.term.strip())
    if field == "any" and looks_like_isbn(clause.term.strip()):  # as the OPAC's search box
        return _any(
            [_isbn(schema, clause.term, "="), _text(schema, field, relation, words, prefix_last)]
        )
    return _text(schema, field, relation, words, prefix_last)


def _text(
    schema: tantivy.Schema, field: str, relation: str, words: list[str], prefix_last: bool
) -> Q:
    targets = _targets(field)
    if relation == "all" or (relation == "=" and len(words) == 1):
        return _all([_word(schema, word, targets, prefix_last and i == len(words) - 1)
                     for i, word in enumerate(words)])  # fmt: skip
    if relation == "any":
        return _any([_word(schema, word, targets, prefix_last and i == len(words) - 1)
                     for i, word in enumerate(words)])  # fmt: skip
    return _phrase(schema, words, targets, prefix_last)


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


def _targets(field: str) -> tuple[Target, ...]:
    if field == "any":
        return (*EVERYWHERE, ALL)
    return FIELD_TARGETS[field]


def _word(schema: tantivy.Schema, word: str, targets: tuple[Target, ...], prefix: bool) -> Q:
    queries = []
    for target in targets:
        if prefix:
            query = Q.phrase_prefix_query(schema, target.field, [word])
            queries.append(Q.boost_query(query, target.boost))
            continue
        for form in query_variants(word) if target.stemmed else [word]:
            queries.append(Q.boost_query(Q.term_query(schema, target.field, form), target.boost))
    return _any(queries)


def _phrase(
    schema: tantivy.Schema, words: list[str], targets: tuple[Target, ...], prefix: bool
) -> Q:
    if len(words) == 1:
        return _word(schema, words[0], targets, prefix)
    queries = []
    for target in targets:
        forms = [words]
        if target.stemmed and not prefix:
            forms += [[stem(w, INDONESIAN) for w in words], [stem(w, ENGLISH) for w in words]]
        for form in dict.fromkeys(tuple(f) for f in forms):
            if prefix:
                query = Q.phrase_prefix_query(schema, target.field, list(form))
            else:
                query = Q.phrase_query(schema, target.field, list(form))
            queries.append(Q.boost_query(query, target.boost))
    return _any(queries)


def _exact_title(schema: tantivy.Schema, words: list[str]) -> Q:
    """The whole title, folded, with or without a leading article (the index sorts without)."""
    forms = [" ".join(words)[:TITLE_SORT_LENGTH]]
    if len(words) > 1 and f"{words[0]} " in ARTICLES:
        forms.append(" ".join(words[1:])[:TITLE_SORT_LENGTH])
    return _any([Q.term_query(schema, "title_sort", form) for form in forms])


def _isbn(schema: tantivy.Schema, term: str, relation: str) -> Q:
    """ISBNs as 13 digits; ``any``/``all`` take several separated by spaces."""
    values = term.split() if relation in ("any", "all") else [term]
    queries = []
    for value in values:
        # Not an ISBN: looked up as written, which finds nothing (as the OPAC does).
        isbn = normalize_isbn(value) or value
        queries.append(Q.term_query(schema, "isbn", isbn))
    return _all(queries) if relation == "all" else _any(queries)


def _any(queries: list[Q]) -> Q:
    if len(queries) == 1:
        return queries[0]
    return Q.boolean_query([(tantivy.Occur.Should, query) for query in queries])


def _all(queries: list[Q]) -> Q:
    if len(queries) == 1:
        return queries[0]
    return Q.boolean_query([(tantivy.Occur.Must, query) for query in queries])
