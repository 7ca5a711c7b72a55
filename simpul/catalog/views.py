"""The public online catalog (OPAC): search, record pages, citations, browsing, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import Substr
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.static import serve

from simpul.catalog import citation, holdings, opac, subjects
from simpul.catalog.advanced import AdvancedSearchForm
from simpul.catalog.choices import ItemStatus
from simpul.catalog.export_views import export_response
from simpul.catalog.indexing import catalog_index
from simpul.catalog.models import DeletedRecord, Item, Record
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
    record = Record.objects.filter(pk=pk).first()
    if record is None:
        return _gone(request, pk)
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
            "extra_holdings": holdings.extra_holdings(record),
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
    record = Record.objects.defer("marc").filter(pk=pk).first()
    if record is None:
        return _gone(request, pk)
    url = request.build_absolute_uri(reverse("catalog:record", args=[pk]))
    response = HttpResponse(write(record, url), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="simpul-{pk}.{extension}"'
    return response


def _gone(request: HttpRequest, pk: int) -> HttpResponse:
    """410 Gone for a deleted record (people and harvesters learn it will not come back)."""
    gone = DeletedRecord.objects.filter(record_id=pk).first()
    if gone is None:
        raise Http404(_("Rekaman tidak ditemukan."))
    return render(request, "catalog/record_gone.html", {"gone": gone}, status=410)


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
    """Subject headings A-Z with their record counts, 100 a page (see subjects.py)."""
    present = subjects.letters_in_use()
    letter = subjects.letter_from_param(request.GET.get("huruf", ""))
    if letter is None:
        letter = next((x for x in subjects.LETTERS if x in present), "a")
    paginator = Paginator(subjects.headings(letter), subjects.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("halaman"))
    bar = subjects.letter_bar(present, letter, str(_("Lainnya")))
    current = next(entry for entry in bar if entry.current)
    return render(
        request,
        "catalog/subjects.html",
        {
            "letters": bar,
            "letter": current,
            "page": page,
            # Headings are counted by the worker; right after installation there are none yet.
            "building": not present and Record.objects.exclude(subjects=[]).exists(),
        },
    )


def browse_ddc(request: HttpRequest, digit: str = "") -> HttpResponse:
    if digit:
        records = (
            Record.objects.public()
            .defer("marc")
            # A range, not LIKE: SQLite then reads only this class from the (ddc, title) index.
            .filter(ddc__gte=digit, ddc__lt=chr(ord(digit) + 1))
            .order_by("ddc", "title_sort")[:200]
        )
        return render(request, "catalog/ddc_class.html", {"digit": digit, "records": records})
    counts = dict(
        Record.objects.public()
        .exclude(ddc="")
        .annotate(first=Substr("ddc", 1, 1))
        .values("first")
        .annotate(n=Count("pk"))
        .values_list("first", "n")
    )
    return render(
        request, "catalog/ddc.html", {"classes": [(d, h, counts.get(d, 0)) for d, h in DDC_CLASSES]}
    )


# Content-addressed names (services.set_cover): a cover file never changes once written.
COVER_CACHE = "public, max-age=31536000, immutable"
COVER_SUFFIXES = (".jpg", ".jpeg", ".png")


def cover_file(request: HttpRequest, path: str) -> FileResponse | HttpResponse:
    """A cover or thumbnail; only image files under ``covers/`` (imports stay private)."""
    if not path.lower().endswith(COVER_SUFFIXES):
        raise Http404(_("Sampul tidak ditemukan."))
    response = serve(request, path, document_root=str(Path(settings.MEDIA_ROOT) / "covers"))
    response["Cache-Control"] = COVER_CACHE
    return response


def export(request: HttpRequest, fmt: str) -> StreamingHttpResponse | HttpResponse:
    return export_response(request, fmt)
