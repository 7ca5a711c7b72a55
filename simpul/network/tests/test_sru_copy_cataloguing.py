"""Copy cataloguing: Rina searches another library's SRU server (a live Simpul on loopback),
picks a record and copies it into SMA N 1's catalog; remote failures become clear messages."""

from __future__ import annotations

import contextlib
import html
import re
import socket
import threading
from collections.abc import Iterator

import pytest

from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Record
from simpul.catalog.records import marc_record
from simpul.catalog.services import create_record, delete_record
from simpul.network.sru import client as sru_client
from simpul.network.tests import sru_support

sru_shelf = sru_support.sru_shelf  # the shared fixture, under its name

PAGE = "/staf/perpustakaan/SMAN1/katalog/sru/"
IMPORT = "/staf/perpustakaan/SMAN1/katalog/sru/impor/"


@pytest.fixture
def remote(settings, live_server, sru_shelf):
    """The city library's own /sru, configured as a copy-cataloguing target."""
    settings.SRU_TARGETS = [f"Kota Metro={live_server.url}/sru"]
    return sru_shelf


def tokens(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'name="rekaman" value="([^"]+)"', page)]


def search(client, q, kind="title", server="Kota Metro"):
    return client.get(PAGE, {"server": server, "kind": kind, "q": q})


def test_rina_finds_a_record_with_title_author_year_and_isbn(client_as, rina, remote):
    response = search(client_as(rina), "summerland")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Summerland" in page
    assert "Chabon, Michael" in page
    assert "2002" in page
    assert "9780786808779" in page
    assert len(tokens(page)) == 1


def test_a_copied_record_keeps_its_marc_and_is_catalogued_by_her_library(
    client_as, rina, remote, sman1
):
    client = client_as(rina)
    original = remote["Summerland"]
    fields = [f for f in original.marc["fields"] if "005" not in f]
    [token] = tokens(search(client, "summerland").content.decode())
    # The same 001 is in the catalog already: refused, with a way to the existing record.
    refused = client.post(IMPORT, {"rekaman": token})
    assert refused.status_code == 409
    assert f"/staf/katalog/{original.pk}/eksemplar/" in refused.content.decode()
    delete_record(original, by=None)

    response = client.post(IMPORT, {"rekaman": token})

    copied = Record.objects.get(title="Summerland")
    assert response.status_code == 302
    assert response["Location"] == f"/staf/katalog/{copied.pk}/eksemplar/"
    assert copied.library == sman1
    assert copied.control_number == original.control_number
    assert [f for f in copied.marc["fields"] if "005" not in f] == fields
    assert marc_record(copied).title.startswith("Summerland")


def test_a_possible_duplicate_is_shown_before_copying(client_as, rina, remote, sman1):
    client = client_as(rina)
    [token] = tokens(search(client, "9780786808779", kind="isbn").content.decode())
    delete_record(remote["Summerland"], by=None)
    typed = create_record(SimpleRecord(title="Summerland", isbn="0786808772"), sman1)

    asked = client.post(IMPORT, {"rekaman": token})
    assert asked.status_code == 200
    assert f"/katalog/{typed.pk}/" in asked.content.decode()
    assert Record.objects.filter(title="Summerland").count() == 1

    client.post(IMPORT, {"rekaman": token, "confirm_duplicate": "1"})
    assert Record.objects.filter(title="Summerland").count() == 2


def test_an_altered_choice_is_refused(client_as, rina, remote):
    client = client_as(rina)
    [token] = tokens(search(client, "summerland").content.decode())
    response = client.post(IMPORT, {"rekaman": token[:-3] + "abc"})
    assert response.status_code == 400
    assert "kedaluwarsa atau rusak" in response.content.decode()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that takes the connection and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(5)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/sru"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("closed", "tidak dapat dihubungi"),
        ("{live}/", "bukan jawaban SRU"),
        ("{live}/tidak-ada-sru", "galat HTTP 404"),
    ],
)
def test_remote_failures_are_explained_on_the_page(
    client_as, rina, network, live_server, settings, url, message
):
    url = f"http://127.0.0.1:{_closed_port()}/sru" if url == "closed" else url
    settings.SRU_TARGETS = ["Jauh=" + url.format(live=live_server.url)]
    response = search(client_as(rina), "bumi", server="Jauh")
    assert response.status_code == 502
    assert message in response.content.decode()


@pytest.fixture
def not_http_server() -> Iterator[str]:
    """A server that answers a line of text that is not HTTP, then hangs up."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)

    def serve() -> None:
        with contextlib.suppress(OSError):
            connection, _ = listener.accept()
            with connection:
                connection.recv(4096)
                connection.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/sru"
    listener.close()
    thread.join(timeout=2)


def test_a_server_that_does_not_speak_http_is_explained(
    client_as, rina, network, settings, not_http_server
):
    settings.SRU_TARGETS = [f"Aneh={not_http_server}"]
    response = search(client_as(rina), "bumi", server="Aneh")
    assert response.status_code == 502
    assert "bukan jawaban SRU" in response.content.decode()


def test_a_server_that_does_not_answer_times_out(
    client_as, rina, network, settings, silent_server, monkeypatch
):
    monkeypatch.setattr(sru_client, "TIMEOUT_SECONDS", 0.5)
    settings.SRU_TARGETS = [f"Lambat={silent_server}"]
    response = search(client_as(rina), "bumi", server="Lambat")
    assert response.status_code == 502
    assert "tidak menjawab dalam" in response.content.decode()


def test_an_sru_diagnostic_is_shown_with_its_meaning(client_as, rina, remote):
    response = search(client_as(rina), "b?mi")
    assert response.status_code == 502
    page = response.content.decode()
    assert "Masking character not supported" in page
    assert "info:srw/diagnostic/1/28" in page


def test_only_cataloguers_of_the_library_may_copy(client, client_as, remote, siti, budi, rina):
    assert client.get(PAGE).status_code == 302  # to the login page
    assert client_as(siti).get(PAGE).status_code == 403
    assert client_as(budi).get(PAGE).status_code == 404  # SMA N 1 is not his to see
    assert client_as(budi).get(PAGE.replace("SMAN1", "KOTA")).status_code == 403
    assert client_as(budi).post(IMPORT.replace("SMAN1", "KOTA"), {}).status_code == 403
    assert client_as(rina).get(PAGE.replace("SMAN1", "KOTA")).status_code == 404


def test_without_configured_servers_the_page_says_how_to_add_one(client_as, rina, settings):
    settings.SRU_TARGETS = []
    page = client_as(rina).get(PAGE).content.decode()
    assert "SIMPUL_SRU_TARGETS" in page


def test_the_cataloguing_screen_links_to_copy_cataloguing(client_as, rina, network):
    page = client_as(rina).get("/staf/katalog/baru/?perpustakaan=SMAN1").content.decode()
    assert f'href="{PAGE}"' in page
