"""The HTTP client sources read through: bounded in time and size, polite, conditional.

Built on the standard library's ``http.client`` so every phase can be bounded:

* ``connect_timeout`` for the TCP/TLS handshake, ``read_timeout`` for any one read
  that stalls, and ``deadline`` for the whole call (all attempts, redirects and
  back-off sleeps) -- a server that drips one byte a second is cut off by a watchdog
  that shuts the socket, headers included. DNS look-ups are the one thing no timeout
  here bounds (``getaddrinfo`` cannot be interrupted).
* ``max_bytes`` caps the body, after decompression: a declared Content-Length above it
  fails at once, a streamed body fails as soon as it passes it.
* Retries with exponential back-off and a little jitter on connection errors, timeouts,
  429 and 5xx (``Retry-After`` honoured up to ``max_retry_after``); never on other 4xx.
* Conditional GET: ``If-None-Match`` / ``If-Modified-Since`` from :class:`Validators`,
  new validators stored on a 200.
* Redirects followed up to ``max_redirects``; the final URL is on the response.

Proxies (``HTTP(S)_PROXY``) are not used.
"""
from __future__ import annotations

import http.client
import random
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import quote, urljoin, urlsplit

from calfeed import __version__
from calfeed.sources.model import Validators, size_text
from extract.decode import DecodeError, decode_bytes

MB = 1024 * 1024
REDIRECTS = (301, 302, 303, 307, 308)
ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
ACCEPT_FEED = ("application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,"
               "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5")
_CHUNK = 64 * 1024

# Labels pages declare, mapped to the codec that reads what they actually contain:
# "gb2312" pages routinely use GBK/GB18030 characters, "big5" pages the HKSCS/ETEN ones.
_CHARSET_ALIASES = {
    **dict.fromkeys(("gb2312", "gb_2312", "gb-2312", "gb_2312-80", "csgb2312", "euc-cn", "euccn", "x-euc-cn",
                     "gbk", "x-gbk", "cp936", "ms936", "windows-936", "chinese", "gb18030"), "gb18030"),
    **dict.fromkeys(("big5", "big-5", "csbig5", "x-x-big5", "cn-big5", "big5-hkscs", "big5hkscs",
                     "cp950", "ms950", "windows-950"), "big5hkscs"),
}
_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def normalize_charset(name: str | None) -> str | None:
    """A declared charset label as a Python codec name (gb2312 → gb18030, big5 → big5hkscs), None if unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    if label in _CHARSET_ALIASES:
        return _CHARSET_ALIASES[label]
    import codecs

    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(body: bytes) -> str | None:
    """The charset a document declares in itself: ``<?xml encoding>`` or ``<meta charset>``/http-equiv."""
    head = body[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def decode_body(body: bytes, header_charset: str | None = None, fallback: str | None = None) -> str:
    """Bytes to text: the HTTP header's charset, else the document's own declaration, else detection.

    A declared charset that does not fit (a "utf-8" page that is really GBK) gives way
    to detection: see :func:`extract.decode.decode_bytes`. ``fallback`` (a source's
    configured encoding) comes first when given.
    """
    encoding = normalize_charset(fallback) or normalize_charset(header_charset) or normalize_charset(
        declared_charset(body))
    return decode_bytes(body, encoding)


class HttpError(Exception):
    """A request failed for good; the message is one line and starts with the URL."""

    def __init__(self, message: str, *, url: str, status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


class _Retryable(Exception):
    """One attempt failed in a way worth trying again (after ``wait`` seconds, if given)."""

    def __init__(self, reason: str, status: int | None = None, wait: float | None = None):
        super().__init__(reason)
        self.status = status
        self.wait = wait


@dataclass(frozen=True)
class Response:
    url: str  # the final URL, after redirects
    status: int  # 2xx, or 304 for a conditional request answered "not modified"
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    requested_url: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        match = _HEADER_CHARSET.search(self.headers.get("content-type", ""))
        return match.group(1) if match else None

    def text(self, encoding: str | None = None) -> str:
        """The body decoded (see :func:`decode_body`); raises :class:`extract.decode.DecodeError` for binary."""
        return decode_body(self.body, self.charset, encoding)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


class _Watchdog:
    """Shuts the connection's socket when the deadline passes, whatever phase the request is in."""

    def __init__(self, seconds: float):
        self.sock: socket.socket | None = None  # set once connected; http.client may drop its own reference
        self.expired = False
        self.timer = threading.Timer(max(seconds, 0.0), self._fire)
        self.timer.daemon = True

    def _fire(self) -> None:
        self.expired = True
        sock = self.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def __enter__(self) -> _Watchdog:
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self.timer.cancel()


