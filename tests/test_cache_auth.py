"""A shared cache folder cannot be used to plant records: entries carry an HMAC under a per-user
key kept outside the cache (0600, made on first use), so a forged or moved entry is a miss."""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
from pathlib import Path

import pytest

from briefer.cache import KEY_ENV, MAGIC, Cache, secret_key

SAID = ('The minister said on Thursday that the new bridge would cost 3 million dollars.\n'
        '"We will build it," Finance Minister Ana Reyes said on Thursday.\n')


@pytest.fixture
def own_key(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "config" / "cache.key"
    monkeypatch.setenv(KEY_ENV, str(path))
    return path


def test_key_is_made_on_first_use_private_and_outside_the_cache(tmp_path: Path, own_key: Path) -> None:
    cache = Cache(tmp_path / "cache")
    info = own_key.stat()
    assert stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o600 and info.st_size == 32
    assert cache.key == own_key.read_bytes() == Cache(tmp_path / "other").key
    assert not own_key.is_relative_to(cache.root)


def forge(payload: bytes, kind: str, key: str) -> list[bytes]:
    """What a writer without the user's key can produce: the old checksum format, the new magic
    with a checksum or a MAC under a key of its own."""
    own = os.urandom(32)
    mac = hmac.new(own, f"{kind}\0{key}\0".encode() + payload, hashlib.sha256).digest()
    sha = hashlib.sha256(payload).digest()
    return [b"BRF1" + sha + payload, MAGIC + sha + payload, MAGIC + mac + payload]


def test_forged_entries_are_misses(tmp_path: Path, own_key: Path) -> None:
    cache = Cache(tmp_path)
    for blob in forge(b'{"quotes":["planted"]}', "records", "ab" * 32):
        path = cache.path("records", "ab" * 32)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
        assert cache.get_json("records", "ab" * 32) is None


def test_a_genuine_entry_moved_under_another_key_is_a_miss(tmp_path: Path, own_key: Path) -> None:
    cache = Cache(tmp_path)
    cache.put_json("records", "aa" * 32, {"quotes": ["genuine"]})
    moved = cache.path("records", "bb" * 32)
    moved.parent.mkdir(parents=True, exist_ok=True)
    moved.write_bytes(cache.path("records", "aa" * 32).read_bytes())
    assert cache.get_json("records", "aa" * 32) == {"quotes": ["genuine"]}
    assert cache.get_json("records", "bb" * 32) is None


@pytest.mark.parametrize("spoil", [lambda p: p.chmod(0o644), lambda p: p.chmod(0o620),
                                   lambda p: p.write_bytes(b"short") or p.chmod(0o600)])
def test_a_key_file_others_can_read_or_change_turns_the_cache_off(tmp_path: Path, own_key: Path, spoil) -> None:
    secret_key()
    spoil(own_key)
    cache = Cache(tmp_path)
    assert cache.key is None
    cache.put("records", "cc" * 32, b"x")
    assert cache.get("records", "cc" * 32) is None and not (tmp_path / "records").exists()


def test_a_fifo_planted_in_the_cache_never_blocks(tmp_path: Path, own_key: Path) -> None:
    cache = Cache(tmp_path)
    path = cache.path("records", "dd" * 32)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert cache.get("records", "dd" * 32) is None


def test_a_planted_record_never_reaches_the_brief(tmp_path: Path, own_key: Path, monkeypatch, runner) -> None:
    """A build fills the cache; a writer to the cache folder rewrites every record so the quote
    reads 'We will burn it', re-checksummed; the next build recomputes and quotes the source."""
    from briefer.cli import cli

    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(tmp_path / "shared"))
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(SAID)
    args = ["build", str(tmp_path / "news"), "-o", str(tmp_path / "brief.md"), "-q", "--force"]
    assert runner.invoke(cli, args).exit_code == 0
    assert "We will build it" in (tmp_path / "brief.md").read_text()
    records = [p for p in (tmp_path / "shared" / "records").rglob("*") if p.is_file()]
    assert records
    for path in records:
        payload = path.read_bytes()[len(MAGIC) + 32:].replace(b"We will build it", b"We will burn it!")
        key = path.parent.name + path.name
        path.write_bytes(forge(payload, "records", key)[0])  # sha256-checksummed, as the cache was
    assert runner.invoke(cli, args).exit_code == 0
    brief = (tmp_path / "brief.md").read_text()
    assert "We will build it" in brief and "burn" not in brief
