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
`manage.py ill send`, which is what the worker's ill_round does.
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
