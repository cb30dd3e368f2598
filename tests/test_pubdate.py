"""Publication date: dated header, label, dateline, caller, or inferred year."""
from datetime import date

import pytest

from extract import extract_events


def published(text, caller=None):
    result = extract_events(text, published=caller)
    return result.published, result.published_source, result.year


def test_dated_header_wins_over_the_caller():
    text = "2024年 6月4日 星期二\n\n本报讯 6月1日,社区举办纳凉晚会。"
    assert published(text, date(2024, 6, 10)) == (date(2024, 6, 4), "text", 2024)


def test_label_on_a_web_page():
    assert published("某区举办活动\n发布时间：2025-03-08 10:20 来源：区融媒体中心\n正文。")[:2] == (date(2025, 3, 8), "text")


def test_dateline_takes_the_callers_year():
    text = "新华社上海5月5日电 5月4日，市民运动会在体育场开幕。"
    assert published(text, date(2025, 5, 6))[:2] == (date(2025, 5, 5), "text")


def test_caller_when_the_text_has_no_date():
    assert published("社区举办晚会。", date(2025, 1, 2)) == (date(2025, 1, 2), "caller", 2025)


def test_inferred_year_of_a_plan_for_next_year():
    text = "本报讯 12月10日,区委召开会议,谋划2026年工作。明年,街道将继续推进。2026年,区文旅局将新建书店。"
    assert published(text) == (None, "inferred", 2025)


def test_inferred_year_from_this_years_projects_and_last_years_awards():
    text = "会上颁发了2024年度优秀案例奖项,并启动2025年度重点项目。2025年,街道将建成新的步道。"
    assert published(text) == (None, "inferred", 2025)


def test_countdown_years():
    assert published("距离2030年目标完成还有五年时间。")[2] == 2025


def test_historical_dates_do_not_date_the_article():
    assert published("1949年5月27日上海解放,他曾在这里生活。") == (None, None, None)


def test_header_with_page_and_section():
    text = "2025年3月11日 星期二　第3版　民生\n\n本报讯 3月6日，社区议事会召开。"
    assert published(text)[:2] == (date(2025, 3, 11), "text")


def test_minguo_header():
    text = "中華民國114年3月5日　星期三　地方新聞\n\n【記者王小明／台中報導】區公所3月8日舉辦植樹活動。"
    assert published(text)[:2] == (date(2025, 3, 5), "text")


def test_no_year_anywhere_but_a_festival_with_its_date():
    # 中秋 fell on 10月6日 in 2025: with a 9月25日電 dateline the page is dated 2025-09-25
    text = "9月25日電　社區消息\n\n【本報消息】綵燈會將於10月1日起至10月12日舉行，中秋節當晚（10月6日）有演出。"
    assert published(text) == (date(2025, 9, 25), "text", 2025)


def test_no_year_anywhere_but_a_weekday():
    _, source, year = published("本报讯 10月25日（星期六）下午，社区举办敬老活动。")
    # the latest year, up to next year, in which 10月25日 is a Saturday
    latest = max(y for y in range(date.today().year - 12, date.today().year + 2) if date(y, 10, 25).weekday() == 5)
    assert (source, year) == ("inferred", latest)


def _latest(month, day, weekday):
    return max(y for y in range(date.today().year - 12, date.today().year + 2) if date(y, month, day).weekday() == weekday)


@pytest.mark.parametrize("listing", [
    "• 1月11日（六）下午2時30分，親子剪紙。\n\n• 2月22日（六）下午3時，義工嘉許禮。",
    "• 1/11（六）下午2時30分，親子剪紙。\n\n• 2/22（六）下午3時，義工嘉許禮。",
    # one misprinted weekday among three does not hide the year the others agree on
    "• 1月11日（六）親子剪紙。\n\n• 2月22日（六）義工嘉許禮。\n\n• 2月23日（六）盆菜宴。",
])
def test_a_listing_with_bare_weekdays_gives_the_year_to_every_date(listing):
    text = f"中心通訊\n\n{listing}\n\n溫馨提示\n\n中心於1月28日至31日暫停開放。"
    year = _latest(1, 11, 5)
    assert published(text)[1:] == ("inferred", year)
    closed = [e for e in extract_events(text).events if "暫停開放" in e.title]
    assert [(e.start, e.end) for e in closed] == [(date(year, 1, 28), date(year, 1, 31))]


