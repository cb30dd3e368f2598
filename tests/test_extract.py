"""Whole articles to events: which dates are events, and their title, place and category."""
from datetime import date, datetime

import pytest

from extract import extract_events

PAGE = """2025年 3月4日 星期二

第12期

## 社区运动会本周六开幕

■记者 陈晨

本报讯 3月8日（星期六）上午9时，区第五届社区运动会将在区体育中心开幕，比赛为期3天。咨询电话：62345678。

据悉，运动会设置健步走、跳绳等项目，报名时间为即日起至3月6日。

## 春季花展开幕 市民赏花正当时

■记者 林青

本报讯 昨天，“春满江南”花展在中山公园开幕，展出将持续到4月20日。

公园始建于1914年。1949年5月27日，这里曾迎来解放。今年9月，公园还将举办菊展。这段视频发布于3月1日，浏览量已超过十万。
"""


def events(text, published=None):
    return extract_events(text, published=published).events


def by_title(found, word):
    (event,) = [e for e in found if word in e.title]
    return event


def test_page_events_are_found_with_dates_times_and_places():
    found = events(PAGE)
    (games,) = [e for e in found if e.title == "区第五届社区运动会"]
    assert (games.start, games.end, games.all_day) == (datetime(2025, 3, 8, 9, 0), datetime(2025, 3, 10, 23, 59), False)
    assert games.location == "区体育中心" and games.category == "sports"
    flowers = by_title(found, "花展")
    assert (flowers.start, flowers.end, flowers.location) == (date(2025, 3, 3), date(2025, 4, 20), "中山公园")
    assert flowers.category in ("exhibition", "festival")
    (signup,) = [e for e in found if e.start == date(2025, 3, 4)]
    assert signup.end == date(2025, 3, 6) and signup.title == "区第五届社区运动会报名"


def test_non_events_on_the_page_are_left_out():
    starts = {e.start if isinstance(e.start, date) else e.start.date() for e in events(PAGE)}
    assert date(1949, 5, 27) not in starts  # history
    assert date(2025, 3, 1) not in starts  # when a video was published
    assert date(2025, 3, 4) in starts and len(starts) == 3  # the header date is not an event; 今年9月 has no day


def test_evidence_is_the_dating_sentence():
    (games,) = [e for e in events(PAGE) if e.title == "区第五届社区运动会"]
    assert games.evidence.startswith("本报讯3月8日（星期六）上午9时") and games.evidence.endswith("比赛为期3天。")


def test_traditional_script_keeps_its_script():
    text = "康文署將於2025年3月15日（星期六）下午2時至5時在香港中央圖書館舉辦「閱讀嘉年華」，免費入場。"
    (event,) = events(text)
    assert event.title == "閱讀嘉年華" and event.location == "香港中央圖書館"
    assert (event.start, event.end) == (datetime(2025, 3, 15, 14), datetime(2025, 3, 15, 17))


def test_an_event_only_referred_to_takes_its_name_from_earlier():
    text = ("本报讯 区文化馆近日举办“城市记忆”摄影作品展，展出百余幅作品。\n\n"
            "作品记录了老城区的变化。\n\n展览将持续到5月31日。")
    (event,) = events(text, date(2025, 4, 10))
    assert "摄影作品展" in event.title and event.location == "区文化馆"
    assert (event.start, event.end, event.category) == (date(2025, 4, 10), date(2025, 5, 31), "exhibition")


def test_repeated_mentions_are_one_event():
    text = "本报讯 6月1日，儿童节游园会在区少年宫举行。6月1日当天，游园会吸引了上千组家庭参加。"
    assert len(events(text, date(2025, 6, 2))) == 1


def test_service_going_online():
    text = "本报讯 区政务服务中心推出的“一网通办”自助终端已于4月27日正式上线，居民可就近办理业务。"
    (event,) = events(text, date(2025, 5, 3))
    assert event.start == date(2025, 4, 27) and event.category == "service" and "上线" in event.title


def test_visit_before_a_festival():
    text = "本报讯 重阳节前夕，区领导赴区社会福利院走访慰问老人，送上节日祝福。"
    (event,) = events(text, date(2024, 10, 12))
    assert event.start == date(2024, 10, 10) and event.category == "visit" and event.location == "区社会福利院"


def test_a_festival_beside_an_explicit_date_is_context():
    text = "本报讯 10月9日，重阳佳节到来之际，街道志愿者走访慰问独居老人。"
    assert [e.start for e in events(text, date(2024, 10, 12))] == [date(2024, 10, 9)]


def test_a_festival_whose_arrangements_are_still_to_come_is_no_date():
    text = "本报讯 区图书馆新馆将于下月开放，春节期间开放时间另行公告。"
    assert events(text, date(2025, 12, 2)) == []
    text = "本报讯 区图书馆将在春节期间举办书法展，开放时间另行公告。"  # the clause of the date says nothing of it
    assert [e.start for e in events(text, date(2025, 12, 2))] == [date(2026, 2, 17)]


def test_statistics_as_of_a_date_are_not_events():
    text = "截至3月31日，全区累计接种服务超过十万人次。"
    assert events(text, date(2025, 4, 2)) == []


@pytest.mark.parametrize("text", [
    "本周六上午9时，社区将在中心广场举办迎春游园会。如遇雨天，活动顺延至下周六。",
    "本周六上午9时，社区将在中心广场举办迎春游园会，雨天顺延至1月26日。",
    "本週六上午9時，社區將在中心廣場舉辦迎春遊園會。如遇惡劣天氣，活動將改於2月8日（六）舉行。",
])
def test_a_fallback_day_for_bad_weather_is_no_event(text):
    (event,) = events(text, date(2025, 1, 20))
    assert event.start == datetime(2025, 1, 25, 9, 0)


def test_a_postponement_is_the_new_day():
    (event,) = events("原定于1月18日举行的迎春长跑因天气原因延期至2月8日举行。", date(2025, 1, 10))
    assert event.start == date(2025, 2, 8)


@pytest.mark.parametrize("text", [
    "原定3月8日举行的春季长跑因场地维修取消。",
    "亲子手工课原定3月8日举行，因老师行程调整改期，具体时间另行通知。",
])
def test_the_first_day_of_an_occasion_called_off_or_moved_is_no_event(text):
    assert events(text, date(2025, 3, 1)) == []


def test_an_occasion_moved_in_traditional_script_is_on_its_new_day():
    (event,) = events("原定於3月8日舉行的讀書會，因講者行程調整，改於3月15日（星期六）下午2時舉行。", date(2025, 3, 1))
    assert event.start == datetime(2025, 3, 15, 14, 0)


def test_the_day_news_was_announced_is_no_event():
    found = events("市文化局今（20）日宣布，「春耕藝術季」將於3月28日起至4月26日在五結鄉舉行。", date(2026, 3, 20))
    assert [(e.start, e.end) for e in found] == [(date(2026, 3, 28), date(2026, 4, 26))]


def test_a_call_off_for_a_typhoon_is_no_occasion():
    text = ("（一）海灘清潔日將於5月23日上午9時在海濱長廊舉行。\n\n（二）參加者請穿著輕便服裝。\n\n"
            "（三）如遇八號或以上颱風信號或黑色暴雨警告，當日活動將會取消，本會另行通知。")
    assert [e.start for e in events(text, date(2026, 5, 8))] == [datetime(2026, 5, 23, 9, 0)]


def test_a_named_programmes_run_stays_beside_its_dated_items():
    text = ("今年重阳节前后，全区将推出一系列敬老活动。“金秋敬老月”系列活动即日起至11月15日举行。\n\n"
            "10月20日，社区举办重阳文艺汇演。\n\n10月22日，社区卫生服务中心开展重阳义诊。")
    found = events(text, date(2026, 10, 14))
    run = by_title(found, "敬老月")
    assert (run.start, run.end) == (date(2026, 10, 14), date(2026, 11, 15))


def test_a_walk_setting_off_from_a_place_is_named_by_its_subject():
    (event,) = events("本周六上午8时，“登高敬老”健步走活动将从东门广场出发。", date(2026, 10, 14))
    assert (event.title, event.location) == ("“登高敬老”健步走活动", "东门广场")


def test_a_programmes_item_numbers_name_nothing_and_its_block_gives_the_place():
    text = ("社区端午活动来啦！\n\n活动地点：社区广场\n\n▶ 活动一｜龙舟邀请赛\n📅时间：5月31日上午9:00\n📍地点：亲水平台\n\n"
            "▶ 活动二｜本周六（24日）“书香端午”读书会\n📅时间：9:30—11:00\n📍地点：社区图书角\n")
    found = events(text, date(2025, 5, 21))
    assert {(e.title, e.location) for e in found} >= {("龙舟邀请赛", "亲水平台"), ("“书香端午”读书会", "社区图书角")}


def test_a_programme_table_of_numbered_parts_with_date_and_time_lines():
    text = ("「春日同樂」社區文娛節目　節目表\n\n康文署與區議會於四月合辦系列節目，全部免費入場。\n\n"
            "【節目一】親子手工坊\n日期：2026年4月11日（星期六）\n時間：下午二時正至四時正\n地點：沙田公園\n備註：須預先報名，每場名額30個家庭\n\n"
            "【節目二】社區攝影展\n日期：2026年4月10日（星期五）至4月26日（星期日）\n時間：每日上午10時正至晚上8時正\n地點：沙田大會堂展覽廳\n"
            "備註：原定於3月28日（星期六）開幕，因場地維修改於上述日期舉行\n\n"
            "注意事項\n1. 如天文台於活動開始前發出黃色或以上暴雨警告信號，當日活動將會取消。")
    found = events(text, date(2026, 3, 12))
    assert [(e.title, e.start, e.end, e.location) for e in found] == [
        ("親子手工坊", datetime(2026, 4, 11, 14, 0), datetime(2026, 4, 11, 16, 0), "沙田公園"),
        ("社區攝影展", datetime(2026, 4, 10, 10, 0), datetime(2026, 4, 26, 23, 59), "沙田大會堂展覽廳"),
    ]


def test_a_notices_date_under_a_time_heading_needs_no_verb():
    text = ("关于中山路夜间施工期间实施交通管制的通告\n\n一、管制时间\n\n8月18日至9月30日，每日22时至次日5时。\n\n"
            "二、管制范围\n\n中山路东段全封闭施工。")
    found = events(text, date(2025, 8, 12))
    assert [(e.start, e.end) for e in found] == [(date(2025, 8, 18), date(2025, 9, 30))]


def test_a_holiday_a_plan_takes_into_account_is_no_date():
    text = "结合2026年春节假期安排，现将图书馆服务调整公告如下：\n\n一、2月16日至18日闭馆。\n\n二、2月19日起恢复开放。"
    found = events(text, date(2025, 12, 26))
    assert sorted(e.start for e in found) == [date(2026, 2, 16), date(2026, 2, 19)]


@pytest.mark.parametrize("text, place", [
    ("本报讯（记者 王明）去年12月29日，区政务服务中心新大厅正式启用。", "区政务服务中心新大厅"),
    ("區公所將於10月24日上午8時30分在9號登山步道入口集合，舉辦「重陽登高健行活動」。", "9號登山步道入口"),
])
def test_places_of_an_opening_after_a_byline_and_of_a_gathering(text, place):
    (event,) = events(text, date(2026, 1, 5) if "去年" in text else date(2026, 10, 15))
    assert event.location == place


