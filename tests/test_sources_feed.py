"""Feed sources over real HTTP on loopback: RSS, Atom, RDF, linked pages, 304s, failures."""
from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from http_fixture import fast_client

from calfeed import __version__
from calfeed.config import SourceConfig
from calfeed.sources import HttpClient, MemoryValidators, SourceError, read_source
from calfeed.sources.model import text_hash

CONCERT = ("<p>本报讯 3月22日晚7时，“春之声”社区音乐会将在街道文化中心礼堂举行。</p>"
           "<p>演出由区青少年民乐团和社区合唱队联袂呈现，免费向居民开放，凭预约码入场。</p>")
MARKET = "<p>3月29日至30日，区农业农村委在滨河广场举办春季农产品展销会，八十余家合作社参展。</p>"
LIBRARY_PAGE = """<html><head><meta charset="utf-8"><title>图书馆延长开放时间</title>
<meta property="article:published_time" content="2025-03-06T10:00:00+08:00"></head><body>
<nav><a href="/">首页</a><a href="/news/">新闻</a></nav>
<div class="article"><h1>区图书馆自3月10日起延长开放时间</h1>
<p>本报讯 为方便读者，区图书馆自3月10日起将工作日闭馆时间由晚8时延长至晚9时，周末开放时间不变。</p>
<p>延长开放期间，自习室、少儿阅览室和电子阅览室同步开放，读者可凭读者证或电子社保卡入馆。</p>
<p>图书馆还将于每周六下午举办“亲子共读”活动，欢迎家长带孩子参加，活动需提前在公众号报名。</p></div>
<footer>主办单位：区文化和旅游局</footer></body></html>"""
SWIM_PAGE = """<html><head><meta charset="utf-8"><title>游泳馆恢复开放</title></head><body>
<h1>社区游泳馆4月1日恢复开放</h1>
<p>经过两个月的设备改造，社区游泳馆将于4月1日起恢复对外开放，开放时间为每日上午9时至晚上9时。</p>
<p>改造后的游泳馆新增了恒温系统和无障碍通道，市民可在现场或线上购票，老年人凭证享受半价优惠。</p>
<p>游泳馆提醒，首周客流较大，请错峰前往，并自备泳帽和拖鞋，未成年人须由成年人陪同入场。</p>
</body></html>"""


def feed_source(url: str, encoding: str | None = None) -> SourceConfig:
    return SourceConfig(name="news", type="feed", location=url, encoding=encoding)


def read(url: str, client: HttpClient | None = None, **kwargs):
    return read_source(feed_source(url), root=Path("."), client=client or fast_client(), **kwargs)


def rss(items: str, encoding: str = "utf-8", channel: str = "区融媒体中心") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{channel}</title><link>http://example.org/</link><description>本区新闻</description>{items}"
            "</channel></rss>").replace("本区新闻", channel)


