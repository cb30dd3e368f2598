"""Folder sources: every article file under a folder, read, decoded and titled; bad files cost one line."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from calfeed.config import SourceConfig
from calfeed.sources import Document, SourceError, read_source
from calfeed.sources.folder import read_folder
from calfeed.sources.model import text_hash

READING = "社区读书会周六举行\n\n本报讯 3月8日上午9时，社区读书会在街道图书馆举行，欢迎居民参加。\n"
MARKDOWN = "# 春季义诊进社区\n\n3月15日上午，区中心医院医生将在文化广场为居民免费测量血压。\n"
HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>滨江公园健步走_社区新闻</title>
<meta property="article:published_time" content="2025-03-04T18:30:00+08:00"></head>
<body><nav><a href="/">首页</a> | <a href="/news">新闻</a></nav>
<article><h1>滨江公园健步走活动下周举行</h1>
<p>本报讯 3月15日上午8时，“春风健步走”活动将在滨江公园举行，预计三百名居民参加。</p>
<p>活动全程约五公里，沿途设有补给点和医疗服务站，报名可通过社区公众号进行。</p></article>
<footer>版权所有</footer></body></html>"""
SIMPLIFIED = "垃圾分类宣传周启动\n本报讯 街道于3月9日在社区广场启动垃圾分类宣传周，王堃、李喆等志愿者为居民讲解。\n"
TRADITIONAL = "里民防災演練\n本報訊 區公所將於3月20日下午在里民活動中心舉辦防災演練，歡迎里民踴躍參加。\n"


def folder_source(location: str = "articles", encoding: str | None = None) -> SourceConfig:
    return SourceConfig(name="local", type="folder", location=location, encoding=encoding)


