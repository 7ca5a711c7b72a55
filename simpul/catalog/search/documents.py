"""The shapes that cross the search boundary: what is indexed, what is asked, what comes back.

Nothing here knows which engine runs; the catalog app builds ``SearchDoc`` values from its
records and items, and views read ``SearchResult`` values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Sort = Literal["relevance", "newest", "title"]
SORTS: tuple[Sort, ...] = ("relevance", "newest", "title")

# Facet groups, in the order the OPAC shows them.
FACET_GROUPS = ("library", "available", "material_type", "language", "year", "subject")


@dataclass
class SearchDoc:
    """One bibliographic record as the search index sees it."""

    record_id: int
    title: str
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    isbns: list[str] = field(default_factory=list)
    publisher: str = ""
    series: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: str = ""
    language: str = ""  # MARC code, e.g. "ind", "eng"
    year: int | None = None
    material_type: str = ""  # "book", "serial", ...
    libraries: list[str] = field(default_factory=list)  # codes of libraries holding items
    available_libraries: list[str] = field(default_factory=list)  # an item is on the shelf now
    ddc: str = ""
    title_sort: str = ""  # the title without its leading article; the title when empty
    added: int = 0  # unix time the record was created, for "newest"


@dataclass
class SearchQuery:
    """A search as the OPAC or the API asks it.

    ``filters`` maps a facet group to the values selected in it: values in one group are
    alternatives (OR), groups all apply (AND). ``"year"`` takes single years (``"2019"``) or
    inclusive ranges (``"2010-2019"``, what the year facet offers). ``"available": ["1"]`` keeps
    records with an item on the shelf, and together with ``"library"`` means on the shelf in
    one of the selected libraries.
    """

    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: Sort = "relevance"
    offset: int = 0
    limit: int = 20
    facets: bool = True


@dataclass(frozen=True)
class Hit:
    record_id: int
    score: float  # BM25 score for relevance; 0.0 when sorted by newest or title


@dataclass
class SearchResult:
    """One page of hits and what describes the whole match set.

    ``facets`` counts records over the whole match set (filters applied), top values per
    group by count then value. ``suggestion`` is a corrected query when the words typed found
    few or no records; ``dropped_words`` lists the words left out when no record matched all.
    """

    total: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    dropped_words: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0
