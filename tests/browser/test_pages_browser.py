"""A resident's path through the site in headless Chromium: list, filter, search, event, month view."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PHONE = {"width": 390, "height": 844}


def screenshot(tab, name: str) -> Path:
    """Saved under tests/artifacts/ for people (and CI) to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    tab.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def item_titles(page) -> list[str]:
    return [text.strip() for text in page.locator("li.event h3").all_inner_texts()]


def test_listing_loads_with_upcoming_events_and_a_screenshot(page, site):
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "测试社区日历"
    assert page.locator("section.upcoming li.event").count() == 20
    assert item_titles(page)[0] == "百年老照片展"
    # The stylesheet applied under the CSP: the filter form is laid out as a grid.
    assert page.locator("form.filters").evaluate("form => getComputedStyle(form).display") == "grid"
    screenshot(page, "index.png")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "index-phone.png")


def test_filter_by_category(page, site):
    page.goto("/")
    page.select_option("#f-category", "exhibition")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?category=exhibition*")
    assert item_titles(page) == ["百年老照片展"]
    assert page.locator("li.event .category").all_inner_texts() == ["展览"]
    webcal = page.locator("section.subscribe a.webcal").get_attribute("href")
    assert webcal == f"webcal://{site.base.split('://')[1]}/calendar.ics?category=exhibition"


def test_search_open_event_see_evidence_and_links(page, site):
    page.goto("/")
    page.fill("#f-q", "邻里节")
    page.press("#f-q", "Enter")
    page.wait_for_url("**/?q=*")
    assert item_titles(page) == ["社区邻里节"]
    page.click("li.event h3 a")
    page.wait_for_url("**/events/*")
    mark = page.locator("blockquote.excerpt mark")
    day = site.sample.festival_day
    assert mark.inner_text().startswith(f"街道将于{day.month}月{day.day}日下午2点")
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.locator("a.article-link").get_attribute("href") == "http://news.test/yangpu/festival"
    assert page.locator("section.add a.google").get_attribute("href").startswith(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&")
    assert page.locator("section.add a.outlook").get_attribute("href").startswith(
        "https://outlook.live.com/calendar/0/deeplink/compose?")
    assert page.locator("section.add a.ics").get_attribute("href").endswith(".ics")
    assert page.locator("section.subscribe a.webcal").get_attribute("href").startswith("webcal://")
    assert page.locator("section.subscribe a.google").get_attribute("href").startswith(
        "https://calendar.google.com/calendar/render?cid=webcal")
    data = json.loads(page.locator("script[type='application/ld+json']").text_content())
    assert data["name"] == "社区邻里节" and data["location"]["name"] == "五角场广场"
    screenshot(page, "event.png")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "event-phone.png")


def test_hostile_article_is_text_and_runs_nothing(page, site):
    page.goto("/?category=meeting")
    page.click("li.event h3 a")
    page.wait_for_url("**/events/*")
    assert page.locator("h1").inner_text() == "<script>alert('title')</script>安全讲座"
    assert "<script>alert('article')</script>" in page.locator("blockquote.excerpt").inner_text()
    assert page.locator("main img, main b, body script:not([type='application/ld+json'])").count() == 0
    # The page fixture fails the test if any alert() ran.


def test_month_view_spans_days_and_moves_between_months(page, site):
    start, end = site.sample.exhibition
    page.goto("/?category=exhibition")
    page.click("text=按月历查看")
    page.wait_for_url("**/calendar/**")
    today = site.sample.today
    assert page.locator("h1").inner_text() == f"{today.year}年{today.month}月"
    cells = page.locator("td.day", has_text="百年老照片展")
    in_month = [day for day in (start, end) if (day.year, day.month) == (today.year, today.month)]
    assert cells.count() >= 2 and in_month
    screenshot(page, "month.png")
    page.click("a[rel=next]")
    following = (today.year + today.month // 12, today.month % 12 + 1)
    page.wait_for_url(f"**/calendar/{following[0]}/{following[1]}?category=exhibition")
    assert page.locator("h1").inner_text() == f"{following[0]}年{following[1]}月"
    page.set_viewport_size(PHONE)
    page.goto(f"/calendar/{today.year}/{today.month}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "month-phone.png")


def test_traditional_toggle_is_remembered(page, site):
    page.goto("/")
    page.click("nav.scripts a[lang='zh-Hant']")
    assert page.locator("#upcoming-heading").inner_text() == "進行中和即將開始"
    page.click("nav a[href='/sources']")
    assert page.locator("h1").inner_text() == "來源"
    assert page.locator("html").get_attribute("lang") == "zh-Hant"


def test_bad_query_shows_a_400_page(page, site):
    response = page.goto("/?from=2025-13-45")
    assert response.status == 400
    assert page.locator("code.parameter").inner_text() == "from"
    page.problems.clear()  # Chromium logs the 400 status itself as a console error
