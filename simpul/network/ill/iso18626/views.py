"""The ISO 18626 endpoint: one POST in, one confirmation out (200, XML), whatever arrives."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from simpul.network.ill.iso18626.messages import build_confirmation
from simpul.network.ill.iso18626.receive import handle

XML = "application/xml; charset=utf-8"
MAX_BYTES = 1_000_000


@csrf_exempt
def endpoint(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        body = build_confirmation(
            "request", None, error_type="BadlyFormedMessage", error_value="POST an ISO18626Message"
        )
        return HttpResponse(body, content_type=XML, status=405, headers={"Allow": "POST"})
    if len(request.body) > MAX_BYTES:
        body = build_confirmation(
            "request", None, error_type="BadlyFormedMessage", error_value="message too large"
        )
        return HttpResponse(body, content_type=XML, status=413)
    return HttpResponse(handle(request.body), content_type=XML)
