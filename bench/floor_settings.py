"""Settings for `bench/request_floor.py`: Simpul's, with bench/floor_urls.py as the URLconf."""

from simpul.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor_urls"