def test_a_list_items_bare_name_titles_the_dated_sentence_after_it():
    text = ("关于举办春季全民健身活动的通知\n\n（一）少儿轮滑公益培训。4月5日—12日在区体育馆分两期开展，免费提供护具。\n\n"
            "（二）闭幕式暨表彰。4月20日下午3时在区文化中心剧场举行。")
    found = events(text, date(2025, 3, 20))
    training, closing = by_title(found, "轮滑"), by_title(found, "闭幕式")
    assert (training.title, training.location, training.end) == ("少儿轮滑公益培训", "区体育馆", date(2025, 4, 12))
    assert (closing.title, closing.start) == ("闭幕式暨表彰", datetime(2025, 4, 20, 15, 0))


def test_a_place_named_after_history_is_no_history():
    (event,) = events("9月29日上午，江汉区在解放公园举行植树活动。", date(2025, 9, 30))
    assert (event.start, event.location) == (date(2025, 9, 29), "解放公园")


def test_history_in_the_next_paragraph_does_not_undo_an_exhibitions_run():
    text = ("本报讯 4月12日，社区美育作品展在社区美术馆开幕。展览汇集作品130余件，展出将持续到5月18日，周一闭馆。\n"
            "这座美术馆由建于1998年的老粮站改建而成。")
    (event,) = events(text, date(2025, 4, 15))
    assert (event.start, event.end) == (date(2025, 4, 12), date(2025, 5, 18))


def test_a_festival_naming_a_notices_part_is_no_date_when_the_part_gives_one():
    text = "關於春季活動的公告\n\n二、兒童節親子嘉年華\n\n時間：4月4日（六）14:00-17:00\n地點：運動公園\n"
    assert [(e.title, e.start) for e in events(text, date(2026, 3, 5))] == [
        ("兒童節親子嘉年華", datetime(2026, 4, 4, 14, 0))]


def test_a_day_inside_a_parts_span_is_that_span():
    text = ("（三）年宵市場\n\n日期：2月10日（二）至2月16日（一）\n"
            "時間：每日中午12時至晚上11時，除夕（2月16日）延長至翌日凌晨6時\n地點：源禾路遊樂場\n")
    assert [(e.title, e.start, e.end) for e in events(text, date(2026, 1, 15))] == [
        ("年宵市場", date(2026, 2, 10), date(2026, 2, 16))]


def test_undated_article_uses_the_year_it_mentions():
    text = "本报讯 12月7日至8日，区委召开学习讨论会，谋划2026年工作。明年，街道将新建三座口袋公园。"
    (event,) = events(text)
    assert (event.start, event.end, event.category) == (date(2025, 12, 7), date(2025, 12, 8), "meeting")
    assert event.title == "区委学习讨论会"


def test_hostile_text_stays_text():
    text = "<script>alert(1)</script>本报讯 3月8日，\x07居民议事会在社区中心召开；\n会上讨论了停车问题。"
    (event,) = events(text, date(2025, 3, 9))
    assert "<script>" not in event.title + event.evidence and "\x07" not in event.evidence


REGIONS = """【台北訊】臺北市政府文化局將於114年3月22日（六）上午10時至下午4時，在華山文創園區舉辦「城市閱讀節」，免費入場。

澳門民政總署表示，第三十屆澳門國際煙花比賽匯演將於9月7日、14日、21日、10月1日及6日晚上9時舉行。

香港康樂及文化事務署轄下的香港文化博物館正舉行「瓷器珍品展」，展期至2025年6月30日。

据悉，本次马拉松定于4月13日7时30分在世纪公园鸣枪开跑，报名将于3月10日10:00开启，截止时间为3月20日。
"""


def test_taiwan_hong_kong_and_macau_styles():
    found = {e.title: e for e in events(REGIONS, date(2025, 3, 5))}
    reading = found["城市閱讀節"]
    assert (reading.start, reading.end, reading.location) == (datetime(2025, 3, 22, 10), datetime(2025, 3, 22, 16), "華山文創園區")
    fireworks = sorted(e.start if isinstance(e.start, date) and not isinstance(e.start, datetime) else e.start.date()
                       for e in events(REGIONS, date(2025, 3, 5)) if "煙花" in e.title)
    # 將於: still to come, so this year's September and October, in list order
    assert fireworks == [date(2025, 9, 7), date(2025, 9, 14), date(2025, 9, 21), date(2025, 10, 1), date(2025, 10, 6)]
    porcelain = found["瓷器珍品展"]
    assert (porcelain.start, porcelain.end, porcelain.location) == (date(2025, 3, 5), date(2025, 6, 30), "香港文化博物館")


def test_registration_is_its_own_event_with_its_deadline():
    found = {e.title: e for e in events(REGIONS, date(2025, 3, 5))}
    assert found["马拉松"].start == datetime(2025, 4, 13, 7, 30) and found["马拉松"].location == "世纪公园"
    assert (found["马拉松报名"].start, found["马拉松报名"].end) == (datetime(2025, 3, 10, 10), datetime(2025, 3, 20, 23, 59))


NOTICES = """区图书馆定于2025年3月8日（星期六）上午9:00-11:30在三楼多功能厅举办“阅读与城市”主题讲座，欢迎市民报名参加。

自3月1日起，区行政服务中心周六延时服务窗口增加至10个，市民可办理社保、医保等业务。

在3月4日召开的区政府常务会议上，区长强调要做好春季防火工作。

记者从区文旅局获悉，第十届滨江灯光节将于春节期间亮灯，持续至元宵节。

今年1月至2月，全区共接待游客120万人次，同比增长15%。
"""


def test_notices_services_and_festival_spans():
    found = {e.start if not isinstance(e.start, datetime) else e.start.date(): e for e in events(NOTICES, date(2025, 3, 5))}
    assert sorted(found) == [date(2025, 3, 1), date(2025, 3, 4), date(2025, 3, 8), date(2026, 2, 17)]
    # a sentence without an event name does not borrow the lecture from another paragraph
    assert "讲座" not in found[date(2025, 3, 1)].title and found[date(2025, 3, 1)].category == "service"
    assert found[date(2025, 3, 4)].title == "区政府常务会议"
    lights = found[date(2026, 2, 17)]
    assert (lights.end, lights.title, lights.category) == (date(2026, 3, 3), "第十届滨江灯光节", "festival")


def test_web_page_with_a_dated_line_under_its_headline():
    html = ("<html><body><nav>首页 | 新闻</nav><h1>社区义诊进楼道</h1><p>2025年5月10日 10:00</p>"
            "<p>5月9日上午，街道社区卫生服务中心医生走进长寿小区，为居民开展义诊。</p></body></html>")
    result = extract_events(html)
    assert (result.published, result.published_source) == (date(2025, 5, 10), "text")
    (event,) = result.events
    assert (event.title, event.start, event.location) == ("社区义诊进楼道", date(2025, 5, 9), "长寿小区")


ANNIVERSARY = """2024年 11月5日 星期二

## 老城厢迎来百年纪念

本报讯 1924年11月3日，这座石库门建筑正式落成。11月3日，街道在此举办百年纪念活动，居民代表参加了纪念仪式。

据介绍，该建筑2019年完成修缮，2022年起对外开放。

## 区人大常委会召开第二十三次会议

本报讯 昨天下午，区人大常委会召开第二十三次会议，审议通过了有关决定。
"""


def test_history_and_the_organiser_of_a_meeting():
    found = events(ANNIVERSARY)
    assert [(e.start, e.title) for e in found] == [
        (date(2024, 11, 3), "街道百年纪念活动"),  # not 1924, and 在此 is not part of the organiser
        (date(2024, 11, 4), "区人大常委会第二十三次会议"),  # organiser + the meeting it held, 昨天 = the day before
    ]


def test_a_festival_inside_a_quoted_name_is_not_a_date():
    text = "【本報訊】義工隊將於10月25日（星期六）在社區會堂舉辦「重陽敬老同樂日」。"
    (event,) = events(text, date(2025, 10, 20))
    assert (event.start, event.title) == (date(2025, 10, 25), "重陽敬老同樂日")


def _on(found, day):
    return [e for e in found if (e.start.date() if isinstance(e.start, datetime) else e.start) == day]


def test_a_run_until_extends_the_event_dated_just_before():
    text = ("本报讯 3月8日，“水乡记忆”书画展在区文化馆开幕，共展出作品八十余件。展出将持续到4月20日，免费参观。\n"
            "又讯 3月9日，区图书馆举办亲子阅读会。报名截至3月7日。")
    found = events(text, date(2025, 3, 10))
    show = [e for e in found if "书画展" in e.title]
    assert [(e.start, e.end) for e in show] == [(date(2025, 3, 8), date(2025, 4, 20))]
    # a deadline is its own date, never the end of the event before it
    assert not any(e.end == date(2025, 3, 7) and e.start == date(2025, 3, 9) for e in found)


def test_two_events_on_one_day_in_different_parts_stay_two():
    text = """八月社区活动安排
发布时间：2024-08-06 15:40

海边音乐会

8月10日（星期六）下午6时，社区音乐会将在海滨广场举行。

七夕市集

8月10日恰逢七夕节，街道将在文化街区举办七夕主题市集，活动时间为上午10时至晚上8时。
"""
    titles = sorted(e.title for e in _on(events(text), date(2024, 8, 10)))
    assert len(titles) == 2 and any("音乐会" in t for t in titles) and any("市集" in t for t in titles)


def test_a_date_and_its_festival_in_one_sentence_are_one_event():
    text = "二、3月8日（周六）上午8:30-11:00，中心将在文化广场开展“三八”妇女节健康义诊，免费参加。"
    (event,) = events(text, date(2025, 2, 28))
    assert event.start == datetime(2025, 3, 8, 8, 30) and event.location == "文化广场"


def test_list_items_and_sub_headings_title_their_own_events():
    text = """街道一周要闻（5月13日—5月19日）
发布日期：2024-05-20

■ 5月18日是国际博物馆日，辖区内的民俗博物馆免费开放一天。
■ 5月19日，街道组织志愿者开展文明引导服务。

社区食堂下周开业

位于二七路的社区食堂将于5月27日起正式开业，每天供应三餐。
"""
    found = events(text)
    titles = {(e.start, e.title) for e in found}
    assert (date(2024, 5, 18), "国际博物馆日") in titles
    assert any(day == date(2024, 5, 19) for day, _ in titles)  # a short ■ item is no byline
    assert (date(2024, 5, 27), "社区食堂下周开业") in titles
    assert not any("一周要闻" in t for _, t in titles)


def test_a_festival_talked_about_or_as_a_theme_is_no_date():
    text = ("区长说，今年中秋节适逢连假，很多家庭会返乡过节，因此提前在周末举办晚会。\n"
            "■ 5月15日，“粽情邻里”端午香包制作活动在社区党群服务中心举行。")
    found = events(text, date(2024, 5, 20))
    assert [e.start for e in found] == [date(2024, 5, 15)]


