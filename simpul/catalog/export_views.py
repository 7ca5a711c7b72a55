"""Export of the catalog, one library's records or a search result, as a streamed download."""

from __future__ import annotations

from collections.abc import Iterator

import pymarc
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from simpul.catalog import opac
from simpul.catalog.indexing import catalog_index
from simpul.catalog.marc import export as marc_export
from simpul.catalog.models import Record
from simpul.catalog.records import marc_record
from simpul.catalog.search.documents import SearchQuery

MAX_SEARCH_EXPORT = 10_000
FORMATS = {
    "mrc": ("application/marc", marc_export.to_marc21),
    "xml": ("application/marcxml+xml", marc_export.to_marcxml),
    "dc": ("application/xml", marc_export.to_dublin_core),
    "csv": ("text/csv; charset=utf-8", marc_export.to_csv),
}


def records_for(request: HttpRequest) -> Iterator[Record]:
    """The whole catalog, one library's holdings (?perpustakaan=), or a search (?q= and facets)."""
    params = request.GET
    code = params.get("perpustakaan", "")[:20]
    searching = params.get("q") or any(
        params.getlist(name) for name in opac.FACET_PARAMS if name != "perpustakaan"
    )
    if searching:
        query = SearchQuery(
            text=params.get("q", "")[:500],
            filters={
                opac.FACET_PARAMS[name]: params.getlist(name)
                for name in opac.FACET_PARAMS
                if params.getlist(name)
            },
            limit=MAX_SEARCH_EXPORT,
            facets=False,
        )
        ids = [hit.record_id for hit in catalog_index().search(query).hits]
        for start in range(0, len(ids), 500):
            chunk = Record.objects.in_bulk(ids[start : start + 500])
            yield from (chunk[pk] for pk in ids[start : start + 500] if pk in chunk)
        return
    rows = Record.objects.public().order_by("pk")  # as the index: no stand-ins
    if code:
        rows = rows.filter(items__library__code=code).distinct()
    yield from rows.iterator(chunk_size=500)


def export_response(request: HttpRequest, fmt: str) -> StreamingHttpResponse | HttpResponse:
    if fmt not in FORMATS:
        return HttpResponse(_("Format ekspor tidak dikenal."), status=404)
    content_type, writer = FORMATS[fmt]
    marc: Iterator[pymarc.Record] = (marc_record(record) for record in records_for(request))
    response = StreamingHttpResponse(writer(marc), content_type=content_type)
    extension = {"mrc": "mrc", "xml": "xml", "dc": "dc.xml", "csv": "csv"}[fmt]
    response["Content-Disposition"] = f'attachment; filename="simpul-katalog.{extension}"'
    return response
