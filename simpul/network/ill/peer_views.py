"""The ISO 18626 peers screen: network administrators list, add and edit the other servers
this one exchanges interlibrary loan messages with (what ``manage.py ill_peer`` does)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from simpul.libraries.access import StaffRequest, is_network_admin, staff_required
from simpul.network.ill.choices import OPEN, OutboxState
from simpul.network.ill.forms import PeerForm
from simpul.network.ill.models import IllPeer, IllRequest, OutgoingMessage
from simpul.network.ill.outbox import AGENCY_TYPE


def _refused(request: StaffRequest) -> HttpResponse | None:
    if is_network_admin(request.user):
        return None
    messages.error(request, _("Mitra ISO 18626 hanya diatur administrator jaringan."))
    return redirect("libraries:staff-home")


@staff_required
def peer_list(request: StaffRequest) -> HttpResponse:
    if (refused := _refused(request)) is not None:
        return refused
    peers = list(IllPeer.objects.order_by("name", "pk"))
    pending = _counts(OutgoingMessage.objects.filter(state=OutboxState.PENDING).values_list("peer"))
    open_requests = _counts(
        IllRequest.objects.filter(requester_peer__isnull=False, status__in=OPEN).values_list(
            "requester_peer"
        ),
        IllRequest.objects.filter(supplier_peer__isnull=False, status__in=OPEN).values_list(
            "supplier_peer"
        ),
    )
    for peer in peers:
        peer.pending = pending.get(peer.pk, 0)  # type: ignore[attr-defined]
        peer.open_requests = open_requests.get(peer.pk, 0)  # type: ignore[attr-defined]
    return render(request, "ill/staff/peers.html", {"peers": peers, "agency_type": AGENCY_TYPE})


def _counts(*grouped: QuerySet[Any, tuple[Any, ...]]) -> dict[int, int]:
    """Rows per peer id, summed over ``grouped`` (one GROUP BY query each)."""
    counts: dict[int, int] = {}
    for rows in grouped:
        for peer_id, n in rows.annotate(n=Count("pk")).order_by():
            counts[peer_id] = counts.get(peer_id, 0) + n
    return counts


@staff_required
def peer_form(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    if (refused := _refused(request)) is not None:
        return refused
    peer = get_object_or_404(IllPeer, pk=pk) if pk is not None else None
    form = PeerForm(request.POST or None, instance=peer)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = form.save()
        except IntegrityError:  # the same agency saved by someone else a moment ago
            form.add_error("agency_id_value", _("Mitra dengan ID lembaga ini sudah terdaftar."))
        else:
            messages.success(request, _("Mitra {name} disimpan.").format(name=saved.name))
            return redirect("ill:peers")
    return render(request, "ill/staff/peer_form.html", {"form": form, "peer": peer})
