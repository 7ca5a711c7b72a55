"""The OAI-PMH harvester: incremental ListRecords with resumption tokens, into the merge engine.

lxml parses every response with entities, DTDs and network access off; urllib fetches with a
timeout and a size limit. A run never raises: its error is written on its HarvestRun.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from lxml import etree

from simpul.network.union.choices import MetadataPrefix, Origin, RunStatus
from simpul.network.union.dc import dc_to_marc
from simpul.network.union.errors import HarvestFailed
from simpul.network.union.keys import refresh_keys
from simpul.network.union.merge import Incoming, MergeReport, merge_all
from simpul.network.union.models import HarvestRun, HarvestSource

OAI = "{http://www.openarchives.org/OAI/2.0/}"
MARC = "{http://www.loc.gov/MARC21/slim}"
DC = "{http://purl.org/dc/elements/1.1/}"
TIMEOUT_SECONDS = 30
MAX_BYTES = 50 * 1024 * 1024
# Records changed while the last harvest ran, or stamped by a clock a little behind ours.
OVERLAP = timedelta(minutes=5)
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_pis=True,
    remove_comments=True,
)


def fetch(base_url: str, params: dict[str, str]) -> etree._Element:
    """One OAI-PMH request; raises HarvestFailed for network, HTTP, XML and OAI errors
    (except noRecordsMatch, which is an empty answer)."""
    url = f"{base_url}?{urllib.parse.urlencode(params)}"
    request = urllib.request.Request(url, headers={"User-Agent": "Simpul union catalog"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            body = response.read(MAX_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise HarvestFailed(url=base_url, reason=str(error)) from error
    if len(body) > MAX_BYTES:
        raise HarvestFailed(url=base_url, reason=_("jawaban lebih dari 50 MB"))
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as error:
        raise HarvestFailed(
            url=base_url, reason=_("bukan XML: {error}").format(error=error)
        ) from error
    for answer in root.iter(f"{OAI}error"):
        if answer.get("code") != "noRecordsMatch":
            reason = f"{answer.get('code')}: {(answer.text or '').strip()}"
            raise HarvestFailed(url=base_url, reason=reason)
    return root


def pages(source: HarvestSource, since: datetime | None) -> Iterator[tuple[list[Incoming], Any]]:
    """ListRecords page by page, following resumption tokens; yields each page's records and
    the responseDate of the first page."""
    params = {"verb": "ListRecords", "metadataPrefix": source.metadata_prefix}
    if source.set_spec:
        params["set"] = source.set_spec
    if since is not None:
        params["from"] = _granular(source.base_url, since)
    seen: set[str] = set()
    while True:
        root = fetch(source.base_url, params)
        yield [_incoming(source, r) for r in root.iter(f"{OAI}record")], _response_date(root)
        token = root.find(f".//{OAI}resumptionToken")
        text = (token.text or "").strip() if token is not None else ""
        if not text:
            return
        if text in seen:  # a server handing out the same token again would loop forever
            raise HarvestFailed(url=source.base_url, reason=_("token lanjutan berulang"))
        seen.add(text)
        params = {"verb": "ListRecords", "resumptionToken": text}


def _granular(base_url: str, since: datetime) -> str:
    identify = fetch(base_url, {"verb": "Identify"})
    granularity = identify.findtext(f".//{OAI}granularity") or "YYYY-MM-DD"
    since = since.astimezone(UTC)
    if granularity.endswith("ss:Z") or "T" in granularity:
        return since.strftime("%Y-%m-%dT%H:%M:%SZ")
    return since.strftime("%Y-%m-%d")


def _response_date(root: etree._Element) -> datetime | None:
    return parse_datetime((root.findtext(f"{OAI}responseDate") or "").strip())


def _incoming(source: HarvestSource, record: etree._Element) -> Incoming:
    header = record.find(f"{OAI}header")
    identifier = (header.findtext(f"{OAI}identifier") if header is not None else "") or ""
    identifier = identifier.strip()
    url = (
        source.record_url.replace("{id}", identifier.rsplit(":", 1)[-1])
        if source.record_url
        else ""
    )
    if header is not None and header.get("status") == "deleted":
        return Incoming(identifier, deleted=True)
    metadata = record.find(f"{OAI}metadata")
    if metadata is None:
        return Incoming(identifier)
    if source.metadata_prefix == MetadataPrefix.MARC21:
        element = metadata.find(f".//{MARC}record")
        return Incoming(
            identifier, marcxml_to_json(element) if element is not None else None, opac_url=url
        )
    dc: dict[str, list[str]] = {}
    for child in metadata.iter(f"{DC}*"):
        dc.setdefault(etree.QName(child).localname, []).append(child.text or "")
    return Incoming(identifier, dc_to_marc(dc), opac_url=url)


def marcxml_to_json(element: etree._Element) -> dict[str, Any]:
    """MARC-in-JSON of a MARCXML <record> element."""
    fields: list[dict[str, Any]] = []
    for child in element:
        name = etree.QName(child).localname
        tag = child.get("tag", "")
        if name == "controlfield":
            fields.append({tag: child.text or ""})
        elif name == "datafield":
            subfields = [{sub.get("code", ""): sub.text or ""} for sub in child]
            fields.append(
                {
                    tag: {
                        "ind1": child.get("ind1", " "),
                        "ind2": child.get("ind2", " "),
                        "subfields": subfields,
                    }
                }
            )
    return {"leader": element.findtext(f"{MARC}leader") or "", "fields": fields}


def harvest(source: HarvestSource) -> HarvestRun:
    """Harvest ``source`` from its last datestamp (less OVERLAP) and merge its records, in
    batches of 1,000 that forked processes prepare while the pages are fetched and earlier
    batches merged; the datestamp moves only when the whole run succeeded. Never raises."""
    since = source.last_datestamp - OVERLAP if source.last_datestamp else None
    run = HarvestRun.objects.create(source=source, from_datestamp=since)
    started: list[datetime | None] = []

    def records() -> Iterator[Incoming]:  # fetched while earlier pages are merged
        for batch, answered in pages(source, since):
            started.append(answered)
            yield from batch

    def merged(report: MergeReport) -> None:  # after each batch's commit
        run.records += report.received
        run.merged += report.merged
        run.created += report.created
        run.reviews += report.reviews
        run.deleted += report.deleted
        if report.problems:
            run.error = "\n".join([run.error, *report.problems]).strip()[:10_000]
        run.save(update_fields=["records", "merged", "created", "reviews", "deleted", "error"])

    try:
        merge_all(source.library, records(), origin=Origin.HARVEST, parallel=True, on_batch=merged)
    except Exception as error:  # any failure is the run's, recorded for staff to read
        run.status = RunStatus.FAILED
        message = error.message if isinstance(error, HarvestFailed) else repr(error)
        run.error = "\n".join([message, run.error]).strip()[:10_000]
    else:
        run.status = RunStatus.DONE
        source.last_datestamp = next((date for date in started if date), run.started_at)
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "finished_at"])
    source.last_run_at = run.finished_at
    source.save(update_fields=["last_datestamp", "last_run_at"])
    return run


def due_sources(now: datetime | None = None) -> list[HarvestSource]:
    now = now or timezone.now()
    return [
        source
        for source in HarvestSource.objects.filter(is_active=True).select_related("library")
        if source.last_run_at is None
        or source.last_run_at + timedelta(hours=source.interval_hours) <= now
    ]


def harvest_round(now: datetime | None = None) -> list[HarvestRun]:
    """Key the records catalogued since the last round (so a SLiMS push never has to), then
    harvest every active source whose interval has passed (the worker's schedule)."""
    with transaction.atomic():
        refresh_keys()
    return [harvest(source) for source in due_sources(now)]
