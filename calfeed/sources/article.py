"""An HTML page read as an article: its main text, title, publication date and links.

Main text comes from trafilatura (precision first, no comments); when it finds
nothing -- very short notices, odd markup -- the page body without its navigation,
header, footer and scripts is reduced to text with :func:`extract.segment.strip_markup`.

The publication date is looked for in explicit metadata first (``article:published_time``
and the ``PubDate`` meta of Chinese government sites, JSON-LD ``datePublished``,
``<time datetime>``, a ``发布时间：`` label near the top), then in trafilatura's metadata
(htmldate without its free-text search, so an event date in the body is not taken for it).
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from calfeed.sources.dates import parse_date
from extract.segment import strip_markup

_DATE_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "published_time", "publishdate", "publish_date", "publish-date", "publishtime", "pubdate",
    "firstpublishedtime", "datepublished", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
    "dcterms.created", "sailthru.date", "weibo:article:create_at", "date",
)
_ARTICLE_TYPES = re.compile(r"article|posting|report", re.I)
_DATE_LABEL = re.compile(
    r"(?:发布|发表|发稿|更新|信息|發佈|發布|發表|發稿)(?:时间|日期|時間)\s*[:：]?\s*"
    r"((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})")
# Not <form>: ASP.NET sites wrap the whole page in one.
_BOILERPLATE = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "iframe")
_BLANK_LINES = re.compile(r"[ \t\u00a0\u3000]*\n[\s\u3000]*")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TABLE_ROW = re.compile(r"^\|(.*)\|$")
_TABLE_RULE = re.compile(r"^\|?[\s|:-]*-[\s|:-]*\|?$")

FAST_ABOVE = 1_000_000  # characters of HTML past which trafilatura runs without its fallback extractors
log = logging.getLogger(__name__)


@dataclass
class Link:
    url: str
    text: str


@dataclass
class Article:
    text: str  # main text, "" when the page has none
    title: str | None = None
    published: date | None = None
    has_metadata: bool = False  # explicit article markup: a published date, og:type article, JSON-LD Article
    links: list[Link] = field(default_factory=list)  # <a href> outside nav/header/footer/aside, resolved
    link_density: float = 0.0  # share of the body's visible text that is link text (listings: most of it)


def tidy(text: str) -> str:
    """Lines stripped, runs of blank lines and spaces at line ends removed."""
    return _BLANK_LINES.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def one_line(text: str | None, limit: int = 300) -> str | None:
    """A title as one clean line (markup, entities and line breaks out), None if empty."""
    if not text:
        return None
    line = " ".join(strip_markup(text).split())
    return line[:limit] or None


def html_to_text(html: str) -> str:
    """An HTML fragment (a feed item's content) as plain text, block boundaries as line breaks."""
    return tidy(strip_markup(html))


def _parse(html: str):
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses str input that declares an encoding
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _table_lines(text: str) -> str:
    """trafilatura writes table rows as ``| 时间 | 3月8日上午9时 |``; notices read ``时间：3月8日上午9时``."""
    if "|" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        row = _TABLE_ROW.match(line.strip())
        if row is None:
            lines.append(line)
            continue
        if _TABLE_RULE.match(line.strip()):
            continue
        cells = [cell.strip() for cell in row.group(1).split("|") if cell.strip()]
        if len(cells) == 2 and len(cells[0]) <= 8 and not cells[0].endswith(("：", ":")):
            lines.append(f"{cells[0]}：{cells[1]}")
        elif cells:
            lines.append("　".join(cells))
    return "\n".join(lines)


def _trafilatura_text(html: str, url: str | None) -> str:
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a dependency; say so instead of silently degrading
        log.warning("trafilatura unavailable (%s); falling back to plain markup stripping", exc)
        return ""
    try:
        # Its second opinion (readability, jusText) doubles the time; past a megabyte, skip it.
        text = trafilatura.extract(html, url=url, favor_precision=True, include_comments=False,
                                   include_tables=True, deduplicate=False, fast=len(html) > FAST_ABOVE)
    except Exception:  # trafilatura has failed on pathological markup; the fallback still reads it
        log.debug("trafilatura failed on %s", url, exc_info=True)
        return ""
    return tidy(_table_lines(text or ""))


def _fallback_text(tree) -> str:
    if tree is None:
        return ""
    tree = lxml.html.fromstring(lxml.html.tostring(tree))  # a copy: the caller's tree keeps its links
    for element in list(tree.iter(*_BOILERPLATE)):
        if element.getparent() is not None:
            element.drop_tree()
    etree.strip_elements(tree, etree.Comment, with_tail=False)
    found = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body") or [tree]
    html = "\n".join(lxml.html.tostring(node, encoding="unicode") for node in found[:1])
    return tidy(strip_markup(html))


def _meta_dates(tree) -> tuple[date | None, bool]:
    """(published, explicit article markup found) from <meta>, JSON-LD and <time>."""
    article_markup = False
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name and content and name not in metas:
            metas[name] = content
    if metas.get("og:type", "").lower() == "article":
        article_markup = True
    for name in _DATE_META:
        day = parse_date(metas.get(name))
        if day:
            return day, True
    for script in tree.xpath("//script[@type='application/ld+json']"):
        day, typed = _json_ld(script.text or "")
        article_markup = article_markup or typed
        if day:
            return day, True
    for element in tree.xpath("//*[@itemprop='datePublished']"):
        day = parse_date(element.get("datetime") or element.get("content") or element.text_content())
        if day:
            return day, True
    for element in tree.xpath("//time[@datetime]"):
        day = parse_date(element.get("datetime"))
        if day:
            return day, True
    return None, article_markup


def _json_ld(text: str) -> tuple[date | None, bool]:
    try:
        data = json.loads(text, strict=False)
    except ValueError:
        return None, False
    typed = False
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
                typed = True
            value = item.get("datePublished") or item.get("dateCreated")
            if isinstance(value, str):
                day = parse_date(value)
                if day:
                    return day, True
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend(reversed(graph))
    return None, typed


def _trafilatura_meta(html: str, url: str | None):
    try:
        import trafilatura

        return trafilatura.extract_metadata(html, default_url=url, extensive=False)
    except Exception:  # metadata is a bonus; a page without it is still read
        log.debug("trafilatura metadata failed on %s", url, exc_info=True)
        return None


def _title(tree, meta) -> str | None:
    if meta is not None and meta.title:
        return one_line(meta.title)
    if tree is None:
        return None
    for xpath in ("//meta[@property='og:title']/@content", "//h1", "//title"):
        for found in tree.xpath(xpath):
            text = found if isinstance(found, str) else found.text_content()
            title = one_line(text)
            if title:
                return title
    return None


def _links(tree, base: str | None) -> list[Link]:
    if tree is None:
        return []
    base_href = tree.xpath("//base/@href")
    if base_href and base:
        base = urljoin(base, base_href[0].strip())
    links: list[Link] = []
    skip = set(_BOILERPLATE)
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        if any(parent.tag in skip for parent in anchor.iterancestors()):
            continue
        url = urljoin(base, href) if base else href
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            continue
        text = " ".join(anchor.text_content().split())
        title = " ".join((anchor.get("title") or "").split())
        if len(title) > len(text):  # listings cut long headlines short and keep them whole in title=
            text = title
        links.append(Link(urlunsplit(parts._replace(fragment="")), text))
    return links


def _link_density(tree, links: list[Link]) -> float:
    body = tree.find("body") if tree is not None else None
    if body is None:
        return 0.0
    skip = set(_BOILERPLATE)
    total = 0
    for node in body.iter():
        if node.tag in skip or any(parent.tag in skip for parent in node.iterancestors()):
            continue
        if isinstance(node.tag, str):
            total += len("".join((node.text or "").split()))
        total += len("".join((node.tail or "").split())) if node is not body else 0
    linked = sum(len("".join(link.text.split())) for link in links)
    return min(1.0, linked / total) if total else 0.0


def read_article(html: str, url: str | None = None) -> Article:
    """Read an HTML page: main text, title, date, links."""
    tree = _parse(html)
    fallback = _fallback_text(tree)
    # With nothing outside nav/header/footer, what trafilatura found is navigation (首页).
    text = (_trafilatura_text(html, url) or fallback) if fallback else ""
    meta = _trafilatura_meta(html, url)
    published, has_metadata = _meta_dates(tree) if tree is not None else (None, False)
    head = text[:600]
    label = _DATE_LABEL.search(head)
    if label is None and tree is not None:
        body = tree.find("body")
        label = _DATE_LABEL.search(" ".join((body if body is not None else tree).text_content().split())[:3000])
    if label:
        has_metadata = True
        published = published or parse_date(label.group(1))
    if published is None and meta is not None and meta.date:
        published = parse_date(meta.date)
    links = _links(tree, url)
    return Article(text=text, title=_title(tree, meta), published=published, has_metadata=has_metadata,
                   links=links, link_density=_link_density(tree, links))
