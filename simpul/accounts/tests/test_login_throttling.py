"""Five wrong passwords in a row lock the username at that address for the cool-off."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from simpul.demo.personas import DEMO_PASSWORD

LOGIN = "/masuk/"
START = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def _try(client, password):
    return client.post(LOGIN, {"username": "budi", "password": password})


def test_the_sixth_wrong_password_is_refused_and_the_right_one_must_wait(client, budi):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(5):
            clock.shift(timedelta(seconds=20))
            response = _try(client, "tebak-tebak")
        sixth = _try(client, "tebak-lagi")
        assert sixth.status_code == 429
        assert "Terlalu banyak percobaan masuk yang gagal" in sixth.content.decode()
        assert "coba lagi dalam 15 menit" in sixth.content.decode()

        clock.shift(timedelta(minutes=5))
        correct = _try(client, DEMO_PASSWORD)
        assert correct.status_code == 429
        assert "_auth_user_id" not in client.session

        # Every attempt during the lock restarts the 15 minutes.
        clock.shift(timedelta(minutes=16))
        after_wait = _try(client, DEMO_PASSWORD)
        assert after_wait.status_code == 302
        assert after_wait["Location"] == reverse("web:after-login")
    assert response.status_code == 200  # the fifth was an ordinary wrong password


def test_the_lock_is_for_that_username_only(client, budi, rina):
    with time_machine.travel(START, tick=False):
        for _ in range(6):
            _try(client, "tebak-tebak")
        response = client.post(LOGIN, {"username": "rina", "password": DEMO_PASSWORD})
        assert response.status_code == 302


def test_the_lock_message_is_english_for_english_readers(client, budi):
    client.cookies["simpul_bahasa"] = "en"
    with time_machine.travel(START, tick=False):
        for _ in range(6):
            response = _try(client, "tebak-tebak")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
