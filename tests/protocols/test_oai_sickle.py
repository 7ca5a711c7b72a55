"""An independent harvester, sickle, harvests Simpul's OAI-PMH provider from a live server.

Every raw response sickle receives is checked against the strict schema (OAI-PMH.xsd with
oai_dc, MARC21slim and oai-identifier, resolved locally) before sickle reads it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sickle import Sickle, oaiexceptions

from simpul.catalog import services
from simpul.catalog.models import Record
from simpul.network.tests.oai_support import add_records, fixture_records, valid

REPOSITORY = "simpul.kotametro.example"
LAST_WEEK = datetime(2026, 5, 4, 1, 30, tzinfo=UTC)


class Checked:
    """Counts the responses sickle got, each one validated first (a requests hook)."""

    def __init__(self) -> None:
        self.responses = 0

    def __call__(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        valid(response.content)
        self.responses += 1
        return response


@pytest.fixture
def checked() -> Checked:
    return Checked()


@pytest.fixture
def harvester(live_server: Any, checked: Checked) -> Sickle:
    return Sickle(f"{live_server.url}/oai", hooks={"response": [checked]}, timeout=60)


@pytest.fixture
def catalogue(kota: Any, sman1: Any, admin: Any, settings: Any) -> dict[str, list[Record]]:
    """38 real records, the city library's a week ago and SMA N 1's a day later; one of the
    city library's deleted since. Pages hold 5 entries, so harvests take several."""
    settings.OAI_PAGE_SIZE = 5
    marcs = fixture_records()
    with time_machine.travel(LAST_WEEK, tick=False):
        city = add_records(kota, marcs[:30])
    with time_machine.travel(LAST_WEEK + timedelta(days=1), tick=False):
        school = add_records(sman1, marcs[30:])
    with time_machine.travel(LAST_WEEK + timedelta(days=2), tick=False):
        services.delete_record(city[3], by=admin)
    return {"city": city, "school": school, "deleted": [city[3]]}


def oai_id(record: Record) -> str:
    return f"oai:{REPOSITORY}:{record.pk}"


def test_sickle_harvests_every_record_across_pages(
    harvester: Sickle, catalogue: dict[str, list[Record]], checked: Checked
) -> None:
    harvested = list(harvester.ListRecords(metadataPrefix="marc21"))

    live = [r for r in harvested if not r.deleted]
    gone = [r for r in harvested if r.deleted]
    everything = catalogue["city"] + catalogue["school"]
    assert len(harvested) == len(everything) == 38
    assert checked.responses == 8  # 38 entries in pages of 5
    assert [r.header.identifier for r in gone] == [oai_id(catalogue["deleted"][0])]
    assert all("<controlfield" in r.raw for r in live)
    assert {r.header.identifier for r in harvested} == {oai_id(r) for r in everything}


def test_sickle_reads_dublin_core_and_the_resumption_details(
    harvester: Sickle, catalogue: dict[str, list[Record]]
) -> None:
    records = harvester.ListRecords(metadataPrefix="oai_dc")
    first = next(records)
    token = records.resumption_token

    assert first.metadata["title"][0].startswith("The amazing adventures of Kavalier and Clay")
    assert token.cursor == "0"
    assert token.complete_list_size == "38"
    assert datetime.strptime(token.expiration_date, "%Y-%m-%dT%H:%M:%SZ") > datetime.now()


def test_sickle_harvests_incrementally_by_day_and_by_second(
    harvester: Sickle, catalogue: dict[str, list[Record]]
) -> None:
    since_day = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2026-05-05"}))
    one_second = list(
        harvester.ListIdentifiers(
            metadataPrefix="oai_dc",
            **{"from": "2026-05-05T01:30:00Z", "until": "2026-05-05T01:30:00Z"},
        )
    )
    up_to_day = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", until="2026-05-04"))

    school = {oai_id(r) for r in catalogue["school"]}
    assert {h.identifier for h in since_day} == school | {oai_id(catalogue["deleted"][0])}
    assert {h.identifier for h in one_second} == school
    assert len(up_to_day) == 29  # the city library's records, less the deleted one
    assert all(h.datestamp == "2026-05-04T01:30:00Z" for h in up_to_day)
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        harvester.ListIdentifiers(metadataPrefix="oai_dc", until="2026-05-03")


def test_sickle_harvests_a_set_and_lists_the_sets(
    harvester: Sickle, catalogue: dict[str, list[Record]]
) -> None:
    school = list(harvester.ListIdentifiers(metadataPrefix="marc21", set="library:SMAN1"))
    city = list(harvester.ListIdentifiers(metadataPrefix="marc21", set="library:KOTA"))
    sets = {s.setSpec: s.setName for s in harvester.ListSets()}

    assert {h.identifier for h in school} == {oai_id(r) for r in catalogue["school"]}
    assert [h.identifier for h in city if h.deleted] == [oai_id(catalogue["deleted"][0])]
    assert all("library:KOTA" in h.setSpecs for h in city)
    assert sets["library:SMAN1"] == "Perpustakaan SMA Negeri 1 Metro"
    assert sets["type:book"] == "Jenis bahan: Buku"


def test_sickle_harvests_over_post(
    live_server: Any, catalogue: dict[str, list[Record]], checked: Checked
) -> None:
    harvester = Sickle(f"{live_server.url}/oai", http_method="POST", hooks={"response": [checked]})

    harvested = list(harvester.ListIdentifiers(metadataPrefix="oai_dc"))

    assert len(harvested) == 38
    assert checked.responses == 8


def test_sickle_identifies_the_repository_and_gets_one_record(
    harvester: Sickle, catalogue: dict[str, list[Record]]
) -> None:
    identify = harvester.Identify()
    formats = [f.metadataPrefix for f in harvester.ListMetadataFormats()]
    record = harvester.GetRecord(identifier=oai_id(catalogue["school"][0]), metadataPrefix="oai_dc")
    gone = harvester.GetRecord(identifier=oai_id(catalogue["deleted"][0]), metadataPrefix="oai_dc")

    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.earliestDatestamp == "2026-05-04T01:30:00Z"
    assert formats == ["oai_dc", "marc21"]
    assert record.header.datestamp == "2026-05-05T01:30:00Z"
    assert "library:SMAN1" in record.header.setSpecs
    assert gone.deleted
    assert gone.header.datestamp == "2026-05-06T01:30:00Z"


def test_sickle_sees_the_protocol_errors(
    harvester: Sickle, catalogue: dict[str, list[Record]]
) -> None:
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        harvester.GetRecord(identifier=f"oai:{REPOSITORY}:999999", metadataPrefix="oai_dc")
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        harvester.ListRecords(metadataPrefix="mods")
    with pytest.raises(oaiexceptions.BadResumptionToken):
        harvester.ListRecords(resumptionToken="not-ours")
    with pytest.raises(oaiexceptions.BadArgument):
        harvester.ListRecords(
            metadataPrefix="oai_dc", **{"from": "2026-05-05", "until": "2026-05-01"}
        )
    unknown = harvester.harvest(verb="ListEverything").xml  # sickle only checks list verbs
    assert unknown.find(".//{http://www.openarchives.org/OAI/2.0/}error").get("code") == "badVerb"
