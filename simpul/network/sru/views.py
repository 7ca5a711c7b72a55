"""HTTP for SRU: the server endpoint at /sru, and the copy-cataloguing pages for staff."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from simpul.lib.errors import SimpulError
from simpul.libraries.access import StaffRequest, get_library_for_staff, staff_required
from simpul.network.sru import client, copying, server
from simpul.network.sru.errors import AlreadyCatalogued, RemoteNotSru
from simpul.network.sru.forms import CopySearchForm
from simpul.network.sru.responses import ServerInfo

log = logging.getLogger(__name__)
EXPLAIN_TITLE = "Katalog induk jaringan perpustakaan Kota Metro (Simpul)"
EXPLAIN_DESCRIPTION = "Rekaman bibliografis semua perpustakaan jaringan, MARCXML dan Dublin Core."


@csrf_exempt  # a read-only protocol endpoint; SRU 2.0 allows its parameters in a POST body
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    params = request.POST if request.method == "POST" else request.GET
    body, version = server.answer(
        {key: params.get(key, "") for key in params}, _server_info(request)
    )
    return HttpResponse(body, content_type=version.content_type)


def _server_info(request: HttpRequest) -> ServerInfo:
    host = request.get_host().rsplit(":", 1)[0] if "]" not in request.get_host() else "localhost"
    port = int(request.get_port()) if str(request.get_port()).isdigit() else 80
    return ServerInfo(host, port, "sru", EXPLAIN_TITLE, EXPLAIN_DESCRIPTION)


@staff_required
def copy_search(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, "catalog.edit")
    targets = client.targets()
    form = CopySearchForm(request.GET or None, targets=targets)
    result, error = None, ""
    if request.GET and form.is_valid():
        data = form.cleaned_data
        try:
            url = client.target_url(data["server"])
            query = client.build_query(data["kind"], data["q"])
            result = client.search(data["server"], url, query, start=_start(request))
        except SimpulError as failure:
            error = failure.message
        except Exception:  # a remote answer nobody foresaw: say so, never a 500
            log.exception("SRU copy search failed: %s", data)
            error = RemoteNotSru(name=data["server"], reason="?").message
    records = result.records if result else []
    rows = [(record, copying.choice_token(record.marc)) for record in records]
    context = {
        "library": library,
        "form": form,
        "targets": targets,
        "result": result,
        "rows": rows,
        "error": error,
        "next_url": _page_url(request, result.next_position) if result else "",
    }
    return render(request, "network/sru/search.html", context, status=502 if error else 200)


def _start(request: HttpRequest) -> int:
    raw = request.GET.get("start", "")
    return min(int(raw), 10_000) if raw.isdigit() and len(raw) < 6 and int(raw) > 0 else 1


def _page_url(request: HttpRequest, start: int | None) -> str:
    if not start:
        return ""
    params = request.GET.copy()
    params["start"] = str(start)
    return "?" + params.urlencode()


@staff_required
@require_POST
def copy_import(request: StaffRequest, code: str) -> HttpResponse:
    library = get_library_for_staff(request, code, "catalog.edit")
    token = request.POST.get("rekaman", "")
    try:
        marc = copying.record_from_token(token)
        duplicates = copying.possible_duplicates(marc)
        existing = copying.same_control_number(marc)
        if existing is None and duplicates and not request.POST.get("confirm_duplicate"):
            remote = client.RemoteRecord.of(0, marc)
            context = {"library": library, "token": token, "duplicates": duplicates}
            return render(request, "network/sru/confirm.html", {**context, "remote": remote})
        record = copying.copy_record(marc, library)
    except AlreadyCatalogued as refusal:
        context = {"library": library, "error": refusal.message, "existing": refusal.data}
        return render(request, "network/sru/refused.html", context, status=409)
    except SimpulError as refusal:
        context = {"library": library, "error": refusal.message, "existing": None}
        return render(request, "network/sru/refused.html", context, status=refusal.status)
    messages.success(
        request,
        _("Rekaman “{title}” sudah disalin ke katalog. Tambahkan eksemplarnya.").format(
            title=record.title
        ),
    )
    return redirect("catalog:record-items", pk=record.pk)
