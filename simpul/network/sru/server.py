"""The SRU server's protocol logic: request parameters in, a response document out.

``answer`` never raises for any input: every problem becomes an SRU diagnostic inside a valid
response of the version the client asked for (2.0 when it names none or one we lack).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from simpul.catalog.models import Record
from simpul.catalog.records import marc_record
from simpul.network.sru import cql, responses
from simpul.network.sru.diagnostics import SruDiagnostic
from simpul.network.sru.responses import (
    DEFAULT_RECORDS,
    MAX_RECORDS,
    SCHEMA_ALIASES,
    V2,
    ServerInfo,
    Version,
)
from simpul.network.sru.search import run

log = logging.getLogger(__name__)

VERSIONS = ("1.1", "1.2", "2.0")
OPERATIONS = ("explain", "searchRetrieve")
KNOWN_PARAMETERS = frozenset({
    "operation", "version", "query", "queryType", "startRecord", "maximumRecords",
    "recordPacking", "recordXMLEscaping", "recordSchema", "resultSetTTL", "sortKeys",
    "stylesheet", "httpAccept", "renderedBy", "responseType", "recordXPath",
})  # fmt: skip


def answer(params: Mapping[str, str], server: ServerInfo) -> tuple[bytes, Version]:
    """The response document for one request, and the version it speaks."""
    version, problem = _version(params.get("version", ""))
    operation = params.get("operation", "") or (
        "searchRetrieve" if "query" in params else "explain"
    )
    try:
        if problem is not None:
            raise problem
        unknown = sorted(name for name in params if name not in KNOWN_PARAMETERS)
        unknown = [name for name in unknown if not name.startswith("x-")]
        if unknown:
            raise SruDiagnostic(8, unknown[0])
        if operation not in OPERATIONS:
            raise SruDiagnostic(4, operation)
        _check_packing(version, params)
        if params.get("stylesheet"):
            raise SruDiagnostic(110, params["stylesheet"])
        if operation == "explain":
            return responses.explain(version, server, []), version
        return _search_retrieve(version, params), version
    except SruDiagnostic as diagnostic:
        return _failure(version, operation, server, diagnostic), version
    except Exception as error:  # never a 500: a partner gets diagnostic 1 and we get the log
        log.exception("SRU request failed: %s", dict(params))
        failure = SruDiagnostic(1, type(error).__name__)
        return _failure(version, operation, server, failure), version


def _version(raw: str) -> tuple[Version, SruDiagnostic | None]:
    if not raw:
        return V2, None
    if raw in VERSIONS:
        return Version(raw), None
    fallback = Version("1.2") if raw.startswith("1.") else V2
    return fallback, SruDiagnostic(5, fallback.number)


def _check_packing(version: Version, params: Mapping[str, str]) -> None:
    # 1.2's recordPacking is 2.0's recordXMLEscaping; 2.0 clients sending 1.2's "xml" mean
    # what we do anyway, so only "string" (escaped records) and "unpacked" are refused.
    packing = params.get("recordPacking", "")
    if packing == "string":
        raise SruDiagnostic(71, packing)
    if packing not in ("", "xml") and (version.legacy or packing != "packed"):
        raise SruDiagnostic(6, "recordPacking")
    escaping = params.get("recordXMLEscaping", "")
    if escaping == "string":
        raise SruDiagnostic(71, escaping)
    if escaping not in ("", "xml"):
        raise SruDiagnostic(6, "recordXMLEscaping")


def _search_retrieve(version: Version, params: Mapping[str, str]) -> bytes:
    text = params.get("query", "")
    if not text.strip():
        raise SruDiagnostic(7, "query")
    if (params.get("queryType") or "cql") != "cql":
        raise SruDiagnostic(6, "queryType")
    start = _number(params, "startRecord", 1, minimum=1)
    limit = min(_number(params, "maximumRecords", DEFAULT_RECORDS, minimum=0), MAX_RECORDS)
    schema = SCHEMA_ALIASES.get((params.get("recordSchema") or "marcxml").strip().lower())
    if schema is None:
        raise SruDiagnostic(66, params["recordSchema"])
    if params.get("sortKeys"):
        raise SruDiagnostic(80, params["sortKeys"])
    try:
        query = cql.parse(text)
    except cql.CQLSyntaxError as error:
        raise _syntax_diagnostic(error) from None
    found = run(query, start, limit)
    if start > found.total and not (found.total == 0 and start == 1):
        problem = SruDiagnostic(61, str(start))
        return responses.search_retrieve(version, found.total, [], None, [problem])
    records = Record.objects.only("pk", "marc").in_bulk(found.record_ids)
    rows = [
        (schema, marc_record(records[pk]), start + number)
        for number, pk in enumerate(pk for pk in found.record_ids if pk in records)
    ]
    after = start + len(found.record_ids)
    next_position = after if found.record_ids and after <= found.total else None
    return responses.search_retrieve(version, found.total, rows, next_position, [])


def _number(params: Mapping[str, str], name: str, default: int, *, minimum: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or len(raw) > 9 or int(raw) < minimum:
        raise SruDiagnostic(6, name)
    return int(raw)


def _syntax_diagnostic(error: cql.CQLSyntaxError) -> SruDiagnostic:
    if error.diagnostic in (13, 14):
        return SruDiagnostic(error.diagnostic, str(error.position))
    if error.diagnostic == 12:
        return SruDiagnostic(12, str(cql.MAX_QUERY_LENGTH))
    return SruDiagnostic(error.diagnostic, f"{error.message} (offset {error.position})")


def _failure(version: Version, operation: str, server: ServerInfo, problem: SruDiagnostic) -> bytes:
    if operation == "explain":
        return responses.explain(version, server, [problem])
    return responses.search_retrieve(version, 0, [], None, [problem])
