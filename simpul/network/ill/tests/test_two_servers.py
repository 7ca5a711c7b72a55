"""Two Simpul servers on loopback complete an interlibrary loan by ISO 18626, with one
dropped connection retried without a duplicate.

Each server is a real subprocess: `manage.py migrate`, then gunicorn, with its own
SIMPUL_VAR_DIR and so its own SQLite database (also under `pytest --postgres`: the servers
keep SQLite, DATABASE_URL is removed from their environment; the test needs no test database).
Server A (library PERPUSA) asks server B (library PERPUSB) for a title. A's peer entry for B
points at a loopback proxy that delivers A's first message to B, reads B's confirmation and
then closes A's connection without it: B applied the Request, A saw a network fault. A's
retry is answered with the same confirmation and B still has one request. The lifecycle is
driven by `manage.py ill` (the same services the staff screens call); messages are sent by
`manage.py ill send`, which is what the worker's ill_round does. A second test takes a loan
through Renew (no, then yes), the overdue sweep, a renewal of the overdue loan and a recall,
and checks every message both servers sent against the schema. On the requesting server the
book is lent to the member as any book is: Received makes a stand-in copy there, its desk
(circulation's checkout and check-in, run with `manage.py shell`) lends it and takes it back,
the renewal and the recall move the member's loan, and ShippedReturn withdraws the stand-in.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[4]
SECRET = "rahasia-bersama"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """One Simpul: its own var dir and SQLite database, gunicorn on a free loopback port."""

    def __init__(self, name: str, scratch: Path) -> None:
        self.name = name
        self.port = free_port()
        var = scratch / name
        (var / "static").mkdir(parents=True)
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "SIMPUL_VAR_DIR": str(var),
            "SIMPUL_ALLOWED_HOSTS": "127.0.0.1",
            "SIMPUL_HTTPS": "0",
            "SIMPUL_SECRET_KEY": f"two-servers-{name}-" + "x" * 40,
            "SIMPUL_STATIC_MANIFEST": "0",
            "SIMPUL_LOG_LEVEL": "WARNING",
        }
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/iso18626"

    def manage(self, *args: str) -> Any:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"{self.name} {args}: {done.stderr[-2000:]}"
        lines = done.stdout.strip().splitlines()
        return json.loads(lines[-1]) if lines and lines[-1].startswith("{") else done.stdout

    def ill(self, *args: str) -> Any:
        return self.manage("ill", *args)

    def desk(self, library: str, code: str) -> Any:
        """Run ``code`` at ``library``'s circulation desk (``desk``, ``staff`` and the
        circulation services ``checkout`` and ``checkin`` are at hand); prints its result."""
        setup = (
            "from simpul.accounts.models import User\n"
            "from simpul.circulation.services import checkin, checkout\n"
            "from simpul.libraries.models import Library\n"
            "from simpul.members.models import Member\n"
            f"desk = Library.objects.get(code={library!r})\n"
            f"staff = User.objects.get(username='staf-{library.lower()}')\n"
        )
        return self.manage("shell", "--no-imports", "-v", "0", "-c", setup + code)

    def start(self) -> None:
        self.manage("migrate", "--no-input", "-v", "0")
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "simpul.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        for _ in range(150):
            try:
                urllib.request.urlopen(self.url, timeout=2)
            except urllib.error.HTTPError:
                return  # 405: it answers
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


class DroppingProxy:
    """Forwards HTTP requests to ``upstream``; the first ``drops`` connections get no answer:
    the request is delivered, the response read, and the client's connection closed."""

    def __init__(self, upstream_port: int, drops: int = 1) -> None:
        self.upstream_port = upstream_port
        self.drops = drops
        self.seen = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = int(self.sock.getsockname()[1])
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/iso18626"

    def _serve(self) -> None:
        while True:
            try:
                client, _address = self.sock.accept()
            except OSError:
                return
            with client:
                request = _read_request(client)
                with socket.create_connection(("127.0.0.1", self.upstream_port)) as upstream:
                    upstream.sendall(request)
                    response = _read_all(upstream)
                self.seen += 1
                if self.seen > self.drops:
                    client.sendall(response)

    def close(self) -> None:
        self.sock.close()


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, _sep, body = data.partition(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        ),
        0,
    )
    while len(body) < length:
        body += conn.recv(65536)
    head = b"\r\n".join(
        line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")
    )
    return head + b"\r\nConnection: close\r\n\r\n" + body


def _read_all(conn: socket.socket) -> bytes:
    chunks = []
    while chunk := conn.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[tuple[Server, Server, DroppingProxy]]:
    a, b = Server("a", tmp_path), Server("b", tmp_path)
    try:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(Server.start, (a, b)))
        proxy = DroppingProxy(b.port)
        yield a, b, proxy
        proxy.close()
    finally:
        a.stop()
        b.stop()


