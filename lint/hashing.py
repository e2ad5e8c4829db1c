"""Content digests: blake2b, hashlib's own, imported without hashlib.

Importing hashlib loads OpenSSL for its other algorithms: ~4 ms of every run,
for a digest the interpreter has built in.
"""
from __future__ import annotations

from binascii import crc32

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the built-in module
    from hashlib import blake2b


def hex_digest(data: bytes, size: int = 16) -> str:
    return blake2b(data, digest_size=size).hexdigest()


# -- data that vouches for itself ----------------------------------------------
# What newslint keeps between runs (the results cache's entries, the pattern
# store, the syllables table, the pattern analyses) starts with a checksum of
# the rest. A reader that finds it wrong (a flipped byte, a file cut short, one
# edited by hand) treats the data as missing and makes it afresh. CRC-32, not
# blake2b: it is there to catch damage, not forgery (whoever can write the file
# can write a matching digest), it catches every change of up to four bytes in a
# row, and at ~1.7 GB/s here it checks the 1 MB pattern store in ~0.6 ms where
# blake2b took ~3 ms of a one-file run.


def seal(data: bytes) -> bytes:
    """`data` behind its checksum (8 hex digits and a space), as unseal() checks it."""
    return b"%08x " % crc32(data) + data


def unseal(sealed: bytes) -> bytes | None:
    """The data behind a sealed checksum, or None when the checksum does not match."""
    data = sealed[9:]
    if sealed[8:9] != b" " or sealed[:8] != b"%08x" % crc32(data):
        return None
    return data
