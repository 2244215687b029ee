"""Generate the reference parts of docs/ from the code, as datasette and sqlite-utils do (cog).

Run: ``python scripts/gen_docs.py`` rewrites every generated block in place;
``python scripts/gen_docs.py --check`` rewrites nothing and exits 1 naming each out-of-date block
with a short diff (tests/test_docs_generated.py runs it in process). ``make docs`` runs it.

A generated block sits between two markers; everything outside them is prose and kept as written::

    <!-- NAME:start (generated from SOURCE) -->
    …
    <!-- NAME:end -->

The blocks (``BLOCKS``):

- ``cli`` (docs/cli.md): every command of the typer app with its help, arguments and options, read
  from the click objects of ``typer.main.get_command(app)``;
- ``exit-codes`` (docs/cli.md): every ``PlanwatchError`` subclass in ``planwatch.errors``, by code;
- ``lint-rules`` (docs/lint.md): the rules ``@rule(code, severity, title)`` put in ``REGISTRY``;
- ``catalogue`` and ``catalogue-patterns`` (docs/catalogue.md): ``CATALOGUE`` and ``PATTERNS``;
- ``families`` (docs/grammar.md §2): the registry ``FAMILIES`` in the order it is tried, each
  family's examples with what ``parse_target`` reads from them;
- ``lexicon`` (docs/grammar.md §2): the lexicon's classes, as ``lexicon_markdown()`` writes them.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HINT = "docs out of date: run python scripts/gen_docs.py"


@dataclass(frozen=True)
class Block:
    name: str
    doc: str  # the Markdown file, relative to the root
    source: str  # what it is generated from, named in its start marker
    render: Callable[[], str]  # the block's Markdown, without the markers

    @property
    def start(self) -> str:
        return f"<!-- {self.name}:start (generated from {self.source}) -->"

    @property
    def end(self) -> str:
        return f"<!-- {self.name}:end -->"

    def pattern(self) -> re.Pattern[str]:
        name = re.escape(self.name)
        return re.compile(rf"<!-- {name}:start\b[^>]*-->.*?<!-- {name}:end -->", re.S)

    def markdown(self) -> str:
        return f"{self.start}\n\n{self.render().strip(chr(10))}\n\n{self.end}"


class MissingBlock(Exception):
    """A doc lacks a block's markers: there is nowhere to write it."""


def cell(text: object) -> str:
    """``text`` as one Markdown table cell: on one line, its pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def code(text: object) -> str:
    return f"`{text}`"


# cli: the typer app, through its click objects.


def _context_class():
    """The ``Context`` of the click the app is built on: typer's vendored copy, or click itself."""
    try:
        from typer._click import Context
    except ImportError:  # a typer that uses click proper
        from click import Context
    return Context


def _commands() -> Iterator[tuple[str, object, object]]:
    """``(path, command, context)`` of the app and of every command under it, in help order."""
    import typer

    from planwatch.cli import app

    context = _context_class()

    def walk(command, path: str, parent) -> Iterator[tuple[str, object, object]]:
        ctx = context(command, info_name=command.name, parent=parent)
        yield path, command, ctx
        if hasattr(command, "list_commands"):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    yield from walk(sub, f"{path} {name}", ctx)

    root = typer.main.get_command(app)
    yield from walk(root, root.name or "planwatch", None)


def _params(command, ctx) -> list:
    return [
        p
        for p in command.get_params(ctx)
        if not getattr(p, "hidden", False) and p.name != "help"  # --help: on every command
    ]


def _is_option(param) -> bool:
    return param.param_type_name == "option"


def _param_name(param) -> str:
    if _is_option(param):
        opts = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
        name = ", ".join(opts)
        if param.secondary_opts:
            name += " / " + ", ".join(param.secondary_opts)
        return name
    name = (param.metavar or param.name).strip("[]").upper()
    return name + ("…" if param.nargs == -1 else "")


def _param_type(param, ctx) -> str:
    """``int``, ``flag``, ``add|list|…`` (a choice), ``int, x>=0`` (a range), ``, repeatable``."""
    if getattr(param, "is_flag", False):
        return "flag"
    if hasattr(param, "display_type"):  # typer's own parameters
        label = param.display_type(ctx).removeprefix("<").removesuffix(">")
    else:
        label = param.type.name
    if label.endswith(" range"):
        low, high = getattr(param, "min", None), getattr(param, "max", None)
        bounds = [f"x>={low}"] if low is not None else []
        bounds += [f"x<={high}"] if high is not None else []
        label = ", ".join([label.removesuffix(" range"), *bounds])
    if (param.multiple or param.nargs == -1) and label.startswith("list[") and label[-1] == "]":
        label = label[5:-1]  # the type of one value: the name says it takes several
    return label + (", repeatable" if param.multiple else "")


def _param_default(param) -> str:
    if param.required:
        return "required"
    if isinstance(param.show_default, str):
        return param.show_default
    if param.show_default is False or callable(param.default):
        return ""  # what --help does not show, nor does this (it may depend on the machine)
    if param.default is None or (getattr(param, "is_flag", False) and param.default is False):
        return ""
    return code(param.default if param.default != "" else '""')


