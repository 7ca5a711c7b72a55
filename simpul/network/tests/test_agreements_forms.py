"""Agreements made and changed in the staff screens, with the signed document: PDF only (by
its first bytes and declared type, not its name), within AGREEMENT_MAX_UPLOAD, stored under a
random name and served only to staff. Every mistake comes back as an error on its field."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from simpul.network.choices import AgreementStatus
from simpul.network.forms import new_token
from simpul.network.models import Agreement, AgreementStatusChange
from simpul.network.tests.partner_world import PDF, World, build, pdf


@pytest.fixture
def world(network) -> World:
    return build(network)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def agreement_form(world: World, network, **fields):
    return {
        "kind": "pks",
        "number": "046/PKS/SMAN1/2026",
        "title": "Pelatihan pustakawan sekolah",
        "partners": [world.school.pk],
        "library": network.libraries["SMAN1"].pk,
        "signed_on": "2026-01-10",
        "starts_on": "2026-01-15",
        "ends_on": "2027-01-14",
        "scope": ["training", "events"],
        "responsible": network.people["agus"].pk,
        "token": new_token(),
        **fields,
    }


def post_new(client, form):
    return client.post(reverse("partners:agreement-new"), form)


def errors_of(response) -> dict:
    assert response.status_code == 200
    return dict(response.context["form"].errors)


def test_an_agreement_is_made_as_a_draft_with_its_signed_document(
    client_as, agus, world, network, settings
):
    form = agreement_form(world, network, document=pdf("PKS SMAN1 2026.pdf"))
    response = post_new(client_as(agus), form)
    made = Agreement.objects.get(number="046/PKS/SMAN1/2026")
    assert response["Location"] == reverse("partners:agreement", args=[made.pk])
    assert made.status == AgreementStatus.DRAFT
    assert made.scope == ["events", "training"]
    assert list(made.partners.all()) == [world.school]
    assert made.document_name == "PKS SMAN1 2026.pdf"
    stored = Path(made.document.path)
    assert stored.parent == Path(settings.MEDIA_ROOT) / "agreements"
    assert stored.name != "PKS SMAN1 2026.pdf"
    assert len(stored.stem) == 32
    assert stored.read_bytes() == PDF
    history = AgreementStatusChange.objects.get(agreement=made)
    assert (history.old, history.new, history.by) == ("", "draft", network.people["agus"])


def test_the_signed_document_is_served_to_staff_only(client_as, client, agus, world, network):
    post_new(client_as(agus), agreement_form(world, network, document=pdf()))
    made = Agreement.objects.get(number="046/PKS/SMAN1/2026")
    url = reverse("partners:agreement-document", args=[made.pk])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert "pks-ditandatangani.pdf" in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    assert client.get(f"/media/{made.document.name}").status_code == 404


def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(client_as, agus, world, network):
    client = client_as(agus)
    cases = [
        pdf("surat.pdf", b"<html>not a pdf</html>"),  # a .pdf name, wrong content
        pdf("surat.pdf", PDF, "text/html"),  # PDF bytes, declared as something else
        pdf("surat.docx", PDF, "application/pdf"),  # a PDF under another name
    ]
    for upload in cases:
        errors = errors_of(post_new(client, agreement_form(world, network, document=upload)))
        assert list(errors) == ["document"]
        assert errors["document"][0].startswith("Berkas “surat.")
        assert "bukan PDF" in errors["document"][0]
    assert not Agreement.objects.filter(number="046/PKS/SMAN1/2026").exists()


def test_a_document_over_the_size_limit_is_refused(client_as, agus, world, network, settings):
    settings.AGREEMENT_MAX_UPLOAD = 2 * 1024 * 1024
    big = pdf("besar.pdf", PDF + b"0" * (3 * 1024 * 1024))
    errors = errors_of(post_new(client_as(agus), agreement_form(world, network, document=big)))
    assert errors == {"document": ["Berkas “besar.pdf” berukuran 3 MB; paling besar 2 MB."]}


def test_a_number_already_used_with_the_same_partner_is_refused_however_it_is_written(
    client_as, agus, admin, world, network
):
    form = agreement_form(world, network, number=" 045/pks/sman1/2025 ")
    errors = errors_of(post_new(client_as(agus), form))
    assert errors == {
        "number": [
            "Nomor 045/pks/sman1/2025 sudah dipakai perjanjian lain dengan SMA Negeri 1 Metro."
        ]
    }
    # The same number with another partner is that partner's own business.
    other = agreement_form(
        world,
        network,
        number="045/PKS/SMAN1/2025",
        partners=[world.company.pk],
        library=network.libraries["KOTA"].pk,
    )
    assert post_new(client_as(admin), other).status_code == 302


def test_an_agreement_with_several_partners_keeps_the_number_free_for_none_of_them(
    client_as, admin, world, network
):
    client = client_as(admin)
    form = agreement_form(
        world, network, number="JOINT-1", partners=[world.school.pk, world.company.pk]
    )
    assert post_new(client, form).status_code == 302
    again = agreement_form(world, network, number="joint-1", partners=[world.company.pk])
    assert list(errors_of(post_new(client, again))) == ["number"]


def test_dates_and_numbers_that_make_no_sense_are_named(client_as, agus, world, network):
    client = client_as(agus)
    errors = errors_of(post_new(client, agreement_form(world, network, ends_on="2025-12-31")))
    assert errors == {"ends_on": ["Tanggal berakhir tidak boleh sebelum tanggal mulai."]}
    errors = errors_of(post_new(client, agreement_form(world, network, signed_on="2028-01-01")))
    assert list(errors) == ["signed_on"]
    errors = errors_of(post_new(client, agreement_form(world, network, starts_on="31-02-2026")))
    assert list(errors) == ["starts_on"]
    errors = errors_of(post_new(client, agreement_form(world, network, number="PKS #1 <b>")))
    assert list(errors) == ["number"]
    errors = errors_of(post_new(client, agreement_form(world, network, partners=[], scope=[])))
    assert set(errors) == {"partners", "scope"}
    assert errors["partners"] == ["Pilih paling sedikit satu mitra untuk perjanjian ini."]


def test_a_library_administrator_cannot_name_a_partner_outside_their_scope(
    client_as, agus, world, network
):
    form = agreement_form(world, network, partners=[world.company.pk])
    assert list(errors_of(post_new(client_as(agus), form))) == ["partners"]


def test_an_agreement_form_sent_twice_makes_one_agreement(client_as, agus, world, network):
    client = client_as(agus)
    form = agreement_form(world, network)
    first = post_new(client, {**form, "document": pdf()})
    second = post_new(client, {**form, "document": pdf()})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Agreement.objects.filter(number="046/PKS/SMAN1/2026").count() == 1


def test_editing_keeps_the_document_unless_a_new_one_is_uploaded(
    client_as, agus, world, network, django_capture_on_commit_callbacks
):
    client = client_as(agus)
    post_new(client, agreement_form(world, network, document=pdf("v1.pdf")))
    made = Agreement.objects.get(number="046/PKS/SMAN1/2026")
    first = Path(made.document.path)
    edit = reverse("partners:agreement-edit", args=[made.pk])
    form = agreement_form(world, network, title="Pelatihan pustakawan sekolah (adendum)")
    assert client.post(edit, form).status_code == 302
    made.refresh_from_db()
    assert made.title.endswith("(adendum)")
    assert made.document_name == "v1.pdf"
    errors = errors_of(
        client.post(edit, {**form, "document": pdf("v2.txt", b"hello", "text/plain")})
    )
    assert list(errors) == ["document"]
    with django_capture_on_commit_callbacks(execute=True):  # the old file goes after commit
        assert client.post(edit, {**form, "document": pdf("v2.pdf")}).status_code == 302
    made.refresh_from_db()
    assert made.document_name == "v2.pdf"
    assert Path(made.document.path).exists()
    assert not first.exists()


def test_editing_to_a_number_another_agreement_has_is_refused(client_as, admin, world, network):
    client = client_as(admin)
    post_new(client, agreement_form(world, network))
    made = Agreement.objects.get(number="046/PKS/SMAN1/2026")
    edit = reverse("partners:agreement-edit", args=[made.pk])
    errors = errors_of(
        client.post(edit, agreement_form(world, network, number="045/PKS/SMAN1/2025"))
    )
    assert list(errors) == ["number"]
    # Its own number is not a duplicate of itself.
    assert client.post(edit, agreement_form(world, network)).status_code == 302


def test_the_staff_forms_open_filled_in_where_it_helps(client_as, agus, admin, world, network):
    client = client_as(agus)
    response = client.get(reverse("partners:agreement-new"), {"mitra": world.school.slug})
    form = response.context["form"]
    assert form.initial["partners"] == [world.school]
    assert form.initial["responsible"] == agus.pk
    assert 'accept="application/pdf,.pdf"' in response.content.decode()
    assert "Hanya PDF, paling besar 10 MB." in response.content.decode()
    edit = client.get(reverse("partners:agreement-edit", args=[world.school_pks.pk]))
    assert edit.context["form"]["partners"].value() == [world.school.pk]
    assert edit.context["form"]["scope"].value() == ["resource_sharing", "training"]
    admin_form = client_as(admin).get(reverse("partners:agreement-new")).context["form"]
    assert admin_form.initial["library"] == network.libraries["KOTA"]
    for url in (
        reverse("partners:staff-new"),
        reverse("partners:contact-new", args=[world.school.slug]),
        reverse("partners:staff-partner", args=[world.school.slug]),
        reverse("partners:agreement", args=[world.school_pks.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_editing_keeps_partners_and_the_signing_library_outside_the_editors_scope(
    client_as, agus, admin, world, network
):
    joint = agreement_form(
        world,
        network,
        number="JOINT-2",
        partners=[world.school.pk, world.company.pk],
        library=network.libraries["KOTA"].pk,
    )
    client_as(admin).post(reverse("partners:agreement-new"), joint)
    made = Agreement.objects.get(number="JOINT-2")
    client = client_as(agus)
    edit = reverse("partners:agreement-edit", args=[made.pk])
    page = client.get(edit).content.decode()
    assert "PT Tani Makmur" not in page  # not his to choose or to drop
    form = {**joint, "partners": [world.school.pk], "title": "Kerja sama tiga pihak"}
    assert client.post(edit, form).status_code == 302
    made.refresh_from_db()
    assert set(made.partners.all()) == {world.school, world.company}
    assert made.library == network.libraries["KOTA"]
    assert made.title == "Kerja sama tiga pihak"
