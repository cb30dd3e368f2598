"""Whole articles to events: which dates are events, and their title, place and category."""
from datetime import date, datetime

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


def test_statistics_as_of_a_date_are_not_events():
    text = "截至3月31日，全区累计接种服务超过十万人次。"
    assert events(text, date(2025, 4, 2)) == []


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