def test_hours_after_a_start_day_are_not_its_start_time():
    (event,) = events("■ 5月27日起，街道政务服务大厅推出午间延时服务，中午12:00-14:00不休息。", date(2024, 5, 20))
    assert (event.start, event.all_day) == (date(2024, 5, 27), True)


def test_a_closing_show_is_one_day_not_the_festival_run_forward():
    (event,) = events("本报讯 为期两天的第三届社区合唱节今晚7点在区文化馆剧场举行闭幕演出。", date(2025, 11, 9))
    assert (event.start, event.end) == (datetime(2025, 11, 9, 19, 0), None)


@pytest.mark.parametrize("sentence, day", [
    ("6月14日，区红十字会在观前街设立流动献血点。", date(2024, 6, 14)),
    ("公费疫苗自10月14日起可在线预约。", date(2024, 10, 14)),
    ("区社区学校9月30日至10月3日开办长者智能手机班。", date(2024, 9, 30)),
    ("区水务局将于6月24日至7月5日对河段进行清淤作业。", date(2024, 6, 24)),
    ("重阳敬老礼金将自10月20日起在各区公所发放。", date(2024, 10, 20)),
    ("8月15日，“小候鸟”夏令营在社区学校结营。", date(2024, 8, 15)),
])
def test_more_event_verbs(sentence, day):
    assert [e.start if not isinstance(e.start, datetime) else e.start.date() for e in events(sentence, date(2024, 6, 1))][:1] == [day]


@pytest.mark.parametrize("sentence, start, last, title", [
    ("社区健康集市活动自本周六起至下周日举行。", date(2025, 12, 13), date(2025, 12, 21), "社区健康集市活动"),
    ("区图书馆摄影展从12月20日一直持续到明年2月28日。", date(2025, 12, 20), date(2026, 2, 28), "区图书馆摄影展"),
    ("城隍庙庙会从除夕持续到正月十五。", date(2026, 2, 16), date(2026, 3, 3), "城隍庙庙会"),
    ("冰雪嘉年华即日起至明年元宵节在世纪公园举行。", date(2025, 12, 10), date(2026, 3, 3), "冰雪嘉年华"),
])
def test_a_span_in_any_form_between_the_name_and_its_verb(sentence, start, last, title):
    (event,) = events(sentence, date(2025, 12, 10))
    assert (event.start, event.end, event.title) == (start, last, title)


def test_a_span_of_something_that_is_no_event_is_left_out():
    assert events("受冷空气影响，低温天气将从12月20日一直持续到12月28日。", date(2025, 12, 10)) == []


@pytest.mark.parametrize("sentence", [
    "1979年3月18日，区内第一家乡镇企业在东岗村挂牌成立。",  # history
    "2008年5月12日汶川地震发生后，居民累计捐款三千余万元。",
    "全区打造“15分钟生活圈”，设立便民服务点186处。",
    "党的十一届三中全会召开后，区里设立了第一个工业园区。",
    "咨询电话：5033-1234，工作日8:00-17:00开放预约。",
    "今年9月，区里将举办运动会。",  # month precision
    "因新春假期，本报2月15日暂停出版一期。",  # the paper's own schedule
    "■本刊下期将于5月23日出刊，欢迎各社区团体提供活动讯息。",
    "本报讯 记者昨天从区卫健委获悉，全区社区卫生服务中心运行平稳。",  # when the news was learnt
])
def test_no_events_in_history_statistics_and_numbers(sentence):
    assert events(sentence, date(2024, 9, 2)) == []


@pytest.mark.parametrize("sentence, category", [
    ("6月10日，第十届端午龙舟赛在外城河水域举行。", "sports"),           # 赛 as a head noun
    ("第六届社区银杏节将于11月18日至26日举办。", "festival"),            # a name ending in 节
    ("信义区公所将于10月4日晚上6时在信义广场举办中秋晚会。", "festival"),  # a festival's own evening show
    ("滨江森林公园将于8月23日晚上7时举办“夏夜自然课”。", "culture"),     # a class
    ("社区暑期托管班将于7月7日至8月15日开班。", "service"),              # minding children, not a class
    ("6月15日下午，大儒巷社区召开居民议事会。", "meeting"),              # 社区 is weak, 议事会 is the head
    ("锦桐社区卫生服务中心将于11月25日举办健康讲座。", "culture"),        # the place's words do not vote
    ("8月2日，区总工会开展“清凉一夏”送清凉活动。", "visit"),
    ("本里於3月29日上午8時辦理社區大掃除。", "community"),
    ("新公車路線已於10月1日正式通車。", "service"),
    ("12月21日冬至當日，社工局職員送暖探訪獨居長者。", "visit"),    # the festival is the visit's theme
    ("社區中心將於6月8日舉辦行山郊遊活動，名額40人。", "sports"),       # outdoor activities are sports
    ("本區春季淨山活動訂於3月22日上午8時舉行。", "community"),          # cleaning up a hill, as a beach
])
def test_categories_follow_the_head_noun_not_the_venue(sentence, category):
    (event,) = events(sentence, date(2024, 6, 1))
    assert event.category == category, event


@pytest.mark.parametrize("sentence, title", [
    ("5/3（六）上午9時在區民活動中心舉辦親子手作課程。", "親子手作課程"),
    ("5月3日，街道在社区学校举办茶艺体验课。", "茶艺体验课"),
])
def test_courses_and_classes_are_named(sentence, title):
    (event,) = events(sentence, date(2025, 4, 28))
    assert event.title.endswith(title) and event.start == (
        datetime(2025, 5, 3, 9, 0) if "9" in sentence else date(2025, 5, 3)), event


def test_a_quoted_name_drops_the_words_before_its_quotes():
    (event,) = events("今年春季的“运河诗会”将于4月20日晚上7点在桥西历史街区开场。", date(2025, 4, 10))
    assert event.title == "运河诗会" and event.start == datetime(2025, 4, 20, 19, 0)


def test_a_date_line_under_a_heading_that_names_the_event():
    text = ("# 国庆假期去哪儿\n\n## 🏮 老街庙会：10月2日至5日\n\n**时间**：10月2日—10月5日，每天10:00—21:00\n"
            "**地点**：东门老街\n\n舞龙、糖画轮番登场。\n\n## 温馨提示\n\n**时间**：以现场公告为准\n")
    (event,) = events(text, date(2025, 9, 20))
    assert (event.title, event.start, event.end, event.location) == ("老街庙会", date(2025, 10, 2), date(2025, 10, 5), "东门老街")


def test_a_date_line_under_a_heading_without_an_event_is_no_event():
    assert events("## 温馨提示\n\n时间：10月2日至5日\n地点：东门老街\n", date(2025, 9, 20)) == []


@pytest.mark.parametrize("sentence, title", [
    # a race that starts (起步) somewhere
    ("「2025西貢區越野跑」將於3月16日（星期日）上午七時在西貢海濱公園起步。", "2025西貢區越野跑"),
    # 進行 and 演出 before the name
    ("消防處將於3月22日上午十時在豐和樓進行大廈火警演習。", "大廈火警演習"),
    ("3月30日晚上七時三十分，香港中樂團將於香港文化中心演出「端午民族音樂會」。", "端午民族音樂會"),
    # an organiser said with when or where (将于…) does not open the name
    ("3月8日，康文署將於赤柱正灘舉行「龍舟文化日」，由上午九時至下午五時。", "龍舟文化日"),
    # a name whose end holds a shorter event noun (常委会 in 常委会议)
    ("3月12日，区政协将召开十届五次常委会议。", "十届五次常委会议"),
    # what the sentence goes on to say of the name is not part of it
    ("3月16日上午9点，“悦跑江湾”半程马拉松将在江湾体育场鸣枪开跑。", "“悦跑江湾”半程马拉松"),
])
def test_names_after_more_verbs(sentence, title):
    found = events(sentence, date(2025, 3, 1))
    assert found and found[0].title.endswith(title) and not found[0].title.startswith("康文署"), found


def test_a_length_said_in_the_next_sentence_ends_the_event():
    text = "本报讯 1月14日上午9点，区人民代表大会在区政府礼堂隆重开幕。会议为期三天，将听取工作报告。"
    (event,) = events(text, date(2025, 1, 15))
    assert (event.start, event.end) == (datetime(2025, 1, 14, 9, 0), datetime(2025, 1, 16, 23, 59))


@pytest.mark.parametrize("sentence", ["区政协十五届三次会议于1月14日上午开幕，会期两天。",
                                      "本报讯 区人代会1月14日开幕，会期2天。"])
def test_a_session_s_length_spans_its_days(sentence):
    (event,) = events(sentence, date(2025, 1, 10))
    assert (event.start, event.end, event.category) == (date(2025, 1, 14), date(2025, 1, 15), "meeting"), event


def test_the_length_of_another_occasion_in_the_next_sentence_is_not_this_ones():
    found = events("本报讯 1月14日上午9点，区运动会开幕。为期三天的书展同日举行。", date(2025, 1, 15))
    assert found[0].end is None


def test_a_service_that_borrowed_a_name_does_not_swallow_that_event():
    text = ("重阳节当天上午8:30-11:30，区人民医院将在南湖公园开展“重阳义诊”。\n\n"
            "此外，即日起至11月30日，全区60周岁以上老人可到社区卫生服务中心免费接种流感疫苗。")
    found = events(text, date(2025, 10, 28))
    assert datetime(2025, 10, 29, 8, 30) in [e.start for e in found], found


def test_a_research_topic_is_no_class():
    (event,) = events("街道将开展课题研究，5月3日召开推进会。", date(2025, 4, 28))
    assert event.title == "推进会"


def test_a_name_that_only_points_back_takes_the_earlier_name():
    text = "民眾圖書室每週六上午推出「週末說故事」活動。首場活動將在4月12日舉行，主題為「春天的小種子」。"
    (event,) = events(text, date(2025, 4, 5))
    assert event.title == "「週末說故事」活動" and event.category == "culture"


@pytest.mark.parametrize("sentence, start", [
    # the hours right after a range are when each day starts
    ("藝文市集將於5月10日至11日（星期六、日）下午三時至晚上十時在官也街舉行。", datetime(2025, 5, 10, 15, 0)),
    ("新翠社區中心將於10月12日至11月2日逢星期六上午十時至十二時開辦親子烹飪班。", datetime(2024, 10, 12, 10, 0)),
    # daily opening hours are not
    ("社區中心9月30日至10月3日開辦長者智能手機班，每日下午三時至五時上課。", date(2024, 9, 30)),
])
def test_a_range_starts_at_the_hours_said_right_after_it(sentence, start):
    (event,) = events(sentence, date(2024, 9, 28))
    assert event.start == start


def test_a_carried_on_event_takes_the_time_of_its_evening():
    text = "2月24日元宵节当晚，环城公园将举办元宵灯会。灯会当晚7时亮灯，灯组展示将持续到3月3日。"
    (event,) = events(text, date(2024, 1, 10))
    assert (event.start, event.end) == (datetime(2024, 2, 24, 19, 0), datetime(2024, 3, 3, 23, 59))


