"""Where uploaded medical files live: the storage alias ``STORAGES["leads"]``.

By default a private folder outside MEDIA_ROOT (LEADS_PRIVATE_ROOT), with no URL;
another backend (an object store's private bucket) is a settings change. Files
are encrypted before they reach it (leads/models.py), whatever the backend.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from storages.backends.s3 import S3Storage

STORAGE_ALIAS = "leads"


class PrivateFileSystemStorage(FileSystemStorage):
    """File system storage whose files have no public URL; the admin streams them instead.

    Without a ``location`` option it keeps its files in LEADS_PRIVATE_ROOT, read
    again when that setting changes (as FileSystemStorage does for MEDIA_ROOT).
    """

    def __init__(self, **options):
        options.setdefault("directory_permissions_mode", 0o700)
        options.setdefault("file_permissions_mode", 0o600)
        super().__init__(**options)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.LEADS_PRIVATE_ROOT)

    # Properties, not cached: a test's override of LEADS_PRIVATE_ROOT applies at once.
    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Private files have no URL; download them through the admin.")


def private_storage():
    return storages[STORAGE_ALIAS]


class PrivateObjectStorage(S3Storage):
    """A private bucket of the object store (OBJECT_STORE_URL): no URL, no public read."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError("Private files have no URL; download them through the admin.")
