"""The SRU server as an independent client sees it: sruthi against a live Simpul on loopback.

sruthi speaks SRU 1.2 (the zing namespace); our own tests cover 2.0 with the OASIS schema.
"""

from __future__ import annotations

import pytest
import sruthi

from simpul.network.tests import sru_support

sru_shelf = sru_support.sru_shelf  # the shared fixture, under its name


@pytest.fixture
def sru_url(live_server, sru_shelf):
    return f"{live_server.url}/sru"


def test_sruthi_reads_the_explain_record(sru_url):
    info = sruthi.explain(sru_url)
    assert info.sru_version == "1.2"
    assert info.server["database"] == "sru"
    assert info.index["dc"]["title"] == "Title (judul)"
    assert info.index["bath"]["isbn"] == "ISBN"
    assert set(info.schema) == {"marcxml", "dc"}
    assert info.config["maximumRecords"] == 100


def test_sruthi_searches_by_title_and_reads_marcxml(sru_url):
    records = sruthi.searchretrieve(sru_url, query='dc.title exact "Laskar Pelangi"')
    assert records.count == 1
    record = records[0]
    assert record["schema"] == "info:srw/schema/1/marcxml-v1.1"
    assert "Laskar Pelangi" in str(record)


def test_sruthi_pages_through_every_record(sru_url):
    records = sruthi.searchretrieve(sru_url, query="cql.allRecords = 1", maximum_records=4)
    assert records.count == 6
    assert len(list(records)) == 6  # two requests: startRecord 1 and 5


def test_sruthi_reads_dublin_core(sru_url):
    records = sruthi.searchretrieve(
        sru_url, query="dc.creator = chabon and dc.title = summerland", record_schema="dc"
    )
    assert records.count == 1
    assert records[0]["title"] == "Summerland"
    assert records[0]["creator"] == "Chabon, Michael"


def test_sruthi_finds_or_and_not(sru_url):
    query = "(dc.title = pelangi or dc.title = manusia) not dc.creator = pramoedya"
    assert sruthi.searchretrieve(sru_url, query=query).count == 1
    assert sruthi.searchretrieve(sru_url, query='bath.isbn = "978-979-3062-79-2"').count == 1


def test_sruthi_reports_a_diagnostic_as_an_sru_error(sru_url):
    with pytest.raises(sruthi.SruError, match="info:srw/diagnostic/1/16"):
        sruthi.searchretrieve(sru_url, query="dc.date = 2005")
    with pytest.raises(sruthi.SruError, match="info:srw/diagnostic/1/10"):
        sruthi.searchretrieve(sru_url, query="dc.title = bumi and")
