"""calfeed.sources.http against a real server on loopback: retries, deadlines, caps, charsets, 304."""
from __future__ import annotations

import gzip
import socket
import ssl
import time

import pytest
from http_fixture import LoopbackServer, self_signed
from http_fixture import fast_client as loopback_client

from calfeed import __version__
from calfeed.sources import HttpClient, HttpError, MemoryValidators
from calfeed.sources.http import decode_body, normalize_charset

ARTICLE = ("<p>本报讯 3月9日上午，街道在社区活动中心举办“垃圾分类进万家”宣传活动，"
           "志愿者为居民讲解分类知识，并发放宣传手册两百余份。王堃、李喆等居民代表参加。</p>")
TRAD = "<p>本報訊 3月9日上午，區公所於里民活動中心舉辦「防災宣導」活動，邀請里民參加，現場並設有體驗攤位。</p>"


def fast_client(**options) -> HttpClient:
    """The loopback client with two retries, a short Retry-After cap and a contact for the User-Agent."""
    return loopback_client(**{"retries": 2, "max_retry_after": 1.0, "contact": "https://events.example.org", **options})


def page(body: str, head: str = "", title: str = "Test") -> str:
    return f"<html><head>{head}<title>{title}</title></head><body>{body}</body></html>"


def test_a_get_sends_the_user_agent_and_returns_the_body(server):
    url = server.route("/a", page(ARTICLE), content_type="text/html; charset=utf-8")
    response = fast_client().get(url)
    assert response.status == 200 and response.url == url and "垃圾分类" in response.text()
    (request,) = server.requests_to("/a")
    assert request.header("User-Agent") == f"calfeed/{__version__} (+https://events.example.org)"
    assert "zh-CN" in request.header("Accept-Language")
    assert HttpClient().user_agent == f"calfeed/{__version__}"


def test_redirects_are_followed_and_the_final_url_recorded(server):
    final = server.route("/final", page(ARTICLE), content_type="text/html")
    server.route("/moved", status=301, headers={"Location": "/middle"})
    server.route("/middle", status=302, headers={"Location": final})
    response = fast_client().get(server.url("/moved"))
    assert response.url == final and response.requested_url == server.url("/moved")
    server.route("/loop", status=302, headers={"Location": "/loop"})
    with pytest.raises(HttpError, match="more than 3 redirects"):
        fast_client(max_redirects=3).get(server.url("/loop"))
    assert server.count("/loop") == 4


def test_a_500_then_a_200_is_retried_into_success(server):
    url = server.route("/flaky", "好了", sequence=[500, 503, 200], content_type="text/plain; charset=utf-8")
    assert fast_client().get(url).text() == "好了"
    assert server.count("/flaky") == 3


def test_a_persistent_500_fails_after_the_retries(server):
    url = server.route("/down", status=500)
    with pytest.raises(HttpError, match=r"HTTP 500 Internal Server Error \(3 attempts\)") as caught:
        fast_client().get(url)
    assert caught.value.status == 500 and str(caught.value).startswith(url)
    assert server.count("/down") == 3


def test_a_404_is_not_retried(server):
    with pytest.raises(HttpError, match="HTTP 404") as caught:
        fast_client().get(server.url("/missing"))
    assert caught.value.status == 404 and server.count("/missing") == 1


def test_retry_after_is_honoured_up_to_its_limit(server):
    url = server.route("/busy", "ok", sequence=[{"status": 429, "headers": {"Retry-After": "1"}}, 200])
    slept: list[float] = []
    assert fast_client(deadline=5, sleep=slept.append).get(url).body == b"ok"
    assert slept == [1.0] and server.count("/busy") == 2
    server.route("/later", status=503, headers={"Retry-After": "3600"})
    with pytest.raises(HttpError, match="Retry-After 3600 s is beyond the 1 s limit"):
        fast_client().get(server.url("/later"))
    assert server.count("/later") == 1


def test_backoff_grows_exponentially(server):
    url = server.route("/down", status=502)
    slept: list[float] = []
    with pytest.raises(HttpError, match="502"):
        fast_client(retries=3, backoff=0.1, max_backoff=0.3, jitter=0.0, sleep=slept.append).get(url)
    assert slept == [0.1, 0.2, 0.3]


def test_a_slow_drip_is_cut_off_at_the_deadline(server):
    # Each byte arrives well inside the read timeout, so only the total deadline stops it.
    url = server.route("/drip", "x" * 1000, drip=0.05)
    started = time.monotonic()
    with pytest.raises(HttpError, match="the 0.6 s deadline passed"):
        fast_client(deadline=0.6, read_timeout=0.5).get(url)
    assert time.monotonic() - started < 1.0


def test_headers_dripped_byte_by_byte_are_cut_off_at_the_deadline(server):
    url = server.route("/slow-headers", "x", drip=0.02, drip_headers=True)
    started = time.monotonic()
    with pytest.raises(HttpError, match="the 0.5 s deadline passed"):
        fast_client(deadline=0.5, read_timeout=0.4).get(url)
    assert time.monotonic() - started < 0.9


def test_a_server_that_never_answers_times_out(server):
    url = server.route("/hang", "late", delay=3)
    started = time.monotonic()
    with pytest.raises(HttpError, match=r"timed out: no data for 0.2 s \(2 attempts\)"):
        fast_client(deadline=1.0, read_timeout=0.2, retries=1).get(url)
    assert time.monotonic() - started < 0.8


