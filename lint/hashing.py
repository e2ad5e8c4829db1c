"""Content digests: blake2b, hashlib's own, imported without hashlib.

Importing hashlib loads OpenSSL for its other algorithms: ~4 ms of every run,
for a digest the interpreter has built in.
"""
from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the built-in module
    from hashlib import blake2b


def hex_digest(data: bytes, size: int = 16) -> str:
    return blake2b(data, digest_size=size).hexdigest()