def test_a_name_with_a_long_time_and_place_before_its_verb():
    text = "本报讯 2025杨浦滨江半程马拉松将于11月16日（星期日）上午7时30分在杨浦大桥下的滨江公园起跑。"
    (event,) = events(text, date(2025, 11, 9))
    assert event.title == "2025杨浦滨江半程马拉松" and event.category == "sports" and event.location == "滨江公园"


@pytest.mark.parametrize("sentence, place", [
    # the institution hosting it in one of its own rooms
    ("潍坊新村街道社区卫生服务中心将于8月26日下午2:30在中心四楼会议室举办健康讲座。", "潍坊新村街道社区卫生服务中心"),
    # a subject that is a place
    ("【本報訊】禾輋社區會堂將於10月5日（星期六）下午二時舉辦長者健康講座。", "禾輋社區會堂"),
    ("本报讯 高行镇东沟社区食堂自8月18日起新增晚餐供应。", "高行镇东沟社区食堂"),
    ("南屯區惠中里活動中心長青學苑春季班3月10日開課。", "南屯區惠中里活動中心長青學苑"),
    ("【本報訊】秀茂坪社區會堂完成翻新工程，已於10月18日重新開放。", "秀茂坪社區會堂"),
    # where a walk or run starts
    ("健康服务中心将于4月26日上午8时举办健走活动，路线由大安森林公园出发。", "大安森林公园"),
    ("首次集体夜跑定于8月15日晚上7时半，从五四广场出发。", "五四广场"),
    # 在X设立 / 为 / 组织, 假X召开 (Taiwan)
    ("6月14日，区红十字会在观前街设立流动献血点。", "观前街"),
    ("8月5日起，区卫健局在第一海水浴场和第六海水浴场各设立一个临时医疗点。", "第一海水浴场和第六海水浴场"),
    ("本里訂於3月22日下午2時假福德里活動中心二樓禮堂召開里民大會。", "福德里活動中心二樓禮堂"),
    # labels, works on a place, a landmark before the name, a quoted name
    ("本里於3月29日上午辦理社區大掃除，集合地點為福德公園涼亭。", "福德公園涼亭"),
    ("区水务局将于6月24日至7月5日对干将河、第一横河等河段进行清淤作业。", "干将河、第一横河"),
    ("今年的維多利亞公園年宵市場將於1月22日起至1月29日舉行。", "維多利亞公園"),
    ("评弹专场将于6月22日晚上7点在平江路一处修缮后的清代老宅“听枫堂”开唱。", "听枫堂"),
    # a first match holding dates is no place; the next one is
    ("主题图片展将于9月26日至10月31日在区档案馆展出。", "区档案馆"),
    # beaches and the place a show is performed at
    ("5月31日上午九時，康文署將於赤柱正灘舉行「龍舟文化日」。", "赤柱正灘"),
    ("5月30日晚上七時三十分，香港中樂團將於香港文化中心露天廣場演出「端午民族音樂會」。", "香港文化中心露天廣場"),
    # who hosts it, then where: the place is after 在
    ("6月14日上午9时，社区在党群服务中心开设插花体验课。", "党群服务中心"),
    # a closing place; what happens is no place, though 馆 and 场 end venue names
    ("区图书馆将于12月1日全馆闭馆，进行设备维护。", "区图书馆"),
])
def test_places(sentence, place):
    (event,) = events(sentence, date(2024, 6, 1))
    assert event.location == place, event


@pytest.mark.parametrize("sentence", [
    "各街道将于6月24日开展防汛检查。",               # not a place
    "街道将于5月21日召开居民座谈会。",                 # an organiser too short to be a place
    "区卫健局将于1月13日组织义诊。",                   # an office is not a venue
])
def test_no_place_from_organisers(sentence):
    (event,) = events(sentence, date(2024, 5, 1))
    assert event.location is None, event


def test_a_sentence_at_the_place_before_takes_that_place():
    text = "区图书馆少儿分馆自7月1日起调整暑期开放时间。馆内同步开设“阅读小达人”打卡活动，持续至8月31日。"
    found = {e.title: e for e in events(text, date(2024, 6, 25))}
    reading = next(e for t, e in found.items() if "阅读小达人" in t)
    assert reading.location == "区图书馆少儿分馆" and reading.category == "culture"


def test_road_works_are_placed_on_their_road_not_on_a_bus_route():
    text = "【本報訊】運輸署宣布，通州街近桂林街一段的一條行車線將於11月28日晚上11時至12月1日早上6時封閉，期間部分巴士路線需改道。"
    (event,) = events(text, date(2025, 11, 18))
    assert (event.location, event.category, event.start) == ("通州街", "service", datetime(2025, 11, 28, 23, 0))


def test_a_reopening_from_today_keeps_no_opening_hours_as_its_time():
    text = """北屯區公所推動社區活動
【記者張雅婷／台中報導】2025年5月13日

此外，區公所二樓的「北屯故事館」即日起重新開放，開放時間為週二至週日上午9時至下午5時。
"""
    result = extract_events(text)
    assert result.published == date(2025, 5, 13)  # the reporter's dateline dates the page
    (event,) = result.events
    assert (event.start, event.all_day, event.location) == (date(2025, 5, 13), True, "北屯故事館")
    assert "北屯故事館" in event.title and event.category == "service"


def test_a_sign_up_sentence_borrows_the_race_before_it():
    text = ("北屯區第三屆親子健走活動將於114年5月24日（星期六）上午7時30分在大坑風景區起走，全程約5公里。"
            "報名即日起至5月20日止，名額600人。")
    found = {e.title: e for e in events(text, date(2025, 5, 13))}
    assert found["北屯區第三屆親子健走活動"].location == "大坑風景區"
    assert (found["北屯區第三屆親子健走活動報名"].start, found["北屯區第三屆親子健走活動報名"].end) == (
        date(2025, 5, 13), date(2025, 5, 20))


@pytest.mark.parametrize("sentence, category", [
    ("區內社福機構將於11月29日上午七時在九龍區舉行賣旗日。", "community"),
    ("7月5日，区人社局将在区人力资源市场举办高校毕业生专场招聘会。", "service"),
    ("區公所將於5月17日上午8時在松竹里進行噴藥消毒。", "service"),
])
def test_more_category_words(sentence, category):
    (event,) = events(sentence, date(2025, 5, 1))
    assert event.category == category, event


def test_a_clause_after_a_semicolon_with_its_own_time_is_a_second_event():
    found = events("社区将于3月8日举办妇女节游园会；当晚7时在广场举行文艺晚会。", date(2025, 3, 5))
    assert [(e.title, str(e.start)) for e in found] == [("妇女节游园会", "2025-03-08"),
                                                       ("文艺晚会", "2025-03-08 19:00:00")]
    assert found[1].location == "广场"


def test_the_next_day_names_its_own_event():
    found = events("下月3日，社区举行植树活动，次日举行清洁日活动。", date(2025, 3, 5))
    assert [(e.title, str(e.start)) for e in found] == [("社区植树活动", "2025-04-03"), ("清洁日活动", "2025-04-04")]


def test_that_day_in_the_same_sentence_is_the_same_event():
    found = events("区文化馆将于3月23日在赤崁楼举办古迹日活动，当天免费入园，并提供定时导览。", date(2025, 3, 5))
    assert len(found) == 1


def test_rain_date_does_not_extend_the_concert():
    event = events("8月10日下午6时，社区音乐会将在海滨广场举行。如遇雨天，音乐会将顺延至8月11日同一时间。",
                   date(2025, 8, 6))[0]
    assert event.end is None


def test_festival_standing_alone_is_dated_in_the_publication_year():
    (event,) = events("冬至當天上午10時，長者中心舉行派湯圓活動。", date(2025, 3, 5))
    assert str(event.start) == "2025-12-21 10:00:00"


HTML_TABLE = """<h1>中秋節活動一覽</h1>
<p>發布日期：2025年9月20日</p>
<p>本處將於中秋節期間在區內舉辦一連串慶祝活動，詳情如下：</p>
<table>
<tr><th>活動</th><th>日期及時間</th><th>地點</th></tr>
<tr><td>綵燈會</td><td>10月4日至6日 晚上7時至10時</td><td>沙田公園</td></tr>
<tr><td>猜燈謎</td><td>10月5日（星期日）下午3時</td><td>沙田大會堂廣場</td></tr>
</table>"""

MARKDOWN_LIST = """# 社区十月活动预告
发布时间：2025-09-28

## 文化活动
- 10月5日 亲子绘本分享会，地点：社区图书室
- 10月12日上午9时 公园写生活动，地点：人民公园

| 活动 | 日期 | 地点 |
|---|---|---|
| 义诊 | 10月18日 | 社区卫生站 |
| 二手市集 | 10月19日 | 社区广场 |
"""


def test_each_table_row_is_an_event_named_and_placed_by_its_cells():
    found = events(HTML_TABLE)
    assert [(e.title, str(e.start), str(e.end), e.location) for e in found] == [
        ("綵燈會", "2025-10-04 19:00:00", "2025-10-06 23:59:00", "沙田公園"),
        ("猜燈謎", "2025-10-05 15:00:00", "None", "沙田大會堂廣場"),
    ]  # the intro (中秋節期間…一連串慶祝活動) is no event of its own
    assert {e.category for e in found} == {"festival"}


def test_markdown_list_items_and_table_rows_take_their_own_names():
    found = events(MARKDOWN_LIST)
    assert [(e.title, str(e.start), e.location, e.category) for e in found] == [
        ("亲子绘本分享会", "2025-10-05", "社区图书室", "culture"),
        ("公园写生活动", "2025-10-12 09:00:00", "人民公园", "culture"),
        ("义诊", "2025-10-18", "社区卫生站", "service"),
        ("二手市集", "2025-10-19", "社区广场", "community"),
    ]


SPACED_LISTING = """本周活动一览

3月4日（周二）14:30　“老城记忆”公益讲座　区图书馆三楼报告厅
3月5日（周三）9:00-11:30　春季健康义诊　河西社区卫生服务中心（需预约）
本周六 8:30　环湖健步走　北门广场集合
3月10日至16日　春日花展　滨江公园（每日9:00-17:00）
"""


def test_rows_of_a_spaced_listing_are_events_named_and_placed_by_their_cells():
    found = events(SPACED_LISTING, date(2025, 3, 3))
    assert [(e.title, str(e.start), str(e.end), e.location) for e in found] == [
        ("“老城记忆”公益讲座", "2025-03-04 14:30:00", "None", "区图书馆三楼报告厅"),
        ("春季健康义诊", "2025-03-05 09:00:00", "2025-03-05 11:30:00", "河西社区卫生服务中心"),
        ("环湖健步走", "2025-03-08 08:30:00", "None", "北门广场"),  # where they meet
        ("春日花展", "2025-03-10", "2025-03-16", "滨江公园"),  # the hours are no part of the place
    ]


