"""The generated blocks of docs/ match the code: ``scripts/gen_docs.py --check``, in process."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "gen_docs.py"
spec = importlib.util.spec_from_file_location("gen_docs", SCRIPT)
assert spec and spec.loader
gen_docs = importlib.util.module_from_spec(spec)
sys.modules["gen_docs"] = gen_docs  # dataclasses look their module up there
spec.loader.exec_module(gen_docs)


def test_generated_docs_are_up_to_date():
    problems = gen_docs.check(ROOT)
    assert not problems, "docs out of date: run python scripts/gen_docs.py\n" + "\n".join(problems)


@pytest.fixture
def docs_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


def _tamper(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_tampered_block_is_found_named_and_rewritten(docs_copy, capsys):
    lint = docs_copy / "docs" / "lint.md"
    _tamper(lint, "| [PW402](#pw402) | error（错误） |", "| [PW402](#pw402) | warning（警告） |")
    _tamper(lint, "Human output is a table", "Human output is a TABLE")  # prose: not ours

    [problem] = gen_docs.check(docs_copy)
    assert problem.startswith("docs/lint.md: block lint-rules is out of date")
    assert "-| [PW402](#pw402) | warning（警告） |" in problem
    assert "+| [PW402](#pw402) | error（错误） |" in problem

    assert gen_docs.main(["--check"], root=docs_copy) == 1
    err = capsys.readouterr().err
    assert "lint-rules" in err and gen_docs.HINT in err

    assert gen_docs.main([], root=docs_copy) == 0
    assert gen_docs.check(docs_copy) == []
    assert "Human output is a TABLE" in lint.read_text(encoding="utf-8")
    assert gen_docs.main(["--check"], root=docs_copy) == 0


def test_every_kind_of_block_is_checked(docs_copy):
    tampered = {
        ("cli.md", "| `--dry-run` | flag |", "| `--dry-run` | str |"),
        ("cli.md", "| 11 | `BackupError` |", "| 12 | `BackupError` |"),
        ("catalogue.md", "| 城镇调查失业率 | 上限 |", "| 城镇调查失业率 | 越低越好 |"),
        ("catalogue.md", "| `失业率` | 上限 |", "| `失业率` | 越高越好 |"),
        ("grammar.md", "`不低于` `不少于`", "`不少于` `不低于`"),
        ("grammar.md", "`稳步降低` → direction, trend down", "`稳步降低` → direction, trend up"),
    }
    for doc, old, new in tampered:
        _tamper(docs_copy / "docs" / doc, old, new)
    stale = {re.match(r"(\S+): block (\S+)", p).groups() for p in gen_docs.check(docs_copy)}
    assert stale == {
        ("docs/cli.md", "cli"),
        ("docs/cli.md", "exit-codes"),
        ("docs/catalogue.md", "catalogue"),
        ("docs/catalogue.md", "catalogue-patterns"),
        ("docs/grammar.md", "families"),
        ("docs/grammar.md", "lexicon"),
    }


def test_a_block_without_its_markers_is_reported(docs_copy):
    _tamper(docs_copy / "docs" / "cli.md", "<!-- exit-codes:end -->", "")
    assert gen_docs.check(docs_copy) == ["docs/cli.md: block exit-codes has no markers"]
    assert gen_docs.main([], root=docs_copy) == 2


def test_the_lexicon_block_keeps_the_markers_the_lexicon_module_writes():
    from planwatch.phrases.lexicon import DOC_END, DOC_START, lexicon_markdown

    [block] = [b for b in gen_docs.BLOCKS if b.name == "lexicon"]
    assert (block.start, block.end) == (DOC_START, DOC_END)
    assert block.markdown() == lexicon_markdown()


def test_the_cli_reference_has_every_command_option_and_exit_code():
    from planwatch import errors
    from planwatch.cli import COMMANDS

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        name = command.__name__.replace("_", "-")
        assert f"\n### planwatch {name}\n" in text, name
    for option in ("--dry-run", "--replace", "--period", "-f, --format", "--forwarded-allow-ips"):
        assert f"| `{option}` |" in text, option
    assert "| `--port` | int | `8000` |" in text
    assert "| `ACTION` | add\\|list\\|passwd" in text  # a choice, its pipes escaped
    for cls in vars(errors).values():
        if isinstance(cls, type) and issubclass(cls, errors.PlanwatchError):
            assert f"| {cls.exit_code} | `{cls.__name__}` |" in text, cls.__name__


def test_the_families_block_lists_the_registry_in_the_order_it_is_tried():
    from planwatch.phrases import FAMILIES

    [block] = [b for b in gen_docs.BLOCKS if b.name == "families"]
    rows = re.findall(r"^\| (\d+) \| `(\w+)` \| (pattern|shape) ", block.render(), re.M)
    assert [(int(n), name) for n, name, _ in rows] == [
        (n, f.name) for n, f in enumerate(FAMILIES, 1)
    ]
    assert "`增长5%以上` → growth, ≥ 5%, trend up" in block.render()
    assert "`降幅超过3%` → growth, ≤ -3%, trend down" in block.render()


# The wordings docs/grammar.md names beside the generated families table (prose, not generated):
# each is read by the family the prose puts it under.
PROSE_WORDINGS = [
    ("同经济增长同步", None, "relative_sync"),
    ("低于全省平均水平", None, "relative"),
    ("慢于经济增长", None, "relative"),
    ("达到全国平均水平", None, "relative"),
    ("高于全国0.4个百分点", None, "relative"),
    ("控制在省政府下达的范围之内", None, "external_limit"),
    ("较大事故起数控制在3起以内", None, "event_count"),
    ("增长6%", None, "growth"),
    ("增长5%-6%", None, "growth"),
    ("提高0.5个百分点", None, "growth"),
    ("7左右", "目标增长(%)", "growth"),
    ("新增200家左右", None, "increment"),
    ("新增两家", None, "increment"),
    ("增加150家", None, "increment"),
    ("1.85万家以上", None, "level"),
    ("控制在5.5%以内", None, "level"),
    ("缩小至1.77:1", None, "level"),
    ("保持稳定", None, "qualitative"),
    ("总体稳定", None, "qualitative"),
    ("提质增效", None, "qualitative"),
    ("产量保持稳定", None, "qualitative"),
    ("持续改善", None, "direction"),
    ("净增1500家以上，总量增长10%", None, "compound"),
    ("产量保持稳定，完成省下达粮食播种面积任务", None, "compound"),
]


@pytest.mark.parametrize(("phrase", "hint", "family"), PROSE_WORDINGS)
def test_the_wordings_beside_the_families_table_are_read_by_their_family(phrase, hint, family):
    from planwatch.phrases import parse_target

    assert f"`{phrase}`" in (ROOT / "docs" / "grammar.md").read_text(encoding="utf-8")
    spec = parse_target(phrase, hint)
    assert (spec.family or spec.kind.value) == family, spec


def test_the_readme_links_the_cli_reference():
    assert "[docs/cli.md](docs/cli.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_each_rule_section_opens_with_the_registered_severity_and_title():
    from planwatch.lint import REGISTRY

    text = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    leads = dict(re.findall(r"^## (PW\d{3})\n\n(.*)", text, re.M))
    assert set(leads) == set(REGISTRY)
    for code_, rule in REGISTRY.items():
        assert leads[code_].startswith(f"**{rule.severity.value}** — {rule.title}"), code_


def test_the_output_does_not_depend_on_the_terminal_or_the_directory(tmp_path):
    env = {**os.environ, "COLUMNS": "20", "LINES": "5", "TERM": "dumb", "NO_COLOR": "1"}
    env.pop("PYTHONHASHSEED", None)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
