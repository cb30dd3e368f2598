"""What reading a source yields: documents, the listing that holds them, and the errors.

A :class:`Document` is one article as the source gave it; a :class:`Listing` is one
read of a whole source. The store persists :class:`Validators` (ETag / Last-Modified
per URL) so the next read can ask "changed since?" and get a 304.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, runtime_checkable


class SourceError(Exception):
    """The whole source failed (folder missing, feed unreachable, not a feed, oversized...).

    The message is one line, meant for a maintainer, and names the location.
    """


@dataclass(frozen=True)
class Document:
    key: str  # identity within the source: folder-relative POSIX path, or the article URL
    text: str | None  # plain text; None = unchanged since last time (HTTP 304): keep the stored one
    title: str | None = None
    url: str | None = None  # http(s) URL of the article, None for folder files
    path: str | None = None  # folder-relative path for folder files
    published: date | None = None  # feed item date / page metadata, in the site zone; None if unknown
    content_hash: str | None = None  # sha256 hex of text (None when text is None)


@dataclass(frozen=True)
class Listing:
    documents: list[Document]
    complete: bool  # True: a stored article whose key is missing here was removed (folders)
    failures: list[str] = field(default_factory=list)  # "<key>: <reason>", the source still read
    not_modified: bool = False  # the whole source answered 304: nothing to do


@runtime_checkable
class Validators(Protocol):
    """Conditional-GET memory: the last ETag and Last-Modified seen for a URL."""

    def get(self, url: str) -> tuple[str | None, str | None]: ...

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None: ...


class MemoryValidators:
    """Dict-backed :class:`Validators`, for tests and one-off command-line reads."""

    def __init__(self, initial: dict[str, tuple[str | None, str | None]] | None = None):
        self.data: dict[str, tuple[str | None, str | None]] = dict(initial or {})

    def get(self, url: str) -> tuple[str | None, str | None]:
        return self.data.get(url, (None, None))

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if etag is None and last_modified is None:
            self.data.pop(url, None)
        else:
            self.data[url] = (etag, last_modified)

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        return f"MemoryValidators({self.data!r})"


def size_text(n: int) -> str:
    """A byte count for messages: ``5 MB``, ``10.5 MB``, ``300000 bytes``."""
    mb = 1024 * 1024
    return f"{n / mb:.1f}".removesuffix(".0") + " MB" if n >= mb else f"{n} bytes"


def text_hash(text: str) -> str:
    """The content hash of a document's text: sha256 hex of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def document(key: str, text: str | None, **fields) -> Document:
    """A :class:`Document` with its content hash filled in from ``text``."""
    return Document(key=key, text=text, content_hash=None if text is None else text_hash(text), **fields)
