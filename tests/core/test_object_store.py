"""Media in the object store (OBJECT_STORE_URL): any app server reads what another wrote.

Against a real S3-compatible server (SeaweedFS, scripts/services/object-store.sh).
The buckets are private: the app serves media at MEDIA_URL with public caching
headers, documents only through Wagtail's view (which checks their privacy).
"""

import contextlib
import io
import uuid
from pathlib import Path

import pytest
import requests
from botocore.exceptions import ClientError
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.settings.base import object_store
from core.storage import MEDIA_CACHE_CONTROL

pytestmark = pytest.mark.django_db


def png(width=120, height=80):
    output = io.BytesIO()
    PillowImage.new("RGB", (width, height), color=(20, 90, 160)).save(output, format="PNG")
    return output.getvalue()


def uploaded_image(admin_client, title="Spine model"):
    upload = ContentFile(png(), name="spine-model.png")
    # The demo content adds collections, and the form then asks which one.
    form = {"title": title, "file": upload, "collection": Collection.get_first_root_node().pk}
    response = admin_client.post(reverse("wagtailimages:add"), form)
    assert response.status_code == 302, response.content.decode()[:500]
    return get_image_model().objects.get(title=title)


def files_below(folder):
    return [path for path in Path(folder).rglob("*") if path.is_file()]


def test_an_uploaded_image_and_its_rendition_live_in_the_bucket(
    object_store, admin_client, settings
):
    on_disk = files_below(settings.MEDIA_ROOT)
    image = uploaded_image(admin_client)
    rendition = image.get_rendition("width-60")

    stored = object_store.keys(object_store.media_bucket)
    assert image.file.name in stored
    assert rendition.file.name in stored
    assert object_store.read(object_store.media_bucket, image.file.name) == png()
    assert files_below(settings.MEDIA_ROOT) == on_disk


def test_media_are_served_at_media_url_with_public_caching(object_store, admin_client, client):
    rendition = uploaded_image(admin_client).get_rendition("width-60")
    assert rendition.url.startswith("/media/")

    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == MEDIA_CACHE_CONTROL
    served = b"".join(response.streaming_content)
    assert served == object_store.read(object_store.media_bucket, rendition.file.name)
    assert PillowImage.open(io.BytesIO(served)).width == 60


def test_the_bucket_itself_refuses_anonymous_reads_and_listing(object_store, admin_client):
    image = uploaded_image(admin_client)
    bucket_url = f"{object_store.url}/{object_store.media_bucket}"
    key = f"{object_store.prefix}/{image.file.name}"
    assert requests.get(f"{bucket_url}/{key}", timeout=5).status_code == 403
    assert requests.get(f"{bucket_url}/", timeout=5).status_code == 403


def test_a_missing_file_or_a_path_outside_the_media_is_not_found(object_store, client):
    assert client.get("/media/original_images/nothing-here.png").status_code == 404
    assert client.get("/media/original_images/../../etc/passwd").status_code == 404


def test_documents_are_served_only_through_wagtails_view(object_store, client):
    document = get_document_model().objects.create(
        title="Preparation leaflet", file=ContentFile(b"Fast from midnight.", name="leaflet.txt")
    )
    assert document.file.name in object_store.keys(object_store.media_bucket)

    assert client.get(f"/media/{document.file.name}").status_code == 404
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Fast from midnight."


def test_readiness_checks_both_buckets(object_store, client):
    answer = client.get("/readyz")
    assert answer.status_code == 200
    assert answer.json()["checks"]["storage:default"] == "ok"
    assert answer.json()["checks"]["storage:leads"] == "ok"


def test_an_object_store_that_does_not_answer_makes_the_server_unready(settings, client):
    unreachable = "http://127.0.0.1:9"  # the discard port: nothing listens there
    settings.STORAGES = {
        **settings.STORAGES,
        "leads": object_store(
            "leads.storage.PrivateObjectStorage", "foramen-leads", unreachable, "key", "secret"
        ),
    }
    answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["checks"]["storage:leads"] == "failed"
    assert answer.json()["checks"]["storage:default"] == "ok"
    assert "127.0.0.1" not in answer.content.decode()


