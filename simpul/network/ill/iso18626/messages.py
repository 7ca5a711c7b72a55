"""ISO 18626 messages as data, written and read with lxml, checked against the 1.2 schema.

Every message Simpul writes validates against ISO-18626-v1_2.xsd (a copy beside this module);
every message it reads is validated first, so a malformed one is answered with ISO 18626's
own BadlyFormedMessage, never a server error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path

from django.utils import timezone
from lxml import etree

NS = "http://illtransactions.org/2013/iso18626"
VERSION = "1.2"
SCHEMA_FILE = Path(__file__).with_name("ISO-18626-v1_2.xsd")
CONFIRMATION_OF = {
    "request": "requestConfirmation",
    "supplyingAgencyMessage": "supplyingAgencyMessageConfirmation",
    "requestingAgencyMessage": "requestingAgencyMessageConfirmation",
}
# No network, no entities, no huge trees: a peer's message is untrusted input.
PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


class BadMessage(Exception):
    """A message that is not ISO 18626 XML; ``kind`` is its top element when known."""

    def __init__(
        self, detail: str, kind: str = "request", error_type: str = "BadlyFormedMessage"
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.kind = kind
        self.error_type = error_type


@dataclass(frozen=True)
class Agency:
    type: str
    value: str

    @property
    def key(self) -> str:
        return f"{self.type}:{self.value}"


@dataclass
class Message:
    """The parts of a message Simpul uses (others are accepted and ignored)."""

    kind: str  # request | supplyingAgencyMessage | requestingAgencyMessage | *Confirmation
    supplying: Agency | None = None
    requesting: Agency | None = None
    request_id: str = ""
    supplier_request_id: str = ""
    timestamp: str = ""
    secret: str = ""
    title: str = ""
    author: str = ""
    supplier_record_id: str = ""
    patron_id: str = ""
    patron_name: str = ""
    status: str = ""
    reason_for_message: str = ""
    answer: str = ""
    note: str = ""
    reason_unfilled: str = ""
    reason_retry: str = ""
    item_id: str = ""
    due: str = ""
    action: str = ""
    message_status: str = ""
    error_type: str = ""
    error_value: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def due_stamp(day: date) -> str:
    """statusInfo/dueDate (xs:dateTime) of a due date: the end of that day here, with offset."""
    end = datetime.combine(day, time(23, 59, 59), tzinfo=timezone.get_current_timezone())
    return end.isoformat()


def due_day(stamp: str) -> date:
    """The local day of a peer's dueDate; ValueError when Python cannot read the (schema-valid)
    value, e.g. a year past 9999 or before 1."""
    try:
        moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is not None:
            moment = timezone.localtime(moment)
    except OverflowError as error:
        raise ValueError(str(error)) from None
    return moment.date()


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE), PARSER))


def _el(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{name}")
    if text is not None:
        element.text = text
    return element


def _agency(parent: etree._Element, name: str, agency: Agency) -> None:
    element = _el(parent, name)
    _el(element, "agencyIdType", agency.type)
    _el(element, "agencyIdValue", agency.value)


def _root() -> etree._Element:
    root = etree.Element(f"{{{NS}}}ISO18626Message", nsmap={"ill": NS})
    root.set(f"{{{NS}}}version", VERSION)
    return root


def _header(parent: etree._Element, message: Message) -> None:
    header = _el(parent, "header")
    assert message.supplying is not None
    assert message.requesting is not None
    _agency(header, "supplyingAgencyId", message.supplying)
    _agency(header, "requestingAgencyId", message.requesting)
    _el(header, "multipleItemRequestId", "")
    _el(header, "timestamp", message.timestamp or now_stamp())
    _el(header, "requestingAgencyRequestId", message.request_id)
    if message.supplier_request_id:
        _el(header, "supplyingAgencyRequestId", message.supplier_request_id)
    if message.secret:
        auth = _el(header, "requestingAgencyAuthentication")
        _el(auth, "securityCode", message.secret)


def build(message: Message) -> bytes:
    """The XML of a Request, SupplyingAgencyMessage or RequestingAgencyMessage (validated)."""
    root = _root()
    body = _el(root, message.kind)
    _header(body, message)
    if message.kind == "request":
        _request_body(body, message)
    elif message.kind == "supplyingAgencyMessage":
        _supplying_body(body, message)
    elif message.kind == "requestingAgencyMessage":
        _el(body, "action", message.action)
        if message.note:
            _el(body, "note", message.note)
    else:
        raise ValueError(message.kind)
    return _serialise(root)


def _request_body(body: etree._Element, message: Message) -> None:
    info = _el(body, "bibliographicInfo")
    if message.supplier_record_id:
        _el(info, "supplierUniqueRecordId", message.supplier_record_id)
    _el(info, "title", message.title)
    if message.author:
        _el(info, "author", message.author)
    service = _el(body, "serviceInfo")
    _el(service, "requestType", "New")
    _el(service, "requestSubType", "PatronRequest")
    _el(service, "serviceType", "Loan")
    if message.patron_id or message.patron_name:
        patron = _el(body, "patronInfo")
        if message.patron_id:
            _el(patron, "patronId", message.patron_id)
        if message.patron_name:
            _el(patron, "surname", message.patron_name)


def _supplying_body(body: etree._Element, message: Message) -> None:
    info = _el(body, "messageInfo")
    _el(info, "reasonForMessage", message.reason_for_message or "StatusChange")
    if message.answer:
        _el(info, "answerYesNo", message.answer)
    if message.note:
        _el(info, "note", message.note)
    if message.reason_unfilled:
        _el(info, "reasonUnfilled", message.reason_unfilled)
    if message.reason_retry:
        _el(info, "reasonRetry", message.reason_retry)
    status = _el(body, "statusInfo")
    _el(status, "status", message.status)
    if message.due:
        _el(status, "dueDate", message.due)
    _el(status, "lastChange", message.timestamp or now_stamp())
    if message.item_id:
        delivery = _el(body, "deliveryInfo")
        _el(delivery, "dateSent", message.timestamp or now_stamp())
        _el(delivery, "itemId", message.item_id)


def build_confirmation(
    kind: str,
    about: Message | None,
    *,
    error_type: str = "",
    error_value: str = "",
) -> bytes:
    """The confirmation answering a message of ``kind`` (OK, or ERROR with errorData)."""
    root = _root()
    body = _el(root, CONFIRMATION_OF.get(kind, "requestConfirmation"))
    header = _el(body, "confirmationHeader")
    if about is not None and about.supplying is not None:
        _agency(header, "supplyingAgencyId", about.supplying)
    if about is not None and about.requesting is not None:
        _agency(header, "requestingAgencyId", about.requesting)
    _el(header, "timestamp", (about.timestamp if about and about.timestamp else now_stamp()))
    if about is not None and about.request_id:
        _el(header, "requestingAgencyRequestId", about.request_id)
    _el(header, "timestampReceived", now_stamp())
    _el(header, "messageStatus", "ERROR" if error_type else "OK")
    if kind == "supplyingAgencyMessage" and about and about.reason_for_message and not error_type:
        _el(body, "reasonForMessage", about.reason_for_message)
    if kind == "requestingAgencyMessage" and about and about.action and not error_type:
        _el(body, "action", about.action)
    if error_type:
        error = _el(body, "errorData")
        _el(error, "errorType", error_type)
        if error_value:
            _el(error, "errorValue", error_value)
    return _serialise(root)


def _serialise(root: etree._Element) -> bytes:
    schema().assertValid(root)  # a bug of ours, never a peer's problem: fail loudly
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def parse(data: bytes) -> Message:
    """Read and validate one message; raises BadMessage with what is wrong."""
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as error:
        raise BadMessage(str(error)) from None
    kind = _kind_of(root)
    if not schema().validate(root):
        raise BadMessage(*_schema_error(kind))
    body = root[0]
    message = Message(kind=kind)
    _read_header(body, message)
    text = _texts(body)
    message.title = text("bibliographicInfo/title")
    message.author = text("bibliographicInfo/author")
    message.supplier_record_id = text("bibliographicInfo/supplierUniqueRecordId")
    message.patron_id = text("patronInfo/patronId")
    message.patron_name = " ".join(
        filter(None, [text("patronInfo/givenName"), text("patronInfo/surname")])
    )
    message.status = text("statusInfo/status")
    message.due = text("statusInfo/dueDate")
    message.reason_for_message = text("messageInfo/reasonForMessage") or text("reasonForMessage")
    message.answer = text("messageInfo/answerYesNo")
    message.note = text("messageInfo/note") or text("note")
    message.reason_unfilled = text("messageInfo/reasonUnfilled")
    message.reason_retry = text("messageInfo/reasonRetry")
    message.item_id = text("deliveryInfo/itemId")
    message.action = text("action")
    message.message_status = text("confirmationHeader/messageStatus")
    message.error_type = text("errorData/errorType")
    message.error_value = text("errorData/errorValue")
    return message


# An enumeration refused in one of these elements has an error type of its own.
ENUM_ERRORS = {
    "action": "UnsupportedActionType",
    "reasonForMessage": "UnsupportedReasonForMessageType",
}


def _schema_error(kind: str) -> tuple[str, str, str]:
    error = schema().error_log.last_error
    detail = error.message if error is not None else "invalid"
    if error is not None and error.type_name == "SCHEMAV_CVC_ENUMERATION_VALID":
        element = re.search(r"Element '\{[^}]*\}(\w+)'", detail)
        name = element.group(1) if element else ""
        return detail, kind, ENUM_ERRORS.get(name, "UnrecognisedDataValue")
    return detail, kind, "BadlyFormedMessage"


def _kind_of(root: etree._Element) -> str:
    if root.tag != f"{{{NS}}}ISO18626Message" or len(root) == 0:
        raise BadMessage("not an ISO18626Message")
    return etree.QName(root[0]).localname


def _texts(body: etree._Element):  # type: ignore[no-untyped-def]
    def text(path: str) -> str:
        xpath = "/".join(f"ill:{step}" for step in path.split("/"))
        found = body.xpath(xpath + "/text()", namespaces={"ill": NS})
        return str(found[0]).strip() if found else ""

    return text


def _read_header(body: etree._Element, message: Message) -> None:
    text = _texts(body)
    for prefix in ("header", "confirmationHeader"):
        for name, attr in (
            ("supplyingAgencyId", "supplying"),
            ("requestingAgencyId", "requesting"),
        ):
            value = text(f"{prefix}/{name}/agencyIdValue")
            if value:
                setattr(message, attr, Agency(text(f"{prefix}/{name}/agencyIdType"), value))
        message.request_id = message.request_id or text(f"{prefix}/requestingAgencyRequestId")
        message.timestamp = message.timestamp or text(f"{prefix}/timestamp")
    message.supplier_request_id = text("header/supplyingAgencyRequestId")
    message.secret = text("header/requestingAgencyAuthentication/securityCode")
