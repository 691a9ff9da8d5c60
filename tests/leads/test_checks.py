"""Start-up checks refuse an unusable key and a private folder that the public could reach."""

from pathlib import Path

from leads.checks import check_encryption_keys, check_private_storage


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
