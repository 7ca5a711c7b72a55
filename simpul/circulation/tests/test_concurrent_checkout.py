"""Real races against a live server: two desks lending the last copy at the same moment, and
one desk whose checkout is double-clicked. Each request runs in its own server thread with its
own database connection (SQLite tests use a file, see settings.py), and a barrier releases
both requests together. Exactly one loan may come out, and the loser hears why.
"""

from __future__ import annotations

import secrets
import threading
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from simpul.accounts.models import User
from simpul.circulation.choices import Action
from simpul.circulation.models import Event, Loan
from simpul.circulation.tests.desk_world import category, copy, member, network_default

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency]


class Desk:
    """A signed-in browser at one library's desk, talking to the live server."""

    def __init__(self, base_url: str, user: User, code: str) -> None:
        client = Client()
        client.force_login(user)
        self.session = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.csrf = secrets.token_hex(16)  # an unmasked 32-character secret is a valid token
        self.url = f"{base_url}/staf/perpustakaan/{code}/sirkulasi/pindai/"

    def scan(self, code: str) -> str:
        request = urllib.request.Request(
            self.url,
            data=urlencode({"kode": code}).encode(),
            headers={
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={self.session}; "
                f"{settings.CSRF_COOKIE_NAME}={self.csrf}",
                "X-CSRFToken": self.csrf,
                "HX-Request": "true",
            },
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200
            return str(response.read().decode())


def newest_line(answer: str) -> str:
    """The line this scan added: the first of the session's lines (newest first)."""
    return answer.split('<li class="desk-line', 1)[1].split("</li>", 1)[0]


def together(*calls: Callable[[], str]) -> list[str]:
    """Run ``calls`` in threads released at the same instant; their answers, in order."""
    barrier = threading.Barrier(len(calls))
    answers: list[str] = [""] * len(calls)
    failures: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            answers[index] = calls[index]()
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert not failures, failures
    return answers


@pytest.fixture
def last_copy(network: Any) -> Any:
    # A transactional test starts from an emptied database: bring back what migrations seed.
    network_default()
    category("pelajar", "Pelajar")
    return copy(network.libraries["KOTA"], "KOTA-0001", title="Laskar Pelangi")


def test_two_desks_lending_the_last_copy_at_once_make_exactly_one_loan(
    live_server, network, last_copy, budi, dewi
):
    kota = network.libraries["KOTA"]
    siti = member(network.libraries["SMAN1"], "MTR2026000001")
    yoga = member(kota, "MTR2026000002", name="Yoga Pratama")
    front, back = Desk(live_server.url, budi, "KOTA"), Desk(live_server.url, dewi, "KOTA")
    front.scan(siti.number)
    back.scan(yoga.number)

    answers = together(lambda: front.scan("KOTA-0001"), lambda: back.scan("KOTA-0001"))

    lines = [newest_line(answer) for answer in answers]
    lent = [line for line in lines if "Dipinjamkan." in line]
    refused = [line for line in lines if "baru saja dipinjam di meja lain" in line]
    assert (len(lent), len(refused)) == (1, 1), lines
    assert Loan.objects.filter(item=last_copy, returned_at__isnull=True).count() == 1
    assert Event.objects.filter(action=Action.CHECKOUT).count() == 1


def test_a_double_clicked_checkout_lends_once_and_says_so_twice(
    live_server, network, last_copy, budi
):
    siti = member(network.libraries["SMAN1"], "MTR2026000001")
    desk = Desk(live_server.url, budi, "KOTA")
    desk.scan(siti.number)

    answers = together(lambda: desk.scan("KOTA-0001"), lambda: desk.scan("KOTA-0001"))

    lines = [newest_line(answer) for answer in answers]
    outcomes = sorted(("Dipinjamkan." in line, "Sudah tercatat" in line) for line in lines)
    assert outcomes == [(False, True), (True, False)], lines
    assert Loan.objects.filter(item=last_copy).count() == 1
    assert Event.objects.filter(action=Action.CHECKOUT).count() == 1


def test_two_members_taking_the_last_copy_on_the_hold_shelf_at_once_only_its_holder_gets_it(
    live_server, network, last_copy, budi, dewi
):
    from simpul.catalog.choices import ItemStatus
    from simpul.catalog.services import set_item_status
    from simpul.circulation.holds import place_hold, trap

    kota = network.libraries["KOTA"]
    holder = member(kota, "MTR2026000001")
    other = member(kota, "MTR2026000002", name="Yoga Pratama")
    hold = place_hold(last_copy.record, holder, kota)
    trapped = trap(last_copy, kota)
    assert trapped is not None
    assert trapped.pk == hold.pk
    set_item_status(last_copy, ItemStatus.ON_HOLD_SHELF)
    front, back = Desk(live_server.url, budi, "KOTA"), Desk(live_server.url, dewi, "KOTA")
    front.scan(other.number)
    back.scan(holder.number)

    answers = together(lambda: front.scan("KOTA-0001"), lambda: back.scan("KOTA-0001"))

    lines = [newest_line(answer) for answer in answers]
    assert "Dipinjamkan." not in lines[0], lines  # not the member it is set aside for
    assert "Dipinjamkan." in lines[1], lines
    loan = Loan.objects.get(item=last_copy, returned_at__isnull=True)
    assert loan.member == holder
    hold.refresh_from_db()
    assert hold.status == "fulfilled"
