"""The jurisdictions layer: the bundled division table, name resolution, parents, titles.

Every expectation here was read by hand from the Ministry's table or the document; nothing
is computed by the code under test and compared with itself.
"""

from __future__ import annotations

import pytest

from planwatch.places import all_jurisdictions, full_name, lookup, parents, resolve

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


def test_full_name_writes_the_address():
    j = lookup("320583")
    assert j is not None and full_name(j) == "江苏省苏州市昆山市"


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
        "莱芜市",  # abolished in 2019 (merged into 济南 as 莱芜区): not a current division
        "巢湖地区",
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
