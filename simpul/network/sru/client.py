"""An SRU client for copy cataloguing: search another library's catalog, read its MARCXML.

Requests are SRU 1.2 GETs (what most library servers speak) asking for MARCXML; answers in
the 1.x or 2.0 namespace are read alike. XML is parsed without entities, DTDs or network
access, and at most ``MAX_BYTES`` are read. Every failure is a SimpulError (``errors.py``)
with a translated message: unreachable, timeout, HTTP error, not SRU, an SRU diagnostic.
"""

from __future__ import annotations

import http.client
import io
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

import pymarc
from django.conf import settings
from lxml import etree

from simpul.catalog.marc.isbn import normalize_isbn
from simpul.catalog.marc.mapping import bib_fields
from simpul.catalog.marc.reader import read_records
from simpul.network.sru.errors import (
    RemoteDiagnostic,
    RemoteHttpError,
    RemoteNotSru,
    RemoteTimeout,
    RemoteUnreachable,
    UnknownTarget,
)

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
MAX_BYTES = 5 * 1024 * 1024
PAGE_SIZE = 10
KINDS = ("title", "author", "isbn", "any")
_INDEX_OF_KIND = {"title": "dc.title", "author": "dc.creator", "any": "cql.serverChoice"}
_SAFE_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_pis=True,
    remove_comments=True,
)


def targets() -> dict[str, str]:
    """The configured servers, name -> base URL, from ``SRU_TARGETS`` ("name=url" entries).

    Entries that are not ``name=http(s)://...`` are left out and logged.
    """
    found: dict[str, str] = {}
    for entry in getattr(settings, "SRU_TARGETS", []):
        name, _sep, url = entry.partition("=")
        name, url = name.strip(), url.strip()
        if not name or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
            log.warning("SIMPUL_SRU_TARGETS: ignored %r (write name=https://host/path)", entry)
            continue
        found[name] = url
    return found


def target_url(name: str) -> str:
    """The base URL of a configured server; raises UnknownTarget."""
    url = targets().get(name)
    if url is None:
        raise UnknownTarget(name=name)
    return url


def build_query(kind: str, text: str) -> str:
    """The CQL a cataloguer's words mean: every word in the title, creator or anywhere; or
    an ISBN (normalised to 13 digits when it is one)."""
    text = " ".join(text.split())[:300]
    if kind == "isbn":
        text = normalize_isbn(text) or text
        return f'bath.isbn = "{_escape(text)}"'
    return f'{_INDEX_OF_KIND.get(kind, "cql.serverChoice")} all "{_escape(text)}"'


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


@dataclass
class RemoteRecord:
    position: int
    marc: pymarc.Record
    title: str = ""
    author: str = ""
    year: int | None = None
    isbn: str = ""

    @classmethod
    def of(cls, position: int, marc: pymarc.Record) -> RemoteRecord:
        fields = bib_fields(marc)
        title = fields.title + (f" : {fields.subtitle}" if fields.subtitle else "")
        return cls(
            position=position,
            marc=marc,
            title=title,
            author=fields.authors[0] if fields.authors else "",
            year=fields.year,
            isbn=fields.isbns[0] if fields.isbns else "",
        )


@dataclass
class RemoteResult:
    total: int
    start: int
    records: list[RemoteRecord] = field(default_factory=list)
    unreadable: int = 0  # records the server sent in another schema or broken
    next_position: int | None = None


def search(
    name: str, url: str, query: str, *, start: int = 1, maximum: int = PAGE_SIZE
) -> RemoteResult:
    """One page of records from the server at ``url`` (called ``name`` in messages)."""
    params = {
        "operation": "searchRetrieve",
        "version": "1.2",
        "query": query,
        "startRecord": str(max(start, 1)),
        "maximumRecords": str(maximum),
        "recordSchema": "marcxml",
        "recordPacking": "xml",
    }
    separator = "&" if urlsplit(url).query else "?"
    body = fetch(name, f"{url}{separator}{urlencode(params)}")
    return read_response(name, body, max(start, 1))


def fetch(name: str, url: str, timeout: float | None = None) -> bytes:
    """The body of a GET, at most MAX_BYTES; raises the client's errors."""
    timeout = timeout or TIMEOUT_SECONDS
    request = urllib.request.Request(
        url, headers={"Accept": "application/sru+xml, text/xml, application/xml"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bytes(response.read(MAX_BYTES + 1))[:MAX_BYTES]
    except urllib.error.HTTPError as error:
        raise RemoteHttpError(name=name, status_code=error.code) from None
    except TimeoutError:
        raise RemoteTimeout(name=name, seconds=int(timeout)) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise RemoteTimeout(name=name, seconds=int(timeout)) from None
        raise RemoteUnreachable(name=name, reason=str(error.reason)[:200]) from None
    except http.client.HTTPException as error:  # something answered, but not in HTTP
        raise RemoteNotSru(name=name, reason=type(error).__name__) from None
    except (OSError, ValueError) as error:
        raise RemoteUnreachable(name=name, reason=str(error)[:200]) from None


def read_response(name: str, body: bytes, start: int = 1) -> RemoteResult:
    """Records, total and diagnostics of a searchRetrieveResponse (SRU 1.1, 1.2 or 2.0)."""
    try:
        root = etree.fromstring(body, _SAFE_PARSER)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise RemoteNotSru(name=name, reason=str(error)[:200] or "XML") from None
    if root is None or etree.QName(root).localname != "searchRetrieveResponse":
        tag = etree.QName(root).localname if root is not None else ""
        raise RemoteNotSru(name=name, reason=f"<{tag}>")
    ns = etree.QName(root).namespace or ""
    q = (lambda local: f"{{{ns}}}{local}") if ns else (lambda local: local)
    for diagnostic in root.iterfind(f"{q('diagnostics')}/*"):
        texts = {etree.QName(child).localname: (child.text or "").strip() for child in diagnostic}
        message = texts.get("message") or texts.get("details") or "?"
        if texts.get("details") and texts.get("message"):
            message = f"{texts['message']}: {texts['details']}"
        raise RemoteDiagnostic(name=name, message=message[:300], uri=texts.get("uri", "")[:100])
    total = _int(root.findtext(q("numberOfRecords")))
    result = RemoteResult(total=total or 0, start=start)
    for number, record in enumerate(root.iterfind(f"{q('records')}/{q('record')}")):
        position = _int(record.findtext(q("recordPosition"))) or start + number
        marc = _marc_of(record.find(q("recordData")))
        if marc is None:
            result.unreadable += 1
        else:
            result.records.append(RemoteRecord.of(position, marc))
    result.next_position = _int(root.findtext(q("nextRecordPosition")))
    return result


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


def _marc_of(data: etree._Element | None) -> pymarc.Record | None:
    """The MARC record inside ``recordData``: as XML, or as escaped XML text (packing string)."""
    if data is None:
        return None
    element = next((e for e in data.iter() if _is_marc_record(e)), None)
    if element is None and (data.text or "").strip().startswith("<"):
        try:
            inner = etree.fromstring(data.text.strip().encode("utf-8"), _SAFE_PARSER)
        except (etree.XMLSyntaxError, ValueError):
            return None
        element = next((e for e in inner.iter() if _is_marc_record(e)), None)
    if element is None:
        return None
    results = read_records(io.BytesIO(etree.tostring(element)), "marcxml")
    first = next(results, None)
    return first.record if first is not None else None


def _is_marc_record(element: etree._Element) -> bool:
    if not isinstance(element.tag, str) or etree.QName(element).localname != "record":
        return False
    return any(
        isinstance(child.tag, str) and etree.QName(child).localname == "leader" for child in element
    )
