"""The time grammar, rule family by rule family (extract/rules/zh/time.yaml)."""
from datetime import date, datetime

import pytest

from extract import find_times
from extract.timex import Anchor

BASE = date(2025, 3, 4)  # a Tuesday


def resolved(text, base=BASE):
    return [(e.text, str(e.start) if e.start else None, str(e.last) if e.last else None) for e in find_times(text, base)]


@pytest.mark.parametrize("text, expected", [
    # absolute dates, Arabic and Chinese numerals, both scripts
    ("2024年11月5日上午", [("2024年11月5日", "2024-11-05", None)]),
    ("二〇二四年十二月七日", [("二〇二四年十二月七日", "2024-12-07", None)]),
    ("十二月七日", [("十二月七日", "2024-12-07", None)]),
    ("３月１５日", [("３月１５日", "2025-03-15", None)]),
    ("2025.04.06", [("2025.04.06", "2025-04-06", None)]),
    ("12·4宪法宣传", [("12·4", "2024-12-04", None)]),
    ("114年3月8日", [("114年3月8日", "2025-03-08", None)]),
    ("民國113年10月10日", [("民國113年10月10日", "2024-10-10", None)]),
    ("3月8號", [("3月8號", "2025-03-08", None)]),
])
def test_absolute_dates(text, expected):
    assert resolved(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("12月7日至8日", [("12月7日至8日", "2024-12-07", "2024-12-08")]),
    ("3月1日至3日", [("3月1日至3日", "2025-03-01", "2025-03-03")]),
    ("2月25日起至3月15日", [("2月25日起至3月15日", "2025-02-25", "2025-03-15")]),
    ("12月28日至1月3日", [("12月28日至1月3日", "2024-12-28", "2025-01-03")]),
    ("即日起至4月30日", [("即日起至4月30日", "2025-03-04", "2025-04-30")]),
    ("展出將持續到5月31日", [("持續到5月31日", None, "2025-05-31")]),
    ("3月10日起，为期3天", [("3月10日起，为期3天", "2025-03-10", "2025-03-12")]),
])
def test_ranges(text, expected):
    assert resolved(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a range whose last day is named another way: a week day, a lunar day, a festival, (明年)
    ("本周六起至下周日", [("本周六起至下周日", "2025-03-08", "2025-03-16")]),
    ("除夕持续到正月十五", [("除夕持续到正月十五", "2026-02-16", "2026-03-03")]),
    ("即日起至明年元宵节", [("即日起至明年元宵节", "2025-12-10", "2026-03-03")]),
    ("展览从3月20日一直持续到4月28日", [("3月20日一直持续到4月28日", "2025-03-20", "2025-04-28")]),
    ("展出至下周日", [("展出至下周日", None, "2025-03-16")]),
])
def test_ranges_that_end_on_a_named_day(text, expected):
    base = date(2025, 12, 10) if "除夕" in text or "明年" in text else BASE
    assert resolved(text, base) == expected


def test_a_relative_day_with_its_date_in_brackets_is_one_day():
    assert resolved("於昨日（9月5日）起至本星期六，一連三日探訪", date(2024, 9, 6))[0] == (
        "昨日（9月5日）起至本星期六", "2024-09-05", "2024-09-07")
    assert resolved("昨日（9月5日）上午", date(2024, 9, 6)) == [("昨日（9月5日）", "2024-09-05", None)]


def test_the_countdown_eve_is_the_last_night_of_the_western_year():
    """除夕倒數 and 聖誕及除夕 are December 31st (not dated by the grammar), while 除夕 alone is the lunar eve."""
    assert resolved("除夕倒數音樂會", date(2023, 12, 20)) == []
    assert resolved("聖誕及除夕期間人流密集", date(2023, 12, 20)) == []
    assert resolved("除夕当晚举行团年饭", date(2024, 1, 20)) == [("除夕当晚", "2024-02-09", None)]


