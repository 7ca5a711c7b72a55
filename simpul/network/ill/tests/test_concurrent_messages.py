"""Real races against a live server: a peer's Request delivered twice at the same instant (a
retry that overtook the first try), two staff pressing Kirim eksemplar together, and two
pressing Terima kiriman together on a peer's book (one stand-in). Each request runs in its
own thread with its own connection; a barrier releases them."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from simpul.catalog.models import Item
from simpul.network.ill import services
from simpul.network.ill.choices import IllStatus
from simpul.network.ill.iso18626.messages import Agency, Message, build, parse
from simpul.network.ill.models import (
    IllEvent,
    IllPeer,
    IllRequest,
    OutgoingMessage,
    ReceivedMessage,
)
from simpul.network.ill.tests.world import a_peer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency]


def together(*calls: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    answers: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            answers[index] = call()
        except Exception as error:  # the loser's refusal is an answer too
            answers[index] = error
        finally:
            connection.close()  # this thread's own; left open it outlives the test database

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


def post(url: str, body: bytes) -> bytes:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/xml"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return bytes(response.read())


def test_a_request_delivered_twice_at_once_is_kept_once(live_server: Any, network: Any) -> None:
    IllPeer.objects.create(
        name="Perpustakaan Kota Lain",
        agency_id_type="ISIL",
        agency_id_value="ID-LAIN",
        endpoint_url="http://127.0.0.1:9/iso18626",
    )
    body = build(
        Message(
            kind="request",
            supplying=Agency("SIMPUL", "KOTA"),
            requesting=Agency("ISIL", "ID-LAIN"),
            request_id="LAIN-RACE-1",
            timestamp="2026-03-02T02:00:00Z",
            title="Sang Pemimpi",
        )
    )
    url = live_server.url + "/iso18626"
    first, second = together(lambda: post(url, body), lambda: post(url, body))
    assert parse(first).message_status == "OK"
    assert parse(second).message_status == "OK"
    assert IllRequest.objects.count() == 1
    assert ReceivedMessage.objects.count() == 1
    assert IllEvent.objects.count() == 1


def test_two_staff_shipping_at_once_ship_once(
    siti_member: Any, sang_pemimpi: Any, budi: Any, kota: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    copies = [IllRequest.objects.get(pk=ill.pk) for _ in range(2)]
    answers = together(*(lambda c=c: services.ship(c, budi, kota) for c in copies))
    assert sum(isinstance(answer, IllRequest) for answer in answers) == 1
    ill.refresh_from_db()
    assert ill.status == IllStatus.LOANED
    assert IllEvent.objects.filter(request=ill, status=IllStatus.LOANED).count() == 1


def test_two_staff_receiving_a_peers_book_at_once_make_one_stand_in(
    siti_member: Any, rina: Any, sman1: Any
) -> None:
    peer = a_peer()
    ill = services.request_from_peer(siti_member, peer, title="Ayat-Ayat Cinta")
    due = timezone.localdate() + timedelta(days=20)
    services.set_status(ill, IllStatus.LOANED, peer=peer, library=sman1, fields={"due_on": due})
    copies = [IllRequest.objects.get(pk=ill.pk) for _ in range(2)]
    answers = together(*(lambda c=c: services.receive(c, rina, sman1) for c in copies))
    assert all(isinstance(answer, IllRequest) for answer in answers), answers
    assert Item.objects.filter(barcode=f"ILL-{ill.request_id}").count() == 1
    assert Item.objects.filter(library=sman1, barcode__startswith="ILL-").count() == 1
    received = OutgoingMessage.objects.filter(request=ill, body__contains=">Received<")
    assert received.count() == 1