class HttpClient:
    """GET with timeouts, a size cap, retries, conditional requests and redirects.

    ``contact`` (a URL or e-mail) goes into the User-Agent so site operators can reach
    whoever runs calfeed: ``calfeed/0.1.0 (+https://events.example.org)``.
    """

    def __init__(self, *, contact: str | None = None, user_agent: str | None = None,
                 connect_timeout: float = 10.0, read_timeout: float = 20.0, deadline: float = 60.0,
                 max_bytes: int = 5 * MB, retries: int = 2, backoff: float = 1.0, max_backoff: float = 30.0,
                 jitter: float = 0.1, max_retry_after: float = 60.0, max_redirects: int = 5,
                 sleep: Callable[[float], None] = time.sleep, ssl_context: ssl.SSLContext | None = None):
        self.user_agent = user_agent or (f"calfeed/{__version__} (+{contact})" if contact else f"calfeed/{__version__}")
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.jitter = jitter
        self.max_retry_after = max_retry_after
        self.max_redirects = max_redirects
        self.sleep = sleep
        self.ssl_context = ssl_context

    # -- public ---------------------------------------------------------------------------------

    def get(self, url: str, *, validators: Validators | None = None, conditional: bool = True,
            accept: str = ACCEPT_HTML) -> Response:
        """GET ``url``. With ``validators``, ask conditionally and remember the new validators on a 2xx.

        ``conditional=False`` still remembers new validators but sends none (for a URL whose
        content the caller no longer has). Returns a 2xx or, for a conditional request, a
        304 response; raises :class:`HttpError`.
        """
        headers = {"User-Agent": self.user_agent, "Accept": accept,
                   "Accept-Language": "zh-CN,zh;q=0.9,zh-TW;q=0.8,en;q=0.5",
                   "Accept-Encoding": "gzip, deflate"}
        if validators is not None and conditional:
            etag, last_modified = validators.get(url)
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
        conditional = "If-None-Match" in headers or "If-Modified-Since" in headers
        response = self._with_retries(url, headers)
        if response.status == 304 and not conditional:
            raise HttpError(f"{url}: HTTP 304 to a request that was not conditional", url=url, status=304)
        if validators is not None and response.status != 304:
            validators.put(url, response.headers.get("etag"), response.headers.get("last-modified"))
        return response

    # -- attempts -------------------------------------------------------------------------------

    def _with_retries(self, url: str, headers: dict[str, str]) -> Response:
        start = time.monotonic()
        deadline_at = start + self.deadline
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._follow(url, headers, deadline_at)
            except _Retryable as exc:
                tries = f"{attempt} attempt{'s' if attempt > 1 else ''}"
                if attempt > self.retries:
                    raise HttpError(f"{url}: {exc} ({tries})", url=url, status=exc.status) from None
                delay = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
                delay += random.uniform(0, self.jitter * delay)
                if exc.wait is not None:
                    if exc.wait > self.max_retry_after:
                        raise HttpError(f"{url}: {exc}; Retry-After {exc.wait:g} s is beyond the "
                                        f"{self.max_retry_after:g} s limit ({tries})", url=url, status=exc.status) from None
                    delay = max(delay, exc.wait)
                left = deadline_at - time.monotonic()
                if left <= 0:
                    raise HttpError(f"{url}: {exc} ({tries})", url=url, status=exc.status) from None
                if delay >= left:
                    raise HttpError(f"{url}: {exc}; no time left in the {self.deadline:g} s deadline to retry "
                                    f"({tries})", url=url, status=exc.status) from None
                self.sleep(delay)

    def _follow(self, url: str, headers: dict[str, str], deadline_at: float) -> Response:
        current = url
        for _ in range(self.max_redirects + 1):
            status, reason, response_headers, body = self._once(current, headers, deadline_at)
            if status in REDIRECTS and response_headers.get("location"):
                target = urljoin(current, response_headers["location"].strip())
                if urlsplit(target).scheme not in ("http", "https"):
                    raise HttpError(f"{url}: redirected to a non-HTTP URL {target!r}", url=url, status=status)
                current = target
                continue
            if status == 304 or 200 <= status < 300:
                return Response(url=current, status=status, headers=response_headers, body=body, requested_url=url)
            label = f"HTTP {status} {reason}".rstrip()
            if status == 429 or status >= 500:
                raise _Retryable(label, status, _retry_after(response_headers.get("retry-after")))
            where = "" if current == url else f" (at {current})"
            raise HttpError(f"{url}: {label}{where}", url=url, status=status)
        raise HttpError(f"{url}: more than {self.max_redirects} redirects", url=url)

    def _once(self, url: str, headers: dict[str, str], deadline_at: float):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise HttpError(f"{url}: not an http(s) URL", url=url)
        left = deadline_at - time.monotonic()
        if left <= 0:
            raise _Retryable(f"timed out: the {self.deadline:g} s deadline passed")
        target = _request_target(parts.path, parts.query)
        try:
            hostname = parts.hostname.encode("idna").decode("ascii")  # 中文域名 → xn--...
        except UnicodeError:
            raise HttpError(f"{url}: invalid host name", url=url) from None
        host = hostname if ":" not in hostname else f"[{hostname}]"
        try:
            port = parts.port
        except ValueError:
            raise HttpError(f"{url}: invalid port", url=url) from None
        timeout = min(self.connect_timeout, left)
        if parts.scheme == "https":
            if self.ssl_context is None:
                self.ssl_context = ssl.create_default_context()
            context = self.ssl_context
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
        else:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        watchdog = _Watchdog(left)
        try:
            with watchdog:
                try:
                    conn.connect()
                    sock = watchdog.sock = conn.sock
                    if watchdog.expired:  # fired while connecting
                        raise TimeoutError
                    sock.settimeout(min(self.read_timeout, max(deadline_at - time.monotonic(), 0.001)))
                    conn.request("GET", target, headers=headers)
                    response = conn.getresponse()
                    response_headers = {k.lower(): v for k, v in response.getheaders()}
                    if response.status in REDIRECTS or response.status == 304 or response.status >= 300:
                        body = b""  # not read: the connection is closed below
                    else:
                        body = self._read_body(url, sock, response, response_headers, deadline_at, watchdog)
                except ssl.SSLCertVerificationError as exc:
                    raise HttpError(f"{url}: TLS certificate not accepted: {exc.verify_message or exc}", url=url) from None
                except TimeoutError:
                    # The last reads wait only until the deadline, so their timeout is the deadline's.
                    if watchdog.expired or time.monotonic() >= deadline_at - 0.01:
                        raise _Retryable(f"timed out: the {self.deadline:g} s deadline passed") from None
                    if watchdog.sock is None:
                        raise _Retryable(f"timed out: no connection within {self.connect_timeout:g} s") from None
                    raise _Retryable(f"timed out: no data for {self.read_timeout:g} s") from None
                except (OSError, http.client.HTTPException) as exc:
                    if watchdog.expired:
                        raise _Retryable(f"timed out: the {self.deadline:g} s deadline passed") from None
                    raise _Retryable(f"connection failed: {_describe(exc)}") from None
            if watchdog.expired:
                raise _Retryable(f"timed out: the {self.deadline:g} s deadline passed")
            return response.status, response.reason, response_headers, body
        finally:
            conn.close()
            if watchdog.sock is not None:
                watchdog.sock.close()

    def _read_body(self, url, sock, response, headers, deadline_at: float, watchdog: _Watchdog) -> bytes:
        cap = self.max_bytes
        too_big = f"{url}: response larger than the {size_text(cap)} cap"
        length = headers.get("content-length", "").strip()
        if length.isdigit() and int(length) > cap:
            raise HttpError(f"{too_big} (Content-Length {int(length)})", url=url)
        encoding = headers.get("content-encoding", "").strip().lower()
        if encoding in ("", "identity"):
            decoder = None
        elif encoding in ("gzip", "x-gzip", "deflate"):
            decoder = zlib.decompressobj(zlib.MAX_WBITS | 32)
        else:
            raise HttpError(f"{url}: unsupported Content-Encoding {encoding!r}", url=url)
        parts: list[bytes] = []
        total = raw_total = 0
        first = True
        while True:
            if watchdog.expired or time.monotonic() >= deadline_at:
                raise _Retryable(f"timed out: the {self.deadline:g} s deadline passed")
            sock.settimeout(min(self.read_timeout, max(deadline_at - time.monotonic(), 0.001)))
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            raw_total += len(chunk)
            if raw_total > cap:
                raise HttpError(too_big, url=url)
            if decoder is not None:
                try:
                    chunk = decoder.decompress(chunk, cap + 1 - total)
                except zlib.error:
                    if not (first and encoding == "deflate"):
                        raise HttpError(f"{url}: corrupt {encoding} body", url=url) from None
                    decoder = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send it
                    chunk = decoder.decompress(chunk, cap + 1 - total)
                if decoder.unconsumed_tail:
                    raise HttpError(too_big, url=url)
            first = False
            total += len(chunk)
            if total > cap:
                raise HttpError(too_big, url=url)
            parts.append(chunk)
        if watchdog.expired:
            raise _Retryable(f"timed out: the {self.deadline:g} s deadline passed")
        if decoder is not None:
            rest = decoder.flush()
            total += len(rest)
            if total > cap:
                raise HttpError(too_big, url=url)
            parts.append(rest)
        return b"".join(parts)


def _request_target(path: str, query: str) -> str:
    """Path and query as sent: non-ASCII characters (Chinese paths and queries, as UTF-8) and spaces percent-encoded."""
    target = quote(path or "/", safe="/%:@!$&'()*+,;=-._~")
    if query:
        target += "?" + quote(query, safe="/?%:@!$&'()*+,;=-._~")
    return target


def _describe(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve host ({exc.strerror or exc})"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(exc, http.client.IncompleteRead):
        return f"body cut short after {len(exc.partial)} bytes"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


__all__ = ["ACCEPT_FEED", "ACCEPT_HTML", "DecodeError", "HttpClient", "HttpError", "Response", "decode_body",
           "declared_charset", "normalize_charset"]