def write(root: Path, relative: str, data: bytes | str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.fixture
def articles(tmp_path):
    return tmp_path / "articles"


def test_txt_md_and_html_files_are_read_sorted_with_titles(tmp_path, articles):
    write(articles, "reading.txt", READING)
    write(articles, "clinic.md", MARKDOWN)
    write(articles, "walk.html", HTML)
    listing = read_source(folder_source(), root=tmp_path)
    assert listing.complete and not listing.failures and not listing.not_modified
    assert [d.key for d in listing.documents] == ["clinic.md", "reading.txt", "walk.html"]
    clinic, reading, walk = listing.documents
    assert reading == Document(key="reading.txt", text=READING, title="社区读书会周六举行", path="reading.txt",
                               content_hash=text_hash(READING))
    assert clinic.title == "春季义诊进社区" and clinic.text == MARKDOWN and clinic.url is None
    assert walk.title == "滨江公园健步走活动下周举行"
    assert "春风健步走" in walk.text and "五公里" in walk.text
    assert "首页" not in walk.text and "版权所有" not in walk.text
    assert walk.published.isoformat() == "2025-03-04"
    assert walk.content_hash == text_hash(walk.text)


def test_nested_folders_give_posix_keys_and_hidden_or_other_files_are_skipped(tmp_path, articles):
    write(articles, "2025/03/reading.txt", READING)
    write(articles, "2025/clinic.MD", MARKDOWN)
    write(articles, ".hidden.txt", READING)
    write(articles, ".git/notes.txt", READING)
    write(articles, "drafts/.cache/old.txt", READING)
    write(articles, "reading.txt~", READING)
    write(articles, "photo.jpg", b"\xff\xd8\xff\xe0")
    write(articles, "notes.docx", b"PK\x03\x04")
    listing = read_source(folder_source(), root=tmp_path)
    assert [(d.key, d.path) for d in listing.documents] == [("2025/03/reading.txt", "2025/03/reading.txt"),
                                                            ("2025/clinic.MD", "2025/clinic.MD")]
    assert listing.failures == []


def test_gbk_and_big5_files_are_decoded(tmp_path, articles):
    write(articles, "gbk.txt", SIMPLIFIED.encode("gbk"))
    write(articles, "big5.txt", TRADITIONAL.encode("big5"))
    write(articles, "gbk.html", f"<html><head><meta charset='gb2312'><title>宣传周</title></head>"
                                f"<body><p>{SIMPLIFIED}</p></body></html>".encode("gbk"))
    listing = read_source(folder_source(), root=tmp_path)
    texts = {d.key: d.text for d in listing.documents}
    assert texts["gbk.txt"] == SIMPLIFIED and texts["big5.txt"] == TRADITIONAL
    assert "王堃、李喆等志愿者" in texts["gbk.html"]
    assert {d.key: d.title for d in listing.documents}["big5.txt"] == "里民防災演練"


def test_the_configured_encoding_overrides_detection(tmp_path, articles):
    # Two GBK characters are too few for detection, which reads them as Big5: only the config knows.
    data = "公告".encode("gbk")
    write(articles, "notice.txt", data)
    detected = read_source(folder_source(), root=tmp_path).documents[0].text
    configured = read_source(folder_source(encoding="gbk"), root=tmp_path).documents[0].text
    assert configured == "公告" != detected


def test_binary_empty_and_oversized_files_are_failures_and_the_rest_still_listed(tmp_path, articles):
    write(articles, "a.txt", READING)
    write(articles, "binary.txt", b"\x00\x01\x02\x03PNG\x00\x00" * 50)
    write(articles, "empty.md", b"")
    write(articles, "blank.txt", b"  \n\n ")
    write(articles, "images-only.html", "<html><body><img src='a.png'></body></html>")
    write(articles, "big.txt", READING * 40)
    write(articles, "z.md", MARKDOWN)
    listing = read_folder(folder_source(), tmp_path, max_bytes=1000)
    assert [d.key for d in listing.documents] == ["a.txt", "z.md"]
    reasons = dict(line.split(": ", 1) for line in listing.failures)
    assert reasons == {
        "big.txt": f"{len((READING * 40).encode())} bytes is larger than the 1000 bytes cap for one article",
        "binary.txt": "binary data, not text",
        "blank.txt": "empty file",
        "empty.md": "empty file",
        "images-only.html": "no text",
    }
    assert listing.complete


def test_a_stored_article_whose_file_turned_unreadable_is_kept_not_removed(tmp_path, articles):
    write(articles, "a.txt", READING)
    write(articles, "b.txt", b"\x00" * 100)
    listing = read_source(folder_source(), root=tmp_path, known={"a.txt": "x", "b.txt": "y", "gone.txt": "z"})
    assert [(d.key, d.text is None) for d in listing.documents] == [("a.txt", False), ("b.txt", True)]
    assert listing.failures == ["b.txt: binary data, not text"] and listing.complete


def test_an_unlistable_subfolder_makes_the_listing_incomplete(tmp_path, articles, monkeypatch):
    write(articles, "a.txt", READING)
    write(articles, "locked/b.txt", READING)
    locked = articles / "locked"
    real_scandir = os.scandir

    def scandir(path="."):  # what chmod 000 does, for a test that runs as root too
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    listing = read_source(folder_source(), root=tmp_path, known={"a.txt": "x", "locked/b.txt": "y"})
    assert [d.key for d in listing.documents] == ["a.txt"]
    assert not listing.complete  # so locked/b.txt is not taken for removed
    assert listing.failures == ["locked/: cannot read folder: Permission denied"]


def test_a_missing_folder_or_a_file_in_its_place_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match=r"articles: folder not found"):
        read_source(folder_source(), root=tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(SourceError, match="not a folder"):
        read_source(folder_source("file"), root=tmp_path)


def test_relative_locations_resolve_against_root_and_absolute_ones_stand(tmp_path, articles):
    write(articles, "a.txt", READING)
    assert read_source(folder_source(str(articles)), root=Path("/nonexistent")).documents[0].key == "a.txt"
    assert read_source(folder_source("articles"), root=tmp_path).documents[0].key == "a.txt"


def test_an_empty_folder_is_an_empty_complete_listing(tmp_path, articles):
    articles.mkdir()
    listing = read_source(folder_source(), root=tmp_path)
    assert listing.documents == [] and listing.complete
