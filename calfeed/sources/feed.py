"""A feed source: RSS 2.0, Atom or RDF, fetched by :class:`HttpClient` and parsed by feedparser.

Each item is one document keyed by its link (or its id): its full content
(``content:encoded``, Atom ``content``) as text, or -- when it only has a summary
shorter than :data:`SHORT_SUMMARY` characters and a link -- the main text of the
linked page. A linked page that fails costs a failure line; the item keeps its
summary (or, when the store already has the article, ``text=None`` so the stored
full text is not replaced by the summary). A feed lists its latest items only, so the
listing is never complete.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

from calfeed.config import SourceConfig
from calfeed.sources.article import html_to_text, one_line
from calfeed.sources.dates import feed_date
from calfeed.sources.http import ACCEPT_FEED, HttpClient, HttpError
from calfeed.sources.model import Document, Listing, SourceError, Validators, document
from calfeed.sources.page import (
    MAX_CONSECUTIVE_FAILURES,
    not_modified,
    Deferred,
    PageProblem,
    fetch_page,
    fetch_source,
    short_reason,
)
from extract.decode import DecodeError

SHORT_SUMMARY = 200  # a summary-only item shorter than this (characters of text) has its page fetched
MAX_LINKED_PAGES = 50  # linked pages fetched in one read; items not yet stored go first


def _content(entry) -> str:
    """The item's full content as text: the longest HTML or text content block."""
    best = ""
    for block in entry.get("content") or []:
        value = block.get("value") or ""
        kind = (block.get("type") or "text/html").lower()
        text = html_to_text(value) if "html" in kind or "<" in value else value.strip()
        if len(text) > len(best):
            best = text
    return best


def parse_feed(body: bytes, url: str, final_url: str, charset: str | None = None, encoding: str | None = None):
    """feedparser's result for feed ``body``; SourceError when it is not a feed."""
    import feedparser

    from calfeed.sources.http import decode_body

    try:
        text = decode_body(body, charset, encoding)
    except DecodeError as exc:
        raise SourceError(f"{url}: not a feed: {exc}") from None
    # Decoded here (GBK and Big5 feeds included), handed over as UTF-8; the header wins over
    # whatever encoding the XML declaration names.
    parsed = feedparser.parse(text.encode("utf-8"), response_headers={
        "content-type": "application/xml; charset=utf-8", "content-location": final_url})
    if not parsed.entries:
        problem = " ".join(str(parsed.get("bozo_exception") or "").split()) or "unreadable XML"
        if not parsed.get("version"):
            looks = " (it looks like an HTML page)" if re.search(r"<html[\s>]", text[:2000], re.I) else ""
            raise SourceError(f"{url}: not an RSS, Atom or RDF feed{looks}")
        if parsed.get("bozo"):
            raise SourceError(f"{url}: not a well-formed feed: {problem}")
    return parsed


def read_feed(source: SourceConfig, client: HttpClient, validators: Validators | None,
              known: Mapping[str, str]) -> Listing:
    url = source.location
    deferred = Deferred(validators)
    response = fetch_source(client, url, deferred, known, ACCEPT_FEED)
    if response is None:
        return not_modified()
    parsed = parse_feed(response.body, url, response.url, response.charset, source.encoding)

    items: list[dict] = []
    failures: list[str] = []
    seen: set[str] = set()
    for index, entry in enumerate(parsed.entries, 1):
        link = (entry.get("link") or "").strip()
        if link:
            link = urljoin(response.url, link)
        key = link or (entry.get("id") or "").strip()
        title = one_line(entry.get("title"))
        if not key:
            failures.append(f"item {index} ({title or 'untitled'}): no link or id")
            continue
        if key in seen:
            continue
        seen.add(key)
        published = (feed_date(entry.get("published_parsed"), entry.get("published"))
                     or feed_date(entry.get("updated_parsed"), entry.get("updated")))
        content = _content(entry)
        summary = "" if content else html_to_text(entry.get("summary") or "")
        web = urlsplit(link).scheme in ("http", "https") if link else False
        items.append({"key": key, "title": title, "url": link if web else None, "published": published,
                      "text": content or summary,
                      "fetch": web and not content and len(summary) < SHORT_SUMMARY})

    # Pages of items the store does not have yet go first when there are more than the cap.
    wanted = [item for item in items if item["fetch"]]
    wanted.sort(key=lambda item: item["key"] in known)
    allowed = {id(item) for item in wanted[:MAX_LINKED_PAGES]}
    page_failures = 0
    in_a_row = 0
    documents: list[Document] = []
    for item in items:
        key, text = item["key"], item["text"]
        fields = {"title": item["title"], "url": item["url"], "published": item["published"]}
        if not item["fetch"]:
            documents.append(document(key, text, **fields))
            continue
        problem = None
        if id(item) not in allowed:
            problem = f"linked page not fetched: more than {MAX_LINKED_PAGES} in one read"
        elif in_a_row >= MAX_CONSECUTIVE_FAILURES:
            problem = f"linked page not fetched: {MAX_CONSECUTIVE_FAILURES} linked pages in a row failed"
        else:
            try:
                page = fetch_page(client, item["url"], deferred, conditional=key in known, encoding=source.encoding)
            except (HttpError, PageProblem) as exc:
                in_a_row += 1
                problem = f"linked page {short_reason(exc, item['url'])}"
            else:
                in_a_row = 0
                fields["url"] = page.response.url
                if page.article is None:  # 304: the stored text stands
                    documents.append(Document(key=key, text=None, **fields))
                    continue
                article = page.article
                fields["title"] = fields["title"] or article.title
                fields["published"] = fields["published"] or article.published
                documents.append(document(key, article.text, **fields))
                continue
        page_failures += 1
        failures.append(f"{key}: {problem}")
        if key in known:
            documents.append(Document(key=key, text=None, **fields))  # keep the stored full text
        elif text:
            documents.append(document(key, text, **fields))  # the summary is all there is for now
    if page_failures:
        deferred.discard(url)  # read the feed again next time, to retry those pages
    deferred.commit()
    return Listing(documents=documents, complete=False, failures=failures)