@pytest.mark.parametrize("text, day", [
    ("静安区举办秋季讲座\n原创 静安发布　2025-09-10 18:02　发表于上海\n9月13日，社区举办讲座。", date(2025, 9, 10)),
    ("社区举办讲座\n2025-09-10 18:02\n9月13日，社区举办讲座。", date(2025, 9, 10)),
    ("社区举办讲座\n来源：区融媒体中心 时间：2025-06-05\n6月8日，社区举办讲座。", date(2025, 6, 5)),
    ("社区举办讲座\n日期：2025年3月5日\n3月8日，社区举办讲座。", date(2025, 3, 5)),
    ("社區舉辦講座\n發布日期：2025年3月5日\n3月8日，社區舉辦講座。", date(2025, 3, 5)),
    # a Taiwan label counts years of the Republic without saying 民國
    ("社區舉辦講座\n發布日期：114年3月5日\n3月8日，社區舉辦講座。", date(2025, 3, 5)),
    # metadata in another language: dateparser reads month names
    ("社区举办讲座\n发布时间：March 5, 2025\n3月8日，社区举办讲座。", date(2025, 3, 5)),
    # a Hong Kong press release dated at its foot
    ("長者講座本月舉行\n民政事務處將於本月22日舉辦講座。\n完\n2025年3月5日（星期三）\n香港時間15時30分", date(2025, 3, 5)),
    ("長者講座本月舉行\n民政事務處將於本月22日舉辦講座。\n2025年3月5日（星期三）", date(2025, 3, 5)),
])
def test_bylines_labels_and_footers_date_the_page(text, day):
    assert published(text)[:2] == (day, "text")


@pytest.mark.parametrize("text, day", [
    # closing credits
    ("社区举办讲座\n11月8日，社区举办讲座。\n编辑：李想｜校对：王琳｜2024年11月12日", date(2024, 11, 12)),
    # a metadata line under the headline, with the page's chrome
    ("社区举办讲座\n\n2025-02-18 14:05　来源：区委宣传部　【字体：大 中 小】　【打印本页】\n\n2月22日，社区举办讲座。",
     date(2025, 2, 18)),
])
def test_credits_and_metadata_lines_date_the_page(text, day):
    assert published(text)[:2] == (day, "text")


def test_an_event_date_opening_the_body_is_not_the_publication_date():
    assert published("社区举办讲座\n2025年3月8日，社区举办讲座，居民踊跃参加。")[1] != "text"


def test_history_passages_do_not_date_the_article():
    text = ("浦东开发开放35周年系列活动启动\n回望历史\n1990年4月18日，党中央宣布开发开放浦东。\n"
            "今年，新区将于10月25日起举办浦东文化周，为期一周。")
    result = extract_events(text)
    assert result.year == 2025
    assert [(str(e.start), str(e.end)) for e in result.events] == [("2025-10-25", "2025-10-31")]


@pytest.mark.parametrize("history", ["本届文化节自1984年起舉辦，今年已是第41屆。", "该活动始于1990年，已连续举办多年。",
                                     "文化节创办于1998年。", "1985年举办首届文化节。", "第三屆文化节始于2001年。"])
def test_a_founding_year_never_dates_the_page(history):
    text = f"社区文化节开幕\n\n{history}11月15日上午9时，文化节在区文化馆开幕。"
    assert published(text)[2] is None
    (event,) = extract_events(text, published=date(2025, 10, 20)).events
    assert event.start.year == 2025


def test_a_year_a_rule_starts_is_no_founding_year():
    assert published("自2026年起，社区将全面推行垃圾分类。3月5日，社区召开动员会。")[2] == 2026


@pytest.mark.parametrize("footer", ["区文化局\n2025年4月15日", "（二〇二五年四月十五日）", "15/04/2025", "新聞稿 2025-04-15"])
def test_a_press_release_footer_dates_the_page_over_a_founding_year(footer):
    text = f"社区文化节开幕\n\n该活动创办于1998年。11月15日上午9时，文化节在区文化馆开幕。\n\n{footer}"
    assert published(text) == (date(2025, 4, 15), "text", 2025)


@pytest.mark.parametrize("text, year", [
    ("2024綠川藝文季登場\n\n文化局今日公布系列活動，5月11日舉行音樂會。綠川自107年完工。", 2024),
    ("「月滿觀塘2022」中秋綵燈晚會\n\n晚會將於中秋節當晚舉行。", 2022),
    # a history year elsewhere does not outvote the edition the headline names
    ("2025南湖端午民俗文化节活动一览\n\n文化节将于5月29日至6月2日举行。据了解，端午节于2009年入选联合国非遗名录。", 2025),
])
def test_the_year_an_occasions_name_carries_is_the_pages(text, year):
    assert extract_events(text).year == year


def test_a_taiwan_label_date_with_dashes_counts_years_of_the_republic():
    text = "臺中市政府新聞稿\n發布日期：113-05-03\n\n文化局今（3）日舉行記者會。"
    assert published(text) == (date(2024, 5, 3), "text", 2024)


def test_a_misprinted_leap_day_does_not_cost_the_common_years_their_other_dates():
    # 2月29日（日） exists in no common year; the two Sundays after it still pick the latest year they fit
    text = "中心通訊\n\n• 2月29日（日）親子剪紙。\n\n• 3月8日（日）義工嘉許禮。\n\n• 3月15日（日）盆菜宴。"
    latest = max(y for y in range(date.today().year - 12, date.today().year + 2) if date(y, 3, 8).weekday() == 6)
    assert published(text)[1:] == ("inferred", latest)