def test_a_festival_ending_a_range_is_the_first_one_after_its_start():
    # 元宵节 nearest a December page is the coming one; after a start in March it is next year's
    (expr,) = find_times("3月5日至元宵节", date(2025, 3, 4))
    assert expr.start == date(2025, 3, 5) and expr.last == date(2026, 3, 3)


def test_until_is_open_at_the_start():
    (expr,) = find_times("活动开放至4月30日止", BASE)
    assert expr.kind == "span" and expr.open_start and expr.start is None and expr.last == date(2025, 4, 30)


@pytest.mark.parametrize("text, start, last", [
    ("3月8日上午9时", "2025-03-08 09:00:00", None),
    ("3月8日下午2:30", "2025-03-08 14:30:00", None),
    ("3月8日晚上7点半", "2025-03-08 19:30:00", None),
    ("3月8日中午12时", "2025-03-08 12:00:00", None),
    ("3月8日14:00-16:00", "2025-03-08 14:00:00", "2025-03-08 16:00:00"),
    ("3月8日下午2时至5时", "2025-03-08 14:00:00", "2025-03-08 17:00:00"),
    ("3月8日（星期六）上午9时30分", "2025-03-08 09:30:00", None),
    ("3/8(六)上午9點至12點", "2025-03-08 09:00:00", "2025-03-08 12:00:00"),
    ("3月8日早8点", "2025-03-08 08:00:00", None),
    ("3月8日黄昏6時", "2025-03-08 18:00:00", None),
    ("3月8日深夜11点", "2025-03-08 23:00:00", None),
    ("3月8日下午二時正至四時正", "2025-03-08 14:00:00", "2025-03-08 16:00:00"),  # Hong Kong's 時正: on the hour
])
def test_clock_times(text, start, last):
    (expr,) = find_times(text, BASE)
    assert (str(expr.start), str(expr.last) if expr.last else None) == (start, last)


@pytest.mark.parametrize("text, day", [
    ("今天", "2025-03-04"), ("昨日", "2025-03-03"), ("前天", "2025-03-02"), ("明日", "2025-03-05"),
    ("本周六", "2025-03-08"), ("下周一", "2025-03-10"), ("上週五", "2025-02-28"),
    ("本月20日", "2025-03-20"), ("今年5月1日", "2025-05-01"), ("明年1月1日", "2026-01-01"),
])
def test_relative_days(text, day):
    (expr,) = find_times(text, BASE)
    assert str(expr.start) == day


@pytest.mark.parametrize("text, day", [
    ("明（5）日", "2025-03-05"), ("昨(3)日", "2025-03-03"), ("今（4）日", "2025-03-04"),
    # the day number wins over a page date that is a day off
    ("明（6）日", "2025-03-06"),
])
def test_taiwan_relative_days_with_their_day_number(text, day):
    (expr,) = find_times(text, BASE)
    assert str(expr.start) == day


def test_relative_days_need_a_day_anchor():
    assert find_times("昨天下午", Anchor(day=None, year=2025)) == []


def test_weekday_chooses_the_year_when_none_is_given():
    # 12月7日 was a Saturday in 2019, not in 2020: the weekday decides.
    (expr,) = find_times("12月7日（星期六）", Anchor(day=None, year=2020))
    assert expr.start == date(2019, 12, 7)


