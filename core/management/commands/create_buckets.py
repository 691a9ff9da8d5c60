"""Create the object store's buckets that the storages name, once per store.

django-storages never creates a bucket: a store without them answers every upload
and `/readyz` with an error. Run before the first start against a new store
(scripts/stack.sh does on every start); a bucket that exists is left as it is, and
a storage that is not a bucket (a folder) is skipped.
"""

from botocore.exceptions import ClientError
from django.core.files.storage import storages
from django.core.management.base import BaseCommand
from storages.backends.s3 import S3Storage

from core.backup import content_storages


class Command(BaseCommand):
    help = "Create the object store buckets of the media and lead file storages when missing."

    def handle(self, *args, **options):
        for alias in content_storages():
            storage = storages[alias]
            if not isinstance(storage, S3Storage):
                continue
            client = storage.connection.meta.client
            if self.bucket_exists(client, storage.bucket_name):
                self.stdout.write(f"{alias}: bucket {storage.bucket_name} exists")
                continue
            client.create_bucket(Bucket=storage.bucket_name)
            self.stdout.write(self.style.SUCCESS(f"{alias}: created bucket {storage.bucket_name}"))

    @staticmethod
    def bucket_exists(client, name):
        try:
            client.head_bucket(Bucket=name)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"404", "NoSuchBucket"}:
                return False
            raise
        return True