def _synopsis(path: str, command, ctx) -> str:
    pieces = [path]
    params = _params(command, ctx)
    if any(_is_option(p) for p in params):
        pieces.append("[OPTIONS]")
    for param in params:
        if not _is_option(param):
            name = _param_name(param).replace("…", "...")
            pieces.append(name if param.required else f"[{name}]")
    if hasattr(command, "list_commands"):
        pieces.append("COMMAND [ARGS]...")
    return " ".join(pieces)


def _help(command) -> str:
    return inspect.cleandoc(command.help or command.short_help or "")


def cli_markdown() -> str:
    """Every command: a summary table, then per command its synopsis, help and parameters."""
    commands = list(_commands())
    lines = ["| command | what it does |", "|---|---|"]
    for path, command, _ctx in commands[1:]:
        anchor = path.replace(" ", "-")
        first = _help(command).split("\n", 1)[0]
        lines.append(f"| [`{path}`](#{anchor}) | {cell(first)} |")
    for path, command, ctx in commands:
        lines += ["", f"### {path}", "", "```", _synopsis(path, command, ctx), "```", ""]
        lines.append(_help(command))
        if command.epilog:
            lines += ["", inspect.cleandoc(command.epilog)]
        params = _params(command, ctx)
        if params:
            lines += ["", "| argument / option | type | default | help |", "|---|---|---|---|"]
            for param in params:
                row = (
                    code(_param_name(param)),
                    cell(_param_type(param, ctx)),
                    _param_default(param),
                    cell(param.help or ""),
                )
                lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


# exit codes: planwatch.errors.


def exit_codes_markdown() -> str:
    """One row per PlanwatchError class, by exit code, then in the order errors.py defines them."""
    from planwatch import errors

    classes = [
        cls
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.PlanwatchError)
    ]
    classes.sort(key=lambda cls: cls.exit_code)  # stable: definition order within a code
    lines = ["| exit code | error | HTTP | raised when |", "|---|---|---|---|"]
    for cls in classes:
        doc = cell((inspect.getdoc(cls) or "").replace("``", "`"))
        lines.append(f"| {cls.exit_code} | `{cls.__name__}` | {cls.http_status} | {doc} |")
    return "\n".join(lines)


# lint rules: planwatch.lint.REGISTRY.


def lint_rules_markdown() -> str:
    from planwatch.lint import REGISTRY

    lines = ["| code | severity | checks |", "|---|---|---|"]
    for code_ in sorted(REGISTRY):
        rule = REGISTRY[code_]
        severity = f"{rule.severity.value}（{rule.severity.zh}）"
        lines.append(f"| [{code_}](#{code_.lower()}) | {severity} | {cell(rule.title)} |")
    return "\n".join(lines)


# the indicator catalogue: planwatch.phrases.catalogue.


def _direction(direction, reduction: bool) -> str:
    return direction.zh + ("（降低幅度）" if reduction else "")


def catalogue_markdown() -> str:
    from planwatch.phrases.catalogue import CATALOGUE

    lines = ["| indicator | direction | unit | aliases |", "|---|---|---|---|"]
    for entry in CATALOGUE:
        row = (
            cell(entry.name),
            _direction(entry.direction, entry.reduction),
            cell(entry.unit or ""),
            cell("、".join(entry.aliases)),
        )
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def catalogue_patterns_markdown() -> str:
    from planwatch.phrases.catalogue import PATTERNS

    lines = ["| pattern (regular expression on the normalised name) | direction |", "|---|---|"]
    for pattern, direction, reduction in PATTERNS:
        lines.append(f"| {cell(code(pattern.pattern))} | {_direction(direction, reduction)} |")
    return "\n".join(lines)


# the phrase families: planwatch.phrases.families.FAMILIES, and what each example parses to.


def _matched_by(entry, module) -> str:
    """``pattern `SHARE``` (the constant of families.py it compiles) or ``shape `read_numeric```."""
    if hasattr(entry, "pattern"):
        names = sorted(
            name
            for name, value in vars(module).items()
            if name.isupper() and value == entry.pattern.pattern
        )
        return f"pattern `{names[0]}`" if names else "pattern"
    readers = [n for n in entry.read.__code__.co_names if n.startswith("read_")]
    return f"shape `{readers[0]}`" if readers else "shape"


def _reader(entry, module):
    """The function whose docstring says what the family reads: its builder, or its shape."""
    if hasattr(entry, "build"):
        return entry.build
    readers = [n for n in entry.read.__code__.co_names if n.startswith("read_")]
    return getattr(module, readers[0]) if readers else entry.read


def _quantity(quantity) -> str:
    text = quantity.text or f"{abs(quantity.value):g}"
    if quantity.unit and quantity.unit not in text:
        text += quantity.unit
    return ("-" if quantity.value < 0 and not text.startswith("-") else "") + text


