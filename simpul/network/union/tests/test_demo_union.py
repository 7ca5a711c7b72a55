"""The demo's SLiMS school in the union catalog loads once and again without change."""

from __future__ import annotations

import pytest

from simpul.demo.catalog import load_books
from simpul.demo.union import load_union
from simpul.network.union.choices import MatchMethod
from simpul.network.union.models import Contribution, SlimsNode

pytestmark = pytest.mark.django_db


def test_the_demo_school_pushes_its_catalog_and_a_second_load_changes_nothing(network):
    load_books(network.libraries)
    load_union(network.libraries)
    first = list(Contribution.objects.order_by("pk").values_list("local_id", "record_id"))
    load_union(network.libraries)
    assert list(Contribution.objects.order_by("pk").values_list("local_id", "record_id")) == first
    assert SlimsNode.objects.get().node_id == "smpn3metro"
    laskar = Contribution.objects.get(local_id="101")
    assert laskar.method == MatchMethod.ISBN
