from django.contrib.auth.hashers import Argon2PasswordHasher

from simpul import settings as production_settings


def test_passwords_are_hashed_with_argon2():
    assert production_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    encoded = Argon2PasswordHasher().encode("metro-demo-2026", Argon2PasswordHasher().salt())
    assert encoded.startswith("argon2$argon2id$")
    assert Argon2PasswordHasher().verify("metro-demo-2026", encoded)
