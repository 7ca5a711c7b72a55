"""Facet counts over the whole match set, from tantivy terms aggregations on fast fields.

``Searcher.aggregate`` counts a group in one pass over the matches by reading columns: about
5-10 ns per matched record for a single-valued field, 50-100 ns for a multi-valued one. So
libraries are counted from a single-valued field holding each record's *set* of holding
libraries (a few hundred distinct sets in a city network), split and summed here; only
subjects stay multi-valued. Subjects and the other groups are counted in two batches on a
small thread pool while the caller ranks the page of hits (tantivy releases the GIL).

Terms aggregations cut each segment's list before merging, so a count could be short when a
value is outside a segment's top list: each group asks for a ``segment_size`` above any
realistic number of values and is asked again with everything when tantivy reports a possible
error (``doc_count_error_upper_bound``) or when values tied at the cut may be missing. Counts
therefore equal a plain count over the same records.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import tantivy

from simpul.catalog.search.schema import LIBRARY_SET_SEPARATOR

# Values shown per group.
FACET_LIMITS = {
    "library": 50,
    "available": 1,
    "material_type": 20,
    "language": 20,
    "year": 20,
    "subject": 20,
}
# The fast field each group counts.
_FIELDS = {
    "library": "library_set",
    "available": "available_any",
    "material_type": "material_type",
    "language": "language",
    "year": "decade",
    "subject": "subject",
}
# Groups counted together: the costly multi-valued subjects alone.
_BATCHES = (("library", "available", "material_type", "language", "year"), ("subject",))
# How many distinct sets of holding libraries are counted before counting libraries one by one.
_LIBRARY_SETS = 5_000
# tantivy's cost grows with the values present, not with this cap, so every segment reports
# every value it has (up to the cap) and merged counts are exact.
_SEGMENT_SIZE = 100_000
_EVERYTHING = 1_000_000
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="simpul-facets")

Facets = dict[str, list[tuple[str, int]]]


@dataclass
class PendingFacets:
    """Facet counts being computed; ``finish()`` waits for them."""

    searcher: tantivy.Searcher
    query: tantivy.Query
    batches: list[Future[dict[str, Any]]]
    available: Future[int] | None

    def finish(self) -> Facets:
        answer: dict[str, Any] = {}
        for batch in self.batches:
            answer.update(batch.result())
        facets = {}
        for group, buckets in answer.items():
            if group == "library":
                buckets = self._libraries(buckets)
            if _maybe_incomplete(group, buckets):
                buckets = self.searcher.aggregate(self.query, {group: _request(group, _EVERYTHING)})
                buckets = buckets[group]
            facets[group] = _top(group, buckets.get("buckets", []))
        if self.available is not None:
            count = self.available.result()
            facets["available"] = [("1", count)] if count else []
        return {group: facets[group] for group in FACET_LIMITS}

    def _libraries(self, sets: dict[str, Any]) -> dict[str, Any]:
        """Counts per library from counts per set of holding libraries (see schema.py)."""
        if sets.get("sum_other_doc_count") or sets.get("doc_count_error_upper_bound"):
            request = {"terms": {"field": "library", "size": _EVERYTHING}}
            return dict(self.searcher.aggregate(self.query, {"library": request})["library"])
        counts: dict[str, int] = {}
        for row in sets.get("buckets", []):
            for code in str(row["key"]).split(LIBRARY_SET_SEPARATOR):
                if code:
                    counts[code] = counts.get(code, 0) + int(row["doc_count"])
        rows = [{"key": code, "doc_count": count} for code, count in counts.items()]
        return {"buckets": rows}


def start_facets(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: tantivy.Query,
    selected_libraries: list[str],
) -> PendingFacets:
    """Start counting the top values per facet group over all records ``query`` matches.

    ``"available"`` counts records with an item on the shelf; when libraries are selected, on
    the shelf in one of them. Values come by count, then by value.
    """
    batches = []
    for batch in _BATCHES:
        groups = [g for g in batch if not (g == "available" and selected_libraries)]
        request = {group: _request(group, _first_size(group)) for group in groups}
        batches.append(_POOL.submit(searcher.aggregate, query, request))
    available = None
    if selected_libraries:
        on_shelf = tantivy.Query.term_set_query(schema, "available", selected_libraries)
        both = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, query), (tantivy.Occur.Must, on_shelf)]
        )
        available = _POOL.submit(_count, searcher, both)
    return PendingFacets(searcher, query, batches, available)


def facet_counts(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: tantivy.Query,
    selected_libraries: list[str],
) -> Facets:
    """``start_facets`` and wait."""
    return start_facets(searcher, schema, query, selected_libraries).finish()


def decade_label(decade: int) -> str:
    return f"{decade}-{decade + 9}"


def _first_size(group: str) -> int:
    if group == "library":
        return _LIBRARY_SETS
    return FACET_LIMITS[group] * 2 + 10


def _request(group: str, size: int) -> dict[str, Any]:
    segment_size = max(size, _SEGMENT_SIZE)
    return {"terms": {"field": _FIELDS[group], "size": size, "segment_size": segment_size}}


def _maybe_incomplete(group: str, buckets: dict[str, Any]) -> bool:
    if buckets.get("doc_count_error_upper_bound"):
        return True
    rows = buckets.get("buckets", [])
    limit = FACET_LIMITS[group]
    if group == "library" or len(rows) < _first_size(group) or len(rows) <= limit:
        return False
    # The list was cut: values tied with the last one shown might have been cut away.
    counts = sorted((row["doc_count"] for row in rows), reverse=True)
    return counts[limit - 1] == counts[-1]


def _top(group: str, rows: list[dict[str, Any]]) -> list[tuple[str, int]]:
    values = [(_label(group, row["key"]), int(row["doc_count"])) for row in rows]
    if group == "available":
        values = [(value, count) for value, count in values if value == "1"]
    values.sort(key=lambda item: (-item[1], item[0]))
    return values[: FACET_LIMITS[group]]


def _label(group: str, key: Any) -> str:
    if group == "year":
        return decade_label(int(key))
    if group == "available":
        return "1" if int(key) == 1 else "0"
    return str(key)


def _count(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    return int(searcher.search(query, limit=1, count=True).count or 0)  # type: ignore[attr-defined]
