"""Page sources over real HTTP on loopback: an article page, a listing page and its links, dates, charsets."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from http_fixture import fast_client

from calfeed.config import SourceConfig
from calfeed.sources import HttpClient, MemoryValidators, SourceError, read_source
from calfeed.sources.dates import feed_date, parse_date
from calfeed.sources.page import MAX_LINKS

BODY = ("<p>本报讯 3月15日上午9时，街道将在社区服务中心举办“邻里节”开幕活动，现场设有义诊、义剪、"
        "家电维修和法律咨询等便民服务摊位，欢迎辖区居民参加。</p>"
        "<p>活动期间，社区还将组织书画展、亲子手工和邻里美食分享会，持续至3月22日。有意参加美食分享会的居民，"
        "可于3月12日前到居委会报名，每户限报两人。</p>"
        "<p>街道有关负责人表示，邻里节已连续举办五届，今年新增了老年人智能手机教学课堂，帮助老人跨越数字鸿沟。</p>")
TRAD_BODY = ("<p>本報訊 區公所將於3月20日下午2時在里民活動中心舉辦防災演練，內容包括地震避難、滅火器操作及急救教學，"
             "歡迎里民踴躍參加。</p><p>區公所表示，演練當天將有消防隊員到場示範，參加者可獲得防災包一份，"
             "名額有限，請於3月18日前向里辦公處報名。</p><p>里長呼籲，家中有長輩或行動不便者，可事先登記，"
             "屆時將由志工協助接送。</p>")


def read(url: str, client: HttpClient | None = None, encoding: str | None = None, **kwargs):
    source = SourceConfig(name="site", type="page", location=url, encoding=encoding)
    return read_source(source, root=Path("."), client=client or fast_client(), **kwargs)


SIMPLIFIED_CHROME = ("街道办事处", "首页", "新闻动态", "街道概况", "主办", "网站地图")
TRADITIONAL_CHROME = ("區公所", "首頁", "新聞動態", "本區簡介", "主辦", "網站導覽")


def article_html(title: str, body: str = BODY, head: str = "", charset: str | None = "utf-8", extra: str = "",
                 chrome: tuple[str, ...] = SIMPLIFIED_CHROME) -> str:
    site, home, news, about, host, sitemap = chrome
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}_{site}</title>{head}</head><body>"
            f'<header><a href="/">{home}</a><a href="/news/">{news}</a><a href="/about/">{about}</a></header>'
            f"<div class='main'><h1>{title}</h1>{extra}{body}</div>"
            f'<footer>{host}：{site} <a href="/sitemap.html">{sitemap}</a></footer></body></html>')


def listing_html(links: list[tuple[str, str]], charset: str = "utf-8") -> str:
    items = "".join(f'<li><a href="{href}">{text}</a><span>2025-03-0{n % 9 + 1}</span></li>'
                    for n, (href, text) in enumerate(links))
    return (f'<html><head><meta charset="{charset}"><title>新闻动态</title></head><body>'
            '<nav><a href="/">首页</a><a href="/news/index.html">新闻动态</a>'
            '<a href="/news/2025/03/nav-item.html">导航里的长标题链接不该跟随</a></nav>'
            f'<div class="list"><ul>{items}</ul></div>'
            '<div class="pages"><a href="/news/index_2.html">下一页</a><a href="/news/index_9.html">尾页</a></div>'
            "</body></html>")


def test_an_article_page_is_one_document_with_its_title_and_date(server):
    head = '<meta property="article:published_time" content="2025-03-10T20:30:00Z">'
    url = server.route("/news/2025/0310/neighbours.html", article_html("邻里节3月15日开幕", head=head),
                       content_type="text/html; charset=utf-8")
    listing = read(url)
    assert not listing.complete and not listing.failures
    (doc,) = listing.documents
    assert doc.key == doc.url == url and doc.path is None
    assert doc.title == "邻里节3月15日开幕"
    assert doc.published == date(2025, 3, 11)  # 20:30 UTC is 04:30 the next day in Shanghai
    assert "老年人智能手机教学课堂" in doc.text and "首页" not in doc.text and "主办" not in doc.text
    assert server.count("/news/2025/0310/neighbours.html") == 1
    assert server.requests_to("/news/2025/0310/neighbours.html")[0].header("User-Agent").startswith("calfeed/")


@pytest.mark.parametrize(("head", "extra", "expected"), [
    ('<meta name="PubDate" content="2025-03-09 16:20">', "", date(2025, 3, 9)),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
     ' "headline": "邻里节", "datePublished": "2025-03-08T09:00:00+08:00"}</script>', "", date(2025, 3, 8)),
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "Article",'
     ' "datePublished": "2025-03-07"}]}</script>', "", date(2025, 3, 7)),
    ("", '<p class="info"><time datetime="2025-03-06T08:00:00+08:00">3月6日</time></p>', date(2025, 3, 6)),
    ("", '<p class="info">发布时间：2025年3月5日 来源：街道办事处</p>', date(2025, 3, 5)),
    ("", '<p class="info">發佈日期：2025/03/04</p>', date(2025, 3, 4)),
])
def test_the_publication_date_comes_from_the_page_metadata(server, head, extra, expected):
    url = server.route("/news/article.html", article_html("邻里节开幕", head=head, extra=extra))
    (doc,) = read(url).documents
    assert doc.published == expected and "邻里节" in doc.text


def test_a_listing_page_has_its_article_links_followed(server):
    articles = {
        "/news/2025/03/neighbours.html": ("邻里节3月15日开幕", '<meta name="PubDate" content="2025-03-10">'),
        "/news/2025/03/clinic.html": ("社区义诊进楼组活动", ""),
        "/news/content_12345.html": ("春季招聘会下周举行", ""),
    }
    for path, (title, head) in articles.items():
        server.route(path, article_html(title, head=head))
    links = [(path, title) for path, (title, _) in articles.items()]
    links += [("/news/2025/03/neighbours.html#comments", "邻里节3月15日开幕（评论）"),  # same article again
              ("http://elsewhere.example.org/news/2025/03/x.html", "别的网站上的一篇新闻报道"),
              ("/news/2025/03/short.html", "短"),
              ("/files/2025/notice.pdf", "关于开展春季爱国卫生运动的通知附件")]
    url = server.route("/news/index.html", listing_html(links))
    listing = read(url)
    assert not listing.complete and not listing.failures
    assert [d.key for d in listing.documents] == [server.url(path) for path in articles]
    neighbours, clinic, jobs = listing.documents
    assert neighbours.title == "邻里节3月15日开幕" and neighbours.published == date(2025, 3, 10)
    assert "便民服务摊位" in clinic.text and clinic.url == server.url("/news/2025/03/clinic.html")
    assert jobs.title == "春季招聘会下周举行"
    fetched = {r.path for r in server.requests}
    assert fetched == {"/news/index.html", *articles}  # nav, pagination, short, PDF and off-site links skipped


def test_a_listing_follows_at_most_the_cap(server):
    links = []
    for n in range(MAX_LINKS + 10):
        path = f"/news/2025/03/{n:03d}.html"
        server.route(path, article_html(f"社区新闻第{n}篇报道"))
        links.append((path, f"社区新闻第{n}篇报道"))
    url = server.route("/news/", listing_html(links))
    listing = read(url)
    assert len(listing.documents) == MAX_LINKS
    assert listing.documents[-1].key == server.url(f"/news/2025/03/{MAX_LINKS - 1:03d}.html")


def test_one_dead_linked_page_is_a_failure_line_and_the_others_survive(server):
    server.route("/news/2025/03/a.html", article_html("邻里节3月15日开幕"))
    server.route("/news/2025/03/b.html", status=500)
    server.route("/news/2025/03/d.html", b"%PDF-1.4 \x00\x01", content_type="application/pdf")
    links = [("/news/2025/03/a.html", "邻里节3月15日开幕"), ("/news/2025/03/b.html", "服务器出错的文章"),
             ("/news/2025/03/c.html", "已经删除的一篇文章"), ("/news/2025/03/d.html", "其实是一个附件文件")]
    validators = MemoryValidators()
    url = server.route("/news/index.html", listing_html(links), etag='"l1"')
    listing = read(url, validators=validators)
    assert [d.key for d in listing.documents] == [server.url("/news/2025/03/a.html")]
    assert listing.failures == [
        f"{server.url('/news/2025/03/b.html')}: HTTP 500 Internal Server Error (2 attempts)",
        f"{server.url('/news/2025/03/c.html')}: HTTP 404 Not Found",
        f"{server.url('/news/2025/03/d.html')}: not an HTML page (application/pdf)",
    ]
    assert validators.get(url) == (None, None)  # read the listing again next time, to retry them


def test_a_listing_whose_every_link_fails_is_a_source_error(server):
    links = [("/news/2025/03/a.html", "第一篇已删除的文章"), ("/news/2025/03/b.html", "第二篇已删除的文章")]
    url = server.route("/news/index.html", listing_html(links))
    with pytest.raises(SourceError, match=r"all 2 linked articles failed; first: .*a\.html: HTTP 404"):
        read(url)


def test_a_page_with_neither_text_nor_article_links_is_a_source_error(server):
    url = server.route("/empty.html", "<html><body><nav><a href='/'>首页</a></nav></body></html>")
    with pytest.raises(SourceError, match="no article text and no article links"):
        read(url)
    url = server.route("/file.pdf", b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(SourceError, match=r"not an HTML page \(application/pdf\)"):
        read(url)


def test_a_short_page_without_article_links_is_still_an_article(server):
    url = server.route("/notice.html", "<html><head><title>停水通知</title></head><body>"
                                       "<p>3月12日上午8时至下午4时，因管道维修，幸福小区停止供水。</p></body></html>")
    (doc,) = read(url).documents
    assert doc.title == "停水通知" and "幸福小区停止供水" in doc.text


def test_the_second_read_of_an_unchanged_page_is_not_modified(server):
    url = server.route("/news/article.html", article_html("邻里节开幕"), last_modified="Mon, 10 Mar 2025 08:00:00 GMT")
    validators = MemoryValidators()
    (doc,) = read(url, validators=validators).documents
    second = read(url, validators=validators, known={doc.key: doc.content_hash})
    assert second.not_modified and second.documents == []
    assert server.requests_to("/news/article.html")[1].header("If-Modified-Since") == "Mon, 10 Mar 2025 08:00:00 GMT"


def test_known_linked_articles_are_asked_for_conditionally(server):
    article = server.route("/news/2025/03/a.html", article_html("邻里节3月15日开幕"), etag='"a1"')
    url = server.route("/news/index.html", listing_html([("/news/2025/03/a.html", "邻里节3月15日开幕")]))
    validators = MemoryValidators()
    (first,) = read(url, validators=validators).documents
    (second,) = read(url, validators=validators, known={article: first.content_hash}).documents
    assert second.key == article and second.text is None and second.title == "邻里节3月15日开幕"
    assert server.requests_to("/news/2025/03/a.html")[1].header("If-None-Match") == '"a1"'


@pytest.mark.parametrize(("content_type", "charset"), [
    ("text/html; charset=gb2312", None),  # header only
    ("text/html", "gb2312"),  # <meta charset> only
    ("text/html", None),  # nothing declared
])
def test_gbk_pages_decode(server, content_type, charset):
    body = BODY.replace("邻里节", "王堃邻里节")  # 堃 is GBK, not GB2312
    url = server.route("/gbk.html", article_html("邻里节开幕", body, charset=charset).encode("gbk"),
                       content_type=content_type)
    (doc,) = read(url).documents
    assert "王堃邻里节" in doc.text and doc.title == "邻里节开幕"


@pytest.mark.parametrize(("content_type", "charset"), [
    ("text/html; charset=big5", None),
    ("text/html", "big5"),
    ("text/html", None),
])
def test_big5_pages_decode(server, content_type, charset):
    url = server.route("/big5.html", article_html("防災演練", TRAD_BODY, charset=charset, chrome=TRADITIONAL_CHROME).encode("big5"),
                       content_type=content_type)
    (doc,) = read(url).documents
    assert "滅火器操作及急救教學" in doc.text and doc.title == "防災演練"


def test_a_gbk_listing_and_its_gbk_articles(server):
    body = BODY.replace("邻里节", "李喆邻里节")
    server.route("/news/2025/03/a.html", article_html("邻里节开幕", body, charset="gbk").encode("gbk"))
    url = server.route("/news/index.html", listing_html([("/news/2025/03/a.html", "邻里节3月15日开幕")], "gbk")
                       .encode("gbk"), content_type="text/html")
    (doc,) = read(url).documents
    assert "李喆邻里节" in doc.text


def test_page_errors_are_source_errors(server):
    url = server.route("/down.html", status=503)
    with pytest.raises(SourceError, match=r"HTTP 503 Service Unavailable \(2 attempts\)"):
        read(url)
    url = server.route("/big.html", article_html("大", BODY * 400))
    with pytest.raises(SourceError, match="larger than the 100000 bytes cap"):
        read(url, fast_client(max_bytes=100_000))


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-03-05", date(2025, 3, 5)),
    ("2025-03-05T23:30:00+08:00", date(2025, 3, 5)),
    ("2025-03-05T16:30:00Z", date(2025, 3, 6)),
    ("2025-03-05 10:20", date(2025, 3, 5)),
    ("2025-03-05-10:30:00", date(2025, 3, 5)),
    ("2025年3月5日 10:20", date(2025, 3, 5)),
    ("2025/3/5", date(2025, 3, 5)),
    ("20250305", date(2025, 3, 5)),
    ("Wed, 05 Mar 2025 20:00:00 +0000", date(2025, 3, 6)),
    ("March 5, 2025", date(2025, 3, 5)),
    ("", None),
    ("没有日期", None),
    ("2025-13-45", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_feed_dates_without_a_zone_are_local_and_cst_is_china():
    import feedparser

    def parsed(raw):
        return feedparser.parse(f"<rss><channel><item><pubDate>{raw}</pubDate></item></channel></rss>".encode()
                                ).entries[0]

    for raw, expected in [("Wed, 05 Mar 2025 20:00:00 +0000", date(2025, 3, 6)),
                          ("2025-03-05 20:00:00", date(2025, 3, 5)),
                          ("Wed, 05 Mar 2025 20:00:00 CST", date(2025, 3, 5)),
                          ("Wed, 05 Mar 2025 20:00:00 GMT", date(2025, 3, 6))]:
        entry = parsed(raw)
        assert feed_date(entry.get("published_parsed"), entry.get("published")) == expected, raw


def test_table_rows_read_as_labelled_lines(server):
    table = ("<table><tr><td>时间</td><td>3月8日上午9时</td></tr><tr><td>地点</td><td>区就业服务中心</td></tr>"
             "<tr><td>主办</td><td>区人社局</td><td>协办：各街道</td></tr></table>")
    url = server.route("/news/jobs.html", article_html("春季招聘会", extra=table))
    (doc,) = read(url).documents
    lines = doc.text.split("\n")
    assert "时间：3月8日上午9时" in lines and "地点：区就业服务中心" in lines
    assert "主办　区人社局　协办：各街道" in lines and not any(line.startswith("|") for line in lines)


def test_markup_stripping_takes_over_when_trafilatura_finds_nothing(server, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    url = server.route("/news/article.html", article_html("邻里节开幕"))
    (doc,) = read(url).documents
    assert doc.text.startswith("邻里节开幕\n本报讯 3月15日上午9时") and "首页" not in doc.text
    assert "主办" not in doc.text and "数字鸿沟" in doc.text


def test_an_unknown_source_type_is_a_source_error(tmp_path):
    source = SourceConfig(name="odd", type="ftp", location="ftp://example.org/")
    with pytest.raises(SourceError, match="unknown source type 'ftp'"):
        read_source(source, root=tmp_path)


def test_an_article_without_metadata_but_with_related_links_is_still_one_article(server):
    related = "".join(f'<li><a href="/news/2025/03/{n}.html">相关阅读：社区新闻第{n}篇报道</a></li>' for n in range(4))
    url = server.route("/news/2025/03/main.html", article_html("邻里节开幕", extra="", body=BODY + f"<ul>{related}</ul>"))
    (doc,) = read(url).documents
    assert doc.key == url and "数字鸿沟" in doc.text
    assert server.count("/news/2025/03/0.html") == 0
