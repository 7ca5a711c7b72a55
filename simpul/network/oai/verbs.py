"""The six verbs: each takes a checked request and returns the parts inside the envelope.

Records are named ``oai:<OAI_REPOSITORY_ID>:<record id>``. List verbs page with stateless
resumption tokens (tokens.py) over keyset-ordered queries (harvest.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from simpul.catalog.marc.export import MARC_NS, MARC_SCHEMA, OAI_DC_NS, OAI_DC_SCHEMA
from simpul.libraries.models import Library
from simpul.network.oai import harvest, records, tokens
from simpul.network.oai.arguments import OaiRequest, window
from simpul.network.oai.errors import (
    BadResumptionToken,
    CannotDisseminateFormat,
    IdDoesNotExist,
    NoMetadataFormats,
    NoRecordsMatch,
)
from simpul.network.oai.records import escape
from simpul.network.oai.responses import utc_now
from simpul.network.oai.sets import all_sets, record_sets, set_filter

OAI_IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
RECORD_ID = re.compile(r"[1-9][0-9]{0,17}")  # fits a 64-bit integer column
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Format:
    schema: str
    namespace: str
    columns: tuple[str, ...]  # what ``render`` reads of a Record row, in this order
    render: Callable[[tuple[Any, ...]], str]


FORMATS = {
    "oai_dc": Format(OAI_DC_SCHEMA, OAI_DC_NS, records.DC_COLUMNS, records.oai_dc),
    "marc21": Format(
        MARC_SCHEMA, MARC_NS, ("marc",), lambda values: records.marcxml(records.decoded(values[0]))
    ),
}


def identifier_of(record_id: int) -> str:
    return f"oai:{settings.OAI_REPOSITORY_ID}:{record_id}"


def record_id_of(identifier: str) -> int:
    """The record id ``identifier`` names, or idDoesNotExist for a name not of ours."""
    prefix = f"oai:{settings.OAI_REPOSITORY_ID}:"
    rest = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
    if not RECORD_ID.fullmatch(rest):
        raise IdDoesNotExist(identifier=identifier[:200])
    return int(rest)


def identify(request: OaiRequest, base_url: str) -> list[str]:
    earliest = harvest.earliest()
    sample = identifier_of(1)
    description = (
        f'<description><oai-identifier xmlns="{OAI_IDENTIFIER_NS}" '
        f'xsi:schemaLocation="{OAI_IDENTIFIER_NS} {OAI_IDENTIFIER_SCHEMA}">'
        f"<scheme>oai</scheme><repositoryIdentifier>{settings.OAI_REPOSITORY_ID}"
        f"</repositoryIdentifier><delimiter>:</delimiter>"
        f"<sampleIdentifier>{sample}</sampleIdentifier></oai-identifier></description>"
    )
    name = _("Katalog Induk Jaringan Perpustakaan Kota Metro")
    return [
        f"<Identify><repositoryName>{escape(name)}</repositoryName>",
        f"<baseURL>{escape(base_url)}</baseURL><protocolVersion>2.0</protocolVersion>",
        f"<adminEmail>{escape(settings.OAI_ADMIN_EMAIL)}</adminEmail>",
        "<earliestDatestamp>"
        + (f"{earliest:%Y-%m-%dT%H:%M:%SZ}" if earliest else utc_now())
        + "</earliestDatestamp>",
        "<deletedRecord>persistent</deletedRecord>",
        "<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>",
        description,
        "</Identify>",
    ]


def list_metadata_formats(request: OaiRequest, base_url: str) -> list[str]:
    if identifier := request.get("identifier"):
        found = harvest.entry(record_id_of(identifier), columns=())
        if found is None:
            raise IdDoesNotExist(identifier=identifier[:200])
        if found.deleted:
            raise NoMetadataFormats(identifier=identifier[:200])
    formats = [
        f"<metadataFormat><metadataPrefix>{prefix}</metadataPrefix><schema>{spec.schema}"
        f"</schema><metadataNamespace>{spec.namespace}</metadataNamespace></metadataFormat>"
        for prefix, spec in FORMATS.items()
    ]
    return ["<ListMetadataFormats>", *formats, "</ListMetadataFormats>"]


def list_sets(request: OaiRequest, base_url: str) -> list[str]:
    if request.get("resumptionToken"):  # the list of sets is never split, so no token is ours
        raise BadResumptionToken()
    sets = [
        f"<set><setSpec>{spec}</setSpec><setName>{escape(name)}</setName></set>"
        for spec, name in all_sets()
    ]
    return ["<ListSets>", *sets, "</ListSets>"]


def get_record(request: OaiRequest, base_url: str) -> list[str]:
    spec = _format(request.get("metadataPrefix"))
    identifier = request.get("identifier")
    found = harvest.entry(record_id_of(identifier), columns=spec.columns)
    if found is None:
        raise IdDoesNotExist(identifier=identifier[:200])
    return ["<GetRecord>", *_entries([found], spec), "</GetRecord>"]


def list_identifiers(request: OaiRequest, base_url: str) -> list[str]:
    return _list(request, with_metadata=False)


def list_records(request: OaiRequest, base_url: str) -> list[str]:
    return _list(request, with_metadata=True)


def _list(request: OaiRequest, *, with_metadata: bool) -> list[str]:
    state = _state(request)
    where = set_filter(state.set_spec)
    dates = window(state.from_, state.until)
    spec = _format(state.prefix)
    if not request.get("resumptionToken"):
        state = replace(state, total=harvest.count(where, dates))
    found = harvest.page(
        where,
        dates,
        records_after=state.records_after,
        deleted_after=state.deleted_after,
        size=settings.OAI_PAGE_SIZE,
        columns=spec.columns if with_metadata else (),
    )
    if not found.entries:  # also after a token, when the rest of the list left its set
        raise NoRecordsMatch()
    given = state.cursor + len(found.entries)
    total = max(state.total, given + (1 if found.more else 0))
    verb = request.verb
    parts = [f"<{verb}>", *_entries(found.entries, spec if with_metadata else None)]
    if found.more:
        following = replace(
            state,
            records_after=found.records_after,
            deleted_after=found.deleted_after,
            cursor=given,
            total=total,
        )
        token, expires = tokens.issue(following)
        parts.append(
            f'<resumptionToken expirationDate="{expires:%Y-%m-%dT%H:%M:%SZ}" '
            f'completeListSize="{total}" cursor="{state.cursor}">{token}</resumptionToken>'
        )
    elif request.get("resumptionToken"):  # the last page of a split list: an empty token
        parts.append(f'<resumptionToken completeListSize="{total}" cursor="{state.cursor}"/>')
    parts.append(f"</{verb}>")
    return parts


def _state(request: OaiRequest) -> tokens.ListState:
    if token := request.get("resumptionToken"):
        return tokens.read(token, request.verb)
    return tokens.ListState(
        request.verb,
        request.get("metadataPrefix"),
        request.get("set"),
        request.get("from"),
        request.get("until"),
    )


def _format(prefix: str) -> Format:
    if prefix not in FORMATS:
        raise CannotDisseminateFormat(prefix=prefix[:50], available=", ".join(FORMATS))
    return FORMATS[prefix]


def _entries(entries: list[harvest.Entry], spec: Format | None) -> list[str]:
    """Headers (``spec`` None) or whole records; a deletion is a header alone either way."""
    codes = dict(Library.objects.values_list("pk", "code"))
    parts = []
    for found in entries:
        head = records.header(
            identifier_of(found.record_id),
            harvest.utc_datestamp(found.stamp),
            record_sets(codes.get(found.library_id or 0), found.material_type),
            deleted=found.deleted,
        )
        if spec is None:
            parts.append(head)
        elif found.deleted:
            parts.append(f"<record>{head}</record>")
        else:
            parts.append(f"<record>{head}{_metadata(found, spec)}</record>")
    return parts


def _metadata(found: harvest.Entry, spec: Format) -> str:
    """The record's ``<metadata>``; none (the schema allows that) for MARC that cannot be
    read at all, which Simpul's own writers never store, rather than failing the page."""
    try:
        return f"<metadata>{spec.render(found.values)}</metadata>"
    except (AttributeError, TypeError, ValueError, KeyError):
        log.exception("OAI-PMH: record %s has metadata that cannot be written", found.record_id)
        return ""