def a_media_folder(root):
    files = {
        "original_images/spine.png": png(),
        "images/spine.width-60.png": png(60, 40),
        "documents/leaflet.txt": b"Fast from midnight.",
    }
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return files


def test_a_media_folder_is_copied_into_the_bucket_and_verified(object_store, tmp_path):
    files = a_media_folder(tmp_path)
    object_store.client.put_object(
        Bucket=object_store.media_bucket,
        Key=f"{object_store.prefix}/documents/leaflet.txt",
        Body=b"an older, different leaflet",
    )
    output = io.StringIO()
    call_command("copy_files_to_storage", str(tmp_path), storage="default", stdout=output)

    assert output.getvalue().strip() == "3 copied, 0 already there, 0 failed."
    assert object_store.keys(object_store.media_bucket) == sorted(files)
    for name, content in files.items():
        assert object_store.read(object_store.media_bucket, name) == content


def test_a_second_copy_leaves_what_is_there(object_store, tmp_path):
    a_media_folder(tmp_path)
    call_command("copy_files_to_storage", str(tmp_path), stdout=io.StringIO())
    (tmp_path / "images" / "new.width-60.png").write_bytes(png(60, 30))
    output = io.StringIO()
    call_command("copy_files_to_storage", str(tmp_path), stdout=output)
    assert output.getvalue().strip() == "1 copied, 3 already there, 0 failed."


def test_copying_a_folder_that_is_not_there_fails_clearly(object_store, tmp_path):
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("copy_files_to_storage", str(tmp_path / "missing"))


def test_create_buckets_makes_the_missing_buckets_and_keeps_the_others(object_store, settings):
    new_bucket = f"test-created-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {
        **settings.STORAGES,
        "leads": object_store.storage("leads.storage.PrivateObjectStorage", new_bucket),
    }
    try:
        first, again = io.StringIO(), io.StringIO()
        call_command("create_buckets", stdout=first)
        call_command("create_buckets", stdout=again)
        object_store.client.head_bucket(Bucket=new_bucket)
    finally:
        with contextlib.suppress(ClientError):  # not there when creating it failed
            object_store.client.delete_bucket(Bucket=new_bucket)
    assert f"leads: created bucket {new_bucket}" in first.getvalue()
    assert f"default: bucket {object_store.media_bucket} exists" in first.getvalue()
    assert f"leads: bucket {new_bucket} exists" in again.getvalue()


@pytest.fixture
def object_store_down(settings):
    """Media in an object store that does not answer: the discard port, where nothing listens."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": object_store(
            "core.storage.MediaObjectStorage", "foramen-media", "http://127.0.0.1:9", "k", "s"
        ),
    }


@pytest.mark.parametrize(
    ("url_name", "model", "upload"),
    [
        ("wagtailimages:add", get_image_model, ContentFile(png(), name="spine-model.png")),
        ("wagtaildocs:add", get_document_model, ContentFile(b"Fast from midnight.", name="a.txt")),
    ],
    ids=["image", "document"],
)
def test_an_admin_upload_while_the_object_store_is_down_says_nothing_was_saved(
    object_store_down, admin_client, url_name, model, upload
):
    form = {
        "title": "Outage upload",
        "file": upload,
        "collection": Collection.get_first_root_node().pk,
    }
    answer = admin_client.post(reverse(url_name), form)
    assert answer.status_code == 503
    assert answer["Retry-After"] == "60"
    assert b"Nothing was saved" in answer.content
    assert not model().objects.filter(title="Outage upload").exists()


def test_a_media_read_while_the_object_store_is_down_is_a_503_not_an_error(
    object_store_down, client
):
    answer = client.get("/media/original_images/spine.png")
    assert answer.status_code == 503
    assert answer["Retry-After"] == "60"
