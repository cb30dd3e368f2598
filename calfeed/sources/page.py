"""A page source: one article page, or a listing page whose article links are followed.

The page is one article when its main text is long and it carries article metadata
(a published date, ``og:type`` article, JSON-LD Article, a ``发布时间`` label), or when it
has text and no article links. Otherwise it is a listing: the same-site links that look
like articles (deeper or longer path than the listing's, or an id/date in it; link text
of at least :data:`MIN_LINK_TEXT` characters; not in nav/header/footer/aside; not a file
download) are fetched, :data:`MAX_LINKS` at most. A listing never says an article was
removed (``complete=False``): items roll off.

:func:`fetch_page` is shared with feed sources, which fetch the pages of summary-only items.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from calfeed.config import SourceConfig
from calfeed.sources.article import Article, Link, one_line, read_article, tidy
from calfeed.sources.http import ACCEPT_HTML, HttpClient, HttpError, Response
from calfeed.sources.model import Document, Listing, SourceError, Validators, document
from extract.decode import DecodeError

ARTICLE_MIN_CHARS = 200  # main text at least this long (with metadata) reads as an article page
MIN_LINK_TEXT = 6  # characters of link text for a link to be a headline (首页, 更多, 下一页 are shorter)
MAX_LINKS = 50  # article links followed from one listing page
MAX_CONSECUTIVE_FAILURES = 5  # linked pages failing in a row: the site is down, stop hammering it
HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_NAVIGATION = re.compile(r"^(?:下一页|上一页|首页|尾页|末页|更多|返回|下一頁|上一頁|首頁|更多>+|more)", re.I)
_FILE_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".zip", ".rar", ".7z",
                  ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".mp3", ".mp4", ".avi", ".flv", ".apk", ".exe",
                  ".txt", ".xml", ".rss", ".css", ".js", ".json")
_ID = re.compile(r"\d{3,}")


class PageProblem(Exception):
    """A fetched page is not an article page calfeed can read (PDF, binary, no text)."""


class Deferred:
    """Validators held back until the source has been read, then forwarded.

    A feed or listing whose linked pages partly failed does not forward its own
    validators, so the next refresh reads it again and retries those pages (the ones
    already stored answer 304).
    """

    def __init__(self, inner: Validators | None):
        self.inner = inner
        self.pending: dict[str, tuple[str | None, str | None]] = {}

    def get(self, url: str) -> tuple[str | None, str | None]:
        if url in self.pending:
            return self.pending[url]
        return self.inner.get(url) if self.inner is not None else (None, None)

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.pending[url] = (etag, last_modified)

    def discard(self, url: str) -> None:
        self.pending.pop(url, None)

    def commit(self) -> None:
        if self.inner is not None:
            for url, (etag, last_modified) in self.pending.items():
                self.inner.put(url, etag, last_modified)
        self.pending.clear()


@dataclass
class Page:
    response: Response
    article: Article | None  # None when the server answered 304


def page_article(response: Response, encoding: str | None = None) -> Article:
    """A fetched page read as an article; :class:`PageProblem` when it is not HTML or text."""
    kind = response.content_type
    if kind and kind not in HTML_TYPES and not kind.startswith("text/"):
        raise PageProblem(f"not an HTML page ({kind})")
    try:
        text = response.text(encoding)
    except DecodeError as exc:
        raise PageProblem(str(exc)) from None
    if kind == "text/plain":
        body = tidy(text)
        return Article(text=body, title=one_line(body.split("\n", 1)[0]) if body else None)
    return read_article(text, response.url)


def fetch_page(client: HttpClient, url: str, validators: Deferred, *, conditional: bool,
               encoding: str | None = None) -> Page:
    """GET an article page (conditionally when asked) and read it; HttpError or PageProblem on failure."""
    response = client.get(url, validators=validators, conditional=conditional, accept=ACCEPT_HTML)
    if response.not_modified:
        return Page(response, None)
    try:
        article = page_article(response, encoding)
    except PageProblem:
        validators.discard(url)
        raise
    if not article.text:
        validators.discard(url)
        raise PageProblem("no article text on the page")
    return Page(response, article)


def _host(netloc: str | None) -> str:
    host = (netloc or "").lower()
    return host[4:] if host.startswith("www.") else host


def _depth(path: str) -> int:
    return len([part for part in path.split("/") if part])


def _normal(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(fragment="", netloc=parts.netloc.lower(), path=parts.path or "/"))


def article_links(links: list[Link], page_url: str, limit: int = MAX_LINKS) -> list[Link]:
    """The links of a listing page that look like its articles, in page order, de-duplicated."""
    page = urlsplit(page_url)
    host = _host(page.hostname)
    page_target = (page.path or "/") + (f"?{page.query}" if page.query else "")
    page_depth = _depth(page.path)
    seen = {_normal(page_url)}
    found: list[Link] = []
    for link in links:
        parts = urlsplit(link.url)
        if _host(parts.hostname) != host or parts.path.lower().endswith(_FILE_SUFFIXES):
            continue
        text = "".join(link.text.split())
        if len(text) < MIN_LINK_TEXT or _NAVIGATION.match(text):
            continue
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        depth = _depth(parts.path)
        if not (depth > page_depth or len(target) > len(page_target)
                or (depth >= page_depth and _ID.search(target))):
            continue
        key = _normal(link.url)
        if key in seen:
            continue
        seen.add(key)
        found.append(link)
        if len(found) >= limit:
            break
    return found


def _is_article(article: Article, links: list[Link]) -> bool:
    if not article.text:
        return False
    long = len(article.text) >= ARTICLE_MIN_CHARS
    return (not links or (long and article.has_metadata and article.link_density < 0.6)
            or (long and article.link_density < 0.3))


def fetch_source(client: HttpClient, url: str, deferred: Deferred, known: Mapping[str, str],
                 accept: str) -> Response | None:
    """A feed's or page source's own URL; None when it answers 304.

    Validators without stored articles are not trusted: a 304 would leave the store empty.
    """
    try:
        response = client.get(url, validators=deferred, conditional=bool(known), accept=accept)
    except HttpError as exc:
        raise SourceError(str(exc)) from None
    return None if response.not_modified else response


def not_modified() -> Listing:
    return Listing(documents=[], complete=False, failures=[], not_modified=True)


def read_page(source: SourceConfig, client: HttpClient, validators: Validators | None,
              known: Mapping[str, str]) -> Listing:
    url = source.location
    deferred = Deferred(validators)
    response = fetch_source(client, url, deferred, known, ACCEPT_HTML)
    if response is None:
        return not_modified()
    try:
        article = page_article(response, source.encoding)
    except PageProblem as exc:
        raise SourceError(f"{url}: {exc}") from None
    links = article_links(article.links, response.url)
    if _is_article(article, links):
        deferred.commit()
        doc = document(url, article.text, title=article.title, url=response.url, published=article.published)
        return Listing(documents=[doc], complete=False, failures=[])
    if not links:
        raise SourceError(f"{url}: no article text and no article links on the page")
    documents, failures = fetch_linked(client, [(link.url, link.text) for link in links], deferred, known,
                                       source.encoding)
    if not documents and failures:
        raise SourceError(f"{url}: all {len(failures)} linked articles failed; first: {failures[0]}")
    if failures:
        deferred.discard(url)
    deferred.commit()
    return Listing(documents=documents, complete=False, failures=failures)


def fetch_linked(client: HttpClient, links: list[tuple[str, str]], validators: Deferred,
                 known: Mapping[str, str], encoding: str | None) -> tuple[list[Document], list[str]]:
    """Fetch each (url, link text) of a listing page as a Document; failures as lines."""
    documents: list[Document] = []
    failures: list[str] = []
    in_a_row = 0
    for url, link_text in links:
        if in_a_row >= MAX_CONSECUTIVE_FAILURES:
            failures.append(f"{url}: not fetched: {MAX_CONSECUTIVE_FAILURES} linked pages in a row failed")
            continue
        try:
            page = fetch_page(client, url, validators, conditional=url in known, encoding=encoding)
        except (HttpError, PageProblem) as exc:
            in_a_row += 1
            failures.append(f"{url}: {short_reason(exc, url)}")
            continue
        in_a_row = 0
        if page.article is None:
            documents.append(Document(key=url, text=None, title=one_line(link_text), url=page.response.url))
            continue
        article = page.article
        documents.append(document(url, article.text, title=article.title or one_line(link_text),
                                  url=page.response.url, published=article.published))
    return documents, failures


def short_reason(exc: Exception, url: str) -> str:
    """An HttpError's message without the URL it starts with (the failure line names it already)."""
    message = str(exc)
    prefix = f"{url}: "
    return message[len(prefix):] if message.startswith(prefix) else message
