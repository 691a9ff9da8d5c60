"""The real object store (scripts/services/object-store.sh) as the tests use it.

Two buckets per run (each bucket is a collection of volumes in SeaweedFS: not
cheap), and a key prefix of each test's own inside them.
"""

import uuid

import boto3
from django.conf import settings

from cms.settings.base import object_store


class ObjectStore:
    def __init__(self, url):
        self.url = url
        self.client = boto3.client(
            "s3",
            endpoint_url=url,
            aws_access_key_id=settings.OBJECT_STORE_ACCESS_KEY,
            aws_secret_access_key=settings.OBJECT_STORE_SECRET_KEY,
            region_name="us-east-1",
        )
        run = uuid.uuid4().hex[:12]
        self.media_bucket = f"test-media-{run}"
        self.leads_bucket = f"test-leads-{run}"
        for bucket in (self.media_bucket, self.leads_bucket):
            self.client.create_bucket(Bucket=bucket)
        self.prefix = ""

    def for_a_test(self):
        self.prefix = f"test-{uuid.uuid4().hex[:12]}"
        return self

    def storage(self, backend, bucket):
        entry = object_store(
            backend,
            bucket,
            self.url,
            settings.OBJECT_STORE_ACCESS_KEY,
            settings.OBJECT_STORE_SECRET_KEY,
        )
        entry["OPTIONS"]["location"] = self.prefix
        return entry

    def keys(self, bucket):
        """The keys the current test wrote to bucket, without the test's prefix."""
        found = []
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=bucket, Prefix=f"{self.prefix}/"
        )
        for page in pages:
            found += [
                item["Key"].removeprefix(f"{self.prefix}/") for item in page.get("Contents", [])
            ]
        return sorted(found)

    def read(self, bucket, key):
        return self.client.get_object(Bucket=bucket, Key=f"{self.prefix}/{key}")["Body"].read()

    def remove_buckets(self):
        for bucket in (self.media_bucket, self.leads_bucket):
            pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
            for page in pages:
                for item in page.get("Contents", []):
                    self.client.delete_object(Bucket=bucket, Key=item["Key"])
            self.client.delete_bucket(Bucket=bucket)
