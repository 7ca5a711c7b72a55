"""A harvest from one Simpul server into another's union catalog, with merged holdings.

The remote Simpul is a second process: its own SQLite database in a temporary SIMPUL_VAR_DIR
(``manage.py migrate``), four records catalogued there, served by gunicorn on a free loopback
port. This test's database is the other Simpul: its union catalog harvests the remote's
OAI-PMH as SMP Negeri 3 (a school library that does not run Simpul here).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simpul.catalog.models import DeletedRecord, Record
from simpul.network.union.choices import MatchMethod, MetadataPrefix, RunStatus
from simpul.network.union.harvester import harvest
from simpul.network.union.merge import record_values
from simpul.network.union.models import Contribution, HarvestSource
from simpul.network.union.tests.marc import marc

ROOT = Path(__file__).resolve().parents[4]
REMOTE_RECORDS = """
from simpul.catalog.models import Record
from simpul.libraries.models import Library
from simpul.network.union.merge import record_values
from simpul.network.union.tests.marc import marc
school, _ = Library.objects.get_or_create(
    code="SMP3", defaults={"name": "SMPN 3", "kind": "school"}
)
for data in [
    marc("Laskar pelangi", author="Hirata, Andrea", year=2005, isbn="9793062797",
         call_number="813 HIR l"),
    marc("Bumi Manusia", author="Pramoedya Ananta Toer", year=1980, call_number="899.221 TOE b"),
    marc("Ronggeng dukuh paruk", author="Tohari, Ahmad", year=1982),
    marc("Negeri 5 menara", author="Fuadi, A.", year=2009),
]:
    Record.objects.create(library=school, **record_values(data))
"""
DELETE_RONGGENG = """
from simpul.catalog.models import Record
from simpul.catalog.services import delete_record
delete_record(Record.objects.get(title="Ronggeng dukuh paruk"), by=None)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture
def remote(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))}
    env.update(
        SIMPUL_VAR_DIR=str(tmp_path),
        SIMPUL_SECRET_KEY="remote-test-key",
        SIMPUL_HTTPS="0",
        SIMPUL_DEBUG="0",
        SIMPUL_ALLOWED_HOSTS="127.0.0.1",
        SIMPUL_STATIC_MANIFEST="0",
    )
    _manage(env, "migrate", "--noinput")
    _manage(env, "shell", "-c", REMOTE_RECORDS)
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "simpul.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/oai"
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(f"{url}?verb=Identify", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        yield url, env
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.django_db
def test_a_harvest_from_another_simpul_merges_holdings_and_honours_deletions(
    remote: tuple[str, dict[str, str]], kota: Any, smp3: Any
) -> None:
    url, env = remote
    laskar = Record.objects.create(
        library=kota,
        **record_values(
            marc("Laskar pelangi", author="Andrea Hirata", year=2005, isbn="9789793062792")
        ),
    )
    bumi = Record.objects.create(
        library=kota,
        **record_values(marc("Bumi manusia", author="Toer, Pramoedya Ananta", year=1980)),
    )
    source = HarvestSource.objects.create(
        library=smp3,
        base_url=url,
        metadata_prefix=MetadataPrefix.MARC21,
        record_url="https://smpn3.example/opac/{id}",
    )

    first = harvest(source)

    assert first.status == RunStatus.DONE, first.error
    assert (first.records, first.merged, first.created) == (4, 2, 2)
    held = {c.record_id: c for c in Contribution.objects.filter(library=smp3)}
    assert held[laskar.pk].method == MatchMethod.ISBN
    assert held[laskar.pk].call_number == "813 HIR l"
    assert held[bumi.pk].method == MatchMethod.SIMILAR
    ronggeng = Record.objects.get(title="Ronggeng dukuh paruk")
    assert ronggeng.contributions.get().library == smp3

    _manage(env, "shell", "-c", DELETE_RONGGENG)
    source.refresh_from_db()
    second = harvest(source)

    assert second.status == RunStatus.DONE, second.error
    assert second.from_datestamp is not None
    assert second.deleted == 1
    assert not Record.objects.filter(pk=ronggeng.pk).exists()
    assert DeletedRecord.objects.filter(record_id=ronggeng.pk).exists()
    assert Contribution.objects.filter(library=smp3, deleted=False).count() == 3
    assert Record.objects.filter(pk=laskar.pk).exists()


@pytest.mark.django_db
def test_an_unreachable_source_records_a_failed_run_and_keeps_its_datestamp(smp3: Any) -> None:
    source = HarvestSource.objects.create(
        library=smp3, base_url=f"http://127.0.0.1:{_free_port()}/oai"
    )
    run = harvest(source)
    source.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "127.0.0.1" in run.error
    assert source.last_datestamp is None


@pytest.mark.django_db
def test_the_worker_round_keys_new_catalog_records_and_harvests_due_sources(laskar) -> None:
    from simpul.jobs.worker import union_round
    from simpul.network.union.models import MatchKey

    assert union_round() == 0  # no sources yet
    assert MatchKey.objects.filter(record=laskar, key="i:9789793062792").exists()


def _php_decode_chunked(body: bytes) -> bytes:
    """SLiMS's http_request::decode_chunked (lib/http_request.inc.php), line for line: it
    de-chunks every answer, so an answer that is not chunked reaches SLiMS empty."""
    result = b""
    while body:
        at = body.find(b"\r\n")
        length = int(body[:at] or b"0", 16) if at >= 0 else 0
        result += body[at + 2 : at + 2 + length]
        body = body[at + 2 + length :].strip()
    return result


def test_gunicorn_answers_slims_chunked_as_its_client_needs(
    remote: tuple[str, dict[str, str]],
) -> None:
    url, _env = remote
    port = int(url.split(":")[2].split("/")[0])
    body = json.dumps({"node_info": {"id": "smpn3metro", "password": "x"}, "node_data": {}})
    # The request exactly as send_http_request writes it to the socket.
    request = (
        "POST /ucs/ucs.php HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{port}\r\nReferer: 10.0.0.5\r\nContent-type: text/json\r\n"
        f"Content-length: {len(body)}\r\nAccept: */*\r\nConnection: close\r\n\r\n{body}"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    headers, _sep, payload = raw.partition(b"\r\n\r\n")
    assert b"transfer-encoding: chunked" in headers.lower()
    answer = json.loads(_php_decode_chunked(payload))
    assert answer["status"] == "NOT_AUTHORIZED"
