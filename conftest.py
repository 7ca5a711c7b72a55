"""Fixtures shared by every test: the demo network's people as personas, and real mail.

Personas come from simpul/demo/personas.py, so tests and the demo tell the same story:
Rina is the librarian of SMA N 1 Metro, Agus its library administrator, Budi works the desk of
the city library, Siti is a student member, Hendra reads reports for the city, and admin runs
the network.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from simpul.accounts.models import User
from simpul.demo.network import DemoNetwork, load_demo


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 is the production hasher (see test_passwords_are_hashed_with_argon2); tests that
    # create a dozen people each would spend seconds on it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_search_index(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test gets an empty search index of its own."""
    from simpul.catalog import indexing

    settings.SEARCH_INDEX_DIR = tmp_path_factory.mktemp("index")
    indexing._index_at.cache_clear()
    yield
    indexing._index_at.cache_clear()


@pytest.fixture
def network(db: None) -> DemoNetwork:
    return load_demo()


def _persona(name: str) -> Any:
    @pytest.fixture
    def fixture(network: DemoNetwork) -> User:
        return network.people[name]

    return fixture


admin = _persona("admin")
dewi = _persona("dewi")
agus = _persona("agus")
rina = _persona("rina")
budi = _persona("budi")
sari = _persona("sari")
hendra = _persona("hendra")
siti = _persona("siti")


@pytest.fixture
def sman1(network: DemoNetwork) -> Any:
    return network.libraries["SMAN1"]


@pytest.fixture
def sman2(network: DemoNetwork) -> Any:
    return network.libraries["SMAN2"]


@pytest.fixture
def kota(network: DemoNetwork) -> Any:
    return network.libraries["KOTA"]


@pytest.fixture
def client_as(client: Client) -> Any:
    """``client_as(rina)`` signs the test client in as that person and returns it."""

    def sign_in(user: User) -> Client:
        client.force_login(user)
        return client

    return sign_in


class Inbox:
    """What a real SMTP server on loopback received."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_inbox(settings: Any) -> Iterator[Inbox]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1; Django sends to it over SMTP."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    try:
        yield inbox
    finally:
        controller.stop()