@pytest.mark.parametrize("line", [
    "2025年3月11日 星期二\u3000第3版\u3000民生",  # a page's dateline
    "9月25日電\u3000澳門社區消息",
    "東區區公所耐震補強\u30006/26起服務大廳暫停服務\u3000線上預約系統先上線",  # a headline in parts
    "第3127期\u3000今日8版\u3000本版责编：周宁",
])
def test_spaced_datelines_and_headlines_are_no_listing_rows(line):
    from extract.lexicon import load_lexicon
    from extract.segment import _spaced_rows
    assert _spaced_rows(line, load_lexicon()) == line


EMOJI_POST = """接下來還有更多好玩的活動👇

▶ 親子防災體驗營
🗓 7/12（六）上午9時30分～12時
📍 區公所5樓大禮堂
✅ 地震體驗車、滅火器操作，適合國小學童與家長一同參加

▶ 二手玩具交換日
🗓 7/26（六）～7/27（日）每日下午2時至5時
📍地點：區公所1樓中庭
"""


def test_a_posts_emoji_labels_read_as_a_notices_labels():
    found = events(EMOJI_POST, date(2025, 7, 8))
    assert [(e.title, str(e.start), str(e.end), e.location) for e in found] == [
        ("親子防災體驗營", "2025-07-12 09:30:00", "2025-07-12 12:00:00", "區公所5樓大禮堂"),
        ("二手玩具交換日", "2025-07-26", "2025-07-27", "區公所1樓中庭"),
    ]


def test_a_posts_emoji_is_no_part_of_a_name():
    (event,) = events("📝 7月12日上午，社區舉辦親子防災體驗營。", date(2025, 7, 8))
    assert event.title == "社區親子防災體驗營"


@pytest.mark.parametrize("stamp", ["原创 运河小管家 运河湾社区 2025年05月21日 19:02 浙江", "龙溪街道 2025-10-22 08:45 发布于广东"])
def test_a_posts_stamp_is_no_headline(stamp):
    (event,) = events(stamp + "\n\n龙舟赛来啦！\n\n5月31日上午9时，欢迎居民到亲水平台参加。", date(2025, 5, 21))
    assert "2025" not in event.title


def test_a_listed_events_name_is_no_byline_and_the_line_under_it_dates_it():
    text = ("▍公共教育活动\n◆版画工作坊“刻一方冬日”\n时间：12月7日（周六）14:00-16:00\n地点：美术馆学术报告厅\n\n"
            "◆策展人讲座“水墨的当代表达”\n12月15日（周日）下午3点，地点：学术报告厅。讲座时长约90分钟。\n\n■记者 邵一帆\n")
    assert [(e.title, e.start, e.location) for e in events(text, date(2024, 12, 1))] == [
        ("版画工作坊“刻一方冬日”", datetime(2024, 12, 7, 14, 0), "美术馆学术报告厅"),
        ("策展人讲座“水墨的当代表达”", datetime(2024, 12, 15, 15, 0), "学术报告厅"),
    ]


def test_a_menu_line_with_bars_is_not_a_table():
    assert events("首页 | 新闻 | 通知\n\n本报讯 3月8日，社区举办讲座。", date(2025, 3, 5))[0].title


def test_statistics_of_a_past_occurrence_are_not_events():
    text = "去年重阳节期间，社区共服务老人3200余人次，参观团组超过1.2万。10月29日，社区将举办重阳敬老茶话会。"
    assert [str(e.start) for e in events(text, date(2025, 10, 20))] == ["2025-10-29"]


def test_the_start_time_in_the_next_sentence_belongs_to_the_event():
    (event,) = events("音乐会将于11月8日在市民广场举行。演出上午9点30分开始。", date(2025, 10, 30))
    assert str(event.start) == "2025-11-08 09:30:00"


def test_a_place_section_places_the_article_event():
    text = ("关于举办重阳敬老活动的通知\n发布日期：2025-10-20\n社区将于10月29日上午9时举办重阳敬老茶话会。\n"
            "二、活动地点\n社区党群服务中心二楼\n三、其他\n请于活动开始前十分钟在社区东门集合。")
    (event,) = events(text)
    assert event.location == "社区党群服务中心二楼"


def test_each_block_of_a_notice_is_named_and_placed_by_its_own_lines():
    # 时间 / 内容 / 地点 blocks one after another: the 地点 line above a block's 时间 line is the block before's
    text = ("阳光社区活动安排\n时间：12月6日上午9时\n内容：亲子绘本阅读\n地点：社区活动室\n"
            "时间：12月13日下午2时\n内容：冬季养生知识\n地点：社区卫生服务站\n")
    first, second = events(text, date(2025, 12, 1))
    assert (first.title, first.start, first.location) == ("亲子绘本阅读", datetime(2025, 12, 6, 9), "社区活动室")
    assert (second.title, second.start, second.location) == ("冬季养生知识", datetime(2025, 12, 13, 14), "社区卫生服务站")


def test_numbered_label_lines_take_the_notice_name_and_the_sign_up_line_says_so():
    # 一、活动时间：… is a notice's line, not a sub-heading naming what follows; any short word may lead a label
    text = ("关于举办社区冬季运动会的通知\n一、活动时间：12月20日上午9时\n二、活动地点：社区篮球场\n"
            "三、活动内容：趣味接力、拔河比赛\n四、报名时间：12月8日至12日\n")
    games, sign_up = events(text, date(2025, 12, 1))
    assert (games.title, games.start, games.location) == ("社区冬季运动会", datetime(2025, 12, 20, 9), "社区篮球场")
    assert (sign_up.title, sign_up.start, sign_up.end) == ("社区冬季运动会报名", date(2025, 12, 8), date(2025, 12, 12))
    (course,) = events("## 邻里学堂春季课程开课\n- 上课时间：3月18日上午9时\n- 上课地点：湖西邻里中心三楼\n", date(2025, 3, 4))
    assert (course.title, course.location) == ("邻里学堂春季课程开课", "湖西邻里中心三楼")


def test_a_postponed_occasion_is_on_its_new_day_only():
    (event,) = events("受寒潮影响，原定于12月7日举行的社区运动会延期至12月14日举行。", date(2025, 12, 2))
    assert (event.start, event.end) == (date(2025, 12, 14), None)
    # extended, not moved: the exhibition runs on to the new day
    (show,) = events("区图书馆摄影展将于12月1日开幕，展览延期至12月14日。", date(2025, 11, 20))
    assert (show.start, show.end) == (date(2025, 12, 1), date(2025, 12, 14))


def test_a_quoted_name_that_is_also_there_names_its_own_event():
    text = ("中秋節當晚，「綵燈晚會」將在葵涌運動場舉行。中秋節翌日晚上八時，青衣公園露天劇場另有「追月音樂會」。"
            "「追月音樂會」於10月7日晚上八時至九時半舉行。")
    found = {e.title: e for e in events(text, date(2025, 9, 22))}
    concert = found["追月音樂會"]
    # named twice, the mention that says when it ends gives the end
    assert (concert.start, concert.end) == (datetime(2025, 10, 7, 20), datetime(2025, 10, 7, 21, 30))
    assert found["綵燈晚會"].start == date(2025, 10, 6)


def test_free_entry_for_a_while_is_a_service():
    (event,) = events("即日起至12月31日，市民可凭身份证免费游览区博物馆。", date(2025, 12, 2))
    assert (event.start, event.end, event.location) == (date(2025, 12, 2), date(2025, 12, 31), "区博物馆")


def test_a_meeting_point_places_the_event():
    (event,) = events("社区将于10月29日举办秋季徒步活动。请于上午8时前在人民公园南门集合。", date(2025, 10, 20))
    assert event.location == "人民公园南门"


def test_a_venue_before_the_name_places_it_and_a_service_schedule_names_itself():
    (concert,) = events("12月28日至30日，鼓浪屿音乐厅新年音乐会将连续上演三场。", date(2025, 12, 20))
    assert (concert.title, concert.location) == ("鼓浪屿音乐厅新年音乐会", "鼓浪屿音乐厅")
    (refuse,) = events("4月5日起，大件垃圾收集改為每月第一個星期六。", date(2025, 4, 1))
    assert (refuse.title, refuse.category) == ("大件垃圾收集改為", "service")


def test_a_venue_name_says_nothing_of_the_category():
    (event,) = events("本報訊 由四月一日起，大會堂圖書館的開放時間改為上午十時至晚上八時。", date(2025, 3, 25))
    assert event.category == "service"


def test_a_name_stops_at_a_date_inside_it():
    (event,) = events("本报讯 “古城记忆”摄影展即日起至3月31日在区文化馆展出。", date(2025, 3, 1))
    assert event.title == "“古城记忆”摄影展" and event.end == date(2025, 3, 31)


def test_a_new_year_market_opening_is_a_festival():
    (event,) = events("本报讯 南湖年货市集将于12月28日在南湖广场开市。", date(2025, 12, 20))
    assert (event.title, event.location, event.category) == ("南湖年货市集", "南湖广场", "festival")


def test_a_registration_deadline_is_its_day_not_a_span():
    found = events("本报讯 社区将于3月20日举办书法讲座。报名截止3月15日。\n上课地点：社区活动中心三楼", date(2025, 3, 5))
    deadline = [e for e in found if e.start == date(2025, 3, 15)]
    assert deadline and all(e.end is None for e in deadline)
    assert not any(e.start == date(2025, 3, 5) for e in found)


def test_a_lead_announcing_a_programme_is_not_an_event():
    found = events("本报讯 1月29日至2月4日，区文化馆将开展形式多样的迎春活动。\n1月29日，新春游园会在文化馆广场举行。\n"
                   "2月1日，迎春书法展在二楼展厅开幕。", date(2025, 1, 20))
    assert sorted(e.title for e in found) == ["新春游园会", "迎春书法展"]


def test_a_lead_alone_is_still_an_event():
    found = events("本报讯 1月29日至2月4日，区文化馆将开展形式多样的迎春活动。", date(2025, 1, 20))
    assert len(found) == 1 and found[0].end == date(2025, 2, 4)


def test_hours_extended_until_a_time_do_not_start_then():
    (event,) = events("本报讯 元旦假期期间，区图书馆延长开放至晚上9点。", date(2025, 12, 28))
    assert event.start == date(2026, 1, 1) and event.all_day and event.category == "service"


def test_a_span_and_an_opening_day_in_one_sentence_are_two_events():
    found = events("本网讯 “江南春色”水彩作品展即日起至3月31日在区美术馆展出，3月8日上午将举办开幕活动。", date(2025, 3, 2))
    show = by_title(found, "水彩作品展")
    assert (show.end, show.location, show.category) == (date(2025, 3, 31), "区美术馆", "exhibition")
    opening = by_title(found, "开幕活动")
    assert opening.start == date(2025, 3, 8) and opening.end is None


def test_an_opening_ceremony_on_the_first_day_of_a_run_is_its_own_event():
    found = events("本报讯 “老街记忆”图片展4月2日至30日在中山广场展出，4月2日下午举行开展仪式。", date(2025, 3, 28))
    assert by_title(found, "图片展").end == date(2025, 4, 30)
    ceremony = by_title(found, "开展仪式")
    assert (ceremony.start, ceremony.end, ceremony.category) == (date(2025, 4, 2), None, "ceremony")


