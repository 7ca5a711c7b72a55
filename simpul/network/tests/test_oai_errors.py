"""Every bad request is answered with the protocol's own error code, in a valid response."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from simpul.catalog.models import Record
from simpul.network.tests.oai_support import (
    NS,
    add_records,
    error_code,
    fetch,
    fixture_records,
    valid,
)

OAI_ID = "oai:simpul.kotametro.example"
LIST = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}


@pytest.fixture
def records(kota: Any, settings: Any) -> list[Record]:
    settings.OAI_PAGE_SIZE = 2
    return add_records(kota, fixture_records()[:5])


def first_token(client: Client, verb: str = "ListRecords") -> str:
    root = fetch(client, verb=verb, metadataPrefix="oai_dc")
    return str(root.findtext(".//o:resumptionToken", namespaces=NS))


@pytest.mark.parametrize(
    "query",
    ["", "verb=", "verb=Explain", "verb=identify", "verb=Identify&verb=Identify", "Verb=Identify"],
)
def test_a_missing_unknown_or_repeated_verb_is_a_bad_verb(
    client: Client, network: Any, query: str
) -> None:
    root = valid(client.get(f"/oai?{query}").content)

    assert error_code(root) == "badVerb"
    assert root.find("o:request", NS).attrib == {}  # the arguments are not echoed


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "Identify", "set": "library"},  # not an argument of Identify
        {"verb": "ListRecords"},  # metadataPrefix missing
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},  # identifier missing
        {**LIST, "from": "2026-02-30"},  # no such day
        {**LIST, "from": "2026-5-1"},
        {**LIST, "until": "2026-05-01T10:00:00"},  # no Z
        {**LIST, "until": "2026-05-01T10:00:00+07:00"},
        {**LIST, "from": "2026-05-01", "until": "2026-05-02T00:00:00Z"},  # mixed granularity
        {**LIST, "from": "2026-05-02", "until": "2026-05-01"},  # from after until
        {**LIST, "resumptionToken": "abc"},  # a token must come alone
        {**LIST, "set": "library KOTA"},  # not a setSpec
        {**LIST, "metadataPrefix": ""},
    ],
)
def test_bad_arguments_are_bad_argument(
    client: Client, network: Any, params: dict[str, str]
) -> None:
    root = fetch(client, **params)

    assert error_code(root) == "badArgument"
    assert root.find("o:request", NS).attrib == {}


def test_a_repeated_argument_is_a_bad_argument(client: Client, network: Any) -> None:
    response = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=marc21")
    posted = client.post(
        "/oai",
        "verb=ListSets&verb=ListSets",
        content_type="application/x-www-form-urlencoded",
    )

    assert error_code(valid(response.content)) == "badArgument"
    assert error_code(valid(posted.content)) == "badVerb"


def test_an_altered_token_is_a_bad_resumption_token(client: Client, records: Any) -> None:
    token = first_token(client)
    altered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")

    for bad in (altered, "not-a-token", token + "x", "a" * 3000):
        root = fetch(client, verb="ListRecords", resumptionToken=bad)
        assert error_code(root) == "badResumptionToken", bad
    assert (
        fetch(client, verb="ListRecords", resumptionToken=token).find(".//o:record", NS) is not None
    )


def test_a_token_expires(client: Client, records: Any) -> None:
    with time_machine.travel("2026-05-04 08:00 +0700", tick=False) as clock:
        token = first_token(client)
        clock.shift(timedelta(hours=23))
        fresh = fetch(client, verb="ListRecords", resumptionToken=token)
        clock.shift(timedelta(hours=2))
        stale = fetch(client, verb="ListRecords", resumptionToken=token)

    assert error_code(fresh) is None
    assert error_code(stale) == "badResumptionToken"
    assert stale.find("o:request", NS).attrib == {"verb": "ListRecords", "resumptionToken": token}


def test_a_token_works_only_for_the_verb_it_was_issued_for(client: Client, records: Any) -> None:
    token = first_token(client, "ListIdentifiers")

    root = fetch(client, verb="ListRecords", resumptionToken=token)
    sets = fetch(client, verb="ListSets", resumptionToken=token)

    assert error_code(root) == "badResumptionToken"
    assert error_code(sets) == "badResumptionToken"


def test_an_unknown_format_cannot_be_disseminated(client: Client, records: Any) -> None:
    identifier = f"{OAI_ID}:{records[0].pk}"
    listed = fetch(client, verb="ListIdentifiers", metadataPrefix="mods")
    one = fetch(client, verb="GetRecord", metadataPrefix="marcxml", identifier=identifier)
    odd = fetch(client, verb="GetRecord", metadataPrefix="marc 21", identifier=identifier)

    assert {error_code(listed), error_code(one), error_code(odd)} == {"cannotDisseminateFormat"}
    assert listed.find("o:request", NS).get("metadataPrefix") == "mods"
    assert odd.find("o:request", NS).get("metadataPrefix") is None  # not echoed: not a prefix


@pytest.mark.parametrize(
    "identifier",
    [
        f"{OAI_ID}:999999",
        f"{OAI_ID}:0",
        f"{OAI_ID}:12345678901234567890123",  # beyond any integer column
        f"{OAI_ID}:1x",
        "oai:other.example.org:1",
        "1",
        "oai:simpul.kotametro.example:1 OR 1=1",
    ],
)
def test_an_unknown_identifier_does_not_exist(
    client: Client, records: Any, identifier: str
) -> None:
    got = fetch(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier)
    formats = fetch(client, verb="ListMetadataFormats", identifier=identifier)

    assert error_code(got) == "idDoesNotExist"
    assert error_code(formats) == "idDoesNotExist"


def test_an_empty_list_is_no_records_match(client: Client, network: Any) -> None:
    for verb in ("ListRecords", "ListIdentifiers"):
        root = fetch(client, verb=verb, metadataPrefix="marc21")
        assert error_code(root) == "noRecordsMatch"


@pytest.mark.parametrize(
    "value",
    ["\x00", "\x1f<&>\"'", "é" * 50, "x" * 5000, "%00", "oai:\u0000:1"],
)
def test_odd_values_never_break_the_response(client: Client, records: Any, value: str) -> None:
    for params in (
        {"verb": value},
        {"verb": "GetRecord", "metadataPrefix": value, "identifier": value},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": value},
        {"verb": "ListRecords", "resumptionToken": value},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": value},
        {value[:50]: value, "verb": "Identify"},
    ):
        for method in ("get", "post"):
            root = fetch(client, method, **params)
            assert error_code(root) is not None, params
