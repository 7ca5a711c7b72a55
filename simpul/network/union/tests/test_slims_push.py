"""SLiMS's union-catalog push (UCS) into the union catalog."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from simpul.catalog.models import Record
from simpul.network.union.choices import MatchMethod, Origin
from simpul.network.union.models import Contribution
from simpul.network.union.slims import set_node

pytestmark = pytest.mark.django_db


def slims_body(
    node_id: str = "smpn3metro", password: str = "rahasia-ucs-123", **extra: Any
) -> bytes:
    """A request body as SLiMS 9 sends it: admin/modules/bibliography/ucs_upload.php builds
    {"node_info": $sysconf['ucs'], "node_data": {biblio_id: row + authors + subjects}} from its
    biblio query and lib/http_request.inc.php posts it json_encode'd as text/json."""
    node_info = {
        "enable": True,
        "serveraddr": "http://testserver/ucs",
        "id": node_id,
        "password": password,
        "name": "Perpustakaan SMP Negeri 3 Metro",
        "serverversion": 3,
    }
    node_data = {
        "17": {
            "biblio_id": "17",
            "title": "Laskar pelangi",
            "spec_detail_info": None,
            "gmd_code": "TE",
            "gmd_name": "Text",
            "edition": "Cet. 1",
            "isbn_issn": "979-3062-79-7",
            "publisher_name": "Bentang Pustaka",
            "publish_year": "2005",
            "collation": "xiv, 529 hlm. ; 20 cm",
            "series_title": "",
            "call_number": "813 HIR l",
            "language_id": "id",
            "language_name": "Indonesia",
            "place_name": "Yogyakarta",
            "classification": "813",
            "notes": "",
            "frequency": None,
            "authors": [{"name": "Hirata, Andrea", "level": "1", "type": "p", "auth_list": None}],
            "subjects": [{"name": "Novel Indonesia", "level": "1", "type": "t", "auth_list": None}],
        },
        "18": {
            "biblio_id": "18",
            "title": "Matematika untuk SMP kelas VII : kurikulum 2013",
            "spec_detail_info": None,
            "gmd_code": "TE",
            "gmd_name": "Text",
            "edition": "",
            "isbn_issn": "",
            "publisher_name": "Erlangga",
            "publish_year": "2014",
            "collation": "200 hlm.",
            "series_title": "",
            "call_number": "510 MAT",
            "language_id": "id",
            "language_name": "Indonesia",
            "place_name": "Jakarta",
            "classification": "510",
            "notes": "",
            "frequency": None,
            "authors": [
                {"name": "Tim Penyusun Erlangga", "level": "1", "type": "o", "auth_list": None},
                {"name": "Sutrisno", "level": "2", "type": "p", "auth_list": None},
            ],
            "subjects": [],
        },
    }
    return json.dumps({"node_info": node_info, "node_data": node_data, **extra}).encode()


@pytest.fixture
def node(smp3: Any) -> Any:
    return set_node(
        smp3,
        "smpn3metro",
        "rahasia-ucs-123",
        "http://slims.smpn3.example/index.php?p=show_detail&id={id}",
    )


def post(client: Client, body: bytes, path: str = "/ucs/ucs.php") -> dict[str, str]:
    response = client.post(path, body, content_type="text/json")
    assert response.status_code == 200
    assert response.streaming  # chunked on HTTP/1.1: SLiMS's client always de-chunks
    return json.loads(b"".join(response.streaming_content))


def test_a_slims_push_merges_and_creates_records_and_answers_uploaded(node, laskar, client):
    answer = post(client, slims_body())
    assert answer["status"] == "UPLOADED"
    assert answer["message"].startswith("2 ")
    merged = Contribution.objects.get(local_id="17")
    assert (merged.record, merged.method, merged.origin) == (laskar, MatchMethod.ISBN, Origin.SLIMS)
    assert merged.call_number == "813 HIR l"
    assert merged.opac_url.endswith("id=17")
    new = Contribution.objects.get(local_id="18").record
    assert new.title == "Matematika untuk SMP kelas VII"
    assert new.subtitle == "kurikulum 2013"
    assert new.authors[0] == "Tim Penyusun Erlangga"
    # The node's biblio number is kept as a system number, not as the catalog's 001.
    assert {"035": {"ind1": " ", "ind2": " ", "subfields": [{"a": "(smpn3metro)18"}]}} in (
        new.marc["fields"]
    )
    assert new.control_number == ""


def test_the_old_ucpoll_address_works_too(node, client):
    assert post(client, slims_body(), "/ucs/ucpoll.php")["status"] == "UPLOADED"


def test_a_wrong_password_or_unknown_node_is_not_authorized(node, client):
    assert post(client, slims_body(password="salah"))["status"] == "NOT_AUTHORIZED"
    assert post(client, slims_body(node_id="tidak-ada"))["status"] == "NOT_AUTHORIZED"
    assert not Contribution.objects.exists()


def test_bad_json_an_empty_body_and_too_many_records_get_slims_errors(node, client):
    assert post(client, b"{not json")["status"] == "JSON_ERROR"
    assert post(client, b"")["status"] == "NO_DATA"
    assert post(client, b"[1, 2]")["status"] == "JSON_ERROR"
    many = json.loads(slims_body())
    many["node_data"] = {
        str(i): {**many["node_data"]["17"], "biblio_id": str(i)} for i in range(51)
    }
    assert post(client, json.dumps(many).encode())["status"] == "TOO_MANY"
    assert Record.objects.count() == 0


def test_a_slims_delete_operation_removes_the_holdings(node, laskar, client):
    post(client, slims_body())
    body = json.loads(slims_body())
    body["node_data"] = {"operation": "delete", "biblio": "17,18"}
    answer = post(client, json.dumps(body).encode())
    assert answer["status"] == "DELETED"
    assert not Contribution.objects.filter(deleted=False).exists()
    assert Record.objects.filter(pk=laskar.pk).exists()
