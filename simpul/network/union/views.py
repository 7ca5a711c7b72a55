"""The union catalog's screens: SLiMS's UCS endpoint, and for staff the overview, harvest
sources and their runs, SLiMS nodes, the review queue and unmerge. Views translate HTTP;
services, the harvester and slims.py change state."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from simpul.lib.errors import SimpulError
from simpul.libraries.access import StaffRequest, get_library_for_staff, staff_required
from simpul.network.union import services, slims
from simpul.network.union.access import (
    ACTION,
    get_contribution_for_staff,
    get_review_for_staff,
    get_source_for_staff,
    require_union,
    union_libraries,
)
from simpul.network.union.choices import ReviewStatus
from simpul.network.union.forms import HarvestSourceForm, SlimsNodeForm, UploadForm
from simpul.network.union.models import Contribution, HarvestSource, Review, SlimsNode
from simpul.network.union.upload import upload

T = "union/"


@csrf_exempt
def ucs(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """SLiMS's UCS client posts here. It decodes every answer as chunked transfer encoding
    (lib/http_request.inc.php ``decode_chunked``), so the answer is streamed: without a
    length, the WSGI server sends it chunked over HTTP/1.1."""
    if request.method != "POST":
        answer = slims.Answer("NO_DATA", _("Kirim rekaman dengan POST dari SLiMS."))
    else:
        answer = slims.receive(request.read(slims.MAX_BYTES + 1))
    return StreamingHttpResponse(iter([answer.json()]), content_type="text/json")


@staff_required
def overview(request: StaffRequest) -> HttpResponse:
    require_union(request)
    libraries = union_libraries(request)
    sources = HarvestSource.objects.filter(library__in=libraries).select_related("library")
    nodes = SlimsNode.objects.filter(library__in=libraries).select_related("library")
    held = (
        Contribution.objects.filter(library__in=libraries, deleted=False)
        .values("library__code", "library__name")
        .annotate(records=Count("pk"), similar=Count("pk", filter=Q(method="similar")))
        .order_by("library__name")
    )
    pending = Review.objects.filter(
        contribution__library__in=libraries, status=ReviewStatus.PENDING
    ).count()
    return render(
        request,
        T + "overview.html",
        {"sources": sources, "nodes": nodes, "held": held, "pending": pending},
    )


def _source_form(request: StaffRequest, source: HarvestSource | None) -> HttpResponse:
    require_union(request)
    form = HarvestSourceForm(
        request.POST or None, instance=source, libraries=union_libraries(request)
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Sumber panen disimpan."))
        return redirect("union:source", saved.pk)
    return render(request, T + "source_form.html", {"form": form, "source": source})


@staff_required
def source_new(request: StaffRequest) -> HttpResponse:
    return _source_form(request, None)


@staff_required
def source_edit(request: StaffRequest, pk: int) -> HttpResponse:
    return _source_form(request, get_source_for_staff(request, pk))


@staff_required
def source_page(request: StaffRequest, pk: int) -> HttpResponse:
    source = get_source_for_staff(request, pk)
    runs = Paginator(source.runs.all(), 25).get_page(request.GET.get("halaman"))
    return render(request, T + "source.html", {"source": source, "runs": runs})


@staff_required
@require_POST
def source_harvest(request: StaffRequest, pk: int) -> HttpResponse:
    """Harvest now: the worker runs it within a minute (a harvest can outlast a request)."""
    source = get_source_for_staff(request, pk)
    HarvestSource.objects.filter(pk=source.pk).update(last_run_at=None, is_active=True)
    messages.success(request, _("Panen dijadwalkan; pekerja latar menjalankannya dalam semenit."))
    return redirect("union:source", source.pk)


@staff_required
def slims_node(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, ACTION)
    node = SlimsNode.objects.filter(library=library).first()
    initial = {"node_id": node.node_id, "record_url": node.record_url} if node else {}
    form = SlimsNodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            slims.set_node(
                library,
                form.cleaned_data["node_id"],
                form.cleaned_data["password"],
                form.cleaned_data["record_url"],
            )
        except SimpulError as error:
            form.add_error("node_id", error.message)
        else:
            messages.success(request, _("Pengaturan SLiMS disimpan."))
            return redirect("union:overview")
    server = request.build_absolute_uri("/ucs").replace("https://", "http://")
    return render(
        request,
        T + "slims_node.html",
        {"form": form, "library": library, "node": node, "server": server},
    )


@staff_required
def review_list(request: StaffRequest) -> HttpResponse:
    require_union(request)
    reviews = (
        Review.objects.filter(
            contribution__library__in=union_libraries(request), status=ReviewStatus.PENDING
        )
        .select_related("contribution__library", "contribution__record", "candidate")
        .order_by("-score", "pk")
    )
    page = Paginator(reviews, 25).get_page(request.GET.get("halaman"))
    return render(request, T + "reviews.html", {"page": page})


@staff_required
@require_POST
def review_decide(request: StaffRequest, pk: int) -> HttpResponse:
    review = get_review_for_staff(request, pk)
    try:
        if request.POST.get("keputusan") == "gabung":
            services.accept_review(review, by=request.user)
            messages.success(
                request, _("Digabung ke rekaman “{title}”.").format(title=review.candidate.title)
            )
        else:
            services.reject_review(review, by=request.user)
            messages.success(request, _("Dibiarkan sebagai rekaman tersendiri."))
    except SimpulError as error:
        messages.error(request, error.message)
    return redirect("union:reviews")


@staff_required
def contributions(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, ACTION)
    rows = (
        Contribution.objects.filter(library=library, deleted=False)
        .select_related("record")
        .order_by("-updated_at", "pk")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("halaman"))
    return render(
        request, T + "contributions.html", {"library": library, "page": page, "form": UploadForm()}
    )


@staff_required
@require_POST
def contributions_upload(request: StaffRequest, code: str) -> HttpResponse:
    """A MARC/CSV file of a contributing library, merged at once (20 MB at most)."""
    library = get_library_for_staff(request, code, ACTION)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect("union:contributions", library.code)
    file = form.cleaned_data["file"]
    try:
        report = upload(library, file, file.name, form.cleaned_data["format"])
    except SimpulError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "{received} rekaman: {merged} digabung, {created} baru, {reviews} perlu ditinjau."
            ).format(
                received=report.received,
                merged=report.merged,
                created=report.created,
                reviews=report.reviews,
            ),
        )
        for problem in report.problems[:20]:
            messages.warning(request, problem)
    return redirect("union:contributions", library.code)


@staff_required
@require_POST
def contribution_unmerge(request: StaffRequest, pk: int) -> HttpResponse:
    contribution = get_contribution_for_staff(request, pk)
    try:
        record = services.unmerge(contribution, by=request.user)
    except SimpulError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Dipisahkan menjadi rekaman “{title}”.").format(title=record.title)
        )
    return redirect("union:contributions", contribution.library.code)
