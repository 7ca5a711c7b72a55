"""The catalog's search index: one tantivy index in a directory, one writer, many readers.

The worker owns the writer (tantivy allows one per index; a second raises ``SearchIndexBusy``)
and commits; web processes only search and see a commit within about a second (the reader
reloads when the index's meta file changes) or at once after ``reload()``.

A search tries, in order: every word as typed (stems and exact forms); if nothing matches,
every word with typos tolerated (and a spelling suggestion); if still nothing, fewer words
(``dropped_words`` says which). Facets count the match set the hits came from. ``find`` runs a
boolean query (``boolean.py``) as it is, without fallbacks or facets.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tantivy
from django.utils.translation import gettext_lazy as _

from simpul.catalog.search.analyzer import tokens
from simpul.catalog.search.boolean import BooleanQuery
from simpul.catalog.search.builder import (
    Clause,
    boolean_query,
    build_clauses,
    clean_values,
    conjunction,
    filter_queries,
)
from simpul.catalog.search.documents import Hit, SearchDoc, SearchQuery, SearchResult
from simpul.catalog.search.facets import start_facets
from simpul.catalog.search.query import parse
from simpul.catalog.search.schema import (
    EXACT_FIELDS,
    SCHEMA_VERSION,
    build_schema,
    read_display,
    to_document,
)
from simpul.catalog.search.spelling import completions, corrections
from simpul.lib.errors import SimpulError

__all__ = ["CatalogIndex", "Hit", "SearchDoc", "SearchIndexBusy", "SearchQuery", "SearchResult"]

# The writer's indexing memory. tantivy needs at least 15 MB per indexing thread; 64 MB with one
# thread fits a 2-core machine with little memory and flushes segments of ~100,000 records.
DEFAULT_HEAP_SIZE = 64_000_000
MIN_HEAP_PER_THREAD = 15_000_000
MAX_LIMIT = 10_000  # the largest page: exports take up to 10,000 records
MAX_OFFSET = 10_000  # deeper pages come back empty: nobody reads result 10,001
FEW_HITS = 3  # below this many hits, look for a spelling suggestion
SUGGESTION_SOURCES = 20  # records read to find a correction
COMPLETION_SOURCES = 40  # records read to find type-ahead completions


class SearchIndexBusy(SimpulError):
    code = "SEARCH_INDEX_BUSY"
    template = _("Indeks pencarian sedang diperbarui oleh proses lain: {path}")
    status = 503


@dataclass
class _Match:
    total: int
    hits: list[Hit]
    suggestion: str | None = None
    dropped: list[str] = field(default_factory=list)
    matching: tantivy.Query | None = None  # set when a fallback matched other records


class CatalogIndex:
    """The search index of bibliographic records.

    ``CatalogIndex(path)`` opens (or creates) the index under ``path``, in a subdirectory per
    schema version; ``CatalogIndex()`` keeps it in memory, for tests. Writes are buffered
    until ``commit()``; the writer is taken on the first write and held until ``close()``.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        heap_size: int = DEFAULT_HEAP_SIZE,
        threads: int = 1,
    ) -> None:
        self._schema = build_schema()
        self.path: Path | None = None
        if path is None:
            self._index = tantivy.Index(self._schema)
        else:
            self.path = Path(path) / f"catalog-v{SCHEMA_VERSION}"
            self.path.mkdir(parents=True, exist_ok=True)
            self._index = tantivy.Index(self._schema, path=str(self.path), reuse=True)
            self._index.config_reader("commit")
        self._threads = max(threads, 1)
        self._heap_size = max(heap_size, MIN_HEAP_PER_THREAD * self._threads)
        self._writer: tantivy.IndexWriter | None = None
        self._lock = threading.RLock()

    # Writing (the worker only)

    def add_many(self, docs: Iterable[SearchDoc]) -> int:
        """Queue records for the next commit; returns how many."""
        with self._lock:
            writer = self._take_writer()
            added = 0
            for doc in docs:
                writer.add_document(to_document(doc, self._schema))
                added += 1
            return added

    def add_json(self, documents: Iterable[str]) -> int:
        """Queue documents already made as JSON (``joined_json`` of ``text_json`` and
        ``holding_json``): the bulk path, which leaves parsing to the engine."""
        with self._lock:
            writer = self._take_writer()
            added = 0
            for text in documents:
                writer.add_json(text)
                added += 1
            return added

    def delete_many(self, record_ids: Iterable[int]) -> None:
        """Queue the removal of records (unknown ids are ignored)."""
        ids = [int(record_id) for record_id in record_ids]
        with self._lock:
            writer = self._take_writer()
            for start in range(0, len(ids), 1000):
                # By query: the binding's delete_documents_by_term makes a signed-integer term,
                # which never matches the unsigned record_id field.
                chunk = Q.term_set_query(self._schema, "record_id", ids[start : start + 1000])
                writer.delete_documents_by_query(chunk)

    def replace_many(self, docs: Iterable[SearchDoc]) -> int:
        """Queue new versions of records, added or changed."""
        docs = list(docs)
        with self._lock:
            self.delete_many(doc.record_id for doc in docs)
            return self.add_many(docs)

    def commit(self) -> None:
        """Make queued changes durable and visible to this process's searches."""
        with self._lock:
            if self._writer is not None:
                self._writer.commit()
            self._index.reload()

    def clear(self) -> None:
        """Queue the removal of every record committed so far.

        Like every change it takes effect at the next ``commit()``, so a rebuild (clear, add
        everything, commit) replaces the index at once and searches never see it half empty.
        """
        with self._lock:
            self._take_writer().delete_all_documents()

    def close(self) -> None:
        """Let background merges finish and release the writer, so another process may write."""
        with self._lock:
            if self._writer is not None:
                self._writer.commit()
                self._writer.wait_merging_threads()
                self._writer = None
            self._index.reload()

    def _take_writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self._index.writer(self._heap_size, self._threads)
            except ValueError as error:
                raise SearchIndexBusy(path=str(self.path or "memory")) from error
        return self._writer

    # Reading

    def reload(self) -> None:
        """See the latest commit now rather than within a second."""
        self._index.reload()

    def count(self) -> int:
        return int(self._index.searcher().num_docs)

    def search(self, query: SearchQuery) -> SearchResult:
        """One page of records matching ``query``, the facets of all of them, and hints."""
        started = time.perf_counter()
        searcher = self._index.searcher()
        clauses = build_clauses(self._schema, parse(query.text))
        filters = filter_queries(self._schema, query.filters)
        libraries = clean_values((query.filters or {}).get("library", []))
        strict = conjunction(clauses, filters, ranked=False)
        # Facets are counted on other threads while this one ranks the page of hits.
        pending = start_facets(searcher, self._schema, strict, libraries) if query.facets else None
        match = self._match(searcher, clauses, filters, query)
        facets = {}
        if pending is not None:
            if match.matching is not None:  # a fallback matched other records
                pending.finish()
                pending = start_facets(searcher, self._schema, match.matching, libraries)
            facets = pending.finish()
        return SearchResult(
            total=match.total,
            hits=match.hits,
            facets=facets,
            suggestion=match.suggestion,
            dropped_words=match.dropped,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Titles, authors and subjects holding the typed words, the last one unfinished.

        Field names and quotes are ignored (``judul:"bumi ma`` completes ``bumi ma``); a
        trailing space means the last word is finished.
        """
        typed = " ".join(part.text for part in parse(prefix[:200]).parts)
        typed += " " if prefix[:200][-1:].isspace() else ""
        words = tokens(typed)[:8]
        if not words or limit <= 0:
            return []
        complete, last = (words, None) if typed.endswith(" ") else (words[:-1], words[-1])
        fields = ("title_x", "author_x", "subject_x")
        required = [_any_field(self._schema, fields, word) for word in complete]
        if last:
            prefixes = [Q.phrase_prefix_query(self._schema, f, [last]) for f in fields]
            required.append(_should(prefixes))
        searcher = self._index.searcher()
        query = Q.boolean_query([(tantivy.Occur.Must, q) for q in required])
        hits = searcher.search(query, limit=COMPLETION_SOURCES, count=False).hits
        texts = [text for _, address in hits for text in read_display(searcher.doc(address))]
        return completions(typed, texts, limit)

    def find(self, query: BooleanQuery, offset: int = 0, limit: int = 20) -> tuple[int, list[int]]:
        """How many records match ``query``, and the ids of at most ``limit`` of them from
        ``offset`` (0-based) in order of relevance. Past ``MAX_OFFSET`` the page is empty.

        Raises ValueError for a field the query names that the index cannot search.
        """
        tree = boolean_query(self._schema, query)
        limit = min(max(limit, 0), MAX_LIMIT)
        offset = max(offset, 0)
        searcher = self._index.searcher()
        if offset > MAX_OFFSET:
            return self._count(searcher, tree), []
        found = searcher.search(tree, limit=max(limit, 1), offset=offset, count=True)
        rows = found.hits[:limit]
        ids = searcher.fast_field_values("record_id", [address for _, address in rows])
        return _total(found), [int(record_id) for record_id in ids if record_id is not None]

    def _match(
        self,
        searcher: tantivy.Searcher,
        clauses: list[Clause],
        filters: list[tantivy.Query],
        query: SearchQuery,
    ) -> _Match:
        strict = conjunction(clauses, filters)
        total, hits = self._page(searcher, strict, query, any(c.words for c in clauses))
        if total or not clauses:
            few = 0 < total < FEW_HITS
            suggestion = self._correction(searcher, clauses, filters) if few else None
            return _Match(total, hits, suggestion)
        if any(clause.fuzzy for clause in clauses):
            fuzzy = conjunction(clauses, filters, fuzzy=True)
            total, hits = self._page(searcher, fuzzy, query, True)
            if total:
                suggestion = self._correction(searcher, clauses, filters)
                matching = conjunction(clauses, filters, fuzzy=True, ranked=False)
                return _Match(total, hits, suggestion, matching=matching)
        kept, dropped = self._drop_words(searcher, clauses, filters)
        if not (kept and dropped):
            return _Match(0, [])
        fewer = conjunction(kept, filters, fuzzy=True)
        total, hits = self._page(searcher, fewer, query, True)
        suggestion = self._correction(searcher, kept, filters)
        matching = conjunction(kept, filters, fuzzy=True, ranked=False)
        words = [clause.part.text for clause in dropped]
        return _Match(total, hits, suggestion, words, matching)

    def _page(
        self, searcher: tantivy.Searcher, query: tantivy.Query, request: SearchQuery, text: bool
    ) -> tuple[int, list[Hit]]:
        limit = min(max(request.limit, 0), MAX_LIMIT)
        offset = max(request.offset, 0)
        if offset > MAX_OFFSET:
            return self._count(searcher, query), []
        sort = request.sort if request.sort in ("newest", "title") else "relevance"
        if sort == "relevance" and not text:
            sort = "newest"  # browsing by filters alone: newest first
        field, order = _ORDERINGS[sort]
        found = searcher.search(
            query, limit=max(limit, 1), offset=offset, count=True, order_by_field=field, order=order
        )
        rows = found.hits[:limit]
        ids = searcher.fast_field_values("record_id", [address for _, address in rows])
        scores = [float(score) if sort == "relevance" else 0.0 for score, _ in rows]
        hits = [Hit(int(rid), s) for rid, s in zip(ids, scores, strict=True) if rid is not None]
        return _total(found), hits

    def _drop_words(
        self, searcher: tantivy.Searcher, clauses: list[Clause], filters: list[tantivy.Query]
    ) -> tuple[list[Clause], list[Clause]]:
        """Words that are found together, leaving out the commonest (least telling) first.

        Words found nowhere go at once; then, while the rest still find nothing together, the
        word in most records goes, since rare words say most about what was wanted.
        """
        required = [clause for clause in clauses if not clause.optional]
        if len(required) < 2:
            return required, []
        found = {id(c): self._count(searcher, _matching([c], filters)) for c in required}
        kept = [clause for clause in required if found[id(clause)]]
        while len(kept) > 1 and not self._count(searcher, _matching(kept, filters)):
            kept.remove(max(kept, key=lambda clause: found[id(clause)]))
        optional = [clause for clause in clauses if clause.optional]
        return [*kept, *optional] if kept else [], [c for c in required if c not in kept]

    def _correction(
        self, searcher: tantivy.Searcher, clauses: list[Clause], filters: list[tantivy.Query]
    ) -> str | None:
        """The query rewritten with likely spellings, when some word has a much commoner twin."""
        words = [clause.words[0] for clause in clauses if clause.fuzzy]
        if not words:
            return None
        query = conjunction(clauses, filters, fuzzy=True)
        hits = searcher.search(query, limit=SUGGESTION_SOURCES, count=False).hits
        texts = [text for _, address in hits for text in read_display(searcher.doc(address))]
        fixes = corrections(words, texts, lambda word: self._frequency(searcher, word))
        if not fixes:
            return None
        parts = [
            clause.part.written(fixes.get(clause.words[0]) if clause.fuzzy else None)
            for clause in clauses
        ]
        return " ".join(parts)

    def _frequency(self, searcher: tantivy.Searcher, word: str) -> int:
        return sum(int(searcher.doc_freq(name, word)) for name in EXACT_FIELDS)

    @staticmethod
    def _count(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
        return _total(searcher.search(query, limit=1, count=True))


Q = tantivy.Query
_ORDERINGS: dict[str, tuple[str | None, tantivy.Order]] = {
    "relevance": (None, tantivy.Order.Desc),
    "newest": ("added", tantivy.Order.Desc),
    "title": ("title_sort", tantivy.Order.Asc),
}


def _total(found: tantivy.SearchResult) -> int:
    # The stubs of tantivy 0.27 do not declare the count the search returns with count=True.
    return int(found.count or 0)  # type: ignore[attr-defined]


def _matching(clauses: list[Clause], filters: list[tantivy.Query]) -> tantivy.Query:
    return conjunction(clauses, filters, fuzzy=True, ranked=False)


def _any_field(schema: tantivy.Schema, fields: Iterable[str], word: str) -> tantivy.Query:
    return _should([Q.term_query(schema, name, word) for name in fields])


def _should(queries: list[tantivy.Query]) -> tantivy.Query:
    return Q.boolean_query([(tantivy.Occur.Should, query) for query in queries])
