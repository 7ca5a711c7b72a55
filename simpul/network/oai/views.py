"""The OAI-PMH endpoint: one URL, GET or POST (form-encoded), always an XML answer."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from simpul.network.oai import verbs
from simpul.network.oai.arguments import OaiRequest, parse
from simpul.network.oai.errors import OaiError
from simpul.network.oai.responses import document, errors

HANDLERS: dict[str, Callable[[OaiRequest, str], list[str]]] = {
    "Identify": verbs.identify,
    "ListMetadataFormats": verbs.list_metadata_formats,
    "ListSets": verbs.list_sets,
    "GetRecord": verbs.get_record,
    "ListIdentifiers": verbs.list_identifiers,
    "ListRecords": verbs.list_records,
}


@csrf_exempt  # harvesters are programs without a session; nothing here changes any state
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    params = request.POST if request.method == "POST" else request.GET
    base_url = request.build_absolute_uri(request.path)
    try:
        oai_request = parse(params)
        parts = HANDLERS[oai_request.verb](oai_request, base_url)
        echo = {"verb": oai_request.verb, **oai_request.arguments}
        body = document(base_url, parts, echo)
    except OaiError as error:
        body = errors(base_url, error, {name: params.get(name, "") for name in params})
    return HttpResponse("".join(body).encode(), content_type="text/xml; charset=utf-8")
