"""Splitting a newspaper page into articles and cleaning layout debris."""
from datetime import date

from extract import extract_events
from extract.lexicon import load_lexicon
from extract.segment import split_page

LEX = load_lexicon()

PAGE = """#### 2024年 6月4日 星期二

第88期(总第1234期)

本期4版

## 社区举办夏季纳凉晚会

### 居民欢聚一堂

本报讯 6月1日,长风 街道在 社区广场举办纳凉晚会,居民 们欢聚一堂。 ■记者 李明

儿童节游园会在公园举行

■记者 王芳

本报讯 6月1日,区少年宫举办儿童节游园会。

游园会小贴士

参加游园会的家庭可以领取纪念品。
"""


def test_header_articles_and_titles():
    page = split_page(PAGE, LEX)
    assert page.header[0].startswith("2024年6月4日")
    assert [s.title for s in page.segments] == ["社区举办夏季纳凉晚会", "儿童节游园会在公园举行"]


def test_subheadings_stay_in_their_article():
    page = split_page(PAGE, LEX)
    assert "游园会小贴士" in page.segments[1].paragraphs
    assert page.segments[1].paragraphs[-1].startswith("参加游园会")


def test_pdf_spaces_and_trailing_bylines_are_removed():
    first = split_page(PAGE, LEX).segments[0]
    assert first.paragraphs == ["本报讯6月1日,长风街道在社区广场举办纳凉晚会,居民们欢聚一堂。"]


def test_broken_paragraphs_are_joined():
    page = split_page("题目在此\n\n本报讯 居民们在社区广场参加了一场\n\n热闹的纳凉晚会。", LEX)
    assert page.segments[0].paragraphs == ["本报讯居民们在社区广场参加了一场热闹的纳凉晚会。"]


def test_a_pdf_column_s_short_lines_are_one_paragraph_not_headings():
    # an unclosed quote, and a line opening with a connector, go on with the line above
    page = split_page("春 日 市 集 本 周 末 开 市\n■记者 张华\n本报讯 由街道主办的“春日\n拾光”社区市集将于3月15日\n"
                      "至16日在滨江步道举行\n届时将有摊位参与。", LEX)
    (segment,) = page.segments
    assert segment.title == "春日市集本周末开市"  # a letter-spaced headline reads as its characters
    assert segment.paragraphs == ["本报讯由街道主办的“春日拾光”社区市集将于3月15日至16日在滨江步道举行届时将有摊位参与。"]


def test_html_and_markdown_remnants():
    page = split_page("<h1>夏日 <b>晚会</b></h1><p>本报讯 6月1日，**社区**举办晚会&amp;游园。</p><script>alert(1)</script>", LEX)
    assert page.segments[0].title == "夏日 晚会"
    assert page.segments[0].paragraphs == ["本报讯6月1日，社区举办晚会&游园。"]


def test_ocr_spaced_digits_are_joined_but_separate_numbers_are_not():
    page = split_page("浦 东 社 区 报        2 0 2 5 年 8 月 1 9 日   星 期 二\n\n"
                      "本报讯 第 3 期讲座于 8 月 2 3 日举行，咨询 5033 1234。", LEX)
    assert page.header == ["浦东社区报2025年8月19日星期二"]
    assert page.segments[0].paragraphs == ["本报讯第3期讲座于8月23日举行，咨询5033 1234。"]


def test_a_short_list_item_is_not_a_byline():
    page = split_page("一周要闻\n\n■ 5月19日，街道开展文明引导服务。\n\n■记者 钱晓峰", LEX)
    assert page.segments[0].paragraphs == ["■ 5月19日，街道开展文明引导服务。"]


def test_sub_headings_inside_an_article_are_marked():
    page = split_page("八月活动安排\n发布时间：2024-08-06\n\n本网讯 记者梳理了本月活动。\n\n海边音乐会\n\n8月10日，音乐会在广场举行。", LEX)
    (segment,) = page.segments
    assert [segment.paragraphs[i] for i in sorted(segment.headings)] == ["海边音乐会"]


def test_a_notices_labelled_lines_are_body_paragraphs():
    from extract.lexicon import load_lexicon
    from extract.segment import split_page
    page = split_page("本报讯 活动时间：7月12日上午9时\n活动地点：区青少年宫二楼\n活动内容：少儿科普讲座", load_lexicon())
    (segment,) = page.segments
    assert len(segment.paragraphs) == 3 and not segment.headings


