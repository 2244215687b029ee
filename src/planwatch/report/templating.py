"""The Jinja2 environment of the report templates.

The wording of the narrative and the HTML/Markdown layouts live in ``report/templates``; a
DRC can copy a template into a folder of its own, change the words, and pass that folder
(``--templates DIR``): a template found there wins over the bundled one of the same name.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates"


def md_text(text: object) -> str:
    """Text for Markdown: ``&``, ``<`` and ``>`` as entities, so a phrase that holds markup
    (``<script>``) is shown, never run, where the Markdown becomes HTML."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_cell(text: object) -> Markup:
    """A Markdown table cell: markup escaped, pipes escaped, line breaks kept as <br>."""
    return Markup(md_text(text).replace("|", "\\|").replace("\n", "<br>"))


def _md_finalize(value: object) -> object:
    """Every ``{{ … }}`` of a Markdown template is escaped, unless a filter made it markup."""
    return value if hasattr(value, "__html__") else Markup(md_text(value))


def check_template_folder(folder: Path) -> None:
    """Refuse a ``--templates`` folder that is missing or holds none of the templates' names:
    it would be ignored in silence and the bundled wording used instead."""
    from planwatch.errors import PlanwatchError

    if not folder.is_dir():
        raise PlanwatchError(
            f"模板目录“{folder}”不存在", f"templates folder {folder} does not exist"
        )
    names = sorted(p.name for p in TEMPLATES.glob("*.j2"))
    if not any((folder / name).is_file() for name in names):
        raise PlanwatchError(
            f"模板目录“{folder}”中没有模板（可用的模板文件名：{'、'.join(names)}）",
            f"templates folder {folder} holds no template ({', '.join(names)})",
        )


@cache
def environment(user_dir: Path | None = None, markdown: bool = False):
    """One environment per template folder; templates are compiled once and cached.

    The Markdown one (``markdown``) escapes what every expression prints (``md_text``): a
    ``.md.j2`` template, the bundled one or a DRC's own, cannot pass a phrase's markup through.
    """
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    folders = [str(user_dir)] if user_dir else []
    options: dict = (
        {"autoescape": True, "finalize": _md_finalize}
        if markdown
        else {"autoescape": lambda name: name is not None and name.endswith(".html.j2")}
    )
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(folders), FileSystemLoader(str(TEMPLATES))]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        **options,
    )
    env.filters["md_cell"] = md_cell
    return env


def render(name: str, user_dir: Path | None = None, **context) -> str:
    env = environment(user_dir, markdown=name.endswith(".md.j2"))
    return env.get_template(name).render(**context)
