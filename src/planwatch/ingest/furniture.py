"""Site furniture around a report copied from a web page: navigation, 发布时间, 来源, 字号.

Such lines are blanked (not removed, so line numbers in messages stay true) before tables
and metadata are looked for. A new kind of furniture joins ``FURNITURE`` with one line.
"""

from __future__ import annotations

import re

FURNITURE: list[re.Pattern[str]] = [
    re.compile(r"^(首页|主页|当前位置|您现在的位置|您的位置|位置)\s*[:：]?.*[>»＞›]"),
    re.compile(r"^(当前位置|您现在的位置|您的位置)\s*[:：]"),
    re.compile(
        r"^[【\[]?\s*(发布时间|发布日期|成文日期|来源|信息来源|文章来源|作者|浏览次数|阅读次数|"
        r"访问量|点击数|点击量|责任编辑|编辑|索引号|发布机构|主题分类|文号)\s*[:：]"
    ),
    re.compile(r"^[【\[]?\s*(字号|字体)\s*[:：]?\s*[【\[]?\s*[大中小]"),
    re.compile(
        r"^[【\[]?\s*(打印本页|打印|关闭窗口|关闭|收藏|分享到|分享|返回顶部|上一篇|下一篇|"
        r"相关链接|相关阅读|扫一扫)\s*[】\]]?\s*([【\[].*)?$"
    ),
    re.compile(r"(版权所有|ICP备|主办单位|承办单位|网站标识码|网站地图|联系我们|政府网站找错)"),
]


def _union(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")


# The patterns anchored at the start are matched there and the others searched: one search
# of them all tried every anchored pattern again at every character (issue 17: ×5 a line).
_AT_START = _union([p.pattern.removeprefix("^") for p in FURNITURE if p.pattern.startswith("^")])
_ANYWHERE = _union([p.pattern for p in FURNITURE if not p.pattern.startswith("^")])


def is_furniture(line: str) -> bool:
    text = line.strip()
    if not text or len(text) >= 120:
        return False
    return _AT_START.match(text) is not None or _ANYWHERE.search(text) is not None


def strip_furniture(lines: list[str]) -> list[str]:
    """The lines with furniture blanked out."""
    return ["" if is_furniture(line) else line for line in lines]