@pytest.mark.parametrize("text, base, day", [
    ("农历九月初九", date(2025, 10, 1), "2025-10-29"),
    ("重阳节", date(2024, 10, 1), "2024-10-11"),
    ("春节", date(2025, 1, 10), "2025-01-29"),
    ("元宵", date(2025, 2, 1), "2025-02-12"),
    ("端午", date(2025, 5, 20), "2025-05-31"),
    ("中秋节", date(2025, 9, 1), "2025-10-06"),
    ("除夕", date(2025, 1, 10), "2025-01-28"),
    ("清明", date(2025, 3, 20), "2025-04-04"),
    ("重阳节前夕", date(2024, 10, 1), "2024-10-10"),
    # observance days, fixed and by weekday of the month
    ("世界读书日", date(2025, 4, 1), "2025-04-23"),
    ("国际博物馆日", date(2025, 5, 1), "2025-05-18"),
    ("母亲节", date(2025, 5, 1), "2025-05-11"),
    ("母亲节", date(2024, 5, 1), "2024-05-12"),
    ("父亲节", date(2025, 6, 1), "2025-06-15"),
    ("全国助残日", date(2024, 5, 1), "2024-05-19"),
])
def test_lunar_dates_and_festivals(text, base, day):
    (expr,) = find_times(text, base)
    assert str(expr.start) == day


@pytest.mark.parametrize("text, base, expected", [
    # a December article: an exhibition running until March ends next March
    ("展出持续到3月31日", date(2024, 12, 20), "2025-03-31"),
    # a January article about last December
    ("12月28日举行", date(2025, 1, 6), "2024-12-28"),
])
def test_month_day_takes_the_plausible_year(text, base, expected):
    (expr,) = find_times(text, base)
    assert str(expr.last or expr.start) == expected


def test_listed_days_follow_the_first_date():
    days = [str(e.start) for e in find_times("3月8日、9日", date(2025, 2, 20))]
    assert days == ["2025-03-08", "2025-03-09"]


@pytest.mark.parametrize("text", [
    "15分钟社区生活圈", "十一届市委十次全会", "6天+365天", "服务热线：12345678", "咨询电话021-63211234",
    "2022年全面推广", "今年9月", "明年", "1.6公里", "20多年来", "第3版", "1/3的居民",
    # a festival lived through or celebrated as a thing, not a day
    "让群众过一个欢乐祥和的新年和春节", "区领导看望了春节期间加班加点的环卫工人", "撥款資助區內中秋及國慶慶祝活動",
    "元宵节后正是做一次健康体检的好时机",
    "凡于今年1月1日以后完成结婚登记的新人", "當天文台發出八號風球時，開放臨時庇護中心", "记者昨天从区卫健委获悉",
    "本報下期將於12月27日出版", "本报下一期于4月10日出版",
])
def test_not_dates(text):
    assert [e for e in find_times(text, BASE) if e.kind in ("point", "span")] == []


def test_offsets_point_into_the_original_text():
    text = "通知：活動於３月８日（星期六）下午２時舉行。"
    (expr,) = find_times(text, BASE)
    assert text[expr.begin:expr.end] == expr.text == "３月８日（星期六）下午２時"
    assert expr.start == datetime(2025, 3, 8, 14, 0)


def test_kinds():
    kinds = {e.text: e.kind for e in find_times("每周六开放，为期3天，3月8日，3月8日至9日", BASE)}
    assert kinds == {"每周六": "recurring", "为期3天": "duration", "3月8日": "point", "3月8日至9日": "span"}


def test_impossible_dates_are_dropped():
    assert find_times("2月30日", BASE) == []


def test_a_weekday_that_disagrees_is_flagged():
    (right,) = find_times("2025年3月8日（星期六）", BASE)
    (wrong,) = find_times("2025年3月8日（星期五）", BASE)
    assert (right.conflict, wrong.conflict) == (False, True) and wrong.start == date(2025, 3, 8)


