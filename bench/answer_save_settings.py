"""Settings of the answer-save benchmark's server: production settings plus one trivial view
(``/bench/ping/``), the framework's ceiling on the same server and middleware."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.answer_save_urls"
