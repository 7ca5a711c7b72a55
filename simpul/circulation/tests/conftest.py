"""Fixtures shared by the holds and member-page tests: members with accounts, and a title
with a copy at the city library and one at SMA N 1 (see hold_world.py)."""

from __future__ import annotations

from typing import Any

import pytest

from simpul.circulation.tests.hold_world import book, membership


@pytest.fixture
def siti_member(network: Any) -> Any:
    return membership(network.people["siti"], network.libraries["SMAN1"], number="M-0001")


@pytest.fixture
def yoga_member(network: Any) -> Any:
    return membership(network.people["yoga"], network.libraries["KOTA"], number="M-0002")


@pytest.fixture
def nur_member(network: Any) -> Any:
    return membership(network.people["nur"], network.libraries["UMMETRO"], number="M-0003")


@pytest.fixture
def laskar(kota: Any, sman1: Any) -> Any:
    """Laskar Pelangi: one copy at the city library, one at SMA N 1."""
    return book("Laskar Pelangi", (kota, "K-001"), (sman1, "S-001"))
