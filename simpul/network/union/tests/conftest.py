from __future__ import annotations

from typing import Any

import pytest

from simpul.catalog.models import Record
from simpul.libraries.models import Library
from simpul.network.union.merge import record_values
from simpul.network.union.tests.marc import marc


@pytest.fixture
def smp3(network: Any) -> Library:
    """SMP Negeri 3 Metro: a school library that runs SLiMS, not Simpul."""
    return network.libraries["SMPN3"]


@pytest.fixture
def laskar(kota: Library) -> Record:
    """Laskar Pelangi as the city library catalogued it."""
    data = marc(
        "Laskar pelangi",
        author="Hirata, Andrea",
        year=2005,
        isbn="9793062797",
        number=("KOTA0001", "ID-MetKP"),
    )
    return Record.objects.create(library=kota, **record_values(data))
