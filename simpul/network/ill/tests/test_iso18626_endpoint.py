"""The ISO 18626 endpoint: a peer's Request, its repeat, its actions, and every kind of bad
message answered with ISO 18626's own error codes (never a 500), all valid against the
schema (tests/fixtures/schemas, a copy of the shared ISO-18626-v1_2.xsd)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from simpul.network.ill import outbox, services
from simpul.network.ill.choices import IllStatus, MessageKind, OutboxState
from simpul.network.ill.iso18626.messages import NS, Agency, Message, build, parse
from simpul.network.ill.models import IllPeer, IllRequest, OutgoingMessage, ReceivedMessage

pytestmark = pytest.mark.django_db
SCHEMA = etree.XMLSchema(
    etree.parse(str(Path(__file__).parent / "fixtures/schemas/ISO-18626-v1_2.xsd"))
)
URL = "/iso18626"
EMPTY_REQUEST = (
    f"<ISO18626Message xmlns='{NS}' xmlns:i='{NS}' i:version='1.2'><request/></ISO18626Message>"
).encode()


@pytest.fixture
def peer(network: Any) -> IllPeer:
    return IllPeer.objects.create(
        name="Perpustakaan Kota Lain",
        agency_id_type="ISIL",
        agency_id_value="ID-LAIN",
        endpoint_url="http://127.0.0.1:9/iso18626",
        shared_secret="rahasia",
    )


def request_message(**changes: Any) -> Message:
    fields: dict[str, Any] = {
        "kind": MessageKind.REQUEST,
        "supplying": Agency("SIMPUL", "KOTA"),
        "requesting": Agency("ISIL", "ID-LAIN"),
        "request_id": "LAIN-0001",
        "timestamp": "2026-03-02T02:00:00.000Z",
        "secret": "rahasia",
        "title": "Sang Pemimpi",
        "author": "Andrea Hirata",
        "patron_name": "Wati",
    }
    return Message(**{**fields, **changes})


def post(client: Any, body: bytes) -> Any:
    response = client.post(URL, body, content_type="application/xml")
    assert response.status_code == 200
    SCHEMA.assertValid(etree.fromstring(response.content))
    return parse(response.content)


def test_a_peers_request_is_confirmed_and_kept_once(client: Any, peer: IllPeer, kota: Any) -> None:
    body = build(request_message())
    first = client.post(URL, body, content_type="application/xml").content
    again = client.post(URL, body, content_type="application/xml").content
    assert parse(first).message_status == "OK"
    assert first == again
    ill = IllRequest.objects.get()
    assert (ill.requester_peer, ill.supplier_library, ill.status) == (
        peer,
        kota,
        IllStatus.REQUEST_RECEIVED,
    )
    assert ReceivedMessage.objects.count() == 1


def test_the_same_request_under_a_new_timestamp_is_not_a_second_request(
    client: Any, peer: IllPeer
) -> None:
    post(client, build(request_message()))
    answer = post(client, build(request_message(timestamp="2026-03-02T02:05:00.000Z")))
    assert answer.message_status == "OK"
    assert IllRequest.objects.count() == 1


def test_the_lenders_answer_is_queued_as_a_valid_supplying_agency_message(
    client: Any, peer: IllPeer, kota: Any, budi: Any
) -> None:
    post(client, build(request_message()))
    services.accept(IllRequest.objects.get(), budi, kota)
    message = OutgoingMessage.objects.get()
    SCHEMA.assertValid(etree.fromstring(message.body.encode()))
    sent = parse(message.body.encode())
    assert (sent.kind, sent.status, sent.request_id) == (
        "supplyingAgencyMessage",
        "WillSupply",
        "LAIN-0001",
    )
    assert message.key == "LAIN-0001:supplyingAgencyMessage:1"


def test_received_and_shipped_return_from_the_peer_are_recorded_once(
    client: Any, peer: IllPeer, kota: Any, budi: Any
) -> None:
    from simpul.network.ill.tests.world import book

    record = book("Sang Pemimpi", (kota, "K-ISO-1"))
    post(client, build(request_message(supplier_record_id=str(record.pk))))
    ill = IllRequest.objects.get()
    services.ship(ill, budi, kota)
    for action in ("Received", "Received", "ShippedReturn"):
        message = request_message(
            kind=MessageKind.REQUESTING,
            action=action,
            timestamp=f"2026-03-0{3 if action == 'Received' else 4}T02:00:00Z",
        )
        assert post(client, build(message)).message_status == "OK"
    ill.refresh_from_db()
    assert ill.received_at is not None
    assert ill.returned_at is not None
    assert ill.events.filter(action="Received").count() == 1


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"<not-xml", "BadlyFormedMessage"),
        (b"<x xmlns='urn:other'/>", "BadlyFormedMessage"),
        (
            EMPTY_REQUEST,
            "BadlyFormedMessage",
        ),
    ],
)
def test_a_malformed_message_gets_badly_formed_message(
    client: Any, peer: IllPeer, body: bytes, error: str
) -> None:
    answer = post(client, body)
    assert (answer.message_status, answer.error_type) == ("ERROR", error)


def test_an_unknown_action_gets_unsupported_action_type(client: Any, peer: IllPeer) -> None:
    body = build(request_message(kind=MessageKind.REQUESTING, action="Received"))
    body = body.replace(b">Received<", b">WeCancelThisMessage<")
    answer = post(client, body)
    assert (answer.kind, answer.error_type) == (
        "requestingAgencyMessageConfirmation",
        "UnsupportedActionType",
    )


@pytest.mark.parametrize(
    ("changes", "value"),
    [
        ({"requesting": Agency("ISIL", "ID-ASING")}, "requestingAgencyId"),
        ({"secret": "salah"}, "requestingAgencyAuthentication"),
        ({"supplying": Agency("SIMPUL", "TIDAKADA")}, "supplyingAgencyId"),
        ({"supplying": Agency("SIMPUL", "SMAN2")}, "supplyingAgencyId"),  # lends to no one
    ],
)
def test_refusals_name_the_data_element(
    client: Any, peer: IllPeer, changes: dict[str, Any], value: str
) -> None:
    answer = post(client, build(request_message(**changes)))
    assert answer.error_type == "UnrecognisedDataValue"
    assert answer.error_value.startswith(value)
    assert not IllRequest.objects.exists()


def test_a_status_for_an_unknown_request_is_refused(client: Any, peer: IllPeer) -> None:
    message = request_message(
        kind=MessageKind.SUPPLYING,
        supplying=Agency("ISIL", "ID-LAIN"),
        requesting=Agency("SIMPUL", "SMAN1"),
        status="Loaned",
    )
    answer = post(client, build(message))
    assert answer.error_type == "UnrecognisedDataValue"
    assert answer.error_value.startswith("requestingAgencyRequestId")


def test_get_is_answered_with_an_iso_document(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 405
    SCHEMA.assertValid(etree.fromstring(response.content))


def test_a_message_to_an_unreachable_peer_waits_and_backs_off(peer: IllPeer, network: Any) -> None:
    from simpul.network.ill.tests.world import membership

    member = membership(network.people["siti"], network.libraries["SMAN1"], "M-ISO-1")
    ill = services.request_from_peer(member, peer, title="Ayat-Ayat Cinta")
    assert outbox.send_due() == {"sent": 0, "refused": 0, "failed": 1}
    message = OutgoingMessage.objects.get(request=ill)
    assert message.state == OutboxState.PENDING
    assert message.attempts == 1
    assert message.last_error
    assert outbox.send_due() == {"sent": 0, "refused": 0, "failed": 0}  # waits its backoff
    SCHEMA.assertValid(etree.fromstring(message.body.encode()))


def test_the_workers_round_sends_due_messages_and_never_raises(peer: IllPeer, network: Any) -> None:
    from simpul.network.ill.outbox import ill_round
    from simpul.network.ill.tests.world import membership

    member = membership(network.people["siti"], network.libraries["SMAN1"], "M-ISO-2")
    services.request_from_peer(member, peer, title="Ayat-Ayat Cinta")
    assert ill_round() == {"sent": 0, "refused": 0, "failed": 1}  # nobody listens on port 9
    assert ill_round() == {"sent": 0, "refused": 0, "failed": 0}  # not due again yet
    assert OutgoingMessage.objects.get().attempts == 1
