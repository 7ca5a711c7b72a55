"""ListIdentifiers and ListRecords: paging with resumption tokens, dates, sets and deletions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from simpul.catalog import services
from simpul.catalog.models import Record
from simpul.network.tests.oai_support import (
    NS,
    add_records,
    error_code,
    fetch,
    fixture_records,
)

MORNING = datetime(2026, 5, 4, 1, 30, tzinfo=UTC)  # 08:30 in Metro (WIB)


@pytest.fixture
def small_pages(settings: Any) -> None:
    settings.OAI_PAGE_SIZE = 4


@pytest.fixture
def catalogue(kota: Any, sman1: Any) -> list[Record]:
    """Twelve real records: eight catalogued by the city library, four by SMA N 1."""
    marcs = fixture_records()[:12]
    with time_machine.travel(MORNING, tick=False):
        return add_records(kota, marcs[:8]) + add_records(sman1, marcs[8:])


def identifiers(root: Any) -> list[str]:
    return [node.text for node in root.iterfind(".//o:header/o:identifier", NS)]


def token_of(root: Any) -> Any:
    return root.find(".//o:resumptionToken", NS)


def harvest_all(client: Client, verb: str, **params: str) -> tuple[list[str], list[Any]]:
    """Every identifier of a list, following tokens; and every resumptionToken element seen."""
    root = fetch(client, verb=verb, **params)
    found, tokens = identifiers(root), []
    while (token := token_of(root)) is not None:
        tokens.append(token)
        if not token.text:
            break
        root = fetch(client, verb=verb, resumptionToken=token.text)
        found += identifiers(root)
    return found, tokens


def test_a_harvest_is_split_into_pages_with_size_cursor_and_expiry(
    client: Client, catalogue: list[Record], small_pages: None
) -> None:
    found, tokens = harvest_all(client, "ListRecords", metadataPrefix="marc21")

    assert found == [f"oai:simpul.kotametro.example:{record.pk}" for record in catalogue]
    assert [t.get("cursor") for t in tokens] == ["0", "4", "8"]
    assert {t.get("completeListSize") for t in tokens} == {"12"}
    assert tokens[-1].text is None
    assert tokens[-1].get("expirationDate") is None
    expires = datetime.strptime(tokens[0].get("expirationDate"), "%Y-%m-%dT%H:%M:%SZ")
    assert timedelta(hours=23) < expires.replace(tzinfo=UTC) - datetime.now(UTC)


def test_records_with_one_datestamp_page_by_id_without_repeats(
    client: Client, kota: Any, small_pages: None
) -> None:
    with time_machine.travel(MORNING, tick=False):
        records = add_records(kota, fixture_records()[:10])

    found, _tokens = harvest_all(client, "ListIdentifiers", metadataPrefix="oai_dc")

    assert found == [f"oai:simpul.kotametro.example:{r.pk}" for r in records]


def test_a_record_changed_during_a_harvest_comes_again_at_the_end(
    client: Client, catalogue: list[Record], small_pages: None
) -> None:
    first = fetch(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    catalogue[0].save()  # changed now: its datestamp moves past the harvest's position
    catalogue[6].save()

    rest, _tokens = harvest_all(client, "ListIdentifiers", resumptionToken=token_of(first).text)

    pks = [int(i.rsplit(":", 1)[1]) for i in identifiers(first) + rest]
    assert pks == [r.pk for r in catalogue[:6]] + [r.pk for r in catalogue[7:]] + [
        catalogue[0].pk,
        catalogue[6].pk,
    ]


def test_each_page_costs_the_same_few_queries(
    client: Client, catalogue: list[Record], small_pages: None, django_assert_max_num_queries: Any
) -> None:
    root = fetch(client, verb="ListRecords", metadataPrefix="oai_dc")
    # Records and deletions each in at most two index ranges, and the libraries' codes.
    with django_assert_max_num_queries(5):
        fetch(client, verb="ListRecords", resumptionToken=token_of(root).text)


def test_from_and_until_select_by_day_and_by_second(client: Client, kota: Any) -> None:
    marcs = fixture_records()[:3]
    stamps = [MORNING, MORNING + timedelta(days=1), MORNING + timedelta(days=1, seconds=5)]
    for marc, moment in zip(marcs, stamps, strict=True):
        with time_machine.travel(moment, tick=False):
            add_records(kota, [marc])
    ids = identifiers(fetch(client, verb="ListIdentifiers", metadataPrefix="oai_dc"))

    def listed(**dates: str) -> list[str]:
        root = fetch(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **dates)
        return identifiers(root) if error_code(root) is None else []

    assert listed(until="2026-05-04") == ids[:1]
    assert listed(**{"from": "2026-05-05"}) == ids[1:]
    assert listed(**{"from": "2026-05-05T01:30:00Z", "until": "2026-05-05T01:30:00Z"}) == [ids[1]]
    assert listed(**{"from": "2026-05-05T01:30:01Z"}) == [ids[2]]
    assert listed(until="2026-05-03") == []
    root = fetch(client, verb="ListIdentifiers", metadataPrefix="oai_dc", until="2026-05-03")
    assert error_code(root) == "noRecordsMatch"


def test_datestamps_are_utc_seconds(client: Client, kota: Any) -> None:
    with time_machine.travel(MORNING + timedelta(microseconds=654321), tick=False):
        add_records(kota, fixture_records()[:1])

    root = fetch(client, verb="ListIdentifiers", metadataPrefix="oai_dc")

    assert root.findtext(".//o:datestamp", namespaces=NS) == "2026-05-04T01:30:00Z"


def test_sets_select_by_library_and_by_material_type(
    client: Client, catalogue: list[Record]
) -> None:
    def listed(spec: str) -> set[int]:
        root = fetch(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec)
        if error_code(root) == "noRecordsMatch":
            return set()
        return {int(i.rsplit(":", 1)[1]) for i in identifiers(root)}

    kota_ids = {r.pk for r in catalogue if r.library and r.library.code == "KOTA"}
    assert listed("library:KOTA") == kota_ids
    assert listed("library:SMAN1") == {r.pk for r in catalogue} - kota_ids
    assert listed("library") == {r.pk for r in catalogue}
    assert listed("type:serial") == {r.pk for r in catalogue if r.material_type == "serial"}
    assert listed("type") == {r.pk for r in catalogue}
    assert listed("library:NOWHERE") == set()
    assert listed("type:spaceship") == set()


def test_headers_carry_the_record_sets(client: Client, catalogue: list[Record]) -> None:
    record = catalogue[0]
    root = fetch(
        client,
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=f"oai:simpul.kotametro.example:{record.pk}",
    )

    specs = [node.text for node in root.iterfind(".//o:setSpec", NS)]
    assert specs == ["library:KOTA", f"type:{record.material_type}"]


def test_deleted_records_stay_in_lists_as_deleted_headers(
    client: Client, catalogue: list[Record], admin: Any, small_pages: None
) -> None:
    gone = catalogue[2]
    with time_machine.travel(MORNING + timedelta(days=2), tick=False):
        services.delete_record(gone, by=admin)

    found, _tokens = harvest_all(client, "ListRecords", metadataPrefix="marc21")
    since = {"from": "2026-05-06"}
    only_deletions = fetch(client, verb="ListRecords", metadataPrefix="oai_dc", **since)
    in_its_set = fetch(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="library:KOTA", **since
    )
    elsewhere = fetch(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="library:SMAN1", **since
    )

    assert found[-1] == f"oai:simpul.kotametro.example:{gone.pk}"
    assert len(found) == 12
    header = only_deletions.find(".//o:record/o:header", NS)
    assert header.get("status") == "deleted"
    assert header.findtext("o:datestamp", namespaces=NS) == "2026-05-06T01:30:00Z"
    assert [node.text for node in header.iterfind("o:setSpec", NS)] == ["library:KOTA"]
    assert only_deletions.find(".//o:record/o:metadata", NS) is None
    assert identifiers(in_its_set) == [found[-1]]
    assert error_code(elsewhere) == "noRecordsMatch"
    type_set = fetch(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="type")
    assert all(h.get("status") is None for h in type_set.iterfind(".//o:header", NS))


def test_a_token_resumes_on_another_server_process(
    catalogue: list[Record], small_pages: None
) -> None:
    # Nothing is remembered between requests: a fresh client (another worker) resumes it.
    root = fetch(Client(), verb="ListIdentifiers", metadataPrefix="oai_dc")
    following = fetch(Client(), verb="ListIdentifiers", resumptionToken=token_of(root).text)
    assert len(identifiers(following)) == 4
    assert token_of(following).get("cursor") == "4"


def test_deletions_and_records_come_in_datestamp_order_across_pages(
    client: Client, kota: Any, admin: Any, small_pages: None
) -> None:
    marcs = fixture_records()[:9]
    with time_machine.travel(MORNING, tick=False):
        early = add_records(kota, marcs[:6])
    with time_machine.travel(MORNING + timedelta(hours=1), tick=False):
        for record in early[1:4]:
            services.delete_record(record, by=admin)
    with time_machine.travel(MORNING + timedelta(hours=2), tick=False):
        late = add_records(kota, marcs[6:])

    found, tokens = harvest_all(client, "ListIdentifiers", metadataPrefix="marc21")

    pks = [int(i.rsplit(":", 1)[1]) for i in found]
    assert pks == [early[0].pk, *(r.pk for r in early[4:]), *(r.pk for r in early[1:4])] + [
        r.pk for r in late
    ]
    assert {t.get("completeListSize") for t in tokens} == {"9"}


def test_suppressed_records_are_not_listed_nor_counted(
    client: Client, catalogue: list[Record], small_pages: None
) -> None:
    hidden = {catalogue[1].pk, catalogue[5].pk}  # two interlibrary loan stand-ins, say
    Record.objects.filter(pk__in=hidden).update(suppressed=True)

    found, tokens = harvest_all(client, "ListRecords", metadataPrefix="oai_dc")

    assert [int(i.rsplit(":", 1)[1]) for i in found] == [
        r.pk for r in catalogue if r.pk not in hidden
    ]
    assert {t.get("completeListSize") for t in tokens} == {"10"}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
@pytest.mark.parametrize(
    ("spec", "index"),
    [("", "record_oai_datestamp"), ("library:KOTA", "record_oai_library")],
)
def test_a_page_reads_one_range_of_its_index(
    client: Client, catalogue: list[Record], small_pages: None, spec: str, index: str
) -> None:
    sets = {"set": spec} if spec else {}
    root = fetch(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **sets)
    with CaptureQueriesContext(connection) as queries:
        fetch(client, verb="ListIdentifiers", resumptionToken=token_of(root).text)
    pages = [q["sql"] for q in queries if "FROM catalog_record WHERE" in q["sql"]]
    assert pages
    for sql in pages:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert f"USING INDEX {index} (" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
