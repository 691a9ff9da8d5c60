"""Backups: the database and every file of the media and lead storages, with a manifest.

``manage.py backup DIR`` writes DIR/database.dump (pg_dump's custom format on
PostgreSQL, SQLite's online backup otherwise), DIR/files/<storage alias>/… and
DIR/manifest.json with each file's SHA-256. Encryption keys are not in it: lead
submissions and files stay encrypted as stored, and a restore needs the same
FIELD_ENCRYPTION_KEY from the secret store (docs/operations.md).

``manage.py restore DIR`` checks every checksum before it touches anything, then
replaces the database and writes the files back, and empties the caches, which
would otherwise serve what was there before.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection, connections
from django.utils import timezone

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
FORMAT = 1


class BackupError(Exception):
    pass


def content_storages():
    """The storage aliases that hold content (media, lead files): not the static files,
    which come with the release and are on every server."""
    return [alias for alias in settings.STORAGES if alias != "staticfiles"]


def digest(readable):
    """The SHA-256 of a file opened for reading in binary, read in chunks."""
    checksum = hashlib.sha256()
    for chunk in iter(lambda: readable.read(1024 * 1024), b""):
        checksum.update(chunk)
    return checksum.hexdigest()


def sha256(path):
    with open(path, "rb") as readable:
        return digest(readable)


def stored_names(storage, folder=""):
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for child in folders:
        yield from stored_names(storage, f"{folder}/{child}" if folder else child)


def postgres_environment():
    """pg_dump's and pg_restore's connection: PostgreSQL itself, past a transaction pooler.

    Both set session settings (search path, timeouts) before the transaction they work
    in: PgBouncer's transaction pooling could run that transaction on another server
    connection, without them.
    """
    direct_url = settings.DATABASE_DIRECT_URL
    database = dj_database_url.parse(direct_url) if direct_url else connection.settings_dict
    return {
        **os.environ,
        "PGHOST": database["HOST"] or "",
        "PGPORT": str(database["PORT"] or ""),
        "PGUSER": database["USER"] or "",
        "PGPASSWORD": database["PASSWORD"] or "",
        "PGDATABASE": database["NAME"],
    }


def dump_database(target):
    if connection.vendor == "postgresql":
        command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(target)]
        # A fixed program and arguments; the settings' own connection values go by environment.
        subprocess.run(command, env=postgres_environment(), check=True)  # noqa: S603
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
    else:
        raise BackupError(f"No backup for a {connection.vendor} database.")


def load_database(source):
    if connection.vendor == "postgresql":
        connections.close_all()
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        env = postgres_environment()
        command += ["--dbname", env["PGDATABASE"], str(source)]
        subprocess.run(command, env=env, check=True)  # noqa: S603
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as copy:
            copy.backup(connection.connection)
    else:
        raise BackupError(f"No restore for a {connection.vendor} database.")


def back_up(folder):
    """Write a backup into folder (which must be empty or new); returns the manifest."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty.")
    dump_database(folder / DATABASE_FILE)
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database": {"vendor": connection.vendor, "sha256": sha256(folder / DATABASE_FILE)},
        "files": {alias: copy_out(alias, folder / "files" / alias) for alias in content_storages()},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def copy_out(alias, target):
    storage = storages[alias]
    checksums = {}
    for name in sorted(stored_names(storage)):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as stored, destination.open("wb") as copy:
            for chunk in iter(lambda: stored.read(1024 * 1024), b""):
                copy.write(chunk)
        checksums[name] = sha256(destination)
    return checksums


def damaged_files(folder, manifest):
    expected = {DATABASE_FILE: manifest["database"]["sha256"]}
    for alias, checksums in manifest["files"].items():
        expected |= {f"files/{alias}/{name}": digest for name, digest in checksums.items()}
    return [
        name
        for name, digest in sorted(expected.items())
        if not (folder / name).is_file() or sha256(folder / name) != digest
    ]


def restore(folder):
    """Replace the database and the stored files with the backup in folder."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} holds no readable {MANIFEST}.") from error
    if manifest.get("format") != FORMAT or manifest["database"]["vendor"] != connection.vendor:
        raise BackupError(
            f"This backup is format {manifest.get('format')} of a "
            f"{manifest['database']['vendor']} database; this server reads format {FORMAT} "
            f"of {connection.vendor}."
        )
    damaged = damaged_files(folder, manifest)
    if damaged:
        raise BackupError("Missing or damaged, nothing restored: " + ", ".join(damaged))
    load_database(folder / DATABASE_FILE)
    for alias, checksums in manifest["files"].items():
        copy_in(storages[alias], folder / "files" / alias, checksums)
    for cache in caches.all():
        cache.clear()
    return manifest


def copy_in(storage, source, checksums):
    for name in sorted(checksums):
        if storage.exists(name):
            storage.delete(name)
        with (source / name).open("rb") as backed_up:
            storage.save(name, File(backed_up, name=name))
