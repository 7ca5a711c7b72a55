"""Due dates, Renew, Overdue, Recalled and the lender's other answers between this server and
an ISO 18626 peer, both ways: every message we queue and every confirmation we give is valid
against the schema (tests/fixtures/schemas), and a repeat is never applied twice."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from lxml import etree

from simpul.network.ill import due_dates, services
from simpul.network.ill.choices import IllAction, IllStatus, MessageKind, Renewal
from simpul.network.ill.iso18626.messages import Agency, Message, build, due_day, due_stamp, parse
from simpul.network.ill.models import IllPeer, IllRequest, OutgoingMessage
from simpul.network.ill.tests.world import book, membership

pytestmark = pytest.mark.django_db
SCHEMA = etree.XMLSchema(
    etree.parse(str(Path(__file__).parent / "fixtures/schemas/ISO-18626-v1_2.xsd"))
)
URL = "/iso18626"
PEER = Agency("ISIL", "ID-LAIN")
_clock = count(1)


def stamp() -> str:
    """A new message timestamp (each message a peer sends has its own)."""
    return f"2026-03-02T02:{next(_clock) % 60:02d}:{next(_clock) % 60:02d}.{next(_clock):06d}Z"


@pytest.fixture
def peer(network: Any) -> IllPeer:
    return IllPeer.objects.create(
        name="Perpustakaan Kota Lain",
        agency_id_type=PEER.type,
        agency_id_value=PEER.value,
        endpoint_url="http://127.0.0.1:9/iso18626",
        shared_secret="rahasia",
    )


def post(client: Any, message: Message) -> Message:
    body = build(message)
    SCHEMA.assertValid(etree.fromstring(body))
    response = client.post(URL, body, content_type="application/xml")
    assert response.status_code == 200
    SCHEMA.assertValid(etree.fromstring(response.content))
    return parse(response.content)


def queued(ill: IllRequest) -> Message:
    """The last message queued for ``ill``, checked against the schema."""
    message = OutgoingMessage.objects.filter(request=ill).order_by("pk").last()
    assert message is not None
    SCHEMA.assertValid(etree.fromstring(message.body.encode()))
    return parse(message.body.encode())


# -- this server lends (KOTA), the peer asks --------------------------------------------------


@pytest.fixture
def lent_to_peer(client: Any, peer: IllPeer, kota: Any, budi: Any) -> IllRequest:
    record = book("Sang Pemimpi", (kota, "K-ISO-D1"))
    answer = post(
        client,
        Message(
            kind=MessageKind.REQUEST, supplying=Agency("SIMPUL", "KOTA"), requesting=PEER,
            request_id="LAIN-D-1", timestamp=stamp(), secret="rahasia", title="Sang Pemimpi",
            supplier_record_id=str(record.pk),
        ),
    )  # fmt: skip
    assert answer.message_status == "OK"
    ill = IllRequest.objects.get(request_id="LAIN-D-1")
    services.ship(ill, budi, kota, due=timezone.localdate() + timedelta(days=20))
    return ill


def peer_action(action: str, note: str = "") -> Message:
    return Message(
        kind=MessageKind.REQUESTING, supplying=Agency("SIMPUL", "KOTA"), requesting=PEER,
        request_id="LAIN-D-1", timestamp=stamp(), secret="rahasia", action=action, note=note,
    )  # fmt: skip


def test_the_shipment_tells_the_peer_its_due_date(lent_to_peer: IllRequest) -> None:
    sent = queued(lent_to_peer)
    assert (sent.status, due_day(sent.due)) == ("Loaned", lent_to_peer.due_on)


def test_a_peers_renew_waits_for_staff_and_the_yes_travels_with_the_new_date(
    client: Any, lent_to_peer: IllRequest, budi: Any, kota: Any
) -> None:
    ill = lent_to_peer
    renew = peer_action("Renew", "Masih dibaca")
    assert post(client, renew).message_status == "OK"
    assert post(client, renew).message_status == "OK"  # the same message again
    assert post(client, peer_action("Renew")).message_status == "OK"  # asked again, anew
    ill.refresh_from_db()
    assert ill.renewal == Renewal.REQUESTED
    before = OutgoingMessage.objects.filter(request=ill).count()

    due_dates.answer_renewal(ill, budi, kota, yes=True)

    assert OutgoingMessage.objects.filter(request=ill).count() == before + 1
    sent = queued(ill)
    assert (sent.reason_for_message, sent.answer, sent.status) == ("RenewResponse", "Y", "Loaned")
    ill.refresh_from_db()
    assert due_day(sent.due) == ill.due_on
    assert ill.renewals == 1


def test_a_no_travels_as_answer_n(
    client: Any, lent_to_peer: IllRequest, budi: Any, kota: Any
) -> None:
    post(client, peer_action("Renew"))
    lent_to_peer.refresh_from_db()
    due_dates.answer_renewal(lent_to_peer, budi, kota, yes=False, why="Ada yang menunggu")
    sent = queued(lent_to_peer)
    assert (sent.reason_for_message, sent.answer, sent.note) == (
        "RenewResponse",
        "N",
        "Ada yang menunggu",
    )


def test_a_renew_of_a_recalled_copy_is_answered_no_at_once(
    client: Any, lent_to_peer: IllRequest, budi: Any, kota: Any
) -> None:
    due_dates.recall(lent_to_peer, budi, kota, "Dibutuhkan kembali")
    recalled = queued(lent_to_peer)
    assert (recalled.status, recalled.note) == ("Recalled", "Dibutuhkan kembali")
    lent_to_peer.refresh_from_db()
    assert due_day(recalled.due) == lent_to_peer.due_on
    post(client, peer_action("Renew"))
    sent = queued(lent_to_peer)
    assert (sent.reason_for_message, sent.answer) == ("RenewResponse", "N")
    lent_to_peer.refresh_from_db()
    assert lent_to_peer.renewal == ""


def test_the_overdue_sweep_tells_the_peer_once(lent_to_peer: IllRequest) -> None:
    assert lent_to_peer.due_on is not None
    late = lent_to_peer.due_on + timedelta(days=1)
    assert due_dates.mark_overdue(late) == 1
    assert due_dates.mark_overdue(late) == 0
    overdue = OutgoingMessage.objects.filter(request=lent_to_peer, body__contains="Overdue")
    assert overdue.count() == 1
    sent = queued(lent_to_peer)
    assert (sent.reason_for_message, sent.status) == ("StatusChange", "Overdue")


def test_retry_possible_and_completed_without_return_carry_their_reasons(
    client: Any, peer: IllPeer, kota: Any, budi: Any
) -> None:
    post(
        client,
        Message(
            kind=MessageKind.REQUEST, supplying=Agency("SIMPUL", "KOTA"), requesting=PEER,
            request_id="LAIN-D-2", timestamp=stamp(), secret="rahasia", title="Edensor",
        ),
    )  # fmt: skip
    ill = IllRequest.objects.get(request_id="LAIN-D-2")
    services.retry_possible(ill, budi, kota, "Sedang diperbaiki")
    assert (queued(ill).status, queued(ill).reason_retry) == ("RetryPossible", "Sedang diperbaiki")
    book("Edensor", (kota, "K-ISO-D2"))
    services.ship(ill, budi, kota, barcode="K-ISO-D2")
    services.complete_without_return(ill, budi, kota, "Hilang di jalan")
    assert (queued(ill).status, queued(ill).note) == ("CompletedWithoutReturn", "Hilang di jalan")


# -- this server borrows (SMAN1), the peer lends -----------------------------------------------


@pytest.fixture
def borrowed(client: Any, peer: IllPeer, network: Any) -> IllRequest:
    member = membership(network.people["siti"], network.libraries["SMAN1"], "M-ISO-D1")
    ill = services.request_from_peer(member, peer, title="Ayat-Ayat Cinta")
    post(client, from_peer(ill, "Loaned", due=date(2026, 4, 1)))
    ill.refresh_from_db()
    return ill


def from_peer(ill: IllRequest, status: str, **fields: Any) -> Message:
    due = fields.pop("due", None)
    return Message(
        kind=MessageKind.SUPPLYING, supplying=PEER, requesting=Agency("SIMPUL", "SMAN1"),
        request_id=ill.request_id, supplier_request_id="77", timestamp=stamp(),
        secret="rahasia", status=status, due=due_stamp(due) if due else "", **fields,
    )  # fmt: skip


def test_the_peers_due_date_is_kept(borrowed: IllRequest) -> None:
    assert (borrowed.status, borrowed.due_on) == (IllStatus.LOANED, date(2026, 4, 1))


def test_we_ask_to_renew_and_the_peers_yes_moves_the_date_once(
    client: Any, borrowed: IllRequest, rina: Any, sman1: Any
) -> None:
    assert due_dates.ask_renewal(borrowed, rina, sman1) is True
    assert due_dates.ask_renewal(borrowed, rina, sman1) is False
    asked = queued(borrowed)
    assert (asked.kind, asked.action) == ("requestingAgencyMessage", "Renew")
    assert OutgoingMessage.objects.filter(request=borrowed, body__contains="Renew").count() == 1

    yes = from_peer(
        borrowed, "Loaned", due=date(2026, 4, 15), reason_for_message="RenewResponse", answer="Y"
    )
    first, again = post(client, yes), post(client, yes)
    assert first.message_status == again.message_status == "OK"
    late = from_peer(
        borrowed, "Loaned", due=date(2026, 4, 15), reason_for_message="RenewResponse", answer="Y"
    )
    assert post(client, late).message_status == "OK"  # nobody waits for it any more
    borrowed.refresh_from_db()
    assert (borrowed.renewal, borrowed.renewals, borrowed.due_on) == (
        Renewal.GRANTED,
        1,
        date(2026, 4, 15),
    )
    assert borrowed.events.filter(action=IllAction.RENEW).count() == 3  # asked, yes, late yes


def test_the_peers_no_is_recorded(client: Any, borrowed: IllRequest, rina: Any, sman1: Any) -> None:
    due_dates.ask_renewal(borrowed, rina, sman1)
    no = from_peer(
        borrowed, "Loaned", reason_for_message="RenewResponse", answer="N", note="Antrean panjang"
    )
    post(client, no)
    borrowed.refresh_from_db()
    assert (borrowed.renewal, borrowed.renewal_note) == (Renewal.REFUSED, "Antrean panjang")
    assert borrowed.due_on == date(2026, 4, 1)


def test_overdue_then_renewed_is_loaned_again(
    client: Any, borrowed: IllRequest, rina: Any, sman1: Any
) -> None:
    post(client, from_peer(borrowed, "Overdue", due=date(2026, 4, 1)))
    borrowed.refresh_from_db()
    assert borrowed.status == IllStatus.OVERDUE
    due_dates.ask_renewal(borrowed, rina, sman1)
    yes = from_peer(
        borrowed, "Loaned", due=date(2026, 5, 1), reason_for_message="RenewResponse", answer="Y"
    )
    post(client, yes)
    borrowed.refresh_from_db()
    assert (borrowed.status, borrowed.due_on) == (IllStatus.LOANED, date(2026, 5, 1))


def test_a_recall_arrives_with_its_date_and_reason(
    client: Any, borrowed: IllRequest, rina: Any, sman1: Any
) -> None:
    due_dates.ask_renewal(borrowed, rina, sman1)
    post(client, from_peer(borrowed, "Recalled", due=date(2026, 3, 10), note="Untuk pameran"))
    borrowed.refresh_from_db()
    assert (borrowed.status, borrowed.due_on, borrowed.reason) == (
        IllStatus.RECALLED,
        date(2026, 3, 10),
        "Untuk pameran",
    )
    assert borrowed.renewal == Renewal.REFUSED


@pytest.mark.parametrize(
    "due", ["20000-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00", "2026-03-10T24:00:00Z"]
)
def test_a_due_date_we_cannot_read_is_refused_by_name(
    client: Any, borrowed: IllRequest, due: str
) -> None:
    message = from_peer(borrowed, "Overdue")
    message.due = due
    answer = post(client, message)
    assert (answer.message_status, answer.error_type) == ("ERROR", "UnrecognisedDataValue")
    assert answer.error_value.startswith("dueDate")
    borrowed.refresh_from_db()
    assert borrowed.status == IllStatus.LOANED
