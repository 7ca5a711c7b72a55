"""E-mails to members, in the language they chose for notices. Sent after the change they tell
of has been committed; a mail server that is down never undoes an approval."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_encode

from simpul.members.models import Member

log = logging.getLogger(__name__)


def _send(member: Member, template: str, context: dict[str, object]) -> bool:
    """Send ``template`` (subject and body) to the member; False when the mail server refused."""
    with translation.override(member.language):
        context = {"member": member, **context}
        if member.expires_on:
            context["valid_until"] = date_format(member.expires_on, "j F Y")
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [member.email])
    except OSError:  # smtplib errors are OSErrors too
        log.exception("member mail %s to member %s failed", template, member.pk)
        return False
    return True


def send_approval(member: Member, site: str) -> bool:
    """Tell the member their membership is active: number, expiry, where to fetch the card.
    ``site`` is the scheme and host (``https://simpul.example``) for the link to their page."""
    if not member.email:
        return False
    link = site + reverse("members:own") if member.user_id else ""
    return _send(member, "members/email/approved", {"link": link})


def send_account_invitation(member: Member, site: str) -> bool:
    """For an account made at the desk: a one-time link to choose a password."""
    user = member.user
    if user is None or not member.email:
        return False
    path = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return _send(member, "members/email/account", {"link": site + path, "user": user})
