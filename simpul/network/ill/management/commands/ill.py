"""Operator tools for interlibrary loan, also used by the two-server test.

manage.py ill send [--force]          send the ISO 18626 messages due (all with --force)
manage.py ill show REQUEST_ID         the request on this server, as JSON
manage.py ill messages REQUEST_ID     the ISO 18626 messages it sent and the answers it got
manage.py ill step REQUEST_ID VERB --library CODE --user USERNAME [--reason ..] [--due D]
manage.py ill overdue [--today D]     mark lent copies past their due date Overdue (the worker
                                      does it every ten minutes)
manage.py ill request --member NUMBER --peer AGENCY_VALUE --title T [--record-id R]
manage.py ill seed --library CODE --name NAME [--title T --barcode B] [--member NUMBER]
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Item
from simpul.catalog.services import add_item, create_record
from simpul.circulation.models import Loan
from simpul.lib.errors import SimpulError
from simpul.libraries.choices import LibraryKind, Role
from simpul.libraries.models import Library
from simpul.libraries.services import grant_role
from simpul.members.choices import MemberStatus
from simpul.members.models import Member, MemberCategory
from simpul.network.ill import due_dates, outbox, services
from simpul.network.ill.models import IllPeer, IllRequest, ReceivedMessage

STEPS = {
    "accept": lambda ill, user, lib, o: services.accept(ill, user, lib),
    "expect": lambda ill, user, lib, o: services.accept(ill, user, lib, now=False),
    "retry": lambda ill, user, lib, o: services.retry_possible(ill, user, lib, o["reason"]),
    "decline": lambda ill, user, lib, o: services.decline(ill, user, lib, o["reason"]),
    "ship": lambda ill, user, lib, o: services.ship(ill, user, lib, o["barcode"], due=o["due"]),
    "checkin": lambda ill, user, lib, o: services.check_in_return(ill, user, lib),
    "renew-yes": lambda ill, user, lib, o: due_dates.answer_renewal(
        ill, user, lib, yes=True, due=o["due"], why=o["reason"]
    ),
    "renew-no": lambda ill, user, lib, o: due_dates.answer_renewal(
        ill, user, lib, yes=False, why=o["reason"]
    ),
    "recall": lambda ill, user, lib, o: due_dates.recall(ill, user, lib, o["reason"]),
    "lost": lambda ill, user, lib, o: services.complete_without_return(ill, user, lib, o["reason"]),
    "receive": lambda ill, user, lib, o: services.receive(ill, user, lib),
    "lend": lambda ill, user, lib, o: services.lend_to_member(ill, user, lib),
    "return": lambda ill, user, lib, o: services.ship_return(ill, user, lib),
    "renew": lambda ill, user, lib, o: due_dates.ask_renewal(ill, user, lib, o["reason"]),
    "cancel": lambda ill, user, lib, o: services.cancel(ill, user, lib),
}


def a_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text}") from None


class Command(BaseCommand):
    help = "Interlibrary loan operator tools: send, show, step, request, seed."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="tool", required=True)
        send = sub.add_parser("send")
        send.add_argument("--force", action="store_true")
        show = sub.add_parser("show")
        show.add_argument("request_id")
        sent = sub.add_parser("messages")
        sent.add_argument("request_id")
        step = sub.add_parser("step")
        step.add_argument("request_id")
        step.add_argument("verb", choices=sorted(STEPS))
        step.add_argument("--library", required=True)
        step.add_argument("--user", required=True)
        step.add_argument("--reason", default="")
        step.add_argument("--barcode", default="")
        step.add_argument("--due", type=a_date, default=None)
        overdue = sub.add_parser("overdue")
        overdue.add_argument("--today", type=a_date, default=None)
        request = sub.add_parser("request")
        request.add_argument("--member", required=True)
        request.add_argument("--peer", required=True, help="the peer's agency id value")
        request.add_argument("--title", required=True)
        request.add_argument("--author", default="")
        request.add_argument("--record-id", default="")
        seed = sub.add_parser("seed")
        seed.add_argument("--library", required=True)
        seed.add_argument("--name", required=True)
        seed.add_argument("--title", default="")
        seed.add_argument("--barcode", default="")
        seed.add_argument("--member", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = getattr(self, "_" + options["tool"])(options)
        except SimpulError as error:
            raise CommandError(error.message) from None
        self.stdout.write(json.dumps(result, default=str))

    def _send(self, options: dict[str, Any]) -> dict[str, int]:
        return outbox.send_due(force=options["force"])

    def _messages(self, options: dict[str, Any]) -> dict[str, Any]:
        ill = self._find(options["request_id"])
        rows = ill.outbox.order_by("pk").values_list("body", "confirmation", "state")
        return {"messages": [{"body": b, "confirmation": c, "state": s} for b, c, s in rows]}

    def _overdue(self, options: dict[str, Any]) -> dict[str, int]:
        return {"overdue": due_dates.mark_overdue(options["today"])}

    def _show(self, options: dict[str, Any]) -> dict[str, Any]:
        ill = self._find(options["request_id"])
        return {
            "request_id": ill.request_id,
            "status": ill.status,
            "title": ill.title,
            "due_on": ill.due_on.isoformat() if ill.due_on else "",
            "renewal": ill.renewal,
            "renewals": ill.renewals,
            "reason": ill.reason,
            "received": ill.received_at is not None,
            "returned": ill.returned_at is not None,
            "requests": IllRequest.objects.filter(request_id=ill.request_id).count(),
            "received_messages": ReceivedMessage.objects.filter(request=ill).count(),
            "pending": ill.outbox.filter(state="pending").count(),
            "item_status": ill.item.status if ill.item else "",
            "item_barcode": ill.item.barcode if ill.item else "",
            "item_library": ill.item.library.code if ill.item else "",
            "loan_due": self._loan_due(ill),
        }

    def _loan_due(self, ill: IllRequest) -> str:
        """The due date of the open circulation loan of the request's copy here, if any."""
        if ill.item_id is None:
            return ""
        loan = Loan.objects.filter(item_id=ill.item_id, returned_at__isnull=True).first()
        return loan.due_on.isoformat() if loan is not None else ""

    def _find(self, request_id: str) -> IllRequest:
        ill = (
            IllRequest.objects.filter(request_id=request_id).select_related("item__library").first()
        )
        if ill is None:
            raise CommandError(f"no request {request_id}")
        return ill

    def _step(self, options: dict[str, Any]) -> dict[str, Any]:
        ill = self._find(options["request_id"])
        library = Library.objects.filter(code=options["library"]).first()
        user = get_user_model().objects.filter(username=options["user"]).first()
        if library is None or user is None:
            raise CommandError("unknown --library or --user")
        STEPS[options["verb"]](ill, user, library, options)
        return self._show(options)

    def _request(self, options: dict[str, Any]) -> dict[str, Any]:
        member = (
            Member.objects.filter(number=options["member"]).select_related("home_library").first()
        )
        peer = IllPeer.objects.filter(agency_id_value=options["peer"], active=True).first()
        if member is None or peer is None:
            raise CommandError("unknown --member or --peer")
        ill = services.request_from_peer(
            member,
            peer,
            title=options["title"],
            author=options["author"],
            supplier_record_id=options["record_id"],
        )
        return {"request_id": ill.request_id}

    def _seed(self, options: dict[str, Any]) -> dict[str, Any]:
        """A lending library with a staff account (staf-<code>), and optionally one title
        with one copy and one member. Idempotent."""
        code = options["library"]
        library, _created = Library.objects.get_or_create(
            code=code,
            defaults={"name": options["name"], "kind": LibraryKind.CITY, "lends_to_network": True},
        )
        user, created = get_user_model().objects.get_or_create(
            username=f"staf-{code.lower()}", defaults={"full_name": f"Staf {code}"}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        grant_role(user, Role.LIBRARY_ADMIN, library)
        result: dict[str, Any] = {"library": code, "user": user.username}
        if options["title"] and options["barcode"]:
            item = Item.objects.filter(barcode=options["barcode"]).first()
            if item is None:
                record = create_record(SimpleRecord(title=options["title"]), library)
                item = add_item(record, library, barcode=options["barcode"])
            result["record_id"] = item.record_id
        if options["member"]:
            category, _c = MemberCategory.objects.get_or_create(
                code="umum", defaults={"name": "Umum"}
            )
            Member.objects.get_or_create(
                number=options["member"],
                defaults={
                    "category": category,
                    "home_library": library,
                    "status": MemberStatus.ACTIVE,
                    "full_name": f"Anggota {options['member']}",
                    "birth_date": date(2000, 1, 1),
                    "address": "Metro",
                    "expires_on": timezone.localdate() + timedelta(days=365),
                },
            )
            result["member"] = options["member"]
        return result
