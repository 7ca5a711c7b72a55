"""The demo's interlibrary loan: one request on its way to SMA N 1, loaded once."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from simpul.catalog.choices import ItemStatus
from simpul.demo.catalog import load_books
from simpul.demo.clock import DemoClock
from simpul.demo.ill import load_ill
from simpul.demo.members import load_members
from simpul.network.ill.choices import IllStatus
from simpul.network.ill.models import IllRequest

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_ill_request_in_transit_and_loading_again_adds_none(
    network: Any,
) -> None:
    members = load_members(network, DemoClock(timezone.localdate()))
    load_books(network.libraries)
    first = load_ill(network, members)
    again = load_ill(network, members)
    assert first is not None
    assert again == first
    assert IllRequest.objects.count() == 1
    assert first.status == IllStatus.LOANED
    assert first.item is not None
    assert first.item.status == ItemStatus.IN_TRANSIT
    assert first.requester_library == network.libraries["SMAN1"]