def test_two_simpul_servers_complete_a_loan_and_a_dropped_answer_is_not_a_duplicate(
    servers: tuple[Server, Server, DroppingProxy],
) -> None:
    a, b, proxy = servers
    a.ill("seed", "--library", "PERPUSA", "--name", "Perpustakaan A", "--member", "MA-1")
    seeded = b.ill(
        "seed",
        "--library",
        "PERPUSB",
        "--name",
        "Perpustakaan B",
        "--title",
        "Sang Pemimpi",
        "--barcode",
        "B-0001",
    )
    a.manage(
        "ill_peer",
        "--name",
        "Perpustakaan B",
        "--agency",
        "SIMPUL:PERPUSB",
        "--url",
        proxy.url,
        "--secret",
        SECRET,
    )
    b.manage(
        "ill_peer",
        "--name",
        "Perpustakaan A",
        "--agency",
        "SIMPUL:PERPUSA",
        "--url",
        a.url,
        "--secret",
        SECRET,
    )

    rid = a.ill(
        "request",
        "--member",
        "MA-1",
        "--peer",
        "PERPUSB",
        "--title",
        "Sang Pemimpi",
        "--record-id",
        str(seeded["record_id"]),
    )["request_id"]
    assert a.ill("send") == {"sent": 0, "refused": 0, "failed": 1}  # the answer was lost
    assert b.ill("show", rid)["status"] == "RequestReceived"  # ... but the Request arrived
    assert a.ill("send", "--force") == {"sent": 1, "refused": 0, "failed": 0}
    assert proxy.seen == 2
    on_b = b.ill("show", rid)
    assert (on_b["requests"], on_b["received_messages"]) == (1, 1)

    steps = [
        (b, "accept", "PERPUSB"),
        (b, "ship", "PERPUSB"),
        (a, "receive", "PERPUSA"),
        (a, "return", "PERPUSA"),
        (b, "checkin", "PERPUSB"),
    ]
    for server, verb, code in steps:
        server.ill("step", rid, verb, "--library", code, "--user", f"staf-{code.lower()}")
        assert server.ill("send") == {"sent": 1, "refused": 0, "failed": 0}, verb
        if verb == "ship":
            assert b.ill("show", rid)["item_status"] == "in_transit"
            assert a.ill("show", rid)["status"] == "Loaned"

    final_a, final_b = a.ill("show", rid), b.ill("show", rid)
    for final in (final_a, final_b):
        assert final["status"] == "LoanCompleted"
        assert final["received"]
        assert final["returned"]
        assert final["requests"] == 1
        assert final["pending"] == 0
    assert final_b["item_status"] == "available"
    assert (final_a["item_barcode"], final_a["item_status"]) == (f"ILL-{rid}", "withdrawn")


def _validate_every_message(server: Server, rid: str) -> list[tuple[str, str, str, str]]:
    """Every message ``server`` sent for ``rid`` and every confirmation it got, checked against
    the schema; returns (kind, reasonForMessage or action, status, answerYesNo) of each."""
    from lxml import etree

    from simpul.network.ill.iso18626.messages import parse

    schema = etree.XMLSchema(
        etree.parse(str(Path(__file__).parent / "fixtures/schemas/ISO-18626-v1_2.xsd"))
    )
    seen = []
    for sent in server.ill("messages", rid)["messages"]:
        assert sent["state"] == "sent"
        for xml in (sent["body"], sent["confirmation"]):
            schema.assertValid(etree.fromstring(xml.encode()))
        message = parse(sent["body"].encode())
        what = message.reason_for_message or message.action or message.kind
        seen.append((message.kind, what, message.status, message.answer))
    return seen