@pytest.mark.parametrize("text, base, expected", [
    ("今起，书房延长开放", date(2025, 8, 1), [("今起", "2025-08-01", None)]),
    ("昨晚，灯光秀首次亮灯", date(2025, 12, 1), [("昨晚", "2025-11-30", None)]),
    ("正月初一上午", date(2026, 2, 10), [("正月初一", "2026-02-17", None)]),
    ("下周二至周四开展体检", date(2025, 4, 10), [("下周二至周四", "2025-04-15", "2025-04-17")]),
    ("书画联展8月8日开幕，展期为期一周", date(2025, 8, 1), [("8月8日开幕，展期为期一周", "2025-08-08", "2025-08-14")]),
    ("6月1日儿童节当天", date(2025, 5, 26), [("6月1日儿童节当天", "2025-06-01", None)]),
    ("“12·4”国家宪法日", date(2024, 12, 1), [("12·4”国家宪法日", "2024-12-04", None)]),
])
def test_more_forms(text, base, expected):
    assert resolved(text, base) == expected


@pytest.mark.parametrize("text", ["元宵灯会开幕", "居民们滚元宵", "派送腊八粥", "每日上午九时至晚上十时开放"])
def test_festivals_naming_things_and_opening_hours_are_not_days(text):
    assert [e for e in find_times(text, BASE) if e.kind in ("point", "span")] == []


@pytest.mark.parametrize("text, base, expected", [
    # one day named twice, festival or lunar date with its calendar date: one expression, clock kept
    ("元宵節（3月3日）晚上七時舉行", date(2026, 2, 9), [("元宵節（3月3日）晚上七時", "2026-03-03 19:00:00", None)]),
    ("將於農曆正月初四（2月1日）上午八時舉行", date(2025, 1, 14),
     [("農曆正月初四（2月1日）上午八時", "2025-02-01 08:00:00", None)]),
    ("1月30日（年初二）晚上七時", date(2025, 1, 14), [("1月30日（年初二）晚上七時", "2025-01-30 19:00:00", None)]),
    ("端午節當天（農曆五月初五）上午9時龍舟競渡", date(2025, 5, 20),
     [("端午節當天（農曆五月初五）上午9時", "2025-05-31 09:00:00", None)]),
    # a festival and a lunar date said apart name the same year's day
    # a day said from a festival: the eve, the evening before, the day after
    ("冬至前一晚7时举行", date(2025, 12, 1), [("冬至前一晚7时", "2025-12-20 19:00:00", None)]),
    ("冬至次日上午10时", date(2025, 12, 1), [("冬至次日上午10时", "2025-12-22 10:00:00", None)]),
    ("中秋節翌日晚上八時", date(2025, 9, 22), [("中秋節翌日晚上八時", "2025-10-07 20:00:00", None)]),
    # 节后 alone is a vague "after the holiday" (a negative); 节后一天 is a day
    ("元宵节后一天举办", date(2025, 2, 1), [("元宵节后一天", "2025-02-13", None)]),
    ("中秋節後一晚八時", date(2025, 9, 22), [("中秋節後一晚八時", "2025-10-07 20:00:00", None)]),
    ("元宵节后正是体检的好时机", date(2025, 2, 1), []),
    ("元宵节猜灯谜。农历正月十五赏灯", date(2022, 9, 5), [("元宵节", "2022-02-15", None), ("农历正月十五", "2022-02-15", None)]),
    # a lunar range: the second day stays in the first day's lunar month
    ("庙会将于正月初一至初五举行", date(2024, 1, 10), [("正月初一至初五", "2024-02-10", "2024-02-14")]),
    ("腊月二十三至二十九", date(2025, 1, 10), [("腊月二十三至二十九", "2025-01-22", "2025-01-28")]),
    # 2024's twelfth lunar month has 29 days: an impossible range is dropped, like 2月30日
    ("腊月二十三至三十", date(2025, 1, 10), []),
    # the weekdays of a range said again in brackets belong to the range
    ("3月17日至3月21日（周一至周五）每天", BASE, [("3月17日至3月21日（周一至周五）", "2025-03-17", "2025-03-21")]),
    ("7月26日至27日（星期六、日）", date(2025, 7, 15), [("7月26日至27日（星期六、日）", "2025-07-26", "2025-07-27")]),
])
def test_dates_named_twice_lunar_ranges_and_bracketed_weekdays(text, base, expected):
    assert resolved(text, base) == expected


