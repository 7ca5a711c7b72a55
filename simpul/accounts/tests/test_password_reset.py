"""Password reset by e-mail, sent through a real SMTP server on loopback."""

import re

from django.urls import reverse


def test_a_forgotten_password_is_reset_through_the_link_in_the_email(client, siti, smtp_inbox):
    response = client.post(reverse("accounts:password-reset"), {"email": siti.email})
    assert response.status_code == 302
    assert len(smtp_inbox.messages) == 1
    mail = smtp_inbox.messages[0]
    assert mail["To"] == siti.email
    assert (
        "Kata sandi baru" in str(mail["Subject"])
        or "Kata sandi baru" in mail.get_payload(decode=True).decode()
    )
    body = mail.get_payload(decode=True).decode()
    assert "Halo Siti Rahmawati" in body
    link = re.search(r"https?://[^/\s]+(/masuk/sandi-baru/\S+/)", body).group(1)

    form_page = client.get(link, follow=True)
    assert "Buat kata sandi baru" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "lampung-membaca-2026", "new_password2": "lampung-membaca-2026"},
    )
    assert done.status_code == 302
    siti.refresh_from_db()
    assert siti.check_password("lampung-membaca-2026")
    # A used link is dead.
    assert "Tautan tidak berlaku" in client.get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, network, smtp_inbox):
    response = client.post(reverse("accounts:password-reset"), {"email": "tidak@ada.example"})
    assert response.status_code == 302
    assert smtp_inbox.messages == []
