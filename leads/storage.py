"""Where uploaded medical files live: a private folder outside MEDIA_ROOT, with no URL."""

from functools import lru_cache

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """File system storage whose files have no public URL; the admin streams them instead."""

    def url(self, name):
        raise NotImplementedError("Private files have no URL; download them through the admin.")


@lru_cache(maxsize=4)
def _storage(location):
    return PrivateFileSystemStorage(
        location=location, directory_permissions_mode=0o700, file_permissions_mode=0o600
    )


def private_storage():
    # Keyed by the location so that a test overriding LEADS_PRIVATE_ROOT gets its own.
    return _storage(str(settings.LEADS_PRIVATE_ROOT))
