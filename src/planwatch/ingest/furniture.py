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


_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in FURNITURE))


def is_furniture(line: str) -> bool:
    text = line.strip()
    return bool(text) and len(text) < 120 and bool(_ANY.search(text))


def strip_furniture(lines: list[str]) -> list[str]:
    """The lines with furniture blanked out."""
    return ["" if is_furniture(line) else line for line in lines]