@pytest.mark.parametrize("text, base, start", [
    ("七夕當晚七時舉行", date(2025, 7, 15), "2025-08-29 19:00:00"),  # 当晚 makes seven o'clock the evening
    ("中秋节当晚7时", date(2025, 9, 1), "2025-10-06 19:00:00"),
    ("今晚7点在剧场举行", date(2025, 11, 9), "2025-11-09 19:00:00"),
    ("明晚七时半", date(2025, 11, 9), "2025-11-10 19:30:00"),
    ("昨晚8时", date(2025, 11, 9), "2025-11-08 20:00:00"),
    ("当天上午7时", date(2025, 11, 9), "2025-11-09 07:00:00"),  # a morning stays a morning
])
def test_evening_words_put_a_bare_clock_in_the_evening(text, base, start):
    (expr,) = find_times(text, base)
    assert str(expr.start) == start


@pytest.mark.parametrize("text", ["初五上午", "今年年初三个月", "（周一至周五）", "星期六、日"])
def test_lunar_days_and_weekdays_alone_are_not_days(text):
    assert [e for e in find_times(text, BASE) if e.kind in ("point", "span")] == []


@pytest.mark.parametrize("text, first, last", [
    ("年初一至年初三暫停辦公", "2025-01-29", "2025-01-31"),   # the lunar new year's days need no 正月
    ("大年初一上午10時", "2025-01-29 10:00:00", None),
    ("8日（本周六）下午", "2025-01-08", None),                # a day and its relative name: the number wins
    ("下周三（1月22日）", "2025-01-22", None),
])
def test_new_year_days_and_days_said_twice(text, first, last):
    assert starts(text, date(2025, 1, 10)) == [(first, last)]


@pytest.mark.parametrize("text, day", [
    ("3/8（六）親子共讀", "2025-03-08"),    # Taiwan's month/day
    ("12/2（三）起開設書法班", "2025-02-12"),  # Hong Kong's day/month: the reading whose weekday agrees, near the page
])
def test_a_slash_date_is_read_the_way_its_weekday_agrees(text, day):
    assert starts(text, date(2025, 1, 20)) == [(day, None)]


def starts(text, base):
    return [(str(e.start) if e.start else None, str(e.last) if e.last else None)
            for e in find_times(text, base) if e.kind in ("point", "span")]


@pytest.mark.parametrize("text, base, expected", [
    # a solar term or festival standing alone: that of the publication year
    ("冬至當天上午10時，中心舉行派湯圓活動。", date(2025, 3, 5), ("2025-12-21 10:00:00", None)),
    ("冬至当日，社区举办包饺子活动。", date(2025, 11, 20), ("2025-12-21", None)),
    ("冬至那天，长者中心举办聚餐。", date(2024, 12, 2), ("2024-12-21", None)),
    ("清明节当天，烈士陵园举行祭扫活动。", date(2025, 10, 30), ("2025-04-04", None)),
    ("中秋节晚上，社区在广场举行赏月晚会。", date(2025, 3, 5), ("2025-10-06", None)),
    # … unless another year's is only weeks away, or a few months ahead
    ("元旦当天，公园免费开放。", date(2025, 12, 28), ("2026-01-01", None)),
    ("元宵节当晚，灯会延长开放。", date(2025, 12, 16), ("2026-03-03", None)),
])
def test_festivals_standing_alone_take_the_publication_year(text, base, expected):
    assert starts(text, base)[0] == expected


