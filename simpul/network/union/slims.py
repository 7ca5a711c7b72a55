"""SLiMS's union-catalog push (UCS): the biblio JSON its client sends, as MARC-in-JSON.

The request, as SLiMS 9 builds it in admin/modules/bibliography/ucs_upload.php and sends it
with lib/http_request.inc.php (POST, ``Content-type: text/json``, body ``json_encode``d):

    {"node_info": $sysconf['ucs'] (id, password, name, serveraddr, enable, ...),
     "node_data": {"<biblio_id>": {"biblio_id", "title", "spec_detail_info", "gmd_code",
        "gmd_name", "edition", "isbn_issn", "publisher_name", "publish_year", "collation",
        "series_title", "call_number", "language_id", "language_name", "place_name",
        "classification", "notes", "frequency",
        "authors": [{"name", "level", "type", "auth_list"}], "subjects": [same]}, ...}}

at most 50 biblios, to ``<serveraddr>/ucs.php`` (``/ucpoll.php`` for servers older than 3).
Its UCS server (ucs/ucpoll.php, ucs/uc-ops.php) answers ``{"status", "message"}``: UPLOADED,
DELETED, NOT_AUTHORIZED, JSON_ERROR or NO_DATA; uc-ops.php takes
``"node_data": {"operation": "delete", "biblio": "1,2,3"}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.catalog.marc.isbn import normalize_isbn, normalize_issn
from simpul.libraries.models import Library
from simpul.network.union.choices import Origin
from simpul.network.union.errors import NodeIdTaken
from simpul.network.union.merge import Incoming, MergeReport, merge_batch
from simpul.network.union.models import SlimsNode

MAX_RECORDS = 50  # SLiMS's client sends LIMIT 50
MAX_BYTES = 2 * 1024 * 1024
# SLiMS language ids (mst_language) to MARC codes.
LANGUAGES = {"id": "ind", "en": "eng", "ar": "ara", "ms": "may", "jv": "jav", "su": "sun"}


@dataclass
class Answer:
    """What SLiMS's client shows: a status word and a message."""

    status: str
    message: str

    def json(self) -> bytes:
        return json.dumps({"status": self.status, "message": self.message}).encode()


def set_node(library: Library, node_id: str, password: str, record_url: str = "") -> SlimsNode:
    """Create or change the SLiMS node of ``library``; the password is stored hashed.
    Raises NodeIdTaken when another library uses ``node_id``."""
    node_id = node_id.strip()
    if SlimsNode.objects.filter(node_id=node_id).exclude(library=library).exists():
        raise NodeIdTaken(node_id=node_id)
    node, _created = SlimsNode.objects.update_or_create(
        library=library,
        defaults={
            "node_id": node_id,
            "password": make_password(password),
            "record_url": record_url,
        },
    )
    return node


def receive(body: bytes) -> Answer:
    """Handle one UCS request body; never raises for bad input."""
    if not body.strip():
        return Answer("NO_DATA", _("Permintaan kosong. Mungkin galat pada permintaan HTTP."))
    if len(body) > MAX_BYTES:
        return Answer("TOO_LARGE", _("Kiriman lebih dari 2 MB; kirim paling banyak 50 rekaman."))
    try:
        request = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return Answer("JSON_ERROR", _("JSON error: Syntax error"))
    if not isinstance(request, dict):
        return Answer("JSON_ERROR", _("JSON error: Syntax error"))
    node = _authenticated(request.get("node_info"))
    if node is None:
        return Answer(
            "NOT_AUTHORIZED",
            _("Anda tidak berhak mengirim data ke server ini. Periksa ID dan kata sandi UCS."),
        )
    data = request.get("node_data")
    if isinstance(data, dict) and data.get("operation") == "delete":
        return _delete(node, str(data.get("biblio", "")))
    biblios = (
        list(data.values()) if isinstance(data, dict) else data if isinstance(data, list) else []
    )
    biblios = [b for b in biblios if isinstance(b, dict)]
    if not biblios:
        return Answer("NO_DATA", _("Tidak ada data bibliografi yang dikirim."))
    if len(biblios) > MAX_RECORDS:
        return Answer("TOO_MANY", _("Paling banyak 50 rekaman sekali kirim."))
    report = _merge(node, biblios)
    return Answer(
        "UPLOADED",
        _("{count} rekaman katalog berhasil diunggah ke {server}!").format(
            count=report.received - len(report.problems), server=_("Katalog Induk Simpul")
        ),
    )


def _authenticated(info: Any) -> SlimsNode | None:
    if not isinstance(info, dict):
        return None
    node_id, password = str(info.get("id", "")).strip(), str(info.get("password", ""))
    node = (
        SlimsNode.objects.filter(node_id=node_id, is_active=True).select_related("library").first()
    )
    if node is None or not password or not check_password(password, node.password):
        return None
    return node


