"""A folder source: every article file under a folder, recursively.

``.txt`` and ``.md`` files are the article as written; ``.html``/``.htm`` files are read
like web pages (main text, ``<title>``/``<h1>``, metadata date). Hidden files and
folders (``.git``, ``.DS_Store``), editor backups (``name~``) and other extensions are
skipped. A file that cannot be read -- binary, undecodable, empty, over the size cap,
unreadable -- costs one failure line; the rest are still listed. The listing is
complete: an article whose file is gone was removed. A file that is there but
failed to read keeps its stored article (a ``text=None`` document, when the store
has one), and a sub-folder that could not be listed makes the listing incomplete,
so a permission slip never deletes articles.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from calfeed.config import Config, SourceConfig
from calfeed.sources.article import one_line, read_article
from calfeed.sources.model import Document, Listing, SourceError, document, size_text
from extract.decode import DecodeError, decode_bytes

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MAX_FILE_BYTES = 10 * 1024 * 1024  # a newspaper page is ~100 KB; larger is almost surely not one article


class _FileProblem(Exception):
    pass


def _skipped(name: str) -> bool:
    return name.startswith(".") or name.endswith("~")


def article_files(folder: Path, failures: list[str] | None = None) -> list[tuple[str, Path]]:
    """(POSIX path relative to ``folder``, path) of every article file, sorted by relative path."""
    found: list[tuple[str, Path]] = []

    def unreadable(error: OSError) -> None:
        if failures is not None and error.filename and Path(error.filename) != folder:
            relative = Path(error.filename).relative_to(folder).as_posix()
            failures.append(f"{relative}/: cannot read folder: {error.strerror or error}")

    for current, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not _skipped(d))
        base = Path(current)
        for name in files:
            if _skipped(name) or not name.lower().endswith(SUFFIXES):
                continue
            path = base / name
            found.append((path.relative_to(folder).as_posix(), path))
    return sorted(found)


def _read(path: Path, max_bytes: int) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _FileProblem("not a regular file")
        if info.st_size > max_bytes:
            raise _FileProblem(f"{size_text(info.st_size)} is larger than the {size_text(max_bytes)} cap for one article")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _FileProblem(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise _FileProblem(f"larger than the {size_text(max_bytes)} cap for one article")
    return data


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return one_line(line)
    return None


def read_file(relative: str, path: Path, encoding: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """One article file as a Document; raises ``_FileProblem`` with a one-line reason."""
    data = _read(path, max_bytes)
    if not data.strip():
        raise _FileProblem("empty file")
    try:
        text = decode_bytes(data, encoding)
    except DecodeError as exc:
        raise _FileProblem(str(exc)) from None
    except LookupError:
        raise _FileProblem(f"unknown encoding {encoding!r}") from None
    published = None
    if relative.lower().endswith(HTML_SUFFIXES):
        article = read_article(text)
        text, title, published = article.text, article.title, article.published
        title = title or _first_line(text)
    else:
        title = _first_line(text)
    if not text.strip():
        raise _FileProblem("no text")
    return document(relative, text, title=title, path=relative, published=published)


def read_folder(source: SourceConfig, root: Path, known: Mapping[str, str] = {},  # noqa: B006 - read only
                max_bytes: int = MAX_FILE_BYTES) -> Listing:
    folder = Config(root=Path(root)).resolve(source.location)
    if not folder.exists():
        raise SourceError(f"{folder}: folder not found")
    if not folder.is_dir():
        raise SourceError(f"{folder}: not a folder")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise SourceError(f"{folder}: folder not readable")
    failures: list[str] = []
    documents: list[Document] = []
    files = article_files(folder, failures)
    complete = not failures  # a folder that could not be listed may hold stored articles
    for relative, path in files:
        try:
            documents.append(read_file(relative, path, source.encoding, max_bytes))
        except _FileProblem as exc:
            failures.append(f"{relative}: {exc}")
            if relative in known:  # still there: keep what was stored rather than remove it
                documents.append(Document(key=relative, text=None, path=relative))
    return Listing(documents=documents, complete=complete, failures=failures)