def test_a_refused_connection_is_retried_then_reported():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(HttpError, match=r"connection failed.*\(3 attempts\)"):
        fast_client().get(f"http://127.0.0.1:{port}/")


def test_an_oversized_response_fails_naming_the_cap(server):
    declared = server.route("/big", b"a" * 300_000)
    with pytest.raises(HttpError, match=r"larger than the 100000 bytes cap \(Content-Length 300000\)"):
        fast_client(max_bytes=100_000).get(declared)
    streamed = server.route("/stream", b"a" * 300_000, content_length=False)
    with pytest.raises(HttpError, match="larger than the 100000 bytes cap"):
        fast_client(max_bytes=100_000).get(streamed)
    assert server.count("/big") == 1 and server.count("/stream") == 1  # not retried
    with pytest.raises(HttpError, match="larger than the 5 MB cap"):
        fast_client().get(server.route("/huge", b"a" * (5 * 1024 * 1024 + 1)))


def test_gzip_bodies_are_decompressed_and_the_cap_applies_to_what_they_unpack_to(server):
    body = page(ARTICLE).encode("utf-8")
    url = server.route("/gz", gzip.compress(body), content_type="text/html; charset=utf-8",
                       headers={"Content-Encoding": "gzip"})
    assert fast_client().get(url).body == body
    assert server.requests_to("/gz")[0].header("Accept-Encoding") == "gzip, deflate"
    bomb = server.route("/bomb", gzip.compress(b"\0" * 2_000_000), headers={"Content-Encoding": "gzip"})
    with pytest.raises(HttpError, match="larger than the 100000 bytes cap"):
        fast_client(max_bytes=100_000).get(bomb)


def test_conditional_get_sends_validators_and_stores_new_ones(server):
    url = server.route("/feed", "内容", etag='"v1"', last_modified="Wed, 05 Mar 2025 02:00:00 GMT")
    validators = MemoryValidators()
    client = fast_client()
    first = client.get(url, validators=validators)
    assert first.status == 200 and validators.get(url) == ('"v1"', "Wed, 05 Mar 2025 02:00:00 GMT")
    second = client.get(url, validators=validators)
    assert second.status == 304 and second.not_modified and second.body == b""
    request = server.requests_to("/feed")[1]
    assert request.header("If-None-Match") == '"v1"'
    assert request.header("If-Modified-Since") == "Wed, 05 Mar 2025 02:00:00 GMT"
    client.get(url, validators=validators, conditional=False)
    assert server.requests_to("/feed")[2].header("If-None-Match") is None


# -- charsets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "content_type", "head"), [
    ("gbk", "text/html; charset=gb2312", ""),  # declared gb2312, holds GBK-only 堃/喆
    ("gbk", "text/html", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'),
    ("gb18030", "text/html", '<meta charset="GBK">'),
    ("gbk", "text/html", ""),  # no declaration anywhere: detected
    ("gbk", "text/html; charset=utf-8", ""),  # a wrong declaration gives way
])
def test_gbk_pages_decode(server, encoding, content_type, head):
    url = server.route("/gbk", page(ARTICLE, head).encode(encoding), content_type=content_type)
    text = fast_client().get(url).text()
    assert "垃圾分类进万家" in text and "王堃、李喆" in text


@pytest.mark.parametrize(("content_type", "head"), [
    ("text/html; charset=big5", ""),
    ("text/html", '<meta charset="big5">'),
    ("text/html", ""),
])
def test_big5_pages_decode(server, content_type, head):
    url = server.route("/big5", page(TRAD, head).encode("big5"), content_type=content_type)
    assert "區公所於里民活動中心舉辦「防災宣導」" in fast_client().get(url).text()


def test_charset_labels_map_to_the_codecs_that_read_real_pages():
    assert normalize_charset("GB2312") == normalize_charset("gbk") == "gb18030"
    assert normalize_charset("Big5") == "big5hkscs"
    assert normalize_charset("utf8") == "utf-8" and normalize_charset("no-such-charset") is None
    assert decode_body("<?xml version='1.0' encoding='gb2312'?><a>堃</a>".encode("gbk")).endswith("<a>堃</a>")


def test_urls_with_chinese_paths_and_queries_are_percent_encoded(server):
    url = server.route("/%E6%96%B0%E9%97%BB/1.html?q=%E6%B4%BB%E5%8A%A8%20%E9%80%9A%E7%9F%A5", "好")
    assert url.endswith("/%E6%96%B0%E9%97%BB/1.html?q=%E6%B4%BB%E5%8A%A8%20%E9%80%9A%E7%9F%A5")
    response = fast_client().get(server.url("/新闻/1.html?q=活动 通知"))
    assert response.body == "好".encode()
    assert fast_client().get(url).body == "好".encode()  # already encoded: left alone


def test_https_with_a_trusted_certificate_and_a_refused_one(tmp_path):
    tls = self_signed(tmp_path)
    if tls is None:
        pytest.skip("no openssl command to make a certificate")
    with LoopbackServer(tls=tls) as secure:
        url = secure.route("/a", page(ARTICLE), content_type="text/html; charset=utf-8")
        trusting = fast_client(ssl_context=ssl.create_default_context(cafile=tls[0]))
        assert "垃圾分类" in trusting.get(url).text()
        with pytest.raises(HttpError, match="TLS certificate not accepted") as caught:
            fast_client().get(url)  # the system's trust store does not know it
        assert secure.count("/a") == 1  # refused at the handshake, and not retried
        assert caught.value.status is None
