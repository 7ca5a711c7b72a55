"""Fixtures of the interlibrary loan tests (see world.py)."""

from __future__ import annotations

from typing import Any

import pytest

from simpul.network.ill.tests.world import book, membership


@pytest.fixture
def siti_member(network: Any) -> Any:
    return membership(network.people["siti"], network.libraries["SMAN1"], "M-ILL-1")


@pytest.fixture
def sang_pemimpi(kota: Any) -> Any:
    """A title only the city library holds (one copy, K-ILL-1)."""
    return book("Sang Pemimpi", (kota, "K-ILL-1"))