def _reading(spec) -> str:
    """``growth, ≥ 5%, trend up``: what a target phrase was read as."""
    parts = [spec.kind.value]
    if spec.value is not None:
        value = _quantity(spec.value)
        if spec.upper is not None:
            parts.append(f"{value} to {_quantity(spec.upper)}")
        else:
            parts.append(f"{spec.comparator.sign} {value}".strip())
    elif spec.comparator.value != "none":
        parts.append(spec.comparator.sign)
    for label, value in (
        ("trend", spec.trend),
        ("reference", spec.reference),
        ("subject", spec.subject),
    ):
        if value is not None:
            parts.append(f"{label} {getattr(value, 'value', value)}")
    return ", ".join(parts)


def families_markdown() -> str:
    """One row per registry entry, in the order they are tried; each example parsed."""
    from planwatch.phrases import families, parse_target

    lines = [
        "| # | family | matched by | what it reads | examples → read as |",
        "|---|---|---|---|---|",
    ]
    for number, entry in enumerate(families.FAMILIES, 1):
        doc = (inspect.getdoc(_reader(entry, families)) or "").split("\n\n", 1)[0]
        examples = "; ".join(
            f"`{example}` → {_reading(parse_target(example))}" for example in entry.examples
        )
        row = (
            str(number),
            f"`{entry.name}`",
            _matched_by(entry, families),
            cell(doc.replace("``", "`")),
            cell(examples),
        )
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


# the lexicon: planwatch.phrases.lexicon writes its own table, with the same markers.


def lexicon_body() -> str:
    from planwatch.phrases.lexicon import DOC_END, DOC_START, lexicon_markdown

    return lexicon_markdown().removeprefix(DOC_START).removesuffix(DOC_END)


CATALOGUE_PY = "src/planwatch/phrases/catalogue.py"
BLOCKS = [
    Block("cli", "docs/cli.md", "src/planwatch/cli", cli_markdown),
    Block("exit-codes", "docs/cli.md", "src/planwatch/errors.py", exit_codes_markdown),
    Block("lint-rules", "docs/lint.md", "src/planwatch/lint", lint_rules_markdown),
    Block("catalogue", "docs/catalogue.md", CATALOGUE_PY, catalogue_markdown),
    Block("catalogue-patterns", "docs/catalogue.md", CATALOGUE_PY, catalogue_patterns_markdown),
    Block("families", "docs/grammar.md", "src/planwatch/phrases/families.py", families_markdown),
    Block("lexicon", "docs/grammar.md", "src/planwatch/phrases/lexicon.toml", lexicon_body),
]


def rewrite(text: str, blocks: list[Block]) -> tuple[str, list[tuple[Block, str, str]]]:
    """``text`` with ``blocks`` regenerated, and ``(block, old, new)`` for each that changed."""
    changed = []
    for block in blocks:
        found = list(block.pattern().finditer(text))
        if len(found) != 1:
            how = "has no" if not found else f"has {len(found)} copies of its"
            raise MissingBlock(f"{block.doc}: block {block.name} {how} markers")
        old, new = found[0].group(0), block.markdown()
        if old != new:
            changed.append((block, old, new))
            text = text[: found[0].start()] + new + text[found[0].end() :]
    return text, changed


def _short_diff(block: Block, old: str, new: str, limit: int = 20) -> list[str]:
    diff = list(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), block.doc, "generated", n=1, lineterm=""
        )
    )
    more = len(diff) - limit
    return diff[:limit] + ([f"… {more} more lines"] if more > 0 else [])


def check(root: Path = ROOT, blocks: list[Block] | None = None) -> list[str]:
    """A message per out-of-date or missing block (with a short diff); empty when all is current."""
    problems: list[str] = []
    blocks = BLOCKS if blocks is None else blocks
    for doc in dict.fromkeys(b.doc for b in blocks):
        path = root / doc
        if not path.is_file():
            problems.append(f"{doc}: missing")
            continue
        text = path.read_text(encoding="utf-8")
        for block in (b for b in blocks if b.doc == doc):
            try:
                _, changed = rewrite(text, [block])
            except MissingBlock as error:
                problems.append(str(error))
                continue
            for _, old, new in changed:
                diff = "\n".join(_short_diff(block, old, new))
                problems.append(f"{doc}: block {block.name} is out of date\n{diff}")
    return problems


def write(root: Path = ROOT, blocks: list[Block] | None = None) -> list[str]:
    """Rewrite every block in place; ``doc: name`` of each one that changed."""
    updated: list[str] = []
    blocks = BLOCKS if blocks is None else blocks
    for doc in dict.fromkeys(b.doc for b in blocks):
        path = root / doc
        text = path.read_text(encoding="utf-8")
        new, changed = rewrite(text, [b for b in blocks if b.doc == doc])
        if changed:
            path.write_text(new, encoding="utf-8")
            updated += [f"{doc}: {block.name}" for block, _, _ in changed]
    return updated


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a block is out of date"
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = check(root)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(HINT, file=sys.stderr)
            return 1
        print(f"docs up to date ({len(BLOCKS)} generated blocks)")
        return 0
    try:
        updated = write(root)
    except MissingBlock as error:
        print(error, file=sys.stderr)
        return 2
    for line in updated:
        print(f"updated {line}")
    if not updated:
        print("docs already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