def item(title: str, link: str, *, description: str = "", content: str = "", date_: str = "") -> str:
    parts = [f"<title>{title}</title>", f"<link>{link}</link>"]
    if description:
        parts.append(f"<description><![CDATA[{description}]]></description>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    if date_:
        parts.append(f"<pubDate>{date_}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def test_an_rss_feed_with_full_content_gives_one_document_per_item(server):
    body = rss(item("社区音乐会3月22日举行", "http://example.org/a/1.html", description="音乐会",
                    content=CONCERT, date_="Wed, 05 Mar 2025 20:00:00 +0000")
               + item("春季农产品展销会", "http://example.org/a/2.html", content=MARKET,
                      date_="Thu, 06 Mar 2025 09:00:00 +0800"))
    url = server.route("/rss.xml", body, content_type="application/rss+xml; charset=utf-8")
    listing = read(url)
    assert not listing.complete and not listing.failures and not listing.not_modified
    concert, market = listing.documents
    assert concert.key == concert.url == "http://example.org/a/1.html" and concert.path is None
    assert concert.title == "社区音乐会3月22日举行"
    assert concert.text == ("本报讯 3月22日晚7时，“春之声”社区音乐会将在街道文化中心礼堂举行。\n"
                            "演出由区青少年民乐团和社区合唱队联袂呈现，免费向居民开放，凭预约码入场。")
    assert concert.content_hash == text_hash(concert.text)
    assert concert.published == date(2025, 3, 6)  # 20:00 UTC is the next morning in Shanghai
    assert market.published == date(2025, 3, 6) and "八十余家合作社" in market.text
    assert server.count("/rss.xml") == 1 and server.count("/a/1.html") == 0  # content given: no page fetch
    (request,) = server.requests_to("/rss.xml")
    assert request.header("User-Agent").startswith(f"calfeed/{__version__}")
    assert "application/rss+xml" in request.header("Accept")


def test_summary_only_items_have_their_linked_pages_fetched(server):
    page = server.route("/news/library.html", LIBRARY_PAGE, content_type="text/html; charset=utf-8")
    long_summary = "春季农产品展销会" + "，合作社带来新鲜蔬果和地方特产" * 12
    body = rss(item("区图书馆延长开放时间", page, description="区图书馆自3月10日起延长开放时间。",
                    date_="2025-03-06 08:00:00")
               + item("展销会", "http://example.org/a/2.html", description=long_summary))
    url = server.route("/rss.xml", body, content_type="application/rss+xml")
    library, market = read(url).documents
    assert library.key == library.url == page
    assert "工作日闭馆时间由晚8时延长至晚9时" in library.text and "亲子共读" in library.text
    assert "首页" not in library.text and "主办单位" not in library.text
    assert library.title == "区图书馆延长开放时间"
    assert library.published == date(2025, 3, 6)  # a zone-less feed date is local time
    assert market.text == long_summary  # long enough to stand on its own: the page is not fetched
    assert server.count("/news/library.html") == 1


def test_an_atom_feed_with_content_and_a_summary_only_entry(server):
    swim = server.route("/news/swim.html", SWIM_PAGE, content_type="text/html")
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>街道动态</title><id>urn:x</id><updated>2025-03-07T00:00:00Z</updated>
<entry><id>urn:x:1</id><title>社区音乐会</title><link rel="alternate" href="http://example.org/a/1.html"/>
<updated>2025-03-05T17:00:00Z</updated><content type="html"><![CDATA[{CONCERT}]]></content></entry>
<entry><id>urn:x:2</id><title>游泳馆恢复开放</title><link href="{swim}"/>
<published>2025-03-07T09:30:00+08:00</published><summary>游泳馆4月1日恢复开放</summary></entry>
<entry><id>urn:x:3</id><title>无链接的通知</title><updated>2025-03-07T01:00:00Z</updated>
<summary>3月12日上午植树节志愿活动在湿地公园举行。</summary></entry>
</feed>"""
    url = server.route("/atom.xml", atom, content_type="application/atom+xml")
    concert, pool, notice = read(url).documents
    assert concert.published == date(2025, 3, 6) and "春之声" in concert.text
    assert pool.key == swim and "恒温系统和无障碍通道" in pool.text and pool.published == date(2025, 3, 7)
    assert notice.key == "urn:x:3" and notice.url is None and notice.text == "3月12日上午植树节志愿活动在湿地公园举行。"


def test_an_rdf_feed(server):
    rdf = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://example.org/"><title>区新闻</title><link>http://example.org/</link></channel>
<item rdf:about="http://example.org/a/9.html"><title>春季运动会</title><link>http://example.org/a/9.html</link>
<description>区第十届全民运动会将于4月12日在体育中心开幕，设田径、游泳、乒乓球等十二个比赛项目，全区各街道代表队参加，比赛持续三天，欢迎市民到场观赛。赛事期间体育中心周边道路实行交通管制，请市民提前规划出行路线。运动会开幕式将于当天上午9时举行，届时将有文艺表演和群众方阵展示，入场需凭电子票。</description>
<dc:date>2025-03-08T10:00:00+08:00</dc:date></item></rdf:RDF>"""
    url = server.route("/rdf.xml", rdf, content_type="application/rdf+xml")
    (sports,) = read(url).documents
    assert sports.key == "http://example.org/a/9.html" and sports.published == date(2025, 3, 8)
    assert sports.text.startswith("区第十届全民运动会将于4月12日")


def test_the_second_read_of_an_unchanged_feed_is_not_modified(server):
    body = rss(item("社区音乐会", "http://example.org/a/1.html", content=CONCERT))
    url = server.route("/rss.xml", body, content_type="application/rss+xml", etag='"r1"',
                       last_modified="Thu, 06 Mar 2025 02:00:00 GMT")
    validators = MemoryValidators()
    first = read(url, validators=validators)
    assert validators.get(url) == ('"r1"', "Thu, 06 Mar 2025 02:00:00 GMT")
    known = {d.key: d.content_hash for d in first.documents}
    second = read(url, validators=validators, known=known)
    assert second.not_modified and second.documents == [] and second.failures == []
    request = server.requests_to("/rss.xml")[1]
    assert request.header("If-None-Match") == '"r1"'
    assert request.header("If-Modified-Since") == "Thu, 06 Mar 2025 02:00:00 GMT"


def test_validators_are_not_trusted_when_the_store_has_nothing_from_the_source(server):
    url = server.route("/rss.xml", rss(item("音乐会", "http://example.org/a/1.html", content=CONCERT)),
                       etag='"r1"')
    validators = MemoryValidators({url: ('"r1"', None)})
    listing = read(url, validators=validators, known={})
    assert not listing.not_modified and len(listing.documents) == 1
    assert server.requests_to("/rss.xml")[0].header("If-None-Match") is None


def test_a_known_linked_page_is_asked_for_conditionally_and_a_304_keeps_the_stored_text(server):
    page = server.route("/news/library.html", LIBRARY_PAGE, content_type="text/html", etag='"p1"')
    url = server.route("/rss.xml", rss(item("图书馆", page, description="延长开放时间")), etag='"f1"')
    validators = MemoryValidators()
    first = read(url, validators=validators)
    known = {d.key: d.content_hash for d in first.documents}
    # The feed changes (a new item), the library page does not.
    server.route("/rss.xml", rss(item("音乐会", "http://example.org/a/1.html", content=CONCERT)
                                 + item("图书馆", page, description="延长开放时间")), etag='"f2"')
    concert, library = read(url, validators=validators,
                                   known=known).documents
    assert library.key == page and library.text is None and library.content_hash is None
    assert library.title == "图书馆"
    assert server.requests_to("/news/library.html")[1].header("If-None-Match") == '"p1"'
    assert validators.get(url) == ('"f2"', None)


def test_a_dead_linked_page_is_a_failure_line_and_the_other_items_survive(server):
    good = server.route("/news/library.html", LIBRARY_PAGE, content_type="text/html")
    dead = server.url("/news/gone.html")
    broken = server.route("/news/broken.html", status=500)
    body = rss(item("图书馆", good, description="图书馆延长开放时间")
               + item("失效的文章", dead, description="3月15日社区义诊")
               + item("出错的文章", broken, description="3月16日旧物交换")
               + item("音乐会", "http://example.org/a/1.html", content=CONCERT))
    url = server.route("/rss.xml", body, etag='"f1"')
    validators = MemoryValidators()
    listing = read(url, validators=validators)
    docs = {d.key: d for d in listing.documents}
    assert list(docs) == [good, dead, broken, "http://example.org/a/1.html"]
    assert "亲子共读" in docs[good].text
    assert docs[dead].text == "3月15日社区义诊"  # the summary is all there is for now
    assert listing.failures == [f"{dead}: linked page HTTP 404 Not Found",
                                f"{broken}: linked page HTTP 500 Internal Server Error (2 attempts)"]
    assert server.count("/news/gone.html") == 1 and server.count("/news/broken.html") == 2
    # The feed's validators are held back so the next read retries those pages; the good page's are kept.
    assert validators.get(url) == (None, None)
    # An article the store already has is not replaced by its summary when its page fails.
    again = read(url, validators=validators,
                        known={dead: "full-text-hash"})
    assert {d.key: d.text for d in again.documents}[dead] is None


def test_linked_pages_stop_after_consecutive_failures(server):
    items = "".join(item(f"文章{n}", server.url(f"/news/{n}.html"), description=f"摘要{n}") for n in range(8))
    url = server.route("/rss.xml", rss(items))
    listing = read(url)
    assert len(listing.documents) == 8 and len(listing.failures) == 8
    assert sum(server.count(f"/news/{n}.html") for n in range(8)) == 5
    assert listing.failures[-1].endswith("not fetched: 5 linked pages in a row failed")


def test_gbk_and_big5_feeds_decode(server):
    gbk = rss(item("王堃主持社区议事会", "http://example.org/a/3.html",
                   content="<p>3月18日下午，社区议事会在居委会会议室举行，王堃、李喆参加。</p>"), "gb2312")
    url = server.route("/gbk.xml", gbk.encode("gbk"), content_type="text/xml")
    (doc,) = read(url).documents
    assert doc.title == "王堃主持社区议事会" and "王堃、李喆参加" in doc.text
    big5 = rss(item("里民大會", "http://example.org/a/4.html",
                    content="<p>本里將於3月21日晚上7時在活動中心召開里民大會，歡迎里民出席。</p>"), "big5", "區公所")
    url = server.route("/big5.xml", big5.encode("big5"), content_type="application/rss+xml; charset=big5")
    (doc,) = read(url).documents
    assert doc.title == "里民大會" and "召開里民大會" in doc.text


def test_malformed_or_non_feed_bodies_are_source_errors(server):
    url = server.route("/broken.xml", '<?xml version="1.0"?><rss><channel><title>坏的', content_type="text/xml")
    with pytest.raises(SourceError, match=r"/broken\.xml: not a well-formed feed"):
        read(url)
    url = server.route("/page.html", LIBRARY_PAGE, content_type="text/html")
    with pytest.raises(SourceError, match=r"/page\.html: not an RSS, Atom or RDF feed \(it looks like an HTML page\)"):
        read(url)
    url = server.route("/binary", b"\x00\x01\x02" * 100, content_type="application/octet-stream")
    with pytest.raises(SourceError, match="not a feed: binary data"):
        read(url)


def test_an_empty_feed_is_an_empty_listing(server):
    url = server.route("/rss.xml", rss(""))
    listing = read(url)
    assert listing.documents == [] and listing.failures == [] and not listing.complete


def test_feed_http_failures_are_source_errors(server):
    url = server.route("/rss.xml", status=500)
    with pytest.raises(SourceError, match=r"HTTP 500 Internal Server Error \(2 attempts\)"):
        read(url)
    with pytest.raises(SourceError, match="HTTP 404"):
        read(server.url("/nothing.xml"))
    assert server.count("/nothing.xml") == 1
    flaky = server.route("/flaky.xml", rss(item("音乐会", "http://example.org/a/1.html", content=CONCERT)),
                         sequence=[503, 200])
    assert len(read(flaky).documents) == 1


def test_an_oversized_or_slow_feed_is_a_source_error_within_the_deadline(server):
    url = server.route("/huge.xml", rss(item("x", "http://example.org/x", content="长" * 100_000)))
    with pytest.raises(SourceError, match="larger than the 100000 bytes cap"):
        read(url, fast_client(max_bytes=100_000))
    url = server.route("/slow.xml", rss(item("x", "http://example.org/x", content=CONCERT)), drip=0.01, drip_size=10)
    started = time.monotonic()
    with pytest.raises(SourceError, match="deadline"):
        read(url, fast_client(deadline=0.5, read_timeout=0.3))
    assert time.monotonic() - started < 0.9


def test_duplicate_items_are_listed_once(server):
    body = rss(item("音乐会", "http://example.org/a/1.html", content=CONCERT) * 2)
    url = server.route("/rss.xml", body)
    assert len(read(url).documents) == 1