@pytest.mark.parametrize("text, base, expected", [
    ("本月22日（星期六）下午二時三十分", date(2025, 3, 5), ("2025-03-22 14:30:00", None)),
    ("下月3日举行植树活动", date(2025, 3, 5), ("2025-04-03", None)),
    ("3月8日举办游园会；当晚7时举行文艺晚会", date(2025, 3, 5), ("2025-03-08 19:00:00", None)),
    ("3月8日举行开幕式，次日上午9时开始比赛", date(2025, 3, 5), ("2025-03-09 09:00:00", None)),
    ("4月2日报到，翌日出发", date(2025, 3, 5), ("2025-04-03", None)),
])
def test_days_named_by_the_date_before(text, base, expected):
    assert starts(text, base)[-1] == expected


def test_that_day_inside_a_word_is_not_a_new_date():
    assert [e.text for e in find_times("活动当天免费入园", date(2025, 3, 5))] == []


@pytest.mark.parametrize("text, base, expected", [
    ("原定于6月8日闭展", date(2025, 6, 10), ("2025-06-08", None)),  # not next year: 原定 is no future
    ("原定于6月8日闭展", date(2025, 6, 5), ("2025-06-08", None)),
    ("将于3月1日举行", date(2025, 3, 4), ("2025-03-01", None)),  # a few days late: still this year
    ("将于2月1日举行", date(2025, 3, 4), ("2026-02-01", None)),
])
def test_originally_scheduled_dates_stay_in_the_year(text, base, expected):
    assert starts(text, base)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("现延期至6月30日", (None, "2025-06-30")),
    ("展期延长至6月30日", (None, "2025-06-30")),
])
def test_extensions_are_open_at_the_start(text, expected):
    assert starts(text, date(2025, 6, 5))[0] == expected


def test_a_postponed_day_is_not_an_extension():
    (expr,) = find_times("活动延期至6月30日举行", date(2025, 6, 5))
    assert not expr.open_start


@pytest.mark.parametrize("text, expected", [
    ("10月25日起一连三天", ("2025-10-25", "2025-10-27")),
    ("10月25日起，为期一个月", ("2025-10-25", "2025-11-24")),
    ("10月25日起为期半个月", ("2025-10-25", "2025-11-08")),
    ("10月25日起，为期两周", ("2025-10-25", "2025-11-07")),
])
def test_start_and_length(text, expected):
    assert starts(text, date(2025, 10, 1))[0] == expected


@pytest.mark.parametrize("text, base, expected", [
    ("本周末举办市集", date(2025, 6, 11), (date(2025, 6, 14), date(2025, 6, 15))),
    ("下周末举办市集", date(2025, 6, 11), (date(2025, 6, 21), date(2025, 6, 22))),
    ("這個周末舉行", date(2025, 6, 15), (date(2025, 6, 14), date(2025, 6, 15))),
])
def test_a_weekend_is_saturday_and_sunday(text, base, expected):
    (found,) = find_times(text, base)
    assert (found.start, found.last) == expected


@pytest.mark.parametrize("text, base, expected", [
    ("市集从本周末一直持续到10月8日", date(2025, 9, 24), (date(2025, 9, 27), date(2025, 10, 8))),
    ("灯会下周末至元宵节每晚开放", date(2025, 1, 29), (date(2025, 2, 8), date(2025, 2, 12))),
])
def test_a_range_can_open_on_a_weekend(text, base, expected):
    found = [t for t in find_times(text, base) if t.kind == "span"]
    assert [(t.start, t.last) for t in found] == [expected]


def test_a_solar_term_without_a_date_is_its_day():
    (found,) = find_times("惊蛰当天举办农耕体验", date(2025, 3, 1))
    assert found.start == date(2025, 3, 5)
    (found,) = find_times("秋分當日", date(2024, 9, 10))
    assert found.start == date(2024, 9, 22)


