"""The public online catalog (OPAC): search, record pages, citations, browsing, export."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Count
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from simpul.catalog import citation, opac
from simpul.catalog.advanced import AdvancedSearchForm
from simpul.catalog.choices import ItemStatus
from simpul.catalog.export_views import export_response
from simpul.catalog.indexing import catalog_index
from simpul.catalog.models import Item, Record
from simpul.catalog.search.documents import SearchQuery
from simpul.libraries.models import Library

DDC_CLASSES = [
    ("0", "000"), ("1", "100"), ("2", "200"), ("3", "300"), ("4", "400"),
    ("5", "500"), ("6", "600"), ("7", "700"), ("8", "800"), ("9", "900"),
]  # fmt: skip


def search(request: HttpRequest) -> HttpResponse:
    page = opac.search(request.GET)
    context = opac.template_context(request.GET, page)
    template = "catalog/_results.html" if request.htmx else "catalog/search.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def advanced(request: HttpRequest) -> HttpResponse:
    form = AdvancedSearchForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect(form.search_url(reverse("catalog:search")))
    return render(request, "catalog/advanced.html", {"form": form})


def suggest(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:100]
    words = catalog_index().suggest(text, limit=8) if len(text.strip()) >= 2 else []
    return render(request, "catalog/_suggestions.html", {"words": words})


def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(Record, pk=pk)
    items = (
        Item.objects.filter(record=record)
        .exclude(status=ItemStatus.WITHDRAWN)
        .select_related("library")
        .order_by("library__name", "barcode")
    )
    by_library: dict[Library, list[Item]] = {}
    for item in items:
        by_library.setdefault(item.library, []).append(item)
    url = request.build_absolute_uri(reverse("catalog:record", args=[record.pk]))
    availability = [
        (library.name, sum(1 for i in copies if i.status == ItemStatus.AVAILABLE))
        for library, copies in by_library.items()
    ]
    return render(
        request,
        "catalog/record.html",
        {
            "record": record,
            "holdings": by_library.items(),
            "available_total": sum(count for _name, count in availability),
            "permalink": url,
            "json_ld": citation.json_ld(record, url, availability),
        },
    )


def record_ris(request: HttpRequest, pk: int) -> HttpResponse:
    return _citation(request, pk, citation.ris, "application/x-research-info-systems", "ris")


def record_bibtex(request: HttpRequest, pk: int) -> HttpResponse:
    return _citation(request, pk, citation.bibtex, "application/x-bibtex; charset=utf-8", "bib")


def _citation(
    request: HttpRequest,
    pk: int,
    write: Callable[[Record, str], str],
    content_type: str,
    extension: str,
) -> HttpResponse:
    record = get_object_or_404(Record.objects.defer("marc"), pk=pk)
    url = request.build_absolute_uri(reverse("catalog:record", args=[pk]))
    response = HttpResponse(write(record, url), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="simpul-{pk}.{extension}"'
    return response


def new_arrivals(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("perpustakaan", "")[:20]
    library = Library.objects.public().filter(code=code).first() if code else None
    query = SearchQuery(
        sort="newest",
        limit=30,
        facets=False,
        filters={"library": [library.code]} if library else {},
    )
    result = catalog_index().search(query)
    return render(
        request,
        "catalog/new_arrivals.html",
        {
            "hits": opac.with_holdings([hit.record_id for hit in result.hits]),
            "library": library,
            "libraries": Library.objects.public(),
        },
    )


def browse_subjects(request: HttpRequest) -> HttpResponse:
    result = catalog_index().search(SearchQuery(limit=0, facets=True))
    return render(request, "catalog/subjects.html", {"subjects": result.facets.get("subject", [])})


def browse_ddc(request: HttpRequest, digit: str = "") -> HttpResponse:
    if digit:
        records = (
            Record.objects.defer("marc")
            .filter(ddc__startswith=digit)
            .order_by("ddc", "title_sort")[:200]
        )
        return render(request, "catalog/ddc_class.html", {"digit": digit, "records": records})
    counts = dict(
        Record.objects.exclude(ddc="")
        .annotate(first=Substr("ddc", 1, 1))
        .values("first")
        .annotate(n=Count("pk"))
        .values_list("first", "n")
    )
    return render(
        request, "catalog/ddc.html", {"classes": [(d, h, counts.get(d, 0)) for d, h in DDC_CLASSES]}
    )


def export(request: HttpRequest, fmt: str) -> StreamingHttpResponse | HttpResponse:
    return export_response(request, fmt)
