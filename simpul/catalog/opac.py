"""The OPAC's use of the search index: parameters in, records with holdings out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from simpul.catalog.choices import LANGUAGES, ItemStatus, MaterialType
from simpul.catalog.indexing import catalog_index
from simpul.catalog.models import Item, Record
from simpul.catalog.search.documents import SearchQuery, SearchResult, Sort
from simpul.libraries.models import Library

PAGE_SIZE = 20
MAX_PAGE = 500
# URL parameter -> facet group of the index; the order is the order on the page.
FACET_PARAMS: dict[str, str] = {
    "tersedia": "available",
    "perpustakaan": "library",
    "jenis": "material_type",
    "bahasa": "language",
    "tahun": "year",
    "subjek": "subject",
}
FACET_TITLES = {
    "available": _("Ketersediaan"),
    "library": _("Perpustakaan"),
    "material_type": _("Jenis bahan"),
    "language": _("Bahasa"),
    "year": _("Tahun terbit"),
    "subject": _("Subjek"),
}
SORTS: dict[str, Sort] = {"relevansi": "relevance", "terbaru": "newest", "judul": "title"}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str


@dataclass
class Hit:
    record: Record
    holdings: list[tuple[Library, int, int]]  # library, available copies, all copies


@dataclass
class OpacPage:
    text: str
    sort: str
    page: int
    result: SearchResult
    hits: list[Hit]
    facets: list[tuple[str, str, list[FacetValue]]] = field(default_factory=list)
    selected: list[tuple[str, str, str]] = field(default_factory=list)  # label, value, remove url

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, (self.result.total + PAGE_SIZE - 1) // PAGE_SIZE)


def search(params: QueryDict) -> OpacPage:
    text = params.get("q", "")[:500]
    # Without words to rank by, the newest titles come first.
    sort = params.get("urut") or ("relevansi" if text.strip() else "terbaru")
    if sort not in SORTS:
        sort = "relevansi"
    page = _page_number(params.get("halaman", "1"))
    filters = {
        FACET_PARAMS[name]: [v[:200] for v in params.getlist(name) if v][:20]
        for name in FACET_PARAMS
        if params.getlist(name)
    }
    query = SearchQuery(
        text=text,
        filters=filters,
        sort=SORTS[sort],
        offset=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
    result = catalog_index().search(query)
    hits = with_holdings([hit.record_id for hit in result.hits])
    opac = OpacPage(text=text, sort=sort, page=page, result=result, hits=hits)
    opac.facets, opac.selected = _facets(params, result)
    return opac


def _page_number(raw: str) -> int:
    try:
        return max(1, min(MAX_PAGE, int(raw)))
    except ValueError:
        return 1


def with_holdings(record_ids: list[int]) -> list[Hit]:
    """Records in the given order, each with copies per library (two queries)."""
    records = Record.objects.defer("marc").in_bulk(record_ids)
    counts: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    rows = (
        Item.objects.filter(record_id__in=record_ids)
        .exclude(status=ItemStatus.WITHDRAWN)
        .values_list("record_id", "library_id", "status")
    )
    for record_id, library_id, status in rows:
        cell = counts[record_id][library_id]
        cell[1] += 1
        if status == ItemStatus.AVAILABLE:
            cell[0] += 1
    libraries = Library.objects.in_bulk({lib for per in counts.values() for lib in per})
    return [
        Hit(
            record=records[pk],
            holdings=sorted(
                ((libraries[lib], a, n) for lib, (a, n) in counts[pk].items()),
                key=lambda h: (-h[1], h[0].name),
            ),
        )
        for pk in record_ids
        if pk in records
    ]


def facet_label(group: str, value: str, libraries: dict[str, str]) -> str:
    if group == "library":
        return libraries.get(value, value)
    if group == "material_type":
        return str(dict(MaterialType.choices).get(value, value))
    if group == "language":
        return str(LANGUAGES.get(value, value))
    if group == "available":
        return str(_("Tersedia sekarang"))
    return value


def _facets(
    params: QueryDict, result: SearchResult
) -> tuple[list[tuple[str, str, list[FacetValue]]], list[tuple[str, str, str]]]:
    names = dict(Library.objects.values_list("code", "name"))
    param_of = {group: name for name, group in FACET_PARAMS.items()}
    groups = []
    selected = []
    for name, group in FACET_PARAMS.items():
        chosen = params.getlist(name)
        values = []
        for value, count in result.facets.get(group, []):
            label = facet_label(group, value, names)
            values.append(
                FacetValue(value, label, count, value in chosen, _toggle(params, name, value))
            )
        groups.append((group, str(FACET_TITLES[group]), values))
        for value in chosen:
            label = facet_label(group, value, names)
            selected.append((label, value, _toggle(params, param_of[group], value)))
    return groups, selected


def _toggle(params: QueryDict, name: str, value: str) -> str:
    """The query string with ``name=value`` added, or removed when already there."""
    query = params.copy()
    values = query.getlist(name)
    query.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
    query.pop("halaman", None)
    return "?" + query.urlencode()


def page_url(params: QueryDict, page: int) -> str:
    query = params.copy()
    query["halaman"] = str(page)
    return "?" + query.urlencode()


def template_context(params: QueryDict, opac: OpacPage) -> dict[str, Any]:
    return {
        "opac": opac,
        "first_number": (opac.page - 1) * PAGE_SIZE + 1,
        "previous_url": page_url(params, opac.page - 1) if opac.page > 1 else "",
        "next_url": page_url(params, opac.page + 1) if opac.page < opac.pages else "",
        "sort_urls": [
            (key, label, _sort_url(params, key))
            for key, label in (
                ("relevansi", _("Relevansi")),
                ("terbaru", _("Terbaru")),
                ("judul", _("Judul A–Z")),
            )
        ],
    }


def _sort_url(params: QueryDict, key: str) -> str:
    query = params.copy()
    query["urut"] = key
    query.pop("halaman", None)
    return "?" + query.urlencode()
