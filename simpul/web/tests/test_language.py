"""Bahasa Indonesia first, English on request, and no untranslated string left behind."""

import subprocess
from pathlib import Path

from django.conf import settings
from django.urls import reverse

PO = Path(settings.BASE_DIR, "locale", "en", "LC_MESSAGES", "django.po")


def test_the_home_page_is_indonesian_even_for_an_english_browser(client, db):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Satu simpul untuk semua perpustakaan di Kota Metro" in html
    assert response["Content-Language"] == "id"


def test_the_language_switch_turns_the_site_english_and_back(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/perpustakaan/"})
    assert response.status_code == 302
    assert response["Location"] == "/perpustakaan/"
    html = client.get("/perpustakaan/").content.decode()
    assert '<html lang="en">' in html
    assert "Libraries in the Kota Metro network" in html
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert "Perpustakaan di jaringan Kota Metro" in client.get("/perpustakaan/").content.decode()


def test_an_unknown_language_cookie_falls_back_to_indonesian(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="id">' in client.get("/").content.decode()


def test_the_switch_refuses_to_send_people_to_another_site(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://contoh.example/"}
    )
    assert response["Location"] == "/"


def test_every_english_message_is_translated_and_current(tmp_path):
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(PO)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", str(PO)], capture_output=True, text=True, check=True
    ).stdout
    assert untranslated == "", f"untranslated entries:\n{untranslated}"
    assert fuzzy == "", f"fuzzy entries:\n{fuzzy}"


def test_the_catalog_holds_every_string_in_the_code(tmp_path):
    """makemessages over a copy of the code finds nothing the committed catalog lacks."""
    root = Path(settings.BASE_DIR)
    work = tmp_path / "copy"
    subprocess.run(
        ["cp", "-r", str(root / "simpul"), str(root / "locale"), str(work.parent)], check=True
    )
    (tmp_path / "manage.py").write_text((root / "manage.py").read_text())
    subprocess.run(
        ["python", "manage.py", "makemessages", "-l", "en", "--no-obsolete", "--no-location"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={
            "PATH": str(Path(__import__("sys").executable).parent) + ":/usr/bin:/bin",
            "SIMPUL_VAR_DIR": str(tmp_path / "var"),
            "SIMPUL_SECRET_KEY": "x" * 50,
        },
    )
    missing = subprocess.run(
        ["msgattrib", "--untranslated", str(tmp_path / "locale/en/LC_MESSAGES/django.po")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert missing == "", f"strings in the code without an English translation:\n{missing}"
