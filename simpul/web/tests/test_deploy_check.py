"""`manage.py check --deploy` with production settings is silent."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_the_deploy_check_prints_no_warnings(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "SIMPUL_DEBUG": "0",
        "SIMPUL_SECRET_KEY": "p" + "8Kz2-vQ_x7Lm4Rt9wYc1Nb6Hd3Jf5Gs0Ue" * 2,
        "SIMPUL_ALLOWED_HOSTS": "perpustakaan.metrokota.go.id",
        "SIMPUL_VAR_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://simpul:rahasia@127.0.0.1:5432/simpul",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
