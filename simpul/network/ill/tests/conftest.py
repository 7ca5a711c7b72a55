"""Fixtures of the interlibrary loan tests (see world.py)."""

from __future__ import annotations

from typing import Any

import pytest

from simpul.network.ill.tests.world import book, lent_to_member, membership


@pytest.fixture
def siti_member(network: Any) -> Any:
    return membership(network.people["siti"], network.libraries["SMAN1"], "M-ILL-1")


@pytest.fixture
def sang_pemimpi(kota: Any) -> Any:
    """A title only the city library holds (one copy, K-ILL-1)."""
    return book("Sang Pemimpi", (kota, "K-ILL-1"))


@pytest.fixture
def siti_has_it(siti_member: Any, sang_pemimpi: Any, budi: Any, rina: Any) -> Any:
    """Siti's request for Sang Pemimpi, shipped by KOTA, received and lent to her at SMA N 1."""
    from simpul.network.ill import services

    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    lent_to_member(ill, budi, rina)
    ill.refresh_from_db()
    return ill
