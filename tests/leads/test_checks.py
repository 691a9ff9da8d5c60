"""Start-up checks refuse an unusable key, a private folder that the public could reach and a
virus scanner address that cannot be used."""

from pathlib import Path

import pytest

from leads.checks import (
    check_encryption_keys,
    check_private_storage,
    check_virus_scanner_address,
)


def test_a_private_root_inside_media_root_is_an_error(settings):
    settings.LEADS_PRIVATE_ROOT = Path(settings.MEDIA_ROOT) / "leads"
    assert [error.id for error in check_private_storage(None)] == ["leads.E002"]


def test_a_private_root_inside_static_root_is_an_error(settings):
    settings.LEADS_PRIVATE_ROOT = Path(settings.STATIC_ROOT) / "private"
    assert [error.id for error in check_private_storage(None)] == ["leads.E002"]


def test_the_test_settings_keep_private_files_apart(settings):
    assert check_private_storage(None) == []


def test_a_missing_or_broken_key_is_an_error(settings):
    settings.FIELD_ENCRYPTION_KEY = ""
    assert [error.id for error in check_encryption_keys(None)] == ["leads.E001"]
    settings.FIELD_ENCRYPTION_KEY = "short"
    assert [error.id for error in check_encryption_keys(None)] == ["leads.E001"]


@pytest.mark.parametrize("url", ["127.0.0.1:3310", "http://127.0.0.1:3310", "tcp://127.0.0.1"])
def test_a_scanner_address_that_is_not_tcp_or_unix_is_an_error(settings, url):
    settings.CLAMAV_URL = url
    assert [error.id for error in check_virus_scanner_address(None)] == ["leads.E003"]


@pytest.mark.parametrize("url", ["", "tcp://127.0.0.1:3310", "unix:///run/clamav/clamd.ctl"])
def test_a_usable_or_empty_scanner_address_passes(settings, url):
    settings.CLAMAV_URL = url
    assert check_virus_scanner_address(None) == []
