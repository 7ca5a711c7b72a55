"""Reminders 90, 30 and 7 days before an agreement ends, sent by the worker to the responsible
staff member through a real SMTP server on loopback, each once, with its outcome recorded."""

from __future__ import annotations

import socket
from datetime import date, timedelta
from email.header import decode_header, make_header
from email.message import Message

import pytest

from simpul.circulation.choices import NoticeOutcome
from simpul.jobs import worker
from simpul.jobs.worker import partners_round
from simpul.members.models import Member, MemberCategory
from simpul.network import services
from simpul.network.choices import AgreementStatus
from simpul.network.models import AgreementReminder
from simpul.network.reminders import due_reminders
from simpul.network.tests.partner_world import MONDAY, TODAY, agreement, partner

ENDS = TODAY + timedelta(days=100)  # Saturday 10 June 2026


@pytest.fixture(autouse=True)
def _monday(time_machine) -> None:
    time_machine.move_to(MONDAY, tick=False)


@pytest.fixture
def mou(network, dewi):
    university = partner("Universitas Muhammadiyah Metro", network.libraries["UMMETRO"])
    return agreement(
        "012/MoU/UMM-DPK/2023",
        university,
        library=network.libraries["KOTA"],
        starts=date(2023, 6, 11),
        ends=ENDS,
        status=AgreementStatus.ACTIVE,
        responsible=dewi,
        title="Kerja sama penelitian literasi",
    )


def on(time_machine, day: date) -> dict:
    time_machine.move_to(MONDAY + (day - TODAY), tick=False)
    return partners_round()


