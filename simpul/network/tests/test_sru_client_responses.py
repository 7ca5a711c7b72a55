"""The SRU client reads what real servers answer (tests/fixtures/sru/) and refuses the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from simpul.network.sru.client import build_query, read_response, targets
from simpul.network.sru.errors import RemoteDiagnostic, RemoteNotSru

SRU = Path(settings.BASE_DIR) / "tests" / "fixtures" / "sru"


def read(name: str):
    return read_response("Uji", (SRU / name).read_bytes())


def test_sru_1_1_marcxml_without_a_namespace_is_read():
    result = read("gvi_sru_response.xml")
    assert result.total == 1
    [record] = result.records
    assert record.title
    assert record.marc["245"] is not None


def test_sru_2_0_records_show_title_author_year_and_isbn():
    result = read("anbd_sample.xml")
    assert len(result.records) == 5
    assert all(record.title for record in result.records)
    assert any(record.year for record in result.records)
    assert [r.position for r in result.records] == sorted(r.position for r in result.records)


def test_no_records_is_an_empty_result():
    result = read("alma-princeton-notfound.xml")
    assert (result.total, result.records) == (0, [])


@pytest.mark.parametrize("name", ["jd_rec_id_2231751908.xml", "test_searchretrieve_warning.xml"])
def test_records_in_other_schemas_are_counted_not_shown(name):
    result = read(name)
    assert result.records == []
    assert result.unreadable >= 1


def test_a_diagnostic_becomes_a_translated_error_with_its_uri():
    body = (
        b'<searchRetrieveResponse xmlns="http://docs.oasis-open.org/ns/search-ws/sruResponse">'
        b"<numberOfRecords>0</numberOfRecords><diagnostics>"
        b'<diag:diagnostic xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic">'
        b"<diag:uri>info:srw/diagnostic/1/16</diag:uri><diag:details>dc.date</diag:details>"
        b"<diag:message>Unsupported index</diag:message></diag:diagnostic></diagnostics>"
        b"</searchRetrieveResponse>"
    )
    with pytest.raises(RemoteDiagnostic) as caught:
        read_response("Perpusnas", body)
    assert caught.value.message == (
        "Server SRU Perpusnas menolak pencarian ini: Unsupported index: dc.date "
        "(info:srw/diagnostic/1/16)."
    )


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body>Not found</body></html>",
        b"not xml at all",
        b"",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<x>&b;&b;&b;</x>",
        b'<!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd"><x/>',
    ],
)
def test_anything_else_is_not_sru(body):
    with pytest.raises(RemoteNotSru):
        read_response("Uji", body)


def test_external_entities_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("RAHASIA")
    body = (
        f'<!DOCTYPE r [<!ENTITY s SYSTEM "file://{secret}">]>'
        '<searchRetrieveResponse xmlns="http://www.loc.gov/zing/srw/">'
        "<numberOfRecords>&s;</numberOfRecords></searchRetrieveResponse>"
    ).encode()
    result = read_response("Uji", body)
    assert result.total == 0  # the entity stayed unresolved


@pytest.mark.parametrize(
    ("kind", "text", "query"),
    [
        ("title", "laskar  pelangi", 'dc.title all "laskar pelangi"'),
        ("author", 'Andrea "Ikal" Hirata', 'dc.creator all "Andrea \\"Ikal\\" Hirata"'),
        ("isbn", "979-3062-79-7", 'bath.isbn = "9789793062792"'),
        ("isbn", "12-34", 'bath.isbn = "12-34"'),
        ("any", "belitung", 'cql.serverChoice all "belitung"'),
    ],
)
def test_what_a_cataloguer_types_becomes_cql(kind, text, query):
    assert build_query(kind, text) == query


def test_targets_come_from_the_setting_and_bad_entries_are_left_out(settings):
    settings.SRU_TARGETS = [
        "Perpusnas=https://sru.example.id/sru",
        "tanpa-url",
        "ftp=ftp://x.example/sru",
        "Kota Metro = http://127.0.0.1:8000/sru?x-db=1",
    ]
    assert targets() == {
        "Perpusnas": "https://sru.example.id/sru",
        "Kota Metro": "http://127.0.0.1:8000/sru?x-db=1",
    }