def test_shown_followed_by_de_is_no_verb():
    found = events("本报讯 4月2日，区文化馆举办书法展。本次书法展展出的60幅作品均为居民创作。", date(2025, 3, 28))
    assert [e.title for e in found] == ["区文化馆书法展"]


def test_a_trip_is_placed_at_its_destination():
    (event,) = events("本报讯 5月10日，区文化馆组织书画家赴桃源村写生。", date(2025, 5, 2))
    assert (event.location, event.category) == ("桃源村", "culture")
    (event,) = events("本报讯 5月10日，区文化馆组织书画家在馆内举办书法讲座。", date(2025, 5, 2))
    assert event.location != "桃源村"


def test_a_main_venue_places_the_event():
    (event,) = events("本报讯 第三届读书节定于4月23日开幕，人民公园为主会场，同步在各街道设立分会场。", date(2025, 4, 1))
    assert event.location == "人民公园"


def test_two_venues_keep_their_names_not_the_count():
    (event,) = events("本报讯 4月12日，社区运动会分别在东湖公园、区体育中心两地举行。", date(2025, 4, 1))
    assert event.location == "东湖公园、区体育中心" and event.category == "sports"


def test_a_place_line_places_the_next_sentence():
    (event,) = events("本报讯 活动地点：区图书馆一楼报告厅。4月18日下午2时30分，健康讲座将在此开讲。", date(2025, 4, 1))
    assert (event.location, event.category) == ("区图书馆一楼报告厅", "culture")


def test_a_place_within_a_market_drops_its_address_and_inside():
    (event,) = events("本报讯 4月26日，区人社局在位于红星路的区人力资源市场内举行春季招聘会。", date(2025, 4, 1))
    assert (event.location, event.category) == ("区人力资源市场", "service")


@pytest.mark.parametrize("sentence, category", [
    ("1月18日下午3时，区议会将在青年广场举行新春团拜会。", "festival"),
    ("2月8日上午10时，消防局将在小区空地举行消防演练。", "community"),
    ("4月28日上午，区委组织部为新党员上专题党课。", "meeting"),
    ("10月16日上午，实验小学举行秋季开学典礼。", "ceremony"),
    ("10月25日，献血屋在步行街开展无偿献血活动。", "service"),
    ("3月12日，街道组织居民在滨河公园开展植树活动。", "community"),
])
def test_categories_follow_the_events_head_noun(sentence, category):
    (event,) = events("本报讯 " + sentence, date(2025, 1, 10))
    assert event.category == category


def test_the_party_lesson_keeps_its_organiser():
    (event,) = events("本报讯 4月28日上午，区委组织部为新党员上专题党课。", date(2025, 4, 1))
    assert event.title.startswith("区委组织部")


@pytest.mark.parametrize("sentence, title", [
    ("智慧停车平台于9月28日上线试运行，市民可在线查询泊位。", "智慧停车平台上线试运行"),
    ("游泳馆9月22日至9月25日暂停开放。", "游泳馆暂停开放"),
    ("9月26日起，地铁站新增出入口正式投入使用。", "地铁站新增出入口投入使用"),
])
def test_a_service_verb_alone_makes_an_event(sentence, title):
    (event,) = events("本报讯 市民可通过“i深圳”平台在线办理业务。" + sentence, date(2025, 9, 20))
    assert event.title == title and event.category == "service"


@pytest.mark.parametrize("sentence, titles", [
    ("区图书馆因空调改造将于3月1日至3月10日闭馆，3月11日起恢复开放。", ["区图书馆闭馆", "区图书馆恢复开放"]),
    ("本館因設備維修，1月25日至2月2日休館，2月3日起恢復正常開放。", ["本館休館", "本館恢復正常開放"]),
    ("区游泳馆2月10日起暂停开放，预计3月1日恢复开放。", ["区游泳馆暂停开放", "区游泳馆恢复开放"]),
    ("本报讯 近日，区档案馆发布通知：3月1日起暂停开放，4月1日起恢复开放。", ["区档案馆暂停开放", "区档案馆恢复开放"]),
    ("元旦假期（1月1日）全区政务大厅暂停对外服务，1月2日起恢复正常。", ["全区政务大厅暂停对外服务", "全区政务大厅恢复正常"]),
])
def test_a_closing_and_a_reopening_each_name_the_place_with_their_own_verb(sentence, titles):
    found = events(sentence, date(2024, 12, 20))
    assert [e.title for e in found] == titles and {e.category for e in found} == {"service"}, found


def test_a_standing_closing_day_is_no_closing():
    (event,) = events("书画联展12月13日在区文化馆一楼展厅开幕，展期至1月15日，每周一闭馆。", date(2024, 12, 10))
    assert (event.start, event.end, event.title) == (date(2024, 12, 13), date(2025, 1, 15), "书画联展"), event


@pytest.mark.parametrize("sentence, title", [
    ("本里第2次里民大會訂於12月7日（星期六）上午9時於里活動中心舉行。", "本里第2次里民大會"),
    ("社区议事会订于12月9日下午2时在居委会会议室召开。", "社区议事会"),
])
def test_a_meeting_set_for_a_day_is_named_without_its_date(sentence, title):
    (event,) = events(sentence, date(2024, 12, 1))
    assert event.title == title and event.category == "meeting", event


def test_table_rows_and_listed_items_with_a_place_are_events_without_a_verb():
    table = "| 日期 | 活動 | 地點 |\n|---|---|---|\n| 3/8（六） | 親子繪本共讀 | 區圖書館兒童室 |\n| 3/15（六） | 社區淨灘 | 西灣海灘 |"
    found = events(table, date(2025, 3, 3))
    assert [(e.start, e.title, e.location) for e in found] == [
        (date(2025, 3, 8), "親子繪本共讀", "區圖書館兒童室"), (date(2025, 3, 15), "社區淨灘", "西灣海灘")]
    items = "1. 3月8日（周六）9:30 亲子阅读会 @区图书馆\n2. 3月9日（周日）14:00 非遗剪纸体验 @文化馆三楼"
    found = events(items, date(2025, 3, 3))
    assert [(e.start, e.title, e.location, e.category) for e in found] == [
        (datetime(2025, 3, 8, 9, 30), "亲子阅读会", "区图书馆", "culture"),
        (datetime(2025, 3, 9, 14, 0), "非遗剪纸体验", "文化馆三楼", "culture")]


def test_a_notice_s_numbered_services_under_a_festival_stay_services():
    text = ("关于清明节期间祭扫服务安排的通知\n\n清明节（4月4日）前后为祭扫高峰，现将有关事项通知如下：\n"
            "一、3月29日至4月6日，区内各公墓延长开放时间至17:30。\n三、区殡仪馆网上祭扫平台即日起至4月30日免费开放。")
    found = events(text, date(2025, 3, 25))
    assert [(e.title, e.location, e.category) for e in found] == [
        ("区内各公墓延长开放时间", None, "service"), ("区殡仪馆网上祭扫平台免费开放", "区殡仪馆", "service")]


def test_a_press_note_s_bracketed_sender_is_the_subject_of_its_closing():
    found = events("【民政處】年初一至年初三（1月29日至31日）暫停辦公，2月3日（星期一）起恢復正常辦公。", date(2025, 1, 20))
    assert [(e.start, e.end, e.title) for e in found] == [
        (date(2025, 1, 29), date(2025, 1, 31), "民政處暫停辦公"), (date(2025, 2, 3), None, "民政處恢復正常辦公")]


def test_a_partner_is_not_the_place():
    (event,) = events("3月12日，街道联合区医院开展义诊进社区活动。", date(2025, 3, 3))
    assert event.location is None and event.title.endswith("义诊进社区活动"), event


def test_a_day_the_date_is_said_to_be_names_it():
    (event,) = events("■ 5月18日是国际博物馆日，辖区内的民俗博物馆免费开放一天。", date(2024, 5, 10))
    assert event.title == "国际博物馆日"


def test_a_blood_drive_is_a_service_at_its_stop():
    (event,) = events("本報訊 流動捐血車將於2月15日停泊北角碼頭，呼籲市民踴躍捐血。", date(2025, 1, 10))
    assert (event.location, event.category) == ("北角碼頭", "service")


def test_a_sub_heading_dating_the_text_below_is_no_second_event():
    found = events("区内活动安排\n\n国庆假期博物馆延长开放\n\n区内博物馆在10月1日至8日延长开放时间至晚上8时。",
                   date(2025, 9, 20))
    assert [(e.start, e.end) for e in found] == [(date(2025, 10, 1), date(2025, 10, 8))]


def test_a_holiday_service_change_is_dated_by_the_holiday():
    (event,) = events("本报讯 国庆假期期间，区政务服务大厅暂停对外办公。", date(2025, 9, 20))
    assert (event.start, event.end, event.category) == (date(2025, 10, 1), date(2025, 10, 7), "service")


def test_a_headline_and_an_html_title_that_date_the_body_are_not_extra_events():
    page = ("<html><head><title>思明区10月18日举办重阳敬老文艺汇演</title></head><body>"
            "<h1>思明区10月18日举办重阳敬老文艺汇演</h1><p>本网讯 10月18日下午3时，思明区重阳敬老文艺汇演将在区工人文化宫剧场举行。</p>"
            "</body></html>")
    (event,) = events(page, date(2025, 10, 11))
    assert event.start == datetime(2025, 10, 18, 15, 0)


def test_a_reopening_clause_keeps_the_service_and_takes_its_own_verb():
    found = events("本報訊 為配合暑期活動，體育館游泳池於7月15日至18日暫停開放，7月19日起重新開放。", date(2025, 7, 10))
    titles = {e.start: e.title for e in found}
    assert titles == {date(2025, 7, 15): "體育館游泳池暫停開放", date(2025, 7, 19): "體育館游泳池重新開放"}
    assert all(e.location == "體育館游泳池" for e in found)


def test_a_purpose_clause_is_no_name():
    (event,) = events("本报讯 为满足市民需求，区图书馆于5月1日起延长开放时间。", date(2025, 4, 20))
    assert not event.title.startswith("为满足")


def test_a_service_opened_keeps_its_object():
    (event,) = events("本报讯 街道社区卫生服务中心自2月5日起开通家庭医生线上签约服务，居民可预约。", date(2025, 1, 15))
    assert event.title == "街道社区卫生服务中心开通家庭医生线上签约服务"
    assert (event.location, event.category) == ("街道社区卫生服务中心", "service")


def test_a_place_that_stays_open_over_a_holiday():
    (event,) = events("本报讯 春节假期期间，区图书馆照常开放。", date(2025, 1, 15))
    assert (event.start, event.end, event.location) == (date(2025, 1, 28), date(2025, 2, 4), "区图书馆")


def test_volunteers_going_somewhere_are_placed_there():
    (event,) = events("本報訊 區公所表示，4月20日將組織志工前往新街溪畔進行淨溪活動。", date(2025, 4, 15))
    assert (event.location, event.category) == ("新街溪畔", "community")


def test_venues_listed_after_a_place_label():
    (event,) = events("本報訊 市政署將於7月19日至8月24日舉辦暑期活動，活動地點分別在塔石廣場、議事亭前地及白鴿巢公園。",
                      date(2025, 7, 10))
    assert event.location.startswith("塔石廣場")


