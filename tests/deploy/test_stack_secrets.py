"""Every app server of a stack shares one SECRET_KEY (scripts/stack.sh).

The script made a new key on each start, so two app servers started by it would
refuse each other's sessions and CSRF tokens, and a restart logged every editor out.
"""

import stat
import subprocess
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SHARED_SECRETS = ("SECRET_KEY", "FIELD_ENCRYPTION_KEY", "OBJECT_STORE_SECRET_KEY")


def stack_env(stack_dir, **settings):
    """The environment that `scripts/stack.sh env` writes for the stack in ``stack_dir``;
    ``settings`` are its environment (a SQLite database unless DATABASE_URL is given)."""
    subprocess.run(
        [str(BASE_DIR / "scripts" / "stack.sh"), "env"],
        cwd=BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "STACK_DIR": str(stack_dir),
            "DATABASE_URL": "sqlite:///x",
            **settings,
        },
        check=True,
        capture_output=True,
        timeout=60,
    )
    values = {}
    for line in (stack_dir / "stack.env").read_text().splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        values[name] = value.strip("'")
    return values


def test_every_start_of_a_stack_gets_the_same_secrets(tmp_path):
    first, second = stack_env(tmp_path), stack_env(tmp_path)
    for name in SHARED_SECRETS:
        assert first[name] == second[name]
    assert len(first["SECRET_KEY"]) >= 50  # what production's settings ask for


def test_another_stack_gets_secrets_of_its_own(tmp_path):
    ours, theirs = stack_env(tmp_path / "ours"), stack_env(tmp_path / "theirs")
    for name in SHARED_SECRETS:
        assert ours[name] != theirs[name]


def test_the_secrets_are_readable_by_their_owner_only(tmp_path):
    stack_env(tmp_path)
    for name in (
        "secret-key",
        "field-encryption-key",
        "object-store-secret-key",
        "stack.env",
    ):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
