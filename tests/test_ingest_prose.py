"""Targets and results read from sentences: real work reports and written variants with twins."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.assess import assess_document
from planwatch.errors import NotAPlanReport
from planwatch.ingest import read_document
from planwatch.ingest.prose import read_prose, split_name
from planwatch.model import ProseRole, Status
from planwatch.phrases import parse_target


def _pairs(items) -> list[tuple[str, str]]:
    return [(item.name, item.phrase) for item in items]


def test_a_provincial_work_report_gives_its_targets_year_and_place(real_corpus):
    doc = read_document(real_corpus / "zhejiang_2026_gwr.txt")
    assert (doc.jurisdiction.name, doc.plan_year, doc.review_year) == ("浙江省", 2026, 2025)
    assert _pairs(doc.prose_targets) == [
        ("全省生产总值", "增长5%—5.5%"),
        ("城镇调查失业率", "5%以内"),
        ("居民消费价格涨幅", "2%左右"),  # the measure word ends the name, as tables print it
        ("居民人均可支配收入", "增长与经济增长同步"),
    ]
    assert {t.year for t in doc.prose_targets} == {2026}
    assert "争取更好结果" in doc.prose_targets[0].note  # the stretch clause is noted, not a target


def test_review_results_are_last_years_and_never_goals(real_corpus):
    doc = read_document(real_corpus / "zhejiang_2026_gwr.txt")
    results = dict(_pairs(doc.prose_actuals))
    assert results["城镇新增就业"] == "115.8万人"
    assert results["城镇调查失业率"] == "4.6%"
    assert {a.year for a in doc.prose_actuals} == {2025}
    # 十五五 goals (达到3.5%以上 by 2030) are five-year goals, never last year's results
    assert all("2030" not in a.sentence and "十五五" not in a.sentence for a in doc.prose_actuals)
    assert doc.five_year_goals and all(g.role is ProseRole.FIVE_YEAR for g in doc.five_year_goals)


def test_a_review_of_last_years_targets_is_assessed_like_table_1(real_corpus):
    doc = read_document(real_corpus / "taizhou_zj_2003_plan_report.txt")
    result = assess_document(doc)
    assert result.year == 2003 and result.table.caption == "正文中的2003年目标与完成情况"
    by_name = {row.name: (row, a) for row, a in result.rows}
    row, judged = by_name["社会消费品零售总额"]
    assert (row.target, row.actual, judged.status) == ("增长12%", "增长13%", Status.MET)


def test_traditional_characters_and_pinyin_clutter(real_corpus):
    doc = read_document(real_corpus / "zhangzhou_2010_gwr_news.txt")
    names = [t.name for t in doc.prose_targets]
    assert "地區生產總值" in names  # 地區(qū)生產(chǎn)總值: the mirror site's pinyin taken off
    gdp = next(t for t in doc.prose_targets if t.name == "地區生產總值")
    assert gdp.phrase == "增長13%" and parse_target(gdp.phrase).value.value == 13


TEXT = """2025年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右；城镇新增就业5万人以上，
城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；城镇、农村居民人均可支配收入分别增长6%、7%左右；
能源、水资源等指标达到省下达要求；单位地区生产总值能耗降低完成省下达任务。"""


def test_a_written_passage_is_cut_into_indicators():
    found = read_prose(TEXT, 2025, 2024)
    assert _pairs(found.targets) == [
        ("地区生产总值", "增长6%左右"),
        ("城镇新增就业", "5万人以上"),
        ("城镇调查失业率", "5.5%左右"),
        ("居民消费价格涨幅", "3%左右"),
        ("城镇居民人均可支配收入", "增长6%左右"),  # 、-list: 左右 bounds both
        ("农村居民人均可支配收入", "增长7%左右"),
        ("能源指标", "达到省下达要求"),
        ("水资源指标", "达到省下达要求"),
        ("单位地区生产总值能耗降低", "完成省下达任务"),
    ]
    assert {t.year for t in found.targets} == {2025}
    for item in found.targets[:4]:  # the offset points at the clause in the text
        assert TEXT[item.offset :].startswith(item.name + item.phrase)


def test_one_target_per_line_with_bullets():
    text = (
        "主要目标：\n● 地区生产总值增长5%以上；\n● 一般公共预算收入增长4%；\n● 粮食产量保持稳定。\n"
    )
    assert _pairs(read_prose(text, 2026, 2025).targets) == [
        ("地区生产总值", "增长5%以上"),
        ("一般公共预算收入", "增长4%"),
        ("粮食产量", "保持稳定"),
    ]


def test_five_year_goals_are_kept_apart():
    text = (
        "“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右；研发投入强度达到3.5%。"
    )
    found = read_prose(text, 2026, 2025)
    assert found.targets == []
    assert _pairs(found.five_year) == [
        ("地区生产总值", "年均增长5%左右"),
        ("研发投入强度", "达到3.5%"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "我们的主要目标任务顺利完成，人民群众获得感明显增强。",  # 目标 without 是/：
        "主要目标是：在高质量发展上继续走在前列，在改革开放上勇争先。",  # a vision, no target
        "会议指出，要坚持稳中求进工作总基调。",
    ],
)
def test_no_targets_passage_gives_no_targets(text):
    found = read_prose(text, 2026, 2025)
    assert found.targets == []
    assert found.warnings  # and says so


def test_a_sentence_that_is_not_read_is_kept_unassessable():
    name, phrase = split_name("地区生产总值增长势头更加强劲有力")
    assert (name, phrase) == ("地区生产总值增长势头更加强劲有力", "")  # kept whole, unread


def test_a_proposed_target_in_the_review_is_not_a_result():
    text = "2024年地区生产总值增长5.1%。建议2025年地区生产总值增长5%左右。"
    found = read_prose(text, 2025, 2024)
    assert _pairs(found.actuals) == [("地区生产总值", "增长5.1%")]


def test_a_page_with_neither_table_nor_target_sentence_is_refused(tmp_path):
    page = tmp_path / "news.txt"
    page.write_text("新闻\n今天天气晴，气温25度。\n", encoding="utf-8")
    with pytest.raises(NotAPlanReport):
        read_document(page)


def test_ingest_json_lists_prose_targets(tmp_path, real_corpus):
    from typer.testing import CliRunner

    from planwatch.cli import app

    result = CliRunner().invoke(
        app, ["ingest", "--dry-run", "--json", str(real_corpus / "shanghai_2024_gwr_news.txt")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    first = data["prose_targets"][0]
    assert (first["name"], first["target"], first["year"]) == ("全市生产总值", "增长5%左右", 2024)
    assert {"sentence", "offset"} <= set(first)


def test_the_samples_key_tasks_and_their_commitments(sample_doc):
    """Counted by hand in 三、: 8 quantified commitments in 18 tasks; the numbers that name
    things (605省道, “1030”产业体系, 240小时免签, 2025苏州全球招商大会) are none."""
    assert len(sample_doc.key_tasks) == 18
    found = [(t.number, c.phrase) for t in sample_doc.key_tasks for c in t.commitments]
    assert found == [
        ("三、（二）2．", "1万个以上"),
        ("三、（四）2．", "下降至12%左右"),
        ("三、（五）1．", "186个"),
        ("三、（五）1．", "107个"),
        ("三、（五）1．", "更新3100台以上"),
        ("三、（五）1．", "150公里"),
        ("三、（五）1．", "195公里"),
        ("三、（五）1．", "34公里"),
    ]


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("实施186个城中村改造、107个老旧小区更新改造。", ["186个", "107个"]),
        ("改造燃气、供水管网150公里。", ["150公里"]),  # 、 between names: one commitment
        ("推进“1030”产业体系建设，实施服务业“1840”工程。", []),
        ("用好过境240小时免签新政，办好2025苏州全球招商大会。", []),
        ("605省道改扩建完工。", []),
        # an ordinal, "each", the article 一 and a lone power of ten count nothing to be done
        ("做好第四次全国农业普查工作。", []),
        ("完成第3批老旧小区改造。", []),
        ("办好每一件民生实事。", []),
        ("坚持产量产能、增产增收一起抓。", []),
        ("说一件、干一件、成一件。", []),
        ("增发一次性生活补贴。", []),
        ("让改革成果惠及千家万户。", []),
        ("推动千村万户共同富裕。", []),
        # twins: the same words counting what is to be done
        ("完成四次全国性普查。", ["四次"]),
        ("新建两个片区。", ["两个"]),
        ("改造农村危房三万户。", ["三万户"]),
        ("改造农村危房4600户。", ["4600户"]),
        ("培育一百家专精特新企业。", ["一百家"]),
        ("带动万名青年入乡发展。", ["万名"]),  # a power of ten alone counts
        # a bound before the number is kept; a unit of visits is not cut to its first part
        ("提供不少于10万个高校毕业生就业岗位。", ["不少于10万个"]),
        ("开展家庭教育指导服务1万户次。", ["1万户次"]),
    ],
)
def test_commitments_and_their_negative_twins(text, phrases):
    from planwatch.ingest.commitments import commitments

    assert [c.phrase for c in commitments(text)] == phrases


def test_targets_printed_twice_are_listed_once():
    text = (
        "报告提出主要预期目标是:地区生产总值增长8%以上(人民币,下同)。\n"
        "2018年主要预期目标是:地区生产总值增长8%以上;一般公共预算收入增长8%左右。"
    )
    found = read_prose(text, None, None)
    assert [(t.name, t.year) for t in found.targets] == [
        ("地区生产总值", 2018),
        ("一般公共预算收入", 2018),
    ]


def test_assessing_a_work_report_says_why_nothing_is_judged(real_corpus):
    from planwatch.errors import TableNotFound

    doc = read_document(real_corpus / "zhejiang_2026_gwr.txt")
    with pytest.raises(TableNotFound) as refused:
        assess_document(doc)
    assert "2026年的目标和2025年的完成情况" in str(refused.value)


def test_review_lists_and_comparisons_beside_a_figure():
    text = (
        "过去一年，全市地区生产总值5.2万亿元、增长5.4%、高于全国0.4个百分点，"
        "城镇、农村常住居民人均可支配收入分别增长4.4%、5.9%。"
    )
    found = read_prose(text, 2026, 2025)
    assert _pairs(found.actuals) == [
        ("地区生产总值", "5.2万亿元、增长5.4%"),
        ("城镇常住居民人均可支配收入", "增长4.4%"),
        ("农村常住居民人均可支配收入", "增长5.9%"),
    ]
    gdp = parse_actual_of(found.actuals[0].phrase)
    assert (gdp.value.value, gdp.growth.value) == (5.2e12, 5.4)
    # the comparison is kept as the result's note, not judged and not part of its phrase
    assert found.actuals[0].note == "高于全国0.4个百分点"


@pytest.mark.parametrize(
    ("review", "phrase", "note"),
    [
        (
            "高技术制造业增加值增长30.4%、连续24个月保持两位数增长。",
            "增长30.4%",
            "连续24个月保持两位数增长",
        ),
        ("进出口总额突破万亿元、增速居全国第5位。", "突破万亿元", "增速居全国第5位"),
        # twins: a second figure of the same indicator is part of the result
        ("细颗粒物浓度27微克/立方米、下降11.5%。", "27微克/立方米、下降11.5%", None),
        ("地区生产总值5.2万亿元、增长5.4%。", "5.2万亿元、增长5.4%", None),
    ],
)
def test_a_remark_after_a_result_is_its_note(review, phrase, note):
    (item,) = read_prose("过去一年，" + review, 2026, 2025).actuals
    assert (item.phrase, item.note) == (phrase, note)


def parse_actual_of(phrase):
    from planwatch.phrases import parse_actual

    return parse_actual(phrase)


OPENING = """政府工作报告
——2025年1月10日在昆山市第十七届人民代表大会第五次会议上
各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。
"""


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        (OPENING, "昆山市"),  # the meeting line, not 我代表市
        (OPENING.replace("昆山市第十七届", "第十七届"), None),  # 我代表市 is no place
        ("上海浦東向GDP“萬億俱樂部”發起“沖擊”\n" + OPENING.splitlines()[-1], "浦东新区"),
        ("2010年漳州經濟社會發展預期目標\n" + OPENING.splitlines()[-1], "漳州市"),
        # A sentence that compares with another place, and a headline of several, name none.
        ("今年以来，全市主要指标增速高于苏州市的平均水平。\n" + OPENING.splitlines()[-1], None),
        ("长三角三省一市：上海江苏浙江安徽经济回升\n" + OPENING.splitlines()[-1], None),
    ],
)
def test_the_place_of_a_work_report_or_news_page(opening, place, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(opening, encoding="utf-8")
    doc = read_document(path)
    assert (doc.jurisdiction.name if doc.jurisdiction else None) == place


def test_a_plan_notice_named_by_its_issuer_only_is_read_without_a_crash(real_corpus):
    """绍兴市人民政府关于下达2025年绍兴市…的通知: an IndexError once; now a clear refusal."""
    with pytest.raises(NotAPlanReport, match="未找到指标表"):
        read_document(real_corpus / "shaoxing_2025_plan.txt")


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (
            "据统计，全年财政总收入108.68亿元，其中地方财政收入52.7亿元，分别增长25.2%和28.4%。",
            [("财政总收入", "108.68亿元、增长25.2%"), ("地方财政收入", "52.7亿元、增长28.4%")],
        ),
        # twin: without 分别 each level stands alone, and no growth is borrowed
        (
            "据统计，全年财政总收入108.68亿元，其中地方财政收入52.7亿元。",
            [("财政总收入", "108.68亿元"), ("地方财政收入", "52.7亿元")],
        ),
    ],
)
def test_a_whole_and_its_part_with_their_growths_given_together(review, expected):
    text = (
        "一、2003年计划执行情况\n主要调控目标是：财政总收入增长16%，其中地方财政收入增长16%。\n"
        + review
    )
    found = read_prose(text, plan_year=2004, review_year=2003)
    assert _pairs(found.actuals) == expected


def test_the_targets_passage_inside_the_plan_part_is_no_commitment(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(
        "政府工作报告\n——2025年1月10日在昆山市第十七届人民代表大会第五次会议上\n"
        "一、2024年工作回顾\n过去一年，全市地区生产总值增长5.2%。\n"
        "二、2025年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；"
        "城镇新增就业3万人以上。\n全年实施186个城中村改造。\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert [t.name for t in doc.prose_targets] == ["地区生产总值", "城镇新增就业"]
    phrases = [c.phrase for task in doc.key_tasks for c in task.commitments]
    assert "增长5.5%左右" not in phrases and "3万人以上" not in phrases
    assert any("186个" in p for p in phrases)  # its twin: a real commitment stays


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (
            "全省城乡居民人均可支配收入分别达6.9万元、3.4万元，增长4.2%、5.3%。",
            [
                ("城镇居民人均可支配收入", "达6.9万元、增长4.2%"),
                ("农村居民人均可支配收入", "达3.4万元、增长5.3%"),
            ],
        ),
        (
            "规上工业增加值、规上服务业营收分别增长6.5%和7%。",
            [("规上工业增加值", "增长6.5%"), ("规上服务业营收", "增长7%")],
        ),
        # both names lead to the list: each result once
        (
            "基础设施投资、工业投资分别增长3.2%、8.5%，社会消费品零售总额增长3.1%。",
            [
                ("基础设施投资", "增长3.2%"),
                ("工业投资", "增长8.5%"),
                ("社会消费品零售总额", "增长3.1%"),
            ],
        ),
        # twins: one figure for two names, or lists of unequal length, give no result at all
        ("城乡居民人均可支配收入分别增长4.2%。", []),
        ("城乡居民人均可支配收入分别达6.9万元、3.4万元，增长4.2%。", []),
    ],
)
def test_respective_lists_give_each_name_its_figures(review, expected):
    found = read_prose("过去一年，" + review, 2026, 2025)
    assert _pairs(found.actuals) == expected


def _results(review: str, plan_year: int | None = 2026, review_year: int | None = 2025):
    found = read_prose("过去一年，" + review, plan_year, review_year)
    return [(item.name, item.phrase, item.year) for item in found.actuals]


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        # a jurisdiction and a year before the name are whose and when, not part of the name
        ("报告显示，2024年通辽市地区生产总值实现1267.3亿元、增长4%。", [2024, "地区生产总值"]),
        ("上海2024年GDP达到4.72万亿元，增长5%。", [2024, "GDP"]),
        ("江苏GDP达12.82万亿元，增长5.8%。", [2025, "GDP"]),
        ("其中农村居民收入增长5.8%。", [2025, "农村居民收入"]),
        # twins: a comparison's base year is not the figure's year; a far year is not taken
        ("地区生产总值比2024年增长5.8%。", [2025, "地区生产总值"]),
    ],
)
def test_place_and_year_before_a_result_are_its_scope(review, expected):
    ((name, _, year),) = _results(review)
    assert [year, name] == expected


def test_a_figure_of_a_far_year_is_not_last_years_result():
    assert _results("2019年地区生产总值增长6%。") == []


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        # the growth after a rank is still the result's
        (
            "全市实现地区生产总值3347.6亿元,居全省第4位,增长1.5%;",
            [("地区生产总值", "3347.6亿元,增长1.5%")],
        ),
        (
            "地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%，",
            [("地区生产总值", "达到5.53万亿元、增长4.8%")],
        ),
        # a 、 after a figure starts the next result
        (
            "完成财政总收入671.50亿元、地方一般公共预算收入352.93亿元,",
            [("财政总收入", "671.50亿元"), ("地方一般公共预算收入", "352.93亿元")],
        ),
        # twins: a comparison after the figure, a proposal, another year's figure: no result
        ("农村居民收入增长5.8%、快于经济增速1个百分点。", [("农村居民收入", "增长5.8%")]),
        ("地区生产总值预期增长6%以上。", []),
        ("长三角地区GDP突破2022年的29.03万亿元。", []),
    ],
)
def test_what_goes_with_a_result_and_what_does_not(review, expected):
    assert [(n, p) for n, p, _ in _results(review)] == expected


def test_a_period_word_inside_a_name_is_no_period():
    text = "细颗粒物年均浓度27微克/立方米、下降11.5%。地区生产总值年均增长5.7%。"
    found = read_prose("过去一年，" + text, 2026, 2025)
    assert _pairs(found.actuals) == [("细颗粒物年均浓度", "27微克/立方米、下降11.5%")]
    assert ("地区生产总值", "年均增长5.7%") in _pairs(found.five_year_results)
    assert found.five_year == []  # a rate of the years behind is what they achieved, no goal


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (
            "战略性新兴产业、高新技术产业增加值分别增长10%、7.9%。",
            [("战略性新兴产业增加值", "增长10%"), ("高新技术产业增加值", "增长7.9%")],
        ),
        # twin: the parallel head is kept when the catalogue's name ends the borrowed name
        (
            "城镇、农村常住居民人均可支配收入分别增长4.4%、5.9%。",
            [
                ("城镇常住居民人均可支配收入", "增长4.4%"),
                ("农村常住居民人均可支配收入", "增长5.9%"),
            ],
        ),
    ],
)
def test_listed_names_borrow_the_tail_the_catalogue_knows(review, expected):
    assert [(n, p) for n, p, _ in _results(review)] == expected


def test_from_a_to_b_over_years_gives_the_level_reached_and_the_rate():
    text = "地区生产总值从2011年的1520亿元增加到2016年的2243.1亿元,年均增长8.6%;"
    found = read_prose("赶超发展的五年\n" + text, 2017, 2016)
    assert [(a.name, a.phrase, a.year) for a in found.actuals] == [
        ("地区生产总值", "2243.1亿元", 2016)
    ]
    assert [(g.name, g.phrase, g.year) for g in found.five_year_results] == [
        ("地区生产总值", "年均增长8.6%", 2016)
    ]
    assert found.five_year == []
    # twin: a from-to of the future is a goal only, never a result
    ahead = read_prose("到2030年，地区生产总值从1520亿元增加到3000亿元。", 2026, 2025)
    assert ahead.actuals == []


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (
            "金融机构存、贷款余额分别增长8.8%、11.9%。",
            [("金融机构存款余额", "增长8.8%"), ("金融机构贷款余额", "增长11.9%")],
        ),
        (  # a name complete of its own lends nothing (义务教育巩固率, not …巩固率率)
            "学前教育毛入园率、义务教育巩固率、高中阶段和高等教育毛入学率分别达到93.5%、98.3%、"
            "98.5%、64.3%。",
            [
                ("学前教育毛入园率", "达到93.5%"),
                ("义务教育巩固率", "达到98.3%"),
                ("高中阶段毛入学率", "达到98.5%"),
                ("高等教育毛入学率", "达到64.3%"),
            ],
        ),
        # twin: names listed that the catalogue does not know give no result
        ("汽车类、石油及制品类零售额分别增长16.6%、7.8%。", []),
    ],
)
def test_names_listed_before_respectively(review, expected):
    assert [(n, p) for n, p, _ in _results(review)] == expected


def test_a_steady_result_without_a_figure_is_kept_and_a_vague_one_is_not():
    found = _results("居民消费价格总体平稳，城镇调查失业率均值保持历史最好水平。")
    assert [(n, p) for n, p, _ in found] == [
        ("居民消费价格", "总体平稳"),
        ("城镇调查失业率", "均值保持历史最好水平"),
    ]
    assert _results("地区生产总值不断提升。") == []


FIVE_YEARS = """一、“十四五”时期和2025年工作回顾
过去的五年极不寻常。
民生福祉不断增进。全体居民人均可支配收入达到41580元，城镇新增就业603.7万人，森林覆盖率提高1.4个百分点。
刚刚过去的2025年很不平凡。地区生产总值增长5.1%。
"""


def test_levels_reached_in_a_five_year_review_are_the_review_years():
    found = read_prose(FIVE_YEARS, 2026, 2025)
    assert [(a.name, a.phrase, a.year) for a in found.actuals] == [
        ("全体居民人均可支配收入", "达到41580元", 2025),
        ("地区生产总值", "增长5.1%", 2025),
    ]
    # twins: a five-year sum of a flow and a change over the period stay five-year figures
    five = {(g.name, g.phrase) for g in found.five_year_results}
    assert {("城镇新增就业", "603.7万人"), ("森林覆盖率", "提高1.4个百分点")} <= five
    assert found.five_year == []


def test_a_dated_result_after_the_targets_passage_is_read():
    text = (
        "今年主要预期目标是：地区生产总值增长8%以上。"
        "据统计，2017年浦东新区地区生产总值预计增长8.5%以上。"
        "今年要加快建设，工业总产值增长10%。"
    )
    found = read_prose(text, 2018, None)
    assert [(a.name, a.phrase, a.year) for a in found.actuals] == [
        ("地区生产总值", "预计增长8.5%以上", 2017)
    ]


@given(
    scope=st.sampled_from(["", "全市", "其中", "2025年", "江苏", "2025年昆山市"]),
    name=st.sampled_from(["地区生产总值", "一般公共预算收入", "社会消费品零售总额", "工业投资"]),
    tenths=st.integers(min_value=1, max_value=199),
    verb=st.sampled_from(["增长", "下降"]),
)
@settings(max_examples=60, deadline=None)
def test_any_scope_before_a_result_leaves_its_name_and_figure(scope, name, tenths, verb):
    figure = f"{tenths / 10:g}%"
    found = read_prose(f"过去一年，{scope}{name}{verb}{figure}。", 2026, 2025)
    assert [(a.name, a.phrase, a.year) for a in found.actuals] == [(name, verb + figure, 2025)]
    assert found.five_year == []


# Five years behind and five years ahead: a report's review of the past period states what it
# achieved (five-year results), its part on the coming period what it aims at (goals).
BOTH_PERIODS = """二、“十四五”时期发展成就和“十五五”时期主要目标任务
过去五年，我们坚定推进高质量发展，地区生产总值年均增长5.2%，经济总量连续迈上新台阶。
“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长4.5%-5%。
三、2026年重点工作
"""


def test_a_part_on_both_periods_keeps_results_behind_and_goals_ahead():
    found = read_prose(BOTH_PERIODS, 2026, 2025)
    results = [(r.name, r.phrase, r.year, r.role) for r in found.five_year_results]
    assert results == [("地区生产总值", "年均增长5.2%", 2025, ProseRole.FIVE_YEAR_RESULT)]
    goals = [(g.name, g.phrase, g.year) for g in found.five_year]
    assert goals == [("地区生产总值", "年均增长4.5%-5%", 2030)]
    assert found.actuals == []  # neither is last year's figure


@pytest.mark.parametrize(
    ("opening", "report_year", "behind"),
    [
        ("这五年，", 2026, True),
        ("五年来，", 2021, True),
        ("过去五年，", 2026, True),
        ("“十四五”时期，", 2026, True),  # the period ends in 2025, the year reviewed
        ("“十三五”时期，", 2021, True),
        # twins: the period named is the one ahead of the report
        ("“十五五”时期，", 2026, False),
        ("“十四五”时期，", 2021, False),
    ],
)
def test_a_paragraph_on_a_period_looks_back_only_on_one_that_has_ended(
    opening, report_year, behind
):
    text = f"{opening}居民人均可支配收入年均增长6.3%，城乡居民收入差距持续缩小。"
    found = read_prose(text, report_year, report_year - 1)
    results = [(r.name, r.phrase, r.year) for r in found.five_year_results]
    goals = [(g.name, g.phrase) for g in found.five_year]
    if behind:
        assert results == [("居民人均可支配收入", "年均增长6.3%", report_year - 1)]
        assert goals == []
    else:
        assert results == []
        assert goals == [("居民人均可支配收入", "年均增长6.3%")]


def test_five_year_results_are_published_as_results_and_shown_apart(tmp_path):
    path = tmp_path / "report.txt"
    annual = "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n"
    path.write_text("北京市2026年政府工作报告\n" + BOTH_PERIODS + annual, encoding="utf-8")
    doc = read_document(path)
    data = doc.public_dict()
    assert [r["actual"] for r in data["five_year_results"]] == ["年均增长5.2%"]
    assert "target" not in data["five_year_results"][0]
    assert [g["target"] for g in data["five_year_goals"]] == ["年均增长4.5%-5%"]
    assert [item.role.zh for item in doc.prose_items()][-2:] == ["五年目标", "五年成效"]


def test_the_years_tasks_win_over_the_five_years_tasks(real_corpus):
    """二、“十五五”时期经济社会发展重点任务 comes before 三、2026年重点工作: the commitments are
    the year's, not the five years' (whose 2030 goals would pass for 2026 promises)."""
    doc = read_document(real_corpus / "heilongjiang_2026_gwr.txt")
    assert doc.key_tasks and {t.number[:2] for t in doc.key_tasks} == {"三、"}
    found = {(c.name, c.phrase) for t in doc.key_tasks for c in t.commitments}
    assert ("规上工业增加值", "增长5%以上") in found
    assert not any("年均" in phrase for _, phrase in found)  # no five-year rate


def test_a_report_with_one_part_of_tasks_keeps_it_whatever_it_is_called():
    from planwatch.ingest.commitments import key_tasks
    from planwatch.model import Section

    only = Section(level=1, number="二、", title="“十五五”时期重点任务", text="建成充电桩7.5万个。")
    assert [t.commitments[0].phrase for t in key_tasks([only])] == ["7.5万个"]


def test_a_sentence_opening_with_preliminary_accounting_speaks_for_all_its_clauses():
    from planwatch.model import Quality
    from planwatch.phrases import parse_actual

    text = "初步核算，全市实现地区生产总值3347.6亿元，增长1.5%；全年粮食总产量93亿斤。"
    found = read_prose(text + "一般公共预算收入增长6.4%。", 2024, 2023)
    qualities = [(a.name, parse_actual(a.phrase).quality, a.note) for a in found.actuals]
    assert qualities == [
        ("地区生产总值", Quality.PRELIMINARY, "初步核算"),
        ("粮食总产量", Quality.PRELIMINARY, "初步核算"),
        # twin: the next sentence does not open so, and its figure is final
        ("一般公共预算收入", Quality.FINAL, None),
    ]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # a measure of its own keeps its head: 能耗 is no 能耗排放量
        ("单位生产总值能耗、主要污染物排放量", ["单位生产总值能耗", "主要污染物排放量"]),
        ("萬元地區生產總值能耗、主要污染物排放", ["萬元地區生產總值能耗", "主要污染物排放"]),
        # twins: things take the shared amount; any part takes a measure of a measure
        ("二氧化硫、氮氧化物排放量", ["二氧化硫排放量", "氮氧化物排放量"]),
        ("能源、水资源、碳排放等指标", ["能源指标", "水资源指标", "碳排放指标"]),
        (
            "服务业增加值、数字经济核心产业增加值占比",
            ["服务业增加值占比", "数字经济核心产业增加值占比"],
        ),
    ],
)
def test_names_sharing_a_predicate_lend_their_head_only_where_it_is_missing(names, expected):
    from planwatch.ingest.prose import _joint_names

    assert _joint_names(names) == expected


def test_a_measure_and_a_thing_sharing_a_fall_each_keep_their_names():
    found = read_prose(
        "今年主要预期目标是：单位生产总值能耗、主要污染物排放量继续下降。", 2020, 2019
    )
    assert _pairs(found.targets) == [
        ("单位生产总值能耗", "继续下降"),
        ("主要污染物排放量", "继续下降"),
    ]


@pytest.mark.parametrize("marker", ["一是", "四是", "第一，", "其一，"])
def test_the_words_that_count_items_off_are_no_part_of_a_name(marker):
    text = f"今后五年的发展目标是：{marker}首都安全水平全面提升，居民收入持续增长。"
    found = read_prose(text, 2026, 2025)
    assert _pairs(found.five_year)[0] == ("首都安全水平", "全面提升")


def test_a_name_that_begins_with_an_ordinal_keeps_it():
    """Twin: 第一 counts an item off only before a comma; 第一产业 is a name."""
    found = read_prose("今年主要预期目标是：第一产业增加值增长3%左右。", 2026, 2025)
    assert _pairs(found.targets) == [("第一产业增加值", "增长3%左右")]


def test_a_target_is_never_judged_against_another_places_result(real_corpus):
    """The page states Hangzhou's 2019 target and Tongliao's 2019 result: no pair of the two."""
    doc = read_document(real_corpus / "multi_city_2020_targets_thepaper.txt")
    rows = [(r.name, r.target, r.actual) for t in doc.tables for r in t.rows]
    assert ("地區生產總值", "增長7%左右", None) in rows
    assert not any(actual and "1267.3" in actual for _, _, actual in rows)


@pytest.mark.parametrize(
    ("result_place", "paired"),
    [
        ("通辽市", False),  # another city
        ("杭州市", True),  # the same city
        ("浙江省杭州市", True),  # the city within its province
        ("", True),  # no place named: the document's own
    ],
)
def test_a_prose_review_pairs_target_and_result_of_one_place(result_place, paired):
    from planwatch.ingest.prose import prose_review_table

    text = (
        "2019年年初，杭州市政府工作报告提出主要预期目标是：地区生产总值增长7%左右。\n"
        f"报告显示，2019年{result_place}地区生产总值增长6.8%。\n"
    )
    found = read_prose(text, 2020, 2019)
    table = prose_review_table(found.targets, found.actuals, text)
    assert table is not None
    assert table.rows[0].actual == ("增长6.8%" if paired else None)


def test_a_part_named_by_the_plans_year_is_the_plan_part(real_corpus):
    """三、关于2026年工作 names no 重点工作 or 工作安排, but the plan's year and its work."""
    from planwatch.ingest.commitments import key_tasks
    from planwatch.model import Section

    doc = read_document(real_corpus / "hunan_2026_gwr.txt")
    found = {(c.name, c.phrase) for t in doc.key_tasks for c in t.commitments}
    assert ("力争研发经费投入", "增长8%以上") in found
    part = Section(level=1, number="三、", title="关于2026年工作", text="新增充电桩7.5万个。")
    assert [t.number for t in key_tasks([part], plan_year=2026)] == ["三、"]
    # twins: another year's work, or the year's review, is no plan part
    assert key_tasks([part], plan_year=2027) == []
    review = part.model_copy(update={"title": "2026年工作回顾"})
    assert key_tasks([review], plan_year=2026) == []


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # the earliest cut falls inside the catalogue's 居民消费价格总水平涨幅 (总水平 is one word)
        ("居民消费价格总水平涨幅控制在4%左右", ("居民消费价格总水平涨幅", "控制在4%左右")),
        ("居民消費價格總水平漲幅控制在4%左右", ("居民消費價格總水平漲幅", "控制在4%左右")),
        # twins: a cut before a verb, or after a name of its own, stays where it is
        (
            "单位地区生产总值二氧化碳排放降低3.8%左右",
            ("单位地区生产总值二氧化碳排放", "降低3.8%左右"),
        ),
        ("单位GDP能耗降低3%", ("单位GDP能耗", "降低3%")),
        ("居民消费价格涨幅控制在3%左右", ("居民消费价格涨幅", "控制在3%左右")),
    ],
)
def test_a_name_is_not_cut_inside_an_indicator_the_catalogue_knows(clause, expected):
    assert split_name(clause) == expected


def test_a_clause_framed_by_a_field_of_work_names_no_indicator():
    text = (
        "“十五五”时期经济社会发展的主要目标是：在推进省域治理体系和治理能力现代化上实现新提升，"
        "在高质量发展上继续走在前列，地区生产总值年均增长5%左右。"
    )
    found = read_prose(text, 2026, 2025)
    assert _pairs(found.five_year) == [("地区生产总值", "年均增长5%左右")]
    # twin: a name that begins with 在 is a name (在校生 are the students enrolled)
    found = read_prose("今年主要预期目标是：在校生人数增长5%。", 2026, 2025)
    assert _pairs(found.targets) == [("在校生人数", "增长5%")]


def test_a_result_of_a_place_named_before_it_says_whose_it_is():
    text = "各地政府工作报告显示,上海2023年GDP达到4.72万亿元,增长5%;江蘇GDP达12.82万亿元,增长5.8%。"
    found = read_prose(text, None, 2023)
    assert [(a.name, a.note) for a in found.actuals] == [
        ("GDP", "上海的数字"),
        ("GDP", "江蘇的数字"),  # as printed
    ]
    # twin: a result with no place named has no such note
    assert read_prose("过去一年，全市地区生产总值增长5%。", 2024, 2023).actuals[0].note is None