def test_a_notices_labelled_lines_name_and_place_its_event():
    (event,) = events("本报讯 活动时间：7月12日上午9时\n活动地点：区青少年宫二楼\n活动内容：少儿科普讲座", date(2025, 7, 1))
    assert (event.title, event.location, event.category) == ("少儿科普讲座", "区青少年宫二楼", "culture")
    assert event.start == datetime(2025, 7, 12, 9, 0)


def test_an_opening_ceremony_of_a_named_show_keeps_the_organiser_not_the_venue():
    (event,) = events("本报讯 9月27日，区文联在区文化馆举办“翰墨丹青”书画作品展开幕式。", date(2025, 9, 20))
    assert event.title == "区文联“翰墨丹青”书画作品展开幕式" and event.location == "区文化馆"


def test_volunteers_sent_somewhere_are_placed_where_they_go():
    (event,) = events("本报讯 3月5日，街道团工委组织青年志愿者到敬老院开展学雷锋活动。", date(2025, 3, 1))
    assert event.location == "敬老院"


def test_a_place_list_drops_its_count():
    (event,) = events("本报讯 5月1日至5日，文旅消费季活动在城市广场、滨江步行街等多个地点同步开展。", date(2025, 4, 25))
    assert (event.location, event.category) == ("城市广场、滨江步行街", "festival")
    (event,) = events("本报讯 5月10日，草坪音乐会在滨江绿地举行。", date(2025, 4, 25))
    assert event.location == "滨江绿地"


def test_going_to_take_part_keeps_the_events_name():
    (event,) = events("本报讯 9月20日，市民可前往区图书馆参加“科普周”主题讲座。", date(2025, 9, 10))
    assert event.title.endswith("“科普周”主题讲座") and event.location == "区图书馆"


def test_a_canteen_opening_at_an_estate_is_placed_there():
    (event,) = events("本报讯 7月1日，新建的社区食堂在幸福里小区开业。", date(2025, 6, 25))
    assert (event.location, event.category) == ("幸福里小区", "service")


def test_a_service_put_into_practice_is_an_event():
    (event,) = events("本报讯 6月1日起，区政务服务中心实行周末“不打烊”服务。", date(2025, 5, 25))
    assert event.category == "service" and "不打烊" in event.title


def test_a_web_pages_title_and_headline_are_not_an_extra_event():
    page = ("<html><head><title>社区重阳敬老宴10月29日举行_区政府网</title></head><body><h1>社区重阳敬老宴10月29日举行</h1>"
            "<p>发布时间：2025-10-20</p><p>10月29日中午，幸福社区将在社区食堂举办重阳敬老宴，邀请80岁以上老人参加。</p></body></html>")
    (event,) = events(page)
    assert (event.title, event.location, event.category) == ("幸福社区重阳敬老宴", "社区食堂", "festival")


def test_a_match_that_kicks_off_somewhere_keeps_its_own_name():
    (event,) = events("本报讯 8月3日上午，社区乒乓球比赛在社区活动中心开赛。", date(2025, 7, 28))
    assert (event.title, event.location, event.category) == ("社区乒乓球比赛", "社区活动中心", "sports")
    (event,) = events("本报讯 5月26日晚，社区广场舞大赛在文化广场举行。", date(2025, 5, 20))
    assert event.category == "sports"


@pytest.mark.parametrize("sentence, category", [
    ("3月1日起，本市地铁3号线调整首末班车时间。", "service"),  # 末班车 is no class
    ("7月8日，社区书法班在社区文化活动室开班。", "culture"),  # 书法班 is
    ("9月28日（星期日）在里民活動中心舉辦敬老餐會。", "community"),
    ("臺中市立圖書館自6月1日起試辦夜間開放。", "service"),
])
def test_category_words_of_services_and_classes(sentence, category):
    (event,) = events("本報訊 " + sentence, date(2025, 1, 8))
    assert event.category == category


def test_a_date_with_qi_leaves_no_qi_in_the_title():
    (event,) = events("本報訊 臺中市立圖書館自6月1日起試辦夜間開放。", date(2025, 5, 20))
    assert event.title == "試辦夜間開放"


def test_an_office_going_into_a_place_is_placed_there():
    (event,) = events("本报讯 10月20日，区法院走进幸福社区开展普法宣传活动。", date(2025, 10, 15))
    assert event.location == "幸福社区"


def test_a_bare_kind_of_place_is_no_location():
    (event,) = events("本报讯 社区太极班将于3月1日开班，每周二、四上午授课。", date(2025, 2, 20))
    assert event.location is None and event.category == "sports"
    (event,) = events("本报讯 社区舞蹈班将于3月1日在社区活动中心开班。", date(2025, 2, 20))
    assert event.location == "社区活动中心"


def test_a_new_year_party_is_a_festival_but_an_office_party_is_culture():
    (event,) = events("本报讯 12月31日晚，社区举行“迎新年”联欢会。", date(2025, 12, 20))
    assert event.category == "festival"
    (event,) = events("本报讯 6月20日，区机关举办青年干部联欢会。", date(2025, 6, 10))
    assert event.category == "culture"


def test_a_two_day_pair_is_one_event_and_its_weekdays_stay_out_of_the_title():
    text = "社區嘉年華週末登場\n\n社區嘉年華將於11月15日及16日（星期六及日）在維多利亞公園舉行，設有攤位遊戲。"
    (event,) = events(text, date(2025, 11, 1))
    assert (event.start, event.end) == (date(2025, 11, 15), date(2025, 11, 16))
    assert "星期" not in event.title and "及日" not in event.title
    (event,) = events("社区活动\n\n11月15、16日，社区将举办亲子游园活动。", date(2025, 11, 1))
    assert (event.start, event.end, "游园" in event.title) == (date(2025, 11, 15), date(2025, 11, 16), True)


@pytest.mark.parametrize("contact", ["聯絡人：陳小姐\n電話：(02)2351-1711分機6215", "联系人：王老师，联系电话：0571-88886666（工作日9:00-17:00）",
                                     "咨询电话：0571-88886666（11月10日起受理）"])
def test_contact_lines_are_no_events_and_no_titles(contact):
    for text in (f"{contact}\n\n11月15日上午9时，社区将在文化中心举办健康讲座。",
                 f"社区健康讲座\n\n11月15日上午9时，社区将在文化中心举办健康讲座。\n\n{contact}"):
        (event,) = events(text, date(2025, 11, 1))
        assert event.title == "社区健康讲座" and event.start == datetime(2025, 11, 15, 9, 0)
    (event,) = events(f"{contact}\n\n报名时间：11月10日至11月14日。", date(2025, 11, 1))
    assert "电话" not in event.title and "電話" not in event.title and event.title


def test_a_call_line_is_not_a_contact_line():
    (event,) = events("社区健康讲座\n\n电话会议于11月15日上午9时召开。", date(2025, 11, 1))
    assert event.start == datetime(2025, 11, 15, 9, 0)


@pytest.mark.parametrize("sentence, day", [
    ("腊八节当天，社区志愿者为居民送粥。", date(2025, 1, 7)),
    ("中国农民丰收节（秋分）当天，村里举办庆丰收活动。", date(2025, 9, 23)),
    ("中国农民丰收节当天，村里举办庆丰收活动。", date(2025, 9, 23)),
    ("端午节假期期间，公园将举办游园会。", date(2025, 5, 31)),
    ("重阳节当天，社区为老人送上慰问品。", date(2025, 10, 29)),
])
def test_an_activity_on_a_festival_takes_the_festivals_day_in_the_publication_year(sentence, day):
    (event,) = events(f"社区活动\n\n{sentence}", date(2025, 1, 2))
    assert event.start == day


def test_a_festival_food_is_no_date():
    assert events("社区活动\n\n社区志愿者熬制腊八粥，分享给居民。", date(2025, 1, 2)) == []


@pytest.mark.parametrize("sentence, words, end", [
    ("马拉松赛事期间，5月23日至25日，相关路段将实施交通管制。", "交通管制", date(2025, 5, 25)),
    ("因道路改造，中山路将于5月23日至25日封闭施工。", "中山路封闭施工", date(2025, 5, 25)),
    ("5月23日，为保障龙舟赛顺利举行，滨江路封路。", "滨江路封路", None),
    ("5月23日至25日龙舟赛期间，滨江大道实施临时交通管制。", "滨江大道实施临时交通管制", date(2025, 5, 25)),
])
def test_a_road_closure_during_an_event_is_a_service(sentence, words, end):
    (event,) = events(f"滨江龙舟赛本周举行\n\n{sentence}", date(2025, 5, 20))
    assert (event.start, event.end, event.category) == (date(2025, 5, 23), end, "service")
    assert words in event.title


def test_the_race_itself_stays_sports():
    (event,) = events("滨江龙舟赛本周举行\n\n5月23日至25日，龙舟赛在滨江公园举行。", date(2025, 5, 20))
    assert event.category == "sports"


@pytest.mark.parametrize("text, published", [
    ("迎春花市本周六开幕\n\n迎春花市本周六开幕，市民可免费入场。\n\n今年迎春花市将于1月25日至2月2日在人民公园举办。", date(2025, 1, 20)),
    ("# 花市本周六开幕\n\n本报讯 本周六，迎春花市将在人民公园开幕。\n\n据了解，花市开放时间为1月25日至2月2日。", date(2025, 1, 20)),
    ("迎春花市明日启幕\n\n迎春花市明日启幕。\n\n今年迎春花市将于1月25日至2月2日在人民公园举办。", date(2025, 1, 24)),
])
def test_an_opening_day_merges_with_the_span_it_opens(text, published):
    (event,) = events(text, published)
    assert (event.start, event.end, event.location) == (date(2025, 1, 25), date(2025, 2, 2), "人民公园")


def test_another_opening_on_a_spans_first_day_stays_its_own_event():
    text = "公园新春活动\n\n1月25日至2月2日，迎春花市在人民公园举办。\n\n1月25日，区图书馆新馆正式开馆。"
    assert len(events(text, date(2025, 1, 20))) == 2


HK_TABLE = """<html><body><h1>社區中心二月活動</h1><p>發布日期：2025年1月20日</p>
<table>{header}
<tr><td>2月15日（六）</td><td>下午2時至4時</td><td>親子手工班</td><td>活動室A</td></tr>
<tr><td>22/2（六）</td><td>上午10時至12時</td><td>長者健康講座</td><td>禮堂</td></tr>
</table></body></html>"""


@pytest.mark.parametrize("header", ["<tr><th>日期</th><th>時間</th><th>活動</th><th>地點</th></tr>", ""])
def test_hong_kong_table_rows_with_a_time_cell_are_events_named_by_their_activity(header):
    found = events(HK_TABLE.format(header=header))
    assert [(e.title, e.start, e.end, e.location) for e in found] == [
        ("親子手工班", datetime(2025, 2, 15, 14, 0), datetime(2025, 2, 15, 16, 0), "活動室A"),
        ("長者健康講座", datetime(2025, 2, 22, 10, 0), datetime(2025, 2, 22, 12, 0), "禮堂"),
    ]