def test_renew_overdue_and_recall_travel_between_two_servers(
    servers: tuple[Server, Server, DroppingProxy],
) -> None:
    a, b, _proxy = servers
    a.ill("seed", "--library", "PERPUSA", "--name", "Perpustakaan A", "--member", "MA-1")
    seeded = b.ill(
        "seed", "--library", "PERPUSB", "--name", "Perpustakaan B",
        "--title", "Sang Pemimpi", "--barcode", "B-0001",
    )  # fmt: skip
    for server, name, agency, url in (
        (a, "Perpustakaan B", "SIMPUL:PERPUSB", b.url),
        (b, "Perpustakaan A", "SIMPUL:PERPUSA", a.url),
    ):
        server.manage(
            "ill_peer", "--name", name, "--agency", agency, "--url", url, "--secret", SECRET
        )
    rid = a.ill(
        "request", "--member", "MA-1", "--peer", "PERPUSB", "--title", "Sang Pemimpi",
        "--record-id", str(seeded["record_id"]),
    )["request_id"]  # fmt: skip
    one = {"sent": 1, "refused": 0, "failed": 0}
    none = {"sent": 0, "refused": 0, "failed": 0}
    assert a.ill("send") == one

    def step(server: Server, verb: str, *extra: str) -> None:
        code = "PERPUSA" if server is a else "PERPUSB"
        server.ill("step", rid, verb, "--library", code, "--user", f"staf-{code.lower()}", *extra)
        assert server.ill("send") == one, verb

    today = date.today()
    shipped_due = (today + timedelta(days=20)).isoformat()
    step(b, "ship", "--due", shipped_due)
    assert a.ill("show", rid)["due_on"] == shipped_due  # statusInfo/dueDate travelled
    step(a, "receive")
    a.ill("step", rid, "receive", "--library", "PERPUSA", "--user", "staf-perpusa")
    assert a.ill("send") == none  # received twice: one Received, one stand-in
    stand_in = a.ill("show", rid)
    assert (stand_in["item_barcode"], stand_in["item_library"]) == (f"ILL-{rid}", "PERPUSA")
    assert stand_in["item_status"] == "on_hold_shelf"
    assert (
        a.desk("PERPUSA", "print(Library.objects.get(code='PERPUSA').items.count())").strip() == "1"
    )

    # The desk scans the stand-in for the member: a circulation loan, never past the lender's date.
    a.desk("PERPUSA", f"checkout('ILL-{rid}', Member.objects.get(number='MA-1'), desk, staff)")
    lent = a.ill("show", rid)
    assert lent["item_status"] == "on_loan"
    assert "" < lent["loan_due"] <= shipped_due

    step(a, "renew")
    assert b.ill("show", rid)["renewal"] == "requested"
    a.ill("step", rid, "renew", "--library", "PERPUSA", "--user", "staf-perpusa")
    assert a.ill("send") == none  # asked twice: one Renew
    step(b, "renew-no", "--reason", "Ada antrean")
    on_a = a.ill("show", rid)
    assert (on_a["renewal"], on_a["due_on"]) == ("refused", shipped_due)

    step(a, "renew")
    renewed_due = (today + timedelta(days=40)).isoformat()
    step(b, "renew-yes", "--due", renewed_due)
    for server in (a, b):
        shown = server.ill("show", rid)
        assert (shown["renewal"], shown["renewals"], shown["due_on"]) == (
            "granted",
            1,
            renewed_due,
        )
    assert a.ill("show", rid)["loan_due"] == renewed_due  # the member's loan was extended

    late = (today + timedelta(days=41)).isoformat()
    assert b.ill("overdue", "--today", late) == {"overdue": 1}
    assert b.ill("overdue", "--today", late) == {"overdue": 0}  # idempotent
    assert b.ill("send") == one
    assert a.ill("show", rid)["status"] == "Overdue"
    step(a, "renew")
    step(b, "renew-yes")
    on_a = a.ill("show", rid)
    assert on_a["status"] == "Loaned"
    assert on_a["due_on"] > renewed_due
    assert on_a["loan_due"] == on_a["due_on"]

    step(b, "recall", "--reason", "Untuk pameran")
    on_a, on_b = a.ill("show", rid), b.ill("show", rid)
    assert on_a["status"] == on_b["status"] == "Recalled"
    assert on_a["due_on"] == on_b["due_on"] <= (today + timedelta(days=10)).isoformat()
    assert on_a["reason"] == "Untuk pameran"
    assert on_a["loan_due"] <= on_a["due_on"]  # the member's loan was shortened with it

    # The member brings it back to the desk: it waits for its lender, not on the shelf.
    a.desk("PERPUSA", f"checkin('ILL-{rid}', desk, staff)")
    returned = a.ill("show", rid)
    assert (returned["item_status"], returned["loan_due"]) == ("in_transit", "")
    step(a, "return")
    step(b, "checkin")
    assert a.ill("show", rid)["status"] == b.ill("show", rid)["status"] == "LoanCompleted"
    gone = a.ill("show", rid)
    assert (gone["item_barcode"], gone["item_status"]) == (f"ILL-{rid}", "withdrawn")
    on_shelf = "print(desk.items.exclude(status='withdrawn').count(), desk.items.count())"
    assert a.desk("PERPUSA", on_shelf).split() == ["0", "1"]  # out of the collection, kept

    from_a, from_b = _validate_every_message(a, rid), _validate_every_message(b, rid)
    assert [what for _kind, what, _status, _answer in from_a].count("Renew") == 3  # not 4
    answers = [
        (status, answer) for _kind, what, status, answer in from_b if what == "RenewResponse"
    ]
    assert answers == [("Loaned", "N"), ("Loaned", "Y"), ("Loaned", "Y")]
    assert ("supplyingAgencyMessage", "StatusChange", "Overdue", "") in from_b
    assert ("supplyingAgencyMessage", "StatusChange", "Recalled", "") in from_b
