"""A corpus of target and actual phrases for the parse-equivalence test (issue 17).

Why: the grammar was made faster without changing any result, so the outputs of the grammar
*before* the work were recorded on this corpus (``tests/fixtures/phrases/parse_outputs.json.gz``,
by ``python tests/parse_corpus.py --record``) and ``tests/test_parse_equivalence.py`` asserts
the current grammar gives the same on every phrase. The corpus is the real phrases typed from
the corpus, every string literal of the phrase and grammar tests, the benchmark's rows, and
phrases generated from the pieces plans use (seeded, so the corpus is the same on every run).
"""

from __future__ import annotations

import ast
import csv
import gzip
import json
import random
import sys
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURE = TESTS / "fixtures" / "phrases" / "parse_outputs.json.gz"
_TEST_FILES = ("test_phrases_*.py", "test_grammar_*.py", "test_numbers.py", "test_assess_*.py")

Case = tuple[str, str, str | None]  # role (target / actual), phrase, unit hint


def _real() -> list[Case]:
    path = TESTS / "fixtures" / "phrases" / "real_phrases.tsv"
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    cases: list[Case] = []
    for row in csv.reader(lines, delimiter="\t"):
        if len(row) >= 4:
            cases.append(("actual" if "actual" in row[1] else "target", row[3], None))
    return cases


def _literals() -> list[str]:
    """Every short string literal of the phrase tests that holds a CJK character or a digit."""
    found: list[str] = []
    for pattern in _TEST_FILES:
        for path in sorted(TESTS.glob(pattern)):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    text = node.value
                    if 0 < len(text) <= 60 and any(c.isdigit() or c >= "\u4e00" for c in text):
                        found.append(text)
    return found


SUBJECTS = ["", "", "总量", "产量", "失业率", "比重", "增速", "居民收入", "粮食产量", "投资"]
VERBS = ["增长", "下降", "提高", "降低", "提升", "新增", "净增", "增加", "减少", "达到", "突破"]
VERBS += ["控制在", "保持在", "不低于", "不超过", "超过", "低于", "高于", "力争", "确保", ""]
MIDDLES = ["", "", "", "到", "至", "约", "不超过", "不低于"]
NUMBERS = ["5", "5.5", "0.3", "12", "150", "1.85", "2024", "-2.6", "1/3", "两", "十二", "1.77:1"]
NUMBERS += ["１２．５", "20,170.45", "3-4", "5至6", "6~7"]
MULTS = ["", "", "", "万", "亿", "万亿", "千", "百"]
UNITS = ["%", "%", "个百分点", "亿元", "万人", "家", "个", "件", "吨", "天", "倍", "成", "年", ""]
UNITS += ["千瓦", "微克/立方米", "人/百亿元", "起", "平方米", "元"]
BOUNDS = ["", "", "以上", "左右", "以内", "以下", "之间", "上下", "内"]
TAILS = ["", "", "", "(新口径)", "(预计)", "（初步统计）", "(按2019年人口数测算)"]
WORDS = ["保持基本稳定", "稳中提质", "完成省下达任务", "与经济增长基本同步", "快于经济增长"]
WORDS += ["稳步降低", "高于上年", "只增不减", "不发生重特大生产安全责任事故", "待省反馈"]
WORDS += ["暂无数据", "年度指标", "完成", "基本完成", "未完成", "预计可以完成", "居全国第7位"]
WORDS += ["占全国比重提升0.1个百分点", "占全省全国比重保持稳定", "较同期基本持平", "保持增长"]
WORDS += ["分别增长5%左右、5%以上", "高于全国12.7个、12个百分点", "争取更好结果", "创历史新高"]
WORDS += ["同口径", "按不变价格计算", "增長5%", "達到1000億元", "居民", "排放", "——", "?", ""]
HINTS = [None, None, None, "%", "亿元", "目标增长(%)", "万人", "增长(%)"]


def _generated(rng: random.Random) -> str:
    """One phrase assembled from the pieces plans print; some nonsense on purpose."""
    roll = rng.random()
    if roll < 0.12:
        return rng.choice(WORDS)
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(MIDDLES), rng.choice(NUMBERS)]
    parts += [rng.choice(MULTS), rng.choice(UNITS), rng.choice(BOUNDS), rng.choice(TAILS)]
    phrase = "".join(parts)
    if roll < 0.3:
        joiner = rng.choice(["，", ",", "、", "；", "并", ""])
        phrase += joiner + (rng.choice(WORDS) if rng.random() < 0.5 else _generated(rng))
    elif roll < 0.36:
        phrase = rng.choice(["预计", "初步统计为", "快报数", "预计全年"]) + phrase
    elif roll < 0.4:
        phrase = " ".join(phrase)  # spaces from PDF
    return phrase


def _bench_rows() -> list[Case]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_assess import build_rows

    cases: list[Case] = []
    for _name, target, actual, hint in build_rows(1500):
        cases += [("target", target, hint), ("actual", actual, hint)]
    return cases


def corpus(generated: int = 3000, seed: int = 17) -> list[Case]:
    """The cases, without duplicates, in a fixed order."""
    rng = random.Random(seed)
    cases = _real() + _bench_rows()
    for text in _literals():
        cases += [("target", text, None), ("actual", text, None)]
    for _ in range(generated):
        phrase = _generated(rng)
        cases.append((rng.choice(["target", "actual"]), phrase, rng.choice(HINTS)))
    return list(dict.fromkeys(cases))


def outputs(cases: list[Case]) -> list[dict[str, Any]]:
    """What the grammar makes of each case, as JSON (uncached parse of every phrase)."""
    from planwatch.phrases import parse_actual, parse_target

    found = []
    for role, phrase, hint in cases:
        parse = parse_target if role == "target" else parse_actual
        spec = parse(phrase, hint)
        found.append(spec.model_dump(mode="json", exclude_none=True))
    return found


def record() -> None:
    """Write the fixture with the grammar as it is now (run only on the reference code)."""
    cases = corpus()
    rows = [[*case, out] for case, out in zip(cases, outputs(cases), strict=True)]
    with gzip.open(FIXTURE, "wt", encoding="utf-8") as handle:
        json.dump(rows, handle, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(rows)} cases written to {FIXTURE}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    if "--record" in sys.argv:
        record()
    else:
        print(len(corpus()), "cases")