def subject_of(message: Message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def text_of(message: Message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def html_of(message: Message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/html")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def test_the_responsible_staff_member_is_reminded_90_30_and_7_days_before_the_end(
    smtp_inbox, time_machine, mou
):
    assert partners_round() == {"expired": 0}
    for day in (ENDS - timedelta(days=90), ENDS - timedelta(days=89), ENDS - timedelta(days=30)):
        on(time_machine, day)
        partners_round()  # a second round the same day sends nothing more
    on(time_machine, ENDS - timedelta(days=7))
    assert [subject_of(m) for m in smtp_inbox.messages] == [
        "Perjanjian 012/MoU/UMM-DPK/2023 berakhir dalam 90 hari",
        "Perjanjian 012/MoU/UMM-DPK/2023 berakhir dalam 30 hari",
        "Perjanjian 012/MoU/UMM-DPK/2023 berakhir dalam 7 hari",
    ]
    first = smtp_inbox.messages[0]
    assert first["To"] == "dewi@simpul.example"
    body = text_of(first)
    assert "Halo Dewi Lestari," in body
    assert "“Kerja sama penelitian literasi”" in body
    assert "Rabu, 10 Juni 2026" in body
    assert "Universitas Muhammadiyah Metro" in body
    assert f"http://127.0.0.1:8000/staf/perjanjian/{mou.pk}/" in body
    assert "<strong>Rabu, 10 Juni 2026</strong>" in html_of(first)
    rows = AgreementReminder.objects.order_by("sent_at", "pk")
    assert [(r.days, r.outcome, r.address) for r in rows] == [
        (90, NoticeOutcome.SENT, "dewi@simpul.example"),
        (30, NoticeOutcome.SENT, "dewi@simpul.example"),
        (7, NoticeOutcome.SENT, "dewi@simpul.example"),
    ]
    assert rows[0].key == f"agreement:{mou.pk}:90:2026-06-10"
    on(time_machine, ENDS)
    on(time_machine, ENDS + timedelta(days=1))
    assert len(smtp_inbox.messages) == 3
    mou.refresh_from_db()
    assert mou.status == AgreementStatus.EXPIRED


def test_a_worker_that_was_stopped_sends_only_the_nearest_step(smtp_inbox, time_machine, mou):
    on(time_machine, ENDS - timedelta(days=20))
    assert [subject_of(m) for m in smtp_inbox.messages] == [
        "Perjanjian 012/MoU/UMM-DPK/2023 berakhir dalam 20 hari"
    ]
    assert AgreementReminder.objects.get().days == 30


def test_an_extended_agreement_is_reminded_again_for_its_new_end(smtp_inbox, time_machine, mou):
    on(time_machine, ENDS - timedelta(days=7))
    new_end = ENDS + timedelta(days=365)
    services.change_agreement(
        mou,
        {"ends_on": new_end, "starts_on": mou.starts_on, "number": mou.number},
        partners=list(mou.partners.all()),
    )
    on(time_machine, ENDS - timedelta(days=6))
    on(time_machine, new_end - timedelta(days=90))
    assert len(smtp_inbox.messages) == 2
    assert AgreementReminder.objects.filter(key__endswith=new_end.isoformat()).count() == 1


def test_a_staff_member_who_reads_english_gets_the_reminder_in_english(
    smtp_inbox, time_machine, mou, dewi, network
):
    category, _ = MemberCategory.objects.get_or_create(code="umum", defaults={"name": "Umum"})
    Member.objects.create(
        user=dewi,
        full_name="Dewi Lestari",
        birth_date=date(1985, 4, 1),
        address="Jl. Kenanga, Metro",
        category=category,
        home_library=network.libraries["KOTA"],
        language="en",
    )
    on(time_machine, ENDS - timedelta(days=30))
    [message] = smtp_inbox.messages
    assert AgreementReminder.objects.get().language == "en"
    assert '<html lang="en">' in html_of(message)
    assert "Wednesday" in text_of(message)  # the date is written in English


def test_an_agreement_without_a_reachable_responsible_is_recorded_as_such(
    smtp_inbox, time_machine, mou
):
    services.change_agreement(
        mou,
        {
            "responsible": None,
            "starts_on": mou.starts_on,
            "ends_on": mou.ends_on,
            "number": mou.number,
        },
        partners=list(mou.partners.all()),
    )
    on(time_machine, ENDS - timedelta(days=30))
    on(time_machine, ENDS - timedelta(days=29))
    assert smtp_inbox.messages == []
    row = AgreementReminder.objects.get()
    assert (row.outcome, row.recipient, row.address) == (NoticeOutcome.NO_ADDRESS, None, "")


def test_a_mail_server_that_refuses_leaves_a_failed_reminder_that_is_not_retried(
    smtp_inbox, time_machine, mou
):
    async def refuse(server, session, envelope) -> str:
        return "554 Mailbox unavailable"

    smtp_inbox.handle_DATA = refuse
    on(time_machine, ENDS - timedelta(days=30))
    row = AgreementReminder.objects.get()
    assert row.outcome == NoticeOutcome.FAILED
    assert "Mailbox unavailable" in row.error
    on(time_machine, ENDS - timedelta(days=29))
    assert AgreementReminder.objects.count() == 1


def test_while_the_mail_server_is_unreachable_reminders_wait_for_the_next_round(
    smtp_inbox, settings, time_machine, mou
):
    port = settings.EMAIL_PORT
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = probe.getsockname()[1]  # nothing listens there once closed
    on(time_machine, ENDS - timedelta(days=30))
    assert not AgreementReminder.objects.exists()
    settings.EMAIL_PORT = port
    on(time_machine, ENDS - timedelta(days=29))
    assert len(smtp_inbox.messages) == 1
    assert AgreementReminder.objects.get().outcome == NoticeOutcome.SENT


def test_the_worker_runs_the_agreements_round(smtp_inbox, time_machine, mou):
    time_machine.move_to(MONDAY + timedelta(days=70), tick=False)
    worker._agreements.next_at = 0.0
    worker.run_once()
    assert len(smtp_inbox.messages) == 1


def test_finding_due_reminders_costs_the_same_whatever_the_number_of_agreements(
    network, dewi, django_assert_num_queries
):
    school = partner("SMA Negeri 2 Metro", network.libraries["SMAN2"])
    for n in range(5):
        agreement(
            f"R-{n}", school, library=network.libraries["KOTA"], starts=date(2025, 1, 1),
            ends=TODAY + timedelta(days=10 + n), status=AgreementStatus.ACTIVE, responsible=dewi,
        )  # fmt: skip
    with django_assert_num_queries(2):
        due = due_reminders(TODAY)
        assert [r.days for r in due] == [30] * 5
