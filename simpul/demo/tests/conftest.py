"""The demo with its members and two months of lending, as ``simpul_demo`` loads it (without
the shared MARC files, which the lending does not use)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from simpul.demo.catalog import load_books
from simpul.demo.circulation import load_circulation
from simpul.demo.clock import DemoClock
from simpul.demo.members import load_members
from simpul.demo.network import DemoNetwork
from simpul.members.models import Member


def load_lending(network: DemoNetwork) -> dict[str, Member]:
    clock = DemoClock(timezone.localdate())
    members = load_members(network, clock)
    load_books(network.libraries)
    load_circulation(network, members, clock)
    return members


@pytest.fixture
def lending(network: DemoNetwork) -> dict[str, Any]:
    """The demo members by key, after the story has been played."""
    return load_lending(network)
