"""The member's interlibrary loan pages under /akun/pinjam-antarperpustakaan/: their requests,
a title search, and asking for a title that only other network libraries have."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from simpul.accounts.models import User
from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Record
from simpul.lib.errors import SimpulError
from simpul.members.access import own_member
from simpul.network.ill import due_dates, errors, services
from simpul.network.ill.choices import Renewal
from simpul.network.ill.models import IllRequest

SEARCH_LIMIT = 20
ALREADY_ASKED = gettext_lazy("Perpanjangan sudah diminta dan menunggu jawaban pemilik.")


class AccountRequest(HttpRequest):
    user: User


@login_required
def my_requests(request: AccountRequest) -> HttpResponse:
    member = own_member(request.user)
    if member is None:
        return render(request, "ill/member/no_member.html", status=404)
    query = request.GET.get("q", "").strip()[:200]
    found = []
    if query:
        records = (
            Record.objects.filter(
                title__icontains=query,
                items__status=ItemStatus.AVAILABLE,
                items__library__lends_to_network=True,
            )
            .exclude(items__library=member.home_library, items__status=ItemStatus.AVAILABLE)
            .distinct()
            .only("pk", "title", "authors")
            .order_by("title_sort", "pk")
        )
        found = list(records[:SEARCH_LIMIT])
    requests = (
        IllRequest.objects.filter(member=member)
        .select_related("supplier_library", "supplier_peer", "requester_library")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "ill/member/requests.html",
        {"member": member, "requests": requests, "query": query, "found": found},
    )


@login_required
def ask(request: AccountRequest, record_id: int) -> HttpResponse:
    """The request form (GET) and the request (POST). The OPAC record page's button posts
    here with ``from=record``: a refusal goes back there with its message."""
    member = own_member(request.user)
    from_record = request.method == "POST" and request.POST.get("from") == "record"
    if member is None and not from_record:
        return render(request, "ill/member/no_member.html", status=404)
    record = get_object_or_404(Record.objects.only("pk", "title", "authors"), pk=record_id)
    if request.method == "POST":
        try:
            if member is None:
                raise errors.NotAMember()
            ill = services.request_title(member, record, by=request.user)
        except SimpulError as error:
            messages.error(request, error.message)
            if from_record:
                return redirect("catalog:record", pk=record.pk)
        else:
            messages.success(
                request,
                _("Permintaan {number} terkirim ke {library}.").format(
                    number=ill.request_id, library=ill.supplier_library
                ),
            )
            return redirect("ill:mine")
    assert member is not None
    suppliers = services.suppliers_for(record, member.home_library)
    return render(
        request, "ill/member/ask.html", {"member": member, "record": record, "suppliers": suppliers}
    )


@login_required
@require_POST
def cancel(request: AccountRequest, pk: int) -> HttpResponse:
    member = own_member(request.user)
    ill = get_object_or_404(IllRequest, pk=pk, member=member) if member else None
    if ill is not None:
        try:
            services.cancel(ill, request.user, ill.requester_library)
            messages.success(
                request, _("Permintaan {number} dibatalkan.").format(number=ill.request_id)
            )
        except SimpulError as error:
            messages.error(request, error.message)
    return redirect("ill:mine")


@login_required
@require_POST
def renew(request: AccountRequest, pk: int) -> HttpResponse:
    """The member asks for more time on a borrowed copy they have (received, renewable)."""
    member = own_member(request.user)
    ill = get_object_or_404(IllRequest, pk=pk, member=member) if member else None
    if ill is None:
        return redirect("ill:mine")
    if ill.renewal == Renewal.REQUESTED:  # asked already (a second click): nothing changes
        messages.info(request, str(ALREADY_ASKED))
        return redirect("ill:mine")
    if ill.received_at is None or not ill.renewable:
        messages.error(
            request,
            _("Permintaan {number} tidak dapat diperpanjang sekarang.").format(
                number=ill.request_id
            ),
        )
        return redirect("ill:mine")
    try:
        asked = due_dates.ask_renewal(ill, request.user, ill.requester_library)
    except SimpulError as error:
        messages.error(request, error.message)
    else:
        if not asked:  # the other click won
            messages.info(request, str(ALREADY_ASKED))
        else:
            messages.success(
                request,
                _(
                    "Perpanjangan untuk {number} diminta. Perpustakaan pemilik akan menjawab."
                ).format(number=ill.request_id),
            )
    return redirect("ill:mine")
