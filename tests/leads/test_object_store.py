"""Lead files in the object store's private bucket (OBJECT_STORE_URL), encrypted before they leave.

Against a real S3-compatible server (SeaweedFS, scripts/services/object-store.sh):
a lead manager on any app server reads the file another server took.
"""

import pytest
import requests

from leads import crypto
from leads.storage import private_storage
from tests.leads.helpers import PDF_BYTES
from tests.leads.test_storage_alias import submitted_upload

pytestmark = pytest.mark.django_db


def test_a_lead_file_is_kept_encrypted_in_the_private_bucket(object_store, site_client, mri_form):
    upload = submitted_upload(site_client, mri_form)

    assert object_store.keys(object_store.leads_bucket) == [upload.stored_name]
    assert object_store.keys(object_store.media_bucket) == []
    kept = object_store.read(object_store.leads_bucket, upload.stored_name)
    assert PDF_BYTES not in kept
    assert crypto.decrypt(kept) == PDF_BYTES
    assert upload.read() == PDF_BYTES


def test_a_lead_file_has_no_url_and_the_bucket_no_anonymous_read(
    object_store, site_client, mri_form
):
    upload = submitted_upload(site_client, mri_form)
    with pytest.raises(NotImplementedError):
        private_storage().url(upload.stored_name)
    key = f"{object_store.prefix}/{upload.stored_name}"
    object_url = f"{object_store.url}/{object_store.leads_bucket}/{key}"
    assert requests.get(object_url, timeout=5).status_code == 403
