"""A real HTTP server on 127.0.0.1 for the source tests: routes, delays, drip-feeding, 304s.

    with LoopbackServer() as server:
        server.route("/feed.xml", body=rss, content_type="application/rss+xml", etag='"v1"')
        server.route("/flaky", sequence=[500, 200], body=b"ok")
        server.url("/feed.xml")          # http://127.0.0.1:<port>/feed.xml
        server.count("/flaky")           # requests seen
        server.requests_to("/feed.xml")  # their headers

Each route answers with ``status``/``headers``/``body``; ``sequence`` gives the status
(or a dict of overrides) of successive requests, the last one repeating. A route with
``etag`` or ``last_modified`` sends them and answers a matching ``If-None-Match`` /
``If-Modified-Since`` with 304. ``delay`` waits before answering; ``drip`` sends the body
one ``drip_size`` piece at a time with that many seconds in between (``drip_headers``: the
status line and headers as well). Unknown paths are 404.
"""
from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
import time
from pathlib import Path
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    drip: float = 0.0
    drip_size: int = 1
    content_length: bool = True
    drip_headers: bool = False  # the status line and headers too, one byte every ``drip`` seconds
    sequence: list = field(default_factory=list)


@dataclass
class Request:
    path: str
    headers: dict[str, str]

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        owner = self.server.owner
        request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
        with owner.lock:
            owner.requests.append(request)
            route = owner.routes.get(self.path)
            index = sum(1 for r in owner.requests if r.path == self.path) - 1
        if route is None:
            self._send(404, {"Content-Type": "text/plain"}, b"not found")
            return
        status, headers, body = route.status, dict(route.headers), route.body
        if route.sequence:
            step = route.sequence[min(index, len(route.sequence) - 1)]
            step = {"status": step} if isinstance(step, int) else step
            status = step.get("status", status)
            headers.update(step.get("headers", {}))
            body = step.get("body", body)
        if route.delay:
            time.sleep(route.delay)
        if status == 200 and route.etag:
            headers["ETag"] = route.etag
        if status == 200 and route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if status == 200 and (
                (route.etag and request.header("If-None-Match") == route.etag)
                or (route.last_modified and request.header("If-Modified-Since") == route.last_modified)):
            self._send(304, {k: v for k, v in headers.items() if k in ("ETag", "Last-Modified")}, b"")
            return
        self._send(status, headers, body, route)

    def _send(self, status: int, headers: dict[str, str], body: bytes, route: Route | None = None):
        try:
            if route is not None and route.drip_headers:
                head = f"HTTP/1.1 {status} OK\r\nContent-Length: {len(body)}\r\n" + "".join(
                    f"X-Padding-{n}: {'x' * 20}\r\n" for n in range(50)) + "\r\n"
                for byte in head.encode("ascii"):
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(route.drip)
                self.wfile.write(body)
                return
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304 and (route is None or route.content_length):
                self.send_header("Content-Length", str(len(body)))
            if route is not None and not route.content_length:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if route is not None and route.drip:
                for start in range(0, len(body), route.drip_size):
                    self.wfile.write(body[start:start + route.drip_size])
                    self.wfile.flush()
                    time.sleep(route.drip)
            elif status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: LoopbackServer

    def handle_error(self, request, client_address):  # a client that hung up is not a test failure
        pass


class LoopbackServer:
    """``tls=(certfile, keyfile)`` serves HTTPS instead (see :func:`self_signed`)."""

    def __init__(self, tls: tuple[str, str] | None = None):
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.owner = self
        self.port = self.httpd.server_address[1]
        self.scheme = "http"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self.thread.start()

    def url(self, path: str = "/") -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def route(self, path: str, body: bytes | str = b"", *, status: int = 200, content_type: str | None = None,
              headers: dict[str, str] | None = None, **options) -> str:
        """Register ``path``; returns its full URL. ``str`` bodies are sent as UTF-8."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        headers = dict(headers or {})
        if content_type:
            headers["Content-Type"] = content_type
        with self.lock:
            self.routes[path] = Route(status=status, body=body, headers=headers, **options)
        return self.url(path)

    def requests_to(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    def count(self, path: str) -> int:
        return len(self.requests_to(path))

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=2)

    def __enter__(self) -> LoopbackServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def self_signed(folder: Path) -> tuple[str, str] | None:
    """A certificate and key for 127.0.0.1 made with the openssl command, or None without it."""
    if shutil.which("openssl") is None:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return str(cert), str(key)


def fast_client(**options):
    """An HttpClient for servers on loopback, which answer at once or never: short timeouts, no waiting."""
    from calfeed.sources import HttpClient

    settings = dict(connect_timeout=1.0, read_timeout=0.5, deadline=2.0, retries=1, backoff=0.01, jitter=0.0)
    settings.update(options)
    return HttpClient(**settings)
