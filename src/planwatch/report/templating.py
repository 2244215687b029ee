"""The Jinja2 environment of the report templates.

The wording of the narrative and the HTML/Markdown layouts live in ``report/templates``; a
DRC can copy a template into a folder of its own, change the words, and pass that folder
(``--templates DIR``): a template found there wins over the bundled one of the same name.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _md_cell(text: str) -> str:
    """A Markdown table cell: pipes escaped, line breaks kept as <br>."""
    return str(text).replace("|", "\\|").replace("\n", "<br>")


@cache
def environment(user_dir: Path | None = None):
    """One environment per template folder; templates are compiled once and cached."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    folders = [str(user_dir)] if user_dir else []
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(folders), FileSystemLoader(str(TEMPLATES))]),
        autoescape=lambda name: name is not None and name.endswith(".html.j2"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["md_cell"] = _md_cell
    return env


def render(name: str, user_dir: Path | None = None, **context) -> str:
    return environment(user_dir).get_template(name).render(**context)
