"""Control characters out of text at the edge: documents read, and form/API input stored.

A control character (C0 ``U+0000``–``U+001F`` and C1 ``U+007F``–``U+009F``, except tab, line
feed and carriage return) carries no meaning in a plan report or an entered figure, and it
breaks what comes after: XML (Word, Excel) cannot hold it, so every export of the plan fails,
and PostgreSQL refuses a NUL in text. ``strip_controls`` is the one function that removes them;
the readers (``ingest.assemble``) and the store's writers of entered text call it.
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """The text without C0/C1 control characters (tab, ``\\n`` and ``\\r`` are kept)."""
    return CONTROL.sub("", text)


def strip_controls_or_none(text: str | None) -> str | None:
    """``strip_controls`` for an optional field: None stays None."""
    return None if text is None else strip_controls(text)


def control_names(text: str) -> list[str]:
    """The control characters in the text as ``U+0001``, each once, in order of appearance."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in CONTROL.findall(text)))