@pytest.mark.parametrize("text, base, expected", [
    # a public holiday with a fixed length is its span; 春节假期 runs from 除夕 to 初七
    ("国庆假期期间暂停办公", date(2025, 9, 20), [("国庆假期", "2025-10-01", "2025-10-07")]),
    ("春节假期照常开放", date(2025, 1, 10), [("春节假期", "2025-01-28", "2025-02-04")]),
    ("國慶長假期間", date(2025, 9, 20), [("國慶長假", "2025-10-01", "2025-10-07")]),
    # one whose length changes from year to year is the festival day alone
    ("元旦假期", date(2025, 12, 20), [("元旦假期", "2026-01-01", None)]),
    ("五一小长假", date(2025, 4, 20), [("五一小长假", "2025-05-01", None)]),
    # a holiday is not named by the festival's word alone
    ("国庆氛围浓厚", date(2025, 9, 20), []),
])
def test_holidays_are_their_days(text, base, expected):
    assert resolved(text, base) == expected


@pytest.mark.parametrize("text", ["11月15日及16日（星期六及日）", "11月15、16日", "11月15日和16日", "十一月十五日及十六日",
                                  "11月15日及16日（六及日）下午2時"])
def test_two_days_in_a_row_are_one_span(text):
    (found,) = find_times(text, date(2025, 11, 1))
    start = found.start.date() if isinstance(found.start, datetime) else found.start
    assert start == date(2025, 11, 15)
    last = found.last.date() if isinstance(found.last, datetime) else found.last
    assert last == date(2025, 11, 16)


@pytest.mark.parametrize("text", ["11月8日、15日", "11月8日和15日", "11月8日、9日"])
def test_two_days_apart_stay_two_days(text):
    assert len(find_times(text, date(2025, 11, 1))) == 2


def test_the_farmers_harvest_festival_is_the_autumn_equinox():
    days = {t.start for t in find_times("中国农民丰收节（秋分）当天", date(2025, 3, 1))}
    assert days == {date(2025, 9, 23)}


def test_a_hong_kong_day_month_with_its_weekday():
    (found,) = find_times("22/2（六）", date(2025, 1, 20))
    assert found.start == date(2025, 2, 22)
    assert find_times("22/2", date(2025, 1, 20)) == []


@pytest.mark.parametrize("text, start, end", [
    # until midnight: the day's last minute, however midnight is said
    ("2月1日晚上8時至12時", "2025-02-01 20:00:00", "2025-02-01 23:59:00"),
    ("2月1日晚上8時至午夜12時", "2025-02-01 20:00:00", "2025-02-01 23:59:00"),
    ("2月1日晚上8点至凌晨12点", "2025-02-01 20:00:00", "2025-02-01 23:59:00"),
    ("2月1日20:00-24:00", "2025-02-01 20:00:00", "2025-02-01 23:59:00"),
    # past midnight: the small hours of the next day
    ("12月31日晚上10时至凌晨1时", "2024-12-31 22:00:00", "2025-01-01 01:00:00"),
    # noon is no midnight
    ("2月1日上午10时至12时", "2025-02-01 10:00:00", "2025-02-01 12:00:00"),
])
def test_a_time_range_that_runs_to_or_past_midnight(text, start, end):
    assert resolved(text, date(2025, 1, 17)) == [(text, start, end)]



@pytest.mark.parametrize("text, first, last", [
    ("7/26（六）～7/27（日）", date(2025, 7, 26), date(2025, 7, 27)),
    ("12/30（二）至1/2（五）", date(2025, 12, 30), date(2026, 1, 2)),
])
def test_a_range_of_slash_dates(text, first, last):
    (expr,) = find_times(text, date(2025, 7, 8))
    assert (expr.kind, expr.start, expr.last) == ("span", first, last)


@pytest.mark.parametrize("text, start", [
    ("冬至当天（12月21日，周六）上午9:30", datetime(2024, 12, 21, 9, 30)),
    ("元宵节（2月12日，星期三）晚上7时", datetime(2025, 2, 12, 19, 0)),
])
def test_a_weekday_after_a_comma_belongs_to_its_date(text, start):
    (expr,) = find_times(text, date(2024, 12, 1))
    assert (expr.start, expr.conflict) == (start, False)