LISTING = """## 夏日文化活动预告

■记者 王晓

■ 7月20日 9:30
"水韵夏日"亲子科普讲座
地点：区青少年活动中心三楼报告厅
由专家讲解节约用水知识，适合6至12岁儿童参加。

■ 8月3日 14:00-16:00
非遗团扇制作体验
地点：区文化馆一楼非遗工坊
名额20个，需提前预约。
"""


def test_a_listing_of_date_lines_each_with_its_name_and_place_lines():
    """■ date / name / 地点：… — three lines, one event: the name line names it, the 地点 line places it."""
    found = events(LISTING, date(2024, 7, 16))
    assert [(e.start, e.end, e.title, e.location) for e in found] == [
        (datetime(2024, 7, 20, 9, 30), None, '"水韵夏日"亲子科普讲座', "区青少年活动中心三楼报告厅"),
        (datetime(2024, 8, 3, 14, 0), datetime(2024, 8, 3, 16, 0), "非遗团扇制作体验", "区文化馆一楼非遗工坊"),
    ]


PROGRAMME = """## 社區健康講座 一連三場

本報訊 區健康城市協會舉辦社區健康講座系列，講座詳情如下：

| 日期 | 時間 | 主題 | 地點 |
|---|---|---|---|
| 9月21日（星期六） | 下午二時三十分至四時 | 長者防跌有妙法 | 社區中心禮堂 |
| 9月28日（星期六） | 下午二時三十分至四時 | 認識糖尿病 | 社區會堂 |
"""


def test_the_items_of_a_programme_are_its_events_and_take_its_category():
    """A list (or table) that the line above introduces as talks: each dated row is a talk, placed by
    its own 地點 cell rather than by the venue-like name before it."""
    found = events(PROGRAMME, date(2024, 9, 6))
    assert [(e.start, e.title, e.location, e.category) for e in found] == [
        (datetime(2024, 9, 21, 14, 30), "長者防跌有妙法", "社區中心禮堂", "culture"),
        (datetime(2024, 9, 28, 14, 30), "認識糖尿病", "社區會堂", "culture"),
    ]


def test_a_list_under_a_line_that_names_no_event_is_no_programme():
    text = "本报讯 今年以来，社区完成了以下工作：\n\n• 3月5日，更换路灯20盏。\n\n• 3月8日，清理楼道杂物。\n"
    assert events(text, date(2024, 3, 20)) == []


POST = """🍂周末去哪儿｜社区“邻里秋集”来啦

家人们！天气转凉啦🧣 这个周末快喊上邻居一起来耍~

【一｜邻里秋集】

🕙时间｜11月16日（周六）10:00—16:00
📍地点｜社区综合体南广场
🛍️内容｜手作文创、旧物换换乐

【二｜露天电影之夜】

🕡时间｜11月16日（周六）18:30
📍地点｜社区综合体南广场
🪑小板凳自带，热茶管够☕

【三｜蜀绣体验课】

🕑时间｜11月17日（周日）14:00—16:00
📍地点｜社区党群服务中心三楼活动室

📝报名方式

1️⃣ 扫描二维码填写报名信息
2️⃣ 拨打社区服务电话 028-85550000
"""


def test_a_posts_parts_each_date_their_heading():
    """Emoji labels with ｜, 【】 headings and keycap items: each part's date is the event its heading
    names, held where the part's own 地点 line says."""
    found = [(e.title, e.start, e.location) for e in events(POST, date(2024, 11, 11))
             if e.start.date() != date(2024, 11, 16) or e.title != "周末去哪儿"]
    assert ("邻里秋集", datetime(2024, 11, 16, 10), "社区综合体南广场") in found
    assert ("露天电影之夜", datetime(2024, 11, 16, 18, 30), "社区综合体南广场") in found
    assert ("蜀绣体验课", datetime(2024, 11, 17, 14), "社区党群服务中心三楼活动室") in found


NOTICE = """关于举办第十届市民运动会夏季赛事的通知

发布时间：2023-06-12 10:32

为持续打造体育生活圈，经研究，决定举办第十届市民运动会夏季赛事。现将有关事项通知如下：

一、活动时间

2023年6月17日至7月15日。

二、赛事安排

（一）开幕式
时间：6月17日（星期六）上午9:00
地点：区体育中心体育场

（二）游泳比赛
时间：6月24日至25日，每日8:30开始检录
地点：区游泳馆

（三）可回收物集中回收日
时间：6月28日（周三）8:30—11:30
地点：街心花园
"""


def test_a_notices_sections_date_and_place_their_own_items():
    found = {e.title: e for e in events(NOTICE)}
    assert (found["开幕式"].location, found["游泳比赛"].location) == ("区体育中心体育场", "区游泳馆")
    assert found["可回收物集中回收日"].start == datetime(2023, 6, 28, 8, 30)  # no event noun: the heading names it
    whole = found["第十届市民运动会夏季赛事"]  # 一、活动时间 names nothing: the headline does
    assert (whole.start, whole.end) == (date(2023, 6, 17), date(2023, 7, 15))
    assert "活动时间" not in found


def test_a_label_heading_names_no_event():
    text = "关于举办春风行动专场招聘会的通知\n\n一、时间地点\n时间：2025年3月15日（星期六）上午9:00—12:00\n地点：区人力资源市场\n"
    assert [e.title for e in events(text)] == ["春风行动专场招聘会"]


def test_a_festival_in_an_event_name_is_not_a_second_date():
    text = "活动一览：\n| 日期 | 时间 | 活动名称 | 地点 |\n|---|---|---|---|\n| 5/11（六） | 下午3时 | 母親節感恩音樂會 | 綠川水岸廊道 |\n"
    assert [e.start for e in events(text, date(2024, 5, 3))] == [datetime(2024, 5, 11, 15)]


@pytest.mark.parametrize("sentence, title, start, end", [
    ("迎春书画展于3月1日开幕，3月10日闭幕。", "迎春书画展", date(2025, 3, 1), date(2025, 3, 10)),
    ("马拉松报名于2月10日开始，2月20日截止。", "马拉松报名", date(2025, 2, 10), date(2025, 2, 20)),
])
def test_a_date_that_says_it_closes_ends_the_occasion_opened_before_it(sentence, title, start, end):
    (event,) = events(f"本区动态\n\n{sentence}", date(2025, 1, 28))
    assert (event.title, event.start, event.end) == (title, start, end)


def test_a_name_does_not_run_on_over_a_date_to_a_later_event_word():
    # 开跑 is an event word too, but the name stops before the date
    found = events("体育新闻\n\n第五届城市马拉松将于3月16日鸣枪开跑，报名将于2月10日开启，2月20日截止。", date(2025, 1, 28))
    assert [(e.title, e.start, e.end) for e in found] == [
        ("第五届城市马拉松", date(2025, 3, 16), None),
        ("第五届城市马拉松报名", date(2025, 2, 10), date(2025, 2, 20))]


def test_an_events_sign_up_or_ticketing_is_named_as_such():
    (event,) = events("本区动态\n\n新年音乐会售票将于12月20日上午10时开始。", date(2024, 12, 10))
    assert (event.title, event.start) == ("新年音乐会售票", datetime(2024, 12, 20, 10, 0))


def test_a_sign_up_date_adds_the_sign_up_to_the_name_not_the_verb_that_does_it():
    found = events("社区通知\n\n冬季健步走活动将于1月18日举行，居民可于1月10日前到社区办理报名手续。", date(2025, 1, 2))
    assert [(e.title, e.start) for e in found] == [("冬季健步走活动", date(2025, 1, 18)),
                                                   ("冬季健步走活动报名", date(2025, 1, 10))]
    (fair,) = events("本区动态\n\n新春花市将于1月25日开放，展期至2月2日。", date(2025, 1, 20))
    assert fair.title == "新春花市"  # opening is no phase of its own


@pytest.mark.parametrize("sentence, title", [
    ("本館於1月11日（六）下午2時舉辦之「電影欣賞：冰雪奇緣」，歡迎親子參加。", "電影欣賞：冰雪奇緣"),
    ("1月11日下午2时举办的“电影欣赏：冰雪奇缘”欢迎亲子参加。", "电影欣赏：冰雪奇缘"),
])
def test_a_quoted_name_after_the_verb_and_its_particle_is_the_title(sentence, title):
    (event,) = events(f"圖書館活動\n\n{sentence}", date(2025, 1, 2))
    assert (event.title, event.start) == (title, datetime(2025, 1, 11, 14, 0))


def test_a_listing_line_names_its_item_before_the_colon_and_a_prose_sign_up_says_so():
    text = ("圖書館寒假活動\n\n新春揮毫：1月18日（六）上午10時，於一樓大廳舉行。\n\n"
            "請於1月15日前至圖書館櫃檯報名。")
    found = events(text, date(2025, 1, 8))
    assert [(e.title, e.start) for e in found] == [("新春揮毫", datetime(2025, 1, 18, 10, 0)),
                                                   ("圖書館寒假活動報名", date(2025, 1, 15))]


@pytest.mark.parametrize("line", ["活动时间：1月18日上午10时", "展期：1月18日至2月2日", "报名截止：1月15日"])
def test_a_label_before_a_colon_is_no_name(line):
    assert all(not e.title.startswith(line.split("：")[0]) for e in events(f"社区通知\n\n{line}", date(2025, 1, 8)))


def test_a_numbered_programme_names_each_item_without_its_number():
    text = ("美术馆12月活动预告\n\n二、公共教育活动\n\n1. 版画工作坊｜12月7日、14日（周六）14:00-16:00，地点：二楼教室。\n\n"
            "2. 九九消寒图：12月21日（冬至）上午10点，适合亲子家庭。\n\n3. 策展人讲座 12月15日（周日）下午3点。")
    found = events(text, date(2024, 12, 1))
    assert [(e.title, e.start) for e in found] == [
        ("版画工作坊", datetime(2024, 12, 7, 14, 0)), ("版画工作坊", datetime(2024, 12, 14, 14, 0)),
        ("九九消寒图", datetime(2024, 12, 21, 10, 0)), ("策展人讲座", datetime(2024, 12, 15, 15, 0))]
    assert found[0].location == "二楼教室"


@pytest.mark.parametrize("text, title, category", [
    ("医保服务通知\n\n1月20日起，区医保中心服务大厅办公时间调整为工作日8:30-17:00。", "区医保中心服务大厅办公时间调整", "service"),
    ("春节期间服务安排\n\n区政务服务中心1月28日至2月4日暂停对外服务。", "区政务服务中心暂停对外服务", "service"),
    ("商场动态\n\n元旦假期，区图书馆不打烊，1月1日至3日照常开放。", "区图书馆照常开放", "service"),
])
def test_a_services_hours_and_holiday_service_are_named_by_what_changes(text, title, category):
    (event,) = events(text, date(2024, 12, 28))
    assert (event.title, event.category) == (title, category)


def test_a_title_does_not_end_inside_a_bracket_it_opened():
    (event,) = events("美术馆公告\n\n12月31日跨年夜，美术馆延长开放至22:00（21:30停止入场）。", date(2024, 12, 20))
    assert event.title == "美术馆延长开放"  # neither the hours nor the bracket they opened
