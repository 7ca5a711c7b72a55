"""Circulation's use cases in one place: the only code that changes loans, fines and payments.

They live in modules by subdomain (checkout.py, checkin.py, fines.py, rules.py, receipts.py);
import them from here. Each is one transaction that writes an Event (who, when, where, what)
and raises a CirculationError (errors.py) when it refuses.
"""

from simpul.circulation.checkin import CheckinResult, checkin
from simpul.circulation.checkout import CheckoutResult, checkout, move_due_date, renew
from simpul.circulation.fines import mark_damaged, mark_lost, pay, waive
from simpul.circulation.receipts import receipt_for, send_receipt
from simpul.circulation.rules import delete_rule, save_rule

__all__ = [
    "CheckinResult",
    "CheckoutResult",
    "checkin",
    "checkout",
    "delete_rule",
    "mark_damaged",
    "mark_lost",
    "move_due_date",
    "pay",
    "receipt_for",
    "renew",
    "save_rule",
    "send_receipt",
    "waive",
]
