"""Kinds and short names of divisions, derived from their official names.

Why derived: the Ministry's table gives only code, name and level; a report writes 苏州 for
苏州市, 广西 for 广西壮族自治区 and 延边 for 延边朝鲜族自治州. One rule here serves the table
and the tests, so a short name is never typed by hand for 3,200 divisions.
"""

from __future__ import annotations

import re

MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
FOREST_DISTRICT = "429021"  # 神农架林区, the one 林区 of the table

# The conventional short names of the province-level divisions (the national usage: 内蒙古,
# not 内蒙; 黑龙江, not 黑). Derived names would give the same; listed so a rule change
# cannot silently rename a province.
PROVINCE_SHORT: dict[str, str] = {
    "北京市": "北京",
    "天津市": "天津",
    "河北省": "河北",
    "山西省": "山西",
    "内蒙古自治区": "内蒙古",
    "辽宁省": "辽宁",
    "吉林省": "吉林",
    "黑龙江省": "黑龙江",
    "上海市": "上海",
    "江苏省": "江苏",
    "浙江省": "浙江",
    "安徽省": "安徽",
    "福建省": "福建",
    "江西省": "江西",
    "山东省": "山东",
    "河南省": "河南",
    "湖北省": "湖北",
    "湖南省": "湖南",
    "广东省": "广东",
    "广西壮族自治区": "广西",
    "海南省": "海南",
    "重庆市": "重庆",
    "四川省": "四川",
    "贵州省": "贵州",
    "云南省": "云南",
    "西藏自治区": "西藏",
    "陕西省": "陕西",
    "甘肃省": "甘肃",
    "青海省": "青海",
    "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}

# The 56 nationalities, longest first, as they appear in autonomous names (…族自治州).
_NATIONALITIES = sorted(
    """汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山
    拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒
    乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺""".split(),  # noqa: SIM905
    key=len,
    reverse=True,
)
# A few autonomous names write the nationality without 族 (鄂伦春自治旗, 新疆维吾尔自治区).
_BARE_NATIONALITIES = ("维吾尔", "鄂伦春")
_AUTONOMOUS = re.compile(r"自治(区|州|县|旗)$")

# Level-3 suffixes, longest first: (suffix, kind).
_COUNTY_SUFFIXES = (
    ("自治县", "自治县"),
    ("自治旗", "自治旗"),
    ("特区", "特区"),
    ("区", "市辖区"),
    ("市", "县级市"),
    ("县", "县"),
    ("旗", "旗"),
)
_PREFECTURE_SUFFIXES = (("自治州", "自治州"), ("地区", "地区"), ("盟", "盟"), ("市", "地级市"))


def kind_of(code: str, name: str, level: int) -> str:
    """The division's kind from its level and name suffix (地级市, 自治州, 县级市, 旗 …)."""
    if level == 1:
        if code in MUNICIPALITIES:
            return "直辖市"
        for suffix in ("特别行政区", "自治区", "省"):
            if name.endswith(suffix):
                return suffix
        return "省"
    if code == FOREST_DISTRICT:
        return "林区"  # 伊春市金林区 ends in 林区 too, but is a 市辖区
    suffixes = _PREFECTURE_SUFFIXES if level == 2 else _COUNTY_SUFFIXES
    for suffix, kind in suffixes:
        if name.endswith(suffix):
            return kind
    return "地级市" if level == 2 else "县"


def _strip_nationalities(stem: str) -> str:
    """``延边朝鲜族`` → ``延边``; ``海西蒙古族藏族`` → ``海西``; repeated from the end."""
    changed = True
    while changed:
        changed = False
        for nation in _NATIONALITIES:
            if stem.endswith(nation + "族") and len(stem) > len(nation) + 2:
                stem, changed = stem[: -len(nation) - 1], True
                break
        else:
            for nation in _BARE_NATIONALITIES:
                if stem.endswith(nation) and len(stem) > len(nation) + 1:
                    stem, changed = stem[: -len(nation)], True
    return stem


def short_name_of(name: str, level: int, kind: str) -> str:
    """The name a report writes without its suffix; the full name when the stem is one character.

    沛县 stays 沛县 and 城区 stays 城区: a one-character stem is not a name anyone writes alone.
    A banner (旗) keeps its 旗 (鄂托克旗 is never 鄂托克), but an autonomous banner drops it.
    """
    if level == 1 and name in PROVINCE_SHORT:
        return PROVINCE_SHORT[name]
    match = _AUTONOMOUS.search(name)
    if match:
        stem = _strip_nationalities(name[: match.start()])
        return stem if len(stem) >= 2 else name
    if kind == "旗":
        return name
    if kind == "林区":
        return name[:-2]
    for suffix in ("特别行政区", "新区", "特区", "地区", "省", "市", "区", "县", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name
