"""The site root-path cache, which gives translated pages their URLs, is shared by every worker.

Wagtail keeps the site root paths in Django's default cache and clears them when a site root
(or a translation of one) is saved. With a per-process cache, other workers would keep the old
list and give a new translation no URL; production's default cache is Redis, shared by all.
"""

import os
import shutil
import subprocess
import time
import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings
from wagtail.models import Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from tests.builders import a_site
from tests.cms.test_settings import PRODUCTION_ENV, run_manage
from tests.helpers import skip_for_missing_service
from tests.live_server import free_port
from tests.localization.builders_sites import lumbar_foraminotomy, lumbar_foraminotomy_in_spanish

REDIS_SERVER = os.environ.get("REDIS_SERVER_PATH") or shutil.which("redis-server")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A throwaway Redis server on a free loopback port."""
    if not REDIS_SERVER:
        skip_for_missing_service("no redis-server; scripts/services/redis.sh installs it")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", ""]
        + ["--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("the test Redis server did not start")
            time.sleep(0.1)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def shared_caches(url):
    """The default cache of this worker and that of another worker, both on one Redis."""
    prefix = f"test-{uuid.uuid4().hex}"
    config = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
    return {"default": config, "other_worker": dict(config)}


def cached_root_paths(cache):
    return cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)


def test_production_keeps_the_default_cache_in_redis():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "cms.cache.FaultTolerantRedisCache"


@pytest.mark.django_db
def test_a_change_to_the_translated_site_roots_reaches_every_worker(redis_url):
    site = a_site()
    home_es = site.in_spanish().home
    lumbar_es = lumbar_foraminotomy_in_spanish(lumbar_foraminotomy(site))
    with override_settings(CACHES=shared_caches(redis_url)):
        other_worker = caches["other_worker"]
        Site.get_site_root_paths()
        assert {path.language_code for path in cached_root_paths(other_worker)} == {"en", "es"}

        home_es.title = "Bienvenidos"
        home_es.save()

        # Saving a site root's translation cleared the list for the other worker too, which
        # therefore reads the current tree and gives the Spanish pages their URLs.
        assert cached_root_paths(other_worker) is None
        assert lumbar_es.relative_url(site.site) == "/es/procedimientos/foraminotomia-lumbar/"
        assert {path.language_code for path in cached_root_paths(other_worker)} == {"en", "es"}