def test_a_web_titles_site_suffix_is_not_the_headline():
    from extract.lexicon import load_lexicon
    from extract.segment import split_page
    page = split_page("社区重阳敬老宴10月29日举行_区政府网\n\n10月29日中午，社区将在社区食堂举办重阳敬老宴。", load_lexicon())
    assert page.segments[0].title == "社区重阳敬老宴10月29日举行"
    page = split_page("城市更新——老街新生\n\n10月29日中午，社区将在社区食堂举办重阳敬老宴。", load_lexicon())
    assert page.segments[0].title == "城市更新——老街新生"


def test_a_table_rows_time_cell_joins_its_date_and_is_not_its_name():
    from extract.lexicon import load_lexicon
    from extract.segment import split_page

    page = split_page("<table><tr><td>2月15日（六）</td><td>下午2時至4時</td><td>親子手工班</td></tr></table>", load_lexicon("zh"))
    assert page.segments[0].paragraphs[-1].replace(" ", "") == "•2月15日（六）下午2時至4時，親子手工班。"


def test_full_width_bars_make_table_rows_only_under_a_header_row():
    text = ("本周活动\n\n日期 ｜ 时间 ｜ 活动 ｜ 地点\n3月4日（周二）｜ 14:00—15:30 ｜ 剪纸体验课 ｜ 街道文化站\n\n"
            "欢迎居民参加。\n\n责编：张三｜审核：李四｜2025年3月3日")
    paragraphs = [p.replace(" ", "") for p in split_page(text, LEX).segments[0].paragraphs]
    assert "•3月4日（周二）14:00—15:30，剪纸体验课，地点：街道文化站。" in paragraphs
    assert not any("审核" in p and p.startswith("•") for p in paragraphs)  # a credits line, not a row


def test_a_metadata_line_is_no_headline():
    page = split_page("社区举办讲座\n\n2025-02-18 14:05　来源：区委宣传部　【字体：大 中 小】　【打印本页】\n\n"
                      "2月22日，社区举办讲座。", LEX)
    assert [s.title for s in page.segments] == ["社区举办讲座"]


def test_a_posts_lines_end_at_an_emoji_or_tilde_and_bracketed_headings_stay_headings():
    text = ("🍂周末去哪儿｜社区“邻里秋集”来啦\n\n这个周末快喊上邻居一起来耍~\n【一｜邻里秋集】\n🕙时间｜11月16日10:00\n"
            "🪑小板凳自带，热茶管够☕\n📝报名方式\n1️⃣ 扫描二维码填写报名信息\n2️⃣ 拨打社区服务电话 028-85550000\n3️⃣ 报名截止：11月14日\n")
    page = split_page(text, LEX)
    assert len(page.segments) == 1  # one post: neither the bracketed heading nor the keycap items start another
    (segment,) = page.segments
    assert segment.title == "🍂周末去哪儿｜社区“邻里秋集”来啦"  # one ｜ is a headline's, not a menu's
    assert "这个周末快喊上邻居一起来耍~" in segment.paragraphs  # not joined to the heading after it
    assert segment.paragraphs.index("【一｜邻里秋集】") in segment.headings
    assert "🪑小板凳自带，热茶管够☕" in segment.paragraphs


def test_a_bracketed_dateline_still_starts_an_article():
    page = split_page("某区新闻\n\n【台北讯】市府今日举办记者会。\n", LEX)
    assert page.segments[-1].paragraphs[-1].startswith("【台北讯】")


def test_a_posts_exclaimed_first_line_is_its_headline_and_dates_nothing_of_its_own():
    text = "新华街道| 🧧蛇年春节“家门口”活动来啦！\n\n1月29日上午，社区将在广场发放春联。"
    (segment,) = split_page(text, LEX).segments
    assert segment.title == "新华街道| 🧧蛇年春节“家门口”活动来啦！"
    # its 春节 is the headline's theme, not a second occasion that swallows the item's own name
    assert [e.title for e in extract_events(text, published=date(2025, 1, 20)).events] == ["发放春联"]
    # an exclamation further down is a sentence
    later = split_page("社区新闻\n\n欢迎参加！\n\n1月29日上午，社区发放春联。", LEX).segments[0]
    assert "欢迎参加！" not in later.headings and later.title == "社区新闻"
