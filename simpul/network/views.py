"""The public partner pages: who the network works with, their agreements in force and the
libraries they work with. Contacts and signed documents stay in the staff screens."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from simpul.libraries.models import Library
from simpul.network.choices import AgreementStatus, PartnerKind
from simpul.network.models import Agreement, Partner


def partner_directory(request: HttpRequest) -> HttpResponse:
    partners = Partner.objects.public().prefetch_related(
        Prefetch("libraries", queryset=Library.objects.public())
    )
    kind = request.GET.get("jenis", "")
    if kind in PartnerKind.values:
        partners = partners.filter(kind=kind)
    return render(
        request,
        "network/partners/directory.html",
        {"partners": partners, "kinds": PartnerKind.choices, "kind": kind},
    )


def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partner = get_object_or_404(Partner.objects.public(), slug=slug)
    agreements = (
        Agreement.objects.filter(parties__partner=partner, status=AgreementStatus.ACTIVE)
        .select_related("library")
        .order_by("-starts_on", "pk")
    )
    return render(
        request,
        "network/partners/detail.html",
        {
            "partner": partner,
            "agreements": agreements,
            "libraries": partner.libraries.filter(is_active=True),
        },
    )