def _merge(node: SlimsNode, biblios: list[dict[str, Any]]) -> MergeReport:
    incoming = []
    for biblio in biblios:
        local_id = str(biblio.get("biblio_id", "")).strip()
        if not local_id:
            continue
        url = node.record_url.replace("{id}", local_id) if node.record_url else ""
        incoming.append(
            Incoming(
                local_id,
                biblio_to_marc(biblio, node.node_id),
                call_number=_text(biblio.get("call_number")),
                opac_url=url,
            )
        )
    with transaction.atomic():
        report = merge_batch(node.library, incoming, origin=Origin.SLIMS)
        SlimsNode.objects.filter(pk=node.pk).update(last_push_at=timezone.now())
    return report


def _delete(node: SlimsNode, ids: str) -> Answer:
    wanted = [Incoming(i.strip(), deleted=True) for i in ids.split(",") if i.strip()]
    report = merge_batch(node.library, wanted, origin=Origin.SLIMS)
    return Answer(
        "DELETED",
        _("{count} rekaman katalog dihapus dari {server}!").format(
            count=report.deleted, server=_("Katalog Induk Simpul")
        ),
    )


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _field(
    tag: str, subfields: list[tuple[str, str]], ind1: str = " ", ind2: str = " "
) -> dict[str, Any]:
    return {tag: {"ind1": ind1, "ind2": ind2, "subfields": [{c: v} for c, v in subfields if v]}}


def biblio_to_marc(biblio: dict[str, Any], node_id: str) -> dict[str, Any]:
    """MARC-in-JSON of one SLiMS biblio: 001 its biblio_id and 003 the node id (a system
    number), 020/022, 082, 100/110/111 and 700/710/711 by author level and type, 245, 250,
    264, 300, 490, 500, 650/651 and 008 with the year and language."""
    get = lambda name: _text(biblio.get(name))  # noqa: E731
    year = "".join(ch for ch in get("publish_year") if ch.isdigit())[:4]
    language = LANGUAGES.get(get("language_id").casefold(), get("language_id")[:3].casefold())
    fields: list[dict[str, Any]] = [
        {"001": get("biblio_id")},
        {"003": node_id},
        {"008": f"000000s{year.ljust(4)}    xx            000 0 {language.ljust(3)} d"},
    ]
    identifier = get("isbn_issn")
    if identifier and normalize_isbn(identifier):
        fields.append(_field("020", [("a", identifier)]))
    elif identifier and normalize_issn(identifier):
        fields.append(_field("022", [("a", identifier)]))
    if get("classification"):
        fields.append(_field("082", [("a", get("classification"))], "0", "4"))
    authors = sorted(
        (a for a in biblio.get("authors") or [] if isinstance(a, dict) and _text(a.get("name"))),
        key=lambda a: _text(a.get("level")) or "9",
    )
    main = authors[0] if authors and _text(authors[0].get("level")) == "1" else None
    if main is not None:
        fields.append(_field(_author_tag(main, "1"), [("a", _text(main["name"]))], "1"))
    title, _sep, subtitle = get("title").partition(" : ")
    fields.append(
        _field(
            "245",
            [("a", title + (" :" if subtitle else "")), ("b", subtitle)],
            "1" if main else "0",
            "0",
        )
    )
    if get("edition"):
        fields.append(_field("250", [("a", get("edition"))]))
    imprint = [("a", get("place_name")), ("b", get("publisher_name")), ("c", year)]
    if any(value for _code, value in imprint):
        fields.append(_field("264", imprint, " ", "1"))
    if get("collation"):
        fields.append(_field("300", [("a", get("collation"))]))
    if get("series_title"):
        fields.append(_field("490", [("a", get("series_title"))], "0"))
    if get("notes"):
        fields.append(_field("500", [("a", get("notes"))]))
    for subject in biblio.get("subjects") or []:
        if isinstance(subject, dict) and _text(subject.get("name")):
            tag = "651" if _text(subject.get("type")) == "g" else "650"
            fields.append(_field(tag, [("a", _text(subject["name"]))], " ", "4"))
    for author in authors:
        if author is not main:
            fields.append(_field(_author_tag(author, "7"), [("a", _text(author["name"]))], "1"))
    fields.sort(key=lambda entry: next(iter(entry)))
    return {"leader": "00000nam a2200000 i 4500", "fields": fields}


def _author_tag(author: dict[str, Any], first: str) -> str:
    """SLiMS author types: p personal, o organisation, c conference."""
    return first + {"o": "10", "c": "11"}.get(_text(author.get("type")), "00")
